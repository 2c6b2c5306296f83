/**
 * Channels and events of the outbox: a send is stored before anything leaves and answered at once as an item the
 * thread shows as pending; the agent can retry a failed send or discard it. `outbox:changed` tells of every change
 * of a send's state (and of its removal).
 */
import { z } from 'zod';
import { MessagePayload, OutboxItem, OutboxState } from '../domain';

export const SendRequest = z.strictObject({
  customerId: z.string().min(1),
  /** The agent (channel sender) to send through; by default the one the conversation last used. */
  agentId: z.string().min(1).optional(),
  /** Checked against what the agent's channel type accepts (common/payloads) before it is stored. */
  payload: MessagePayload,
});
export type SendRequest = z.infer<typeof SendRequest>;

const ClientIdInput = z.strictObject({ clientId: z.string().min(1) });

export const maxOutboxListSize = 200;

export const OutboxListQuery = z.strictObject({
  customerId: z.string().min(1).optional(),
  /** The states to list; every state but `sent` by default (sent items only grow). */
  states: z.array(OutboxState).min(1).optional(),
  limit: z.number().int().min(1).max(maxOutboxListSize).default(50),
});
export type OutboxListQuery = z.infer<typeof OutboxListQuery>;

export const outboxChannels = {
  'outbox:send': { input: SendRequest, output: OutboxItem },
  /** Queues a failed (or unknown) send again, now. */
  'outbox:retry': { input: ClientIdInput, output: OutboxItem },
  /** Removes a failed send and its pending message from the thread. */
  'outbox:discard': { input: ClientIdInput, output: z.strictObject({ clientId: z.string() }) },
  /** Oldest first. */
  'outbox:list': { input: OutboxListQuery, output: z.array(OutboxItem) },
} as const;

export const OutboxChange = z.object({
  customerId: z.string(),
  clientId: z.string(),
  /** The send as it is now; null once it was discarded. */
  item: OutboxItem.nullable(),
});
export type OutboxChange = z.infer<typeof OutboxChange>;

export const outboxEvents = {
  'outbox:changed': OutboxChange,
} as const;
