/**
 * `conversation:mark-read` as the renderer calls it: the unread count drops to what is newer than the position
 * the agent saw (by time or by message key), every list is told to re-read that customer, and a bad position or
 * an unknown customer comes back as an error value with nothing changed.
 */
import { describe, expect, it } from 'vitest';
import { conversationHandlers } from '../../../main/conversation/conversation-handlers';
import { EventBus } from '../../../main/ipc/event-bus';
import { createDispatch, type HandlerTable } from '../../../main/ipc/handler-table';
import { customer, message, seedChannels, t0, testCache, unwrap } from '../cache/fixtures';
import { FakeRemote } from '../sync/fake-remote';

function setUp() {
  const { cache } = testCache({ memory: true });
  seedChannels(cache);
  unwrap(cache.upsertCustomers([customer(1)]));
  unwrap(
    cache.upsertMessages([
      message('customer-0001', 'm1', t0),
      message('customer-0001', 'm2', t0 + 1_000),
      message('customer-0001', 'm3', t0 + 2_000),
    ]),
  );
  const events = new EventBus();
  const changed: unknown[] = [];
  events.subscribe((event, payload) => {
    if (event === 'customers:changed') changed.push(payload);
  });
  // Only the conversation channel is under test; the rest of the table is never called here.
  const dispatch = createDispatch(conversationHandlers(cache, events, new FakeRemote(() => t0)) as HandlerTable);
  return { cache, dispatch, changed };
}

describe('conversation:mark-read', () => {
  it('clears every unread message when no position is given, and tells the lists', async () => {
    const { cache, dispatch, changed } = setUp();
    expect(unwrap(cache.getCustomer('customer-0001'))?.unreadCount).toBe(3);
    expect(await dispatch('conversation:mark-read', { customerId: 'customer-0001' })).toEqual({ ok: true, value: { unreadCount: 0 } });
    expect(unwrap(cache.getCustomer('customer-0001'))?.unreadCount).toBe(0);
    expect(changed).toEqual([{ ids: ['customer-0001'] }]);
  });

  it('leaves messages newer than the time the agent saw unread', async () => {
    const { dispatch } = setUp();
    expect(await dispatch('conversation:mark-read', { customerId: 'customer-0001', through: t0 + 1_000 })).toEqual({
      ok: true,
      value: { unreadCount: 1 },
    });
  });

  it('reads a message key as that message’s time', async () => {
    const { dispatch } = setUp();
    expect(await dispatch('conversation:mark-read', { customerId: 'customer-0001', through: 'm1' })).toEqual({
      ok: true,
      value: { unreadCount: 2 },
    });
  });

  it('never moves read state back: an older position after a newer one changes nothing', async () => {
    const { dispatch } = setUp();
    await dispatch('conversation:mark-read', { customerId: 'customer-0001', through: 'm3' });
    expect(await dispatch('conversation:mark-read', { customerId: 'customer-0001', through: 'm1' })).toEqual({
      ok: true,
      value: { unreadCount: 0 },
    });
  });

  it('answers NOT_FOUND for a message key this conversation does not hold, and announces nothing', async () => {
    const { cache, dispatch, changed } = setUp();
    expect(await dispatch('conversation:mark-read', { customerId: 'customer-0001', through: 'no-such-message' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(unwrap(cache.getCustomer('customer-0001'))?.unreadCount).toBe(3);
    expect(changed).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown customer', async () => {
    const { dispatch, changed } = setUp();
    expect(await dispatch('conversation:mark-read', { customerId: 'customer-9999' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(changed).toEqual([]);
  });

  it('refuses a negative time before the cache sees it', async () => {
    const { dispatch } = setUp();
    expect(await dispatch('conversation:mark-read', { customerId: 'customer-0001', through: -5 })).toMatchObject({ ok: false });
  });
});
