/**
 * `conversation:load-older` against a scripted service: pages older than the cache holds come into the cache at the
 * offset the cache's own count gives, the start is claimed only on the service's `total` and remembered across a
 * restart, a message the service no longer lists leaves no gap, our unsent messages do not shift the offset, and a
 * service out of reach answers an error with nothing marked.
 */
import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../../common/domain';
import { inMemory, openCache, type Cache } from '../../../main/cache/cache';
import { conversationHandlers } from '../../../main/conversation/conversation-handlers';
import { DeletedCustomers } from '../../../main/customers/deleted-customers';
import { loadOlderHistory } from '../../../main/conversation/older-history';
import { EventBus } from '../../../main/ipc/event-bus';
import type { Remote } from '../../../main/remote/remote';
import { createDispatch, type HandlerTable } from '../../../main/ipc/handler-table';
import { SyncEngine } from '../../../main/sync/sync-engine';
import { tempDir, unwrap } from '../cache/fixtures';
import { agent, channel, FakeRemote } from '../sync/fake-remote';
import { join } from 'node:path';

const now = Date.UTC(2025, 0, 10, 12);
const maria = 'customer-maria';

/** A service holding `count` messages with Maria, and a cache holding the newest `cached` of them (as sync leaves it). */
function world(count: number, cached: number, file: string = inMemory) {
  const remote = new FakeRemote(() => now);
  const record = remote.addCustomer(maria, count);
  const cache = unwrap(openCache({ file, now: () => now }));
  unwrap(cache.replaceChannels([channel], [agent]));
  unwrap(cache.upsertCustomers([record]));
  unwrap(cache.upsertMessages(newestOf(remote, cached)));
  remote.calls.length = 0;
  return { remote, cache };
}

function newestOf(remote: FakeRemote, count: number): MessageRecord[] {
  return (remote.histories.get(maria) ?? []).slice(-count);
}

function cachedIds(cache: Cache): string[] {
  const window = unwrap(cache.messageWindow({ customerId: maria, limit: 200 }));
  return window.items.map((message) => message.key);
}

function serviceIds(remote: FakeRemote): string[] {
  return (remote.histories.get(maria) ?? []).map((message) => message.messageId);
}

describe('older history from the service', () => {
  it('keeps nothing of a page that was on its way when the agent deleted the customer', async () => {
    const { remote, cache } = world(120, 50);
    const deletions = new DeletedCustomers();
    let release = (): void => undefined;
    remote.gate = new Promise((resolve) => (release = resolve));
    const loading = loadOlderHistory({ remote, cache, deletions }, maria);
    await Promise.resolve();
    // Deleted on the service and here while the page is on its way.
    deletions.deleted(maria);
    unwrap(cache.deleteCustomer(maria));
    release();

    const answer = await loading;
    expect(answer.ok ? 'stored' : answer.error.code).toBe('NOT_FOUND');
    expect(unwrap(cache.getCustomer(maria))).toBeNull();
    expect(cachedIds(cache)).toEqual([]);
  });

  it('pages back from the newest page to the start of a 120-message history, and then asks no more', async () => {
    const { remote, cache } = world(120, 50);
    expect(unwrap(cache.messageWindow({ customerId: maria, limit: 50 }))).toMatchObject({ hasOlder: false, startReached: false });

    expect(unwrap(await loadOlderHistory({ remote, cache }, maria))).toEqual({ added: 50, reachedStart: false });
    expect(remote.calls.at(-1)).toMatchObject({ operation: 'history', offset: 45, limit: 55 });
    expect(unwrap(cache.messageWindow({ customerId: maria, limit: 50 }))).toMatchObject({ hasOlder: true, startReached: false });

    expect(unwrap(await loadOlderHistory({ remote, cache }, maria))).toEqual({ added: 20, reachedStart: true });
    expect(cachedIds(cache).length).toBe(120);
    expect(cachedIds(cache).slice(-120, -100)).toEqual(serviceIds(remote).slice(0, 20));
    expect(unwrap(cache.messageWindow({ customerId: maria, limit: 50 }))).toMatchObject({ startReached: true });

    const asked = remote.calls.length;
    expect(unwrap(await loadOlderHistory({ remote, cache }, maria))).toEqual({ added: 0, reachedStart: true });
    expect(remote.calls.length).toBe(asked);
  });

  it('does not claim the start on a page that is merely short (the service may cap the limit)', async () => {
    const { remote, cache } = world(300, 50);
    const capped: Remote = {
      customers: (request) => remote.customers(request),
      channels: (signal) => remote.channels(signal),
      send: (request) => remote.send(request),
      history: (customerId, request) => remote.history(customerId, { ...request, limit: 20 }),
    };
    expect(unwrap(await loadOlderHistory({ remote: capped, cache }, maria))).toEqual({ added: 15, reachedStart: false });
    expect(unwrap(cache.historyExtent(maria)).startReached).toBe(false);
  });

  it('remembers the start across a restart', async () => {
    const file = join(tempDir(), 'cache.sqlite');
    const first = world(30, 10, file);
    expect(unwrap(await loadOlderHistory({ remote: first.remote, cache: first.cache }, maria)).reachedStart).toBe(true);
    first.cache.close();

    const reopened = unwrap(openCache({ file }));
    expect(unwrap(reopened.messageWindow({ customerId: maria, limit: 50 }))).toMatchObject({ startReached: true });
    reopened.close();
  });

  it('leaves no gap when the cache holds a message the service no longer lists', async () => {
    const { remote, cache } = world(100, 50);
    // The cache kept a message the service has since dropped from the list: counting it overshoots the offset by one.
    const history = remote.histories.get(maria) ?? [];
    history.splice(history.length - 10, 1);
    unwrap(await loadOlderHistory({ remote, cache }, maria));
    const held = new Set(cachedIds(cache));
    const oldestHeld = serviceIds(remote).findIndex((id) => held.has(id));
    expect(oldestHeld).toBeLessThan(50);
    expect(serviceIds(remote).slice(oldestHeld).filter((id) => !held.has(id))).toEqual([]);
  });

  it('does not count our unsent messages, which the service does not hold yet', async () => {
    const { remote, cache } = world(100, 50);
    for (let index = 0; index < 8; index++) {
      unwrap(cache.enqueueSend({ clientId: `pending-${index}`, customerId: maria, agentId: agent.id, channelType: 'SMS', payload: { type: 'TEXT', text: `unsent ${index}` } }));
    }
    unwrap(await loadOlderHistory({ remote, cache }, maria));
    expect(remote.calls.at(-1)).toMatchObject({ offset: 45 });
  });

  it('does not count what the customer wrote long ago as unread', async () => {
    const { remote, cache } = world(120, 50);
    expect(unwrap(cache.getCustomer(maria))?.unreadCount).toBe(50);
    unwrap(await loadOlderHistory({ remote, cache }, maria));
    expect(unwrap(cache.getCustomer(maria))?.unreadCount).toBe(50);
  });

  it('answers the service being out of reach as an error, with nothing marked and nothing lost', async () => {
    const { remote, cache } = world(120, 50);
    remote.failures.push({ code: 'NETWORK', message: 'fetch failed', retryable: true });
    const answer = await loadOlderHistory({ remote, cache }, maria);
    expect(answer).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
    expect(cachedIds(cache)).toHaveLength(50);
    expect(unwrap(cache.historyExtent(maria)).startReached).toBe(false);
  });

  it('is the conversation:load-older channel, which tells the open window what it added', async () => {
    const { remote, cache } = world(70, 50);
    const events = new EventBus();
    const changed: unknown[] = [];
    events.subscribe((event, payload) => {
      if (event === 'messages:changed') changed.push(payload);
    });
    const dispatch = createDispatch(conversationHandlers(cache, events, remote) as HandlerTable);
    expect(await dispatch('conversation:load-older', { customerId: maria })).toEqual({ ok: true, value: { added: 20, reachedStart: true } });
    expect(changed).toEqual([{ customerId: maria, ids: expect.arrayContaining(serviceIds(remote).slice(0, 20)) }]);
    expect(await dispatch('conversation:load-older', {})).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('is proved by sync too when a history fits in the pages it reads, and only then', async () => {
    const remote = new FakeRemote(() => now);
    remote.addCustomer('short', 12);
    remote.addCustomer('long', 120);
    const cache = unwrap(openCache({ file: inMemory, now: () => now }));
    const engine = new SyncEngine({ remote, cache });
    engine.start();
    await engine.syncNow();
    await engine.stop();
    expect(unwrap(cache.messageWindow({ customerId: 'short', limit: 50 }))).toMatchObject({ startReached: true });
    expect(unwrap(cache.messageWindow({ customerId: 'long', limit: 50 }))).toMatchObject({ startReached: false });
  });
});
