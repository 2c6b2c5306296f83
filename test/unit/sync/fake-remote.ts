/**
 * A scripted 2-Way service behind the Remote interface: customers and histories held in memory, newest first the
 * way the real service sorts them, every call recorded, and failures or a held gate injected on demand.
 */
import type { Agent, Channel, CustomerRecord, MessageOrigin, MessagePayload, MessageRecord, MessageStatus } from '../../../common/domain';
import { ok, type InboxError, type Result } from '../../../common/result';
import type { Page, PageRequest, Remote } from '../../../main/remote/remote';

export interface RemoteCall {
  operation: 'customers' | 'history' | 'channels' | 'send';
  customerId?: string;
  offset?: number;
  limit?: number;
}

export const channel: Channel = { id: 'channel-sms', type: 'SMS', name: 'SMS USA', status: 'ACTIVE', created: 1, modified: 1 };
export const agent: Agent = { id: 'agent-1', channelId: channel.id, label: '+15550001', created: 1, modified: 1 };

export class FakeRemote implements Remote {
  readonly customerList: CustomerRecord[] = [];
  readonly histories = new Map<string, MessageRecord[]>();
  readonly calls: RemoteCall[] = [];
  /** Each call takes the first of these, if any, and fails with it. */
  readonly failures: InboxError[] = [];
  /** While set, calls wait for it (to see how many are in flight at once). */
  gate: Promise<void> | undefined;
  inFlight = 0;
  maxInFlight = 0;
  #nextId = 1;

  constructor(private readonly now: () => number) {}

  addCustomer(id: string, messages = 0): CustomerRecord {
    const customer: CustomerRecord = {
      id,
      name: `Customer ${id}`,
      phone: `1555${String(this.customerList.length).padStart(7, '0')}`,
      country: 'US',
      subscriptions: { [agent.id]: true },
      chatbotEnabled: {},
      created: 1,
      modified: 1,
      lastMessageTime: null,
    };
    this.customerList.push(customer);
    this.histories.set(id, []);
    for (let index = 0; index < messages; index += 1) this.addMessage(id, { text: `hello ${index}`, sent: this.now() - (messages - index) * 1000 });
    return customer;
  }

  addMessage(
    customerId: string,
    message: { text?: string; payload?: MessagePayload; origin?: MessageOrigin; status?: MessageStatus; sent?: number },
  ): MessageRecord {
    const record: MessageRecord = {
      messageId: `m-${this.#nextId++}`,
      customerId,
      agentId: agent.id,
      origin: message.origin ?? 'CUSTOMER',
      status: message.status ?? 'DELIVERED',
      sent: message.sent ?? this.now(),
      modified: null,
      payload: message.payload ?? { type: 'TEXT', text: message.text ?? '' },
    };
    const history = this.histories.get(customerId) ?? [];
    history.push(record);
    history.sort((a, b) => a.sent - b.sent);
    this.histories.set(customerId, history);
    const customer = this.customerList.find((candidate) => candidate.id === customerId);
    if (customer) customer.lastMessageTime = Math.max(customer.lastMessageTime ?? 0, record.sent);
    return record;
  }

  setStatus(messageId: string, status: MessageStatus): void {
    for (const history of this.histories.values()) {
      const message = history.find((candidate) => candidate.messageId === messageId);
      if (message) message.status = status;
    }
  }

  count(operation: RemoteCall['operation'], customerId?: string): number {
    return this.calls.filter((call) => call.operation === operation && (customerId === undefined || call.customerId === customerId)).length;
  }

  async customers(request: PageRequest): Promise<Result<Page<CustomerRecord>>> {
    return this.#answer({ operation: 'customers', offset: request.offset, limit: request.limit }, request.signal, () => {
      const sorted = [...this.customerList].sort(
        (a, b) => (b.lastMessageTime ?? 0) - (a.lastMessageTime ?? 0) || (a.id < b.id ? 1 : -1),
      );
      const items = sorted.slice(request.offset, request.offset + request.limit).map((customer) => ({ ...customer }));
      return { items, total: sorted.length, skipped: 0 };
    });
  }

  async history(customerId: string, request: PageRequest): Promise<Result<Page<MessageRecord>>> {
    return this.#answer({ operation: 'history', customerId, offset: request.offset, limit: request.limit }, request.signal, () => {
      const newestFirst = [...(this.histories.get(customerId) ?? [])].reverse();
      const items = newestFirst.slice(request.offset, request.offset + request.limit).map((message) => ({ ...message }));
      return { items, total: newestFirst.length, skipped: 0 };
    });
  }

  async channels(signal?: AbortSignal): Promise<Result<{ channels: Channel[]; agents: Agent[] }>> {
    return this.#answer({ operation: 'channels' }, signal, () => ({ channels: [channel], agents: [agent] }));
  }

  /**
   * What the next sends do: 'ok'; an error the service answers without acting (4xx, 429, 5xx before the handler);
   * or 'lost', the service acting and the answer never arriving (UNKNOWN_OUTCOME).
   */
  readonly sendOutcomes: ('ok' | 'lost' | InboxError)[] = [];

  async send(request: Parameters<Remote['send']>[0]): Promise<Result<{ messageId: string }>> {
    const customer = this.customerList.find((candidate) => candidate.phone === request.customerNumber);
    return this.#answer({ operation: 'send', ...(customer ? { customerId: customer.id } : {}) }, request.signal, () => {
      const outcome = this.sendOutcomes.shift() ?? 'ok';
      if (typeof outcome === 'object') return { ok: false, error: outcome } as const;
      if (!customer) return { ok: false, error: { code: 'VALIDATION', message: 'Invalid customerNumber', retryable: false } } as const;
      const message = this.addMessage(customer.id, { payload: request.payload, origin: 'AGENT', status: 'SENT' });
      if (outcome === 'lost') {
        return { ok: false, error: { code: 'UNKNOWN_OUTCOME', message: 'The request was cut off after it was sent', retryable: false } } as const;
      }
      return ok({ messageId: message.messageId });
    }).then((answer) => (answer.ok ? answer.value : answer));
  }

  /** The messages agents sent to this customer, as the service holds them. */
  outgoing(customerId: string): MessageRecord[] {
    return (this.histories.get(customerId) ?? []).filter((message) => message.origin === 'AGENT');
  }

  async #answer<T>(call: RemoteCall, signal: AbortSignal | undefined, answer: () => T): Promise<Result<T>> {
    this.calls.push(call);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.gate) await this.gate;
      if (signal?.aborted) return { ok: false, error: { code: 'CANCELLED', message: 'cancelled', retryable: false } };
      const failure = this.failures.shift();
      if (failure) return { ok: false, error: failure };
      return ok(answer());
    } finally {
      this.inFlight -= 1;
    }
  }
}
