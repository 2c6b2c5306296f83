/**
 * Reconciling a send whose answer was lost, against a scripted history: only our agent's outgoing message with the
 * payload counts as our copy, and the send's time is read on the service's clock (its Date headers' offset), so
 * a clock minutes ahead or behind ours neither loses the send nor sends it twice.
 */
import { describe, expect, it } from 'vitest';
import type { MessageOrigin, MessageRecord, OutboxItem } from '../../../common/domain';
import { ok } from '../../../common/result';
import { reconcileSend, type ReconcileOptions } from '../../../main/outbox/reconcile';
import type { Remote } from '../../../main/remote/remote';

const MINUTE_MS = 60_000;
const QUEUED_AT = Date.UTC(2026, 11, 6, 10, 0, 0);
const OUR_AGENT = 'agent-ours';
const WORDS = { type: 'TEXT', text: 'Your refund was approved' };
const options: ReconcileOptions = { clockSkewMs: 2 * MINUTE_MS, pageSize: 50, maxPages: 10 };

const send: OutboxItem = {
  clientId: 'client-1',
  customerId: 'customer-1',
  agentId: OUR_AGENT,
  channelType: 'SMS',
  payload: WORDS,
  state: 'unknown',
  attempts: 1,
  nextAttemptAt: QUEUED_AT,
  lastError: null,
  messageId: null,
  createdAt: QUEUED_AT,
};

let nextId = 1;
function message(sent: number, fields: { origin?: MessageOrigin; agentId?: string; payload?: MessageRecord['payload'] } = {}): MessageRecord {
  return {
    messageId: `m-${nextId++}`,
    customerId: send.customerId,
    agentId: fields.agentId ?? OUR_AGENT,
    origin: fields.origin ?? 'AGENT',
    status: 'SENT',
    sent,
    modified: null,
    payload: fields.payload ?? WORDS,
  };
}

/** A service holding `messages`, whose clock is `offsetMs` from ours (undefined: it sends no Date header). */
function service(messages: MessageRecord[], offsetMs: number | undefined): Remote {
  const newestFirst = [...messages].sort((a, b) => b.sent - a.sent);
  const unused = () => Promise.reject(new Error('not used by reconciling'));
  return {
    customers: unused,
    channels: unused,
    send: unused,
    history: async (_customerId, { offset, limit }) =>
      ok({ items: newestFirst.slice(offset, offset + limit), total: newestFirst.length, skipped: 0 }),
    serverClockOffsetMs: () => offsetMs,
  };
}

async function verdict(messages: MessageRecord[], offsetMs: number | undefined = 0): Promise<unknown> {
  const result = await reconcileSend(service(messages, offsetMs), send, new Set(), options);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('what counts as our copy', () => {
  it('not a customer’s message with the very same words, even through our agent', async () => {
    expect(await verdict([message(QUEUED_AT + 5_000, { origin: 'CUSTOMER' })])).toBe('absent');
  });

  it('not a chatbot’s or a broadcast’s message with the same words', async () => {
    expect(await verdict([message(QUEUED_AT + 5_000, { origin: 'BOT' })])).toBe('absent');
    expect(await verdict([message(QUEUED_AT + 5_000, { origin: 'BROADCAST' })])).toBe('absent');
  });

  it('not the same words sent through another agent', async () => {
    expect(await verdict([message(QUEUED_AT + 5_000, { agentId: 'agent-other' })])).toBe('absent');
  });

  it('our agent’s outgoing message with the payload, found among the customer’s identical words', async () => {
    const ours = message(QUEUED_AT + 4_000);
    expect(await verdict([message(QUEUED_AT + 5_000, { origin: 'CUSTOMER' }), ours, message(QUEUED_AT + 6_000, { origin: 'CUSTOMER' })])).toEqual({
      found: ours.messageId,
    });
  });
});

describe('the service’s clock', () => {
  it('10 minutes behind ours: our copy, stamped 10 minutes before we queued it, is found (no second copy)', async () => {
    const behind = -10 * MINUTE_MS;
    const ours = message(QUEUED_AT + behind + 3_000);
    expect(await verdict([message(QUEUED_AT + behind - 60 * MINUTE_MS, { payload: { type: 'TEXT', text: 'earlier' } }), ours], behind)).toEqual({
      found: ours.messageId,
    });
  });

  it('10 minutes ahead of ours: the same words our agent sent 8 minutes before the send are not taken for it (no lost send)', async () => {
    const ahead = 10 * MINUTE_MS;
    const earlier = message(QUEUED_AT + ahead - 8 * MINUTE_MS);
    expect(await verdict([earlier], ahead)).toBe('absent');
    const ours = message(QUEUED_AT + ahead + 2_000);
    expect(await verdict([earlier, ours], ahead)).toEqual({ found: ours.messageId });
  });

  it('unknown (no Date header yet): ours, give or take the margin', async () => {
    expect(await verdict([message(QUEUED_AT - MINUTE_MS)], undefined)).toEqual({ found: expect.any(String) });
    expect(await verdict([message(QUEUED_AT - 3 * MINUTE_MS)], undefined)).toBe('absent');
  });

  it('reads the offset again after each page: the history’s own answers measure the clock', async () => {
    const behind = -10 * MINUTE_MS;
    const ours = message(QUEUED_AT + behind + 3_000);
    let measured: number | undefined;
    const remote = service([ours], behind);
    const first = remote.history;
    const measuring: Remote = {
      ...remote,
      history: async (...args) => {
        measured = behind;
        return first(...args);
      },
      serverClockOffsetMs: () => measured,
    };
    expect(await reconcileSend(measuring, send, new Set(), options)).toEqual({ ok: true, value: { found: ours.messageId } });
  });
});
