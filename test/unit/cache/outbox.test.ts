/**
 * The outbox's storage: a send is stored with its pending message before anything leaves, survives a restart,
 * is handed out one at a time per customer in the order it was queued, and once the server names it, the thread
 * shows it exactly once even when sync stored the server's copy first.
 */
import { describe, expect, it } from 'vitest';
import type { NewSend } from '../../../main/cache/cache';
import { customer, message, minute, t0, testCache, unwrap } from './fixtures';

const maria = customer(1, { lastMessageTime: t0 - 10 * minute });
const bob = customer(2, { lastMessageTime: t0 - 20 * minute });

function send(clientId: string, customerId = maria.id, text = `text of ${clientId}`): NewSend {
  return { clientId, customerId, agentId: 'agent-sms', channelType: 'SMS', payload: { type: 'TEXT', text } };
}

/** A cache whose clock the test moves. */
function outboxCache() {
  let now = t0;
  const opened = testCache({ now: () => now });
  unwrap(opened.cache.upsertCustomers([maria, bob]));
  return { ...opened, advance: (ms: number) => (now += ms), now: () => now };
}

describe('queueing a send', () => {
  it('stores the send and shows it at once in the thread as pending, at the top of the list', () => {
    const { cache } = outboxCache();
    unwrap(cache.upsertMessages([message(maria.id, 'in-1', t0 - minute)]));
    expect(unwrap(cache.enqueueSend(send('client-1', maria.id, 'On its way')))).toMatchObject({
      clientId: 'client-1',
      state: 'queued',
      attempts: 0,
      nextAttemptAt: t0,
      messageId: null,
      lastError: null,
      createdAt: t0,
    });
    const thread = unwrap(cache.messageWindow({ customerId: maria.id, limit: 10 })).items;
    expect(thread.map((item) => [item.key, item.origin, item.status, item.outbox?.state])).toEqual([
      ['in-1', 'CUSTOMER', 'DELIVERED', undefined],
      ['client-1', 'AGENT', 'CREATED', 'queued'],
    ]);
    expect(unwrap(cache.customerPage({ limit: 1 })).items[0]).toMatchObject({ id: maria.id, lastMessagePreview: 'On its way' });
  });

  it('refuses a send to a customer the cache does not hold, and stores nothing', () => {
    const { cache } = outboxCache();
    const queued = cache.enqueueSend(send('client-1', 'nobody'));
    expect(queued.ok ? undefined : queued.error.code).toBe('NOT_FOUND');
    expect(unwrap(cache.listSends())).toEqual([]);
  });

  it('keeps queued sends across a restart', () => {
    const { cache, file } = outboxCache();
    unwrap(cache.enqueueSend(send('client-1')));
    unwrap(cache.enqueueSend(send('client-2')));
    cache.close();
    const { cache: reopened } = testCache({ file });
    expect(unwrap(reopened.listSends()).map((item) => [item.clientId, item.state])).toEqual([
      ['client-1', 'queued'],
      ['client-2', 'queued'],
    ]);
    expect(unwrap(reopened.messageWindow({ customerId: maria.id, limit: 10 })).items.map((item) => item.key)).toEqual(['client-1', 'client-2']);
  });
});

describe('claiming sends', () => {
  it("hands out one customer's sends in queue order, one at a time", () => {
    const { cache } = outboxCache();
    unwrap(cache.enqueueSend(send('client-1')));
    unwrap(cache.enqueueSend(send('client-2')));
    unwrap(cache.enqueueSend(send('client-b', bob.id)));
    expect(unwrap(cache.claimNextSend(maria.id))).toMatchObject({ clientId: 'client-1', state: 'sending', attempts: 1 });
    // While the first is on the wire, the second waits.
    expect(unwrap(cache.claimNextSend(maria.id))).toBeNull();
    // Another customer's queue is independent.
    expect(unwrap(cache.claimNextSend(bob.id))?.clientId).toBe('client-b');
    unwrap(cache.updateSend('client-1', { state: 'sent', messageId: 'server-1' }));
    expect(unwrap(cache.claimNextSend(maria.id))?.clientId).toBe('client-2');
  });

  it('holds later sends behind one whose outcome is unknown, until it is reconciled', () => {
    const { cache } = outboxCache();
    unwrap(cache.enqueueSend(send('client-1')));
    unwrap(cache.enqueueSend(send('client-2')));
    unwrap(cache.claimNextSend(maria.id));
    unwrap(cache.updateSend('client-1', { state: 'unknown', lastError: { code: 'UNKNOWN_OUTCOME', message: 'timed out', retryable: true } }));
    expect(unwrap(cache.claimNextSend(maria.id))).toBeNull();
    unwrap(cache.updateSend('client-1', { state: 'sent', messageId: 'server-1' }));
    expect(unwrap(cache.claimNextSend(maria.id))?.clientId).toBe('client-2');
  });

  it('waits for a retry time, counts attempts, and lets a failed send wait for the agent without blocking the rest', () => {
    const { cache, advance } = outboxCache();
    unwrap(cache.enqueueSend(send('client-1')));
    unwrap(cache.enqueueSend(send('client-2')));
    unwrap(cache.claimNextSend(maria.id));
    const error = { code: 'SERVER', message: '503 from the service', retryable: true };
    unwrap(cache.updateSend('client-1', { state: 'queued', nextAttemptAt: t0 + 30_000, lastError: error }));
    expect(unwrap(cache.claimNextSend(maria.id))).toBeNull();
    advance(30_000);
    expect(unwrap(cache.claimNextSend(maria.id))).toMatchObject({ clientId: 'client-1', attempts: 2, lastError: error });

    const refused = { code: 'VALIDATION', message: 'text too long', retryable: false };
    unwrap(cache.updateSend('client-1', { state: 'failed', lastError: refused }));
    const thread = unwrap(cache.messageWindow({ customerId: maria.id, limit: 10 })).items;
    expect(thread[0]?.outbox).toEqual({ state: 'failed', lastError: refused });
    expect(unwrap(cache.claimNextSend(maria.id))?.clientId).toBe('client-2');

    // The agent retries: the failed send is due again and keeps its place in the customer's order.
    unwrap(cache.updateSend('client-2', { state: 'sent', messageId: 'server-2' }));
    unwrap(cache.updateSend('client-1', { state: 'queued', nextAttemptAt: t0, lastError: null }));
    expect(unwrap(cache.claimNextSend(maria.id))).toMatchObject({ clientId: 'client-1', attempts: 3, lastError: null });
  });

  it('reports an update to a send the outbox does not hold as not found', () => {
    const { cache } = outboxCache();
    const updated = cache.updateSend('client-404', { state: 'sent' });
    expect(updated.ok ? undefined : updated.error.code).toBe('NOT_FOUND');
  });
});

describe('a send the server has named', () => {
  it('keeps its client id as the thread key when sync brings the server copy afterwards', () => {
    const { cache } = outboxCache();
    unwrap(cache.enqueueSend(send('client-1', maria.id, 'hello')));
    unwrap(cache.claimNextSend(maria.id));
    unwrap(cache.updateSend('client-1', { state: 'sent', messageId: 'server-1' }));
    const synced = unwrap(
      cache.upsertMessages([message(maria.id, 'server-1', t0 + 5_000, { origin: 'AGENT', status: 'DELIVERED', payload: { type: 'TEXT', text: 'hello' } })]),
    );
    expect(synced).toEqual({ created: [], changed: ['client-1'], byCustomer: { [maria.id]: ['client-1'] } });
    const thread = unwrap(cache.messageWindow({ customerId: maria.id, limit: 10 })).items;
    expect(thread.map((item) => [item.key, item.messageId, item.status, item.outbox?.state])).toEqual([
      ['client-1', 'server-1', 'DELIVERED', 'sent'],
    ]);
  });

  it('merges a server copy that sync stored before the send learned its id, so the message shows once', () => {
    const { cache } = outboxCache();
    unwrap(cache.enqueueSend(send('client-1', maria.id, 'hello')));
    unwrap(cache.claimNextSend(maria.id));
    // The response was lost; sync found the message in the history first.
    unwrap(cache.upsertMessages([message(maria.id, 'server-1', t0 + 2_000, { origin: 'AGENT', status: 'SENT', payload: { type: 'TEXT', text: 'hello' } })]));
    expect(unwrap(cache.messageWindow({ customerId: maria.id, limit: 10 })).items).toHaveLength(2);

    unwrap(cache.updateSend('client-1', { state: 'sent', messageId: 'server-1' }));
    const thread = unwrap(cache.messageWindow({ customerId: maria.id, limit: 10 })).items;
    expect(thread.map((item) => [item.key, item.messageId, item.status, item.sent])).toEqual([['client-1', 'server-1', 'SENT', t0 + 2_000]]);
    expect(unwrap(cache.searchMessages({ text: 'hello', limit: 10 })).map((item) => item.key)).toEqual(['client-1']);
    expect(unwrap(cache.getSend('client-1'))).toMatchObject({ state: 'sent', messageId: 'server-1' });
  });
});

describe('discarding a send', () => {
  it('takes its search row along, so a later message given the same local id is not found by the discarded words', () => {
    const { cache } = outboxCache();
    unwrap(cache.enqueueSend(send('client-1', maria.id, 'kiwi pudding')));
    unwrap(cache.discardSend('client-1'));
    unwrap(cache.upsertMessages([message(bob.id, 'b-1', t0, { payload: { type: 'TEXT', text: 'apple pie' } })]));
    expect(unwrap(cache.searchMessages({ text: 'kiwi', limit: 10 }))).toEqual([]);
  });
});
