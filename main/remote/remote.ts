/**
 * The 2-Way service as the sync engine and the outbox use it: a handful of calls that answer the cache's records
 * rather than the API's shapes. `apiRemote` implements it over the typed client (the session); unit tests script
 * it directly, so the engine's timing and stop rules are checked without a server.
 */
import { listOrder } from '../../common/api-decisions';
import type { Agent, Channel, CustomerRecord, MessageRecord } from '../../common/domain';
import { sendOperationByChannel, type SendableChannelType, type SendPayload } from '../../common/payloads';
import { z } from 'zod';
import { parseUnknown } from '../../common/parse';
import { ok, type Result } from '../../common/result';
import type { Api, UntypedCallArgs } from '../api/client';
import type { OperationId } from '../api/operations';
import { channelRecords, customerRecord, messageRecord } from './map-api';

export interface Page<T> {
  items: T[];
  /** How many the server holds in all (for paging). */
  total: number;
  /** Items the server sent that could not be mapped (see map-api); they are skipped, not invented. */
  skipped: number;
}

export interface PageRequest {
  offset: number;
  limit: number;
  signal?: AbortSignal;
}

export interface Remote {
  /** Customers, most recent conversation first. */
  customers(request: PageRequest): Promise<Result<Page<CustomerRecord>>>;
  /** One customer's messages, newest first. */
  history(customerId: string, request: PageRequest): Promise<Result<Page<MessageRecord>>>;
  /** Every channel with its agents. */
  channels(signal?: AbortSignal): Promise<Result<{ channels: Channel[]; agents: Agent[] }>>;
  send(request: {
    channelType: SendableChannelType;
    agentId: string;
    customerNumber: string;
    payload: SendPayload;
    signal?: AbortSignal;
  }): Promise<Result<{ messageId: string }>>;
  /** The service's clock minus ours, from its latest answer's Date header (main/api/client.ts); unknown before one. */
  serverClockOffsetMs?(): number | undefined;
}

/** The customer list sorted by `last_message_time` descending: field name from line 1793, `-1` per api-decisions. */
const newestConversationFirst = { sort: 'last_message_time', order: listOrder('descending') } as const;
/** History newest first: `sort` defaults to `sent` and `order` to -1 (lines 3273-3274); said explicitly anyway. */
const newestMessageFirst = { sort: 'sent', order: listOrder('descending') } as const;
const channelsPageSize = 100;

function signalArg(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}

/** Anything that calls the API: the session (the signed-in account) or a bare client. */
export type CallsApi = Api & { callUntyped(id: OperationId, args: UntypedCallArgs): Promise<Result<unknown>> };

const SentMessage = z.looseObject({ message_id: z.string().min(1) });

export function apiRemote(api: CallsApi): Remote {
  return {
    serverClockOffsetMs: () => api.serverClockOffsetMs?.(),

    async customers({ offset, limit, signal }) {
      const answer = await api.call('customers.list', {
        query: { offset, limit, ...newestConversationFirst },
        ...signalArg(signal),
      });
      if (!answer.ok) return answer;
      return ok({ items: answer.value.customers.map(customerRecord), total: answer.value.total, skipped: 0 });
    },

    async history(customerId, { offset, limit, signal }) {
      const answer = await api.call('messages.history', {
        path: { identifier: customerId },
        query: { offset, limit, ...newestMessageFirst },
        ...signalArg(signal),
      });
      if (!answer.ok) return answer;
      const items = answer.value.messages.map((message) => messageRecord(message, customerId));
      const mapped = items.filter((item): item is MessageRecord => item !== null);
      return ok({ items: mapped, total: answer.value.total, skipped: items.length - mapped.length });
    },

    async channels(signal) {
      const channels: Channel[] = [];
      const agents: Agent[] = [];
      for (let offset = 0; ; ) {
        const answer = await api.call('channels.list', { query: { offset, limit: channelsPageSize }, ...signalArg(signal) });
        if (!answer.ok) return answer;
        const page = answer.value;
        for (const records of page.channels.map(channelRecords)) {
          if (!records) continue;
          channels.push(records.channel);
          agents.push(...records.agents);
        }
        offset += page.channels.length;
        if (page.channels.length === 0 || offset >= page.total) return ok({ channels, agents });
      }
    },

    async send({ channelType, agentId, customerNumber, payload, signal }) {
      // The six send operations differ only in path and payload schema; the client checks the body against the
      // operation's schema either way, so the call is made untyped rather than spelt out six times.
      const answer = await api.callUntyped(sendOperationByChannel[channelType], {
        path: { agent_id: agentId },
        body: { customerNumber, payload },
        ...signalArg(signal),
      });
      if (!answer.ok) return answer;
      const sent = parseUnknown(SentMessage, answer.value, { code: 'BAD_RESPONSE', what: `answer to ${sendOperationByChannel[channelType]}` });
      return sent.ok ? ok({ messageId: sent.value.message_id }) : sent;
    },
  };
}
