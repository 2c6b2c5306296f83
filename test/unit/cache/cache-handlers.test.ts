/**
 * The cache's contract channels as the renderer calls them, through the handler table's choke point: answers in
 * the contract's shape with how fresh they are, and inputs outside the contract refused before the cache sees them.
 */
import { describe, expect, it } from 'vitest';
import { cursorKeys } from '../../../main/cache/cache';
import { cacheHandlers } from '../../../main/cache/cache-handlers';
import { createDispatch, type HandlerTable } from '../../../main/ipc/handler-table';
import { customer, message, minute, seedChannels, t0, testCache, unwrap } from './fixtures';

function dispatchOver(now: () => number) {
  const { cache } = testCache({ memory: true, now });
  // Only the cache's channels are under test; the rest of the table is never called here.
  const dispatch = createDispatch(cacheHandlers(cache) as HandlerTable);
  return { cache, dispatch };
}

describe('cache channels', () => {
  it('answers customers:page with a page, its cursor and when the list was last synced', async () => {
    let now = t0;
    const { cache, dispatch } = dispatchOver(() => now);
    unwrap(cache.upsertCustomers([customer(1), customer(2), customer(3)]));
    expect(await dispatch('customers:page', { limit: 2 })).toEqual({
      ok: true,
      value: {
        items: [expect.objectContaining({ id: 'customer-0003' }), expect.objectContaining({ id: 'customer-0002' })],
        nextCursor: { time: t0 + 2 * minute, id: 'customer-0002' },
        freshness: { lastSyncedAt: null },
      },
    });
    now = t0 + 5 * minute;
    unwrap(cache.setCursor(cursorKeys.customerList, 'complete'));
    const next = await dispatch('customers:page', { limit: 2, after: { time: t0 + 2 * minute, id: 'customer-0002' } });
    expect(next).toEqual({
      ok: true,
      value: { items: [expect.objectContaining({ id: 'customer-0001' })], freshness: { lastSyncedAt: t0 + 5 * minute } },
    });
  });

  it("answers messages:window with that conversation's own freshness", async () => {
    let now = t0;
    const { cache, dispatch } = dispatchOver(() => now);
    unwrap(cache.upsertCustomers([customer(1)]));
    unwrap(cache.upsertMessages([message('customer-0001', 'm1', t0)]));
    now = t0 + minute;
    unwrap(cache.setCursor(cursorKeys.history('customer-0001'), String(t0)));
    expect(await dispatch('messages:window', { customerId: 'customer-0001' })).toEqual({
      ok: true,
      value: {
        items: [expect.objectContaining({ key: 'm1' })],
        hasOlder: false,
        hasNewer: false,
        startReached: false,
        freshness: { lastSyncedAt: t0 + minute },
      },
    });
  });

  it('answers inbox:unread with counts per channel', async () => {
    const { cache, dispatch } = dispatchOver(() => t0);
    seedChannels(cache);
    unwrap(cache.upsertCustomers([customer(1)]));
    unwrap(cache.upsertMessages([message('customer-0001', 'm1', t0), message('customer-0001', 'm2', t0 + 1)]));
    expect(await dispatch('inbox:unread', {})).toEqual({ ok: true, value: { messages: 2, conversations: 1, byChannel: { 'channel-sms': 2 } } });
  });

  it.each([
    ['a page larger than 200', 'customers:page', { limit: 201 }],
    ['a cursor without an id', 'customers:page', { after: { time: 5 } }],
    ['a window both before and after a position', 'messages:window', { customerId: 'c', before: { sent: 1, key: 'a' }, after: { sent: 2, key: 'b' } }],
    ['a window without a customer', 'messages:window', { limit: 10 }],
    ['an unknown field', 'inbox:unread', { everything: true }],
  ])('refuses %s as BAD_INPUT', async (_, channel, input) => {
    const { dispatch } = dispatchOver(() => t0);
    expect(await dispatch(channel, input)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('passes storage trouble on as a STORAGE error rather than an empty answer', async () => {
    const { cache, dispatch } = dispatchOver(() => t0);
    cache.close();
    expect(await dispatch('customers:page', {})).toMatchObject({ ok: false, error: { code: 'STORAGE' } });
  });
});
