/**
 * The sync engine against the real sandbox, counted in the sandbox's own request log: a look with nothing new is
 * one request; news for two customers costs the list page and their two histories; a message written into the
 * open conversation reaches the cache and `messages:changed` while the window is focused.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inMemory, openCache, type Cache } from '../../../main/cache/cache';
import { SyncEngine } from '../../../main/sync/sync-engine';
import type { RunningSandbox } from '../../../sandbox/index';
import type { Session } from '../../../main/session/session';
import { firstFill, sandboxOn, sessionRemote, signedIn, unwrap, waitFor } from './world';

const HOUR = 60 * 60 * 1000;
let sandbox: RunningSandbox;
let session: Session;
let cache: Cache;
let engine: SyncEngine;
const messageEvents: { customerId: string; ids: string[] }[] = [];
const customerEvents: string[] = [];

beforeAll(async () => {
  sandbox = await sandboxOn({ customers: 120, messagesPerCustomer: 3 });
  session = await signedIn(sandbox.baseUrl);
  cache = unwrap(openCache({ file: inMemory }));
  await firstFill(cache, sessionRemote(session));
  // Only looks this test asks for (syncNow) and the open conversation's polls run: the idle intervals are hours.
  engine = new SyncEngine({
    remote: sessionRemote(session),
    cache,
    policy: { focusedMs: HOUR, visibleMs: HOUR, hiddenMs: HOUR, openConversationMs: 200, channelsRefreshMs: HOUR },
    onMessagesChanged: (customerId, ids) => messageEvents.push({ customerId, ids }),
    onCustomersChanged: (ids) => customerEvents.push(...ids),
  });
  engine.setFocus({ windowFocused: true, visible: true });
  engine.start();
  await engine.syncNow();
});

afterAll(async () => {
  await engine.stop();
  cache.close();
  session.close();
  await sandbox.close();
});

function requestsDuring<T>(work: () => Promise<T>): Promise<{ result: T; requests: string[] }> {
  const before = sandbox.requestLog().length;
  return work().then((result) => ({ result, requests: sandbox.requestLog().slice(before).map((entry) => `${entry.method} ${entry.path}`) }));
}

it('looks for changes with one request when nothing changed', async () => {
  const { requests } = await requestsDuring(() => engine.syncNow());
  expect(requests).toEqual(['GET /api/customers']);
});

it('fetches only the histories of the customers with news, found on the first page of the list', async () => {
  const oldest = unwrap(cache.customerPage({ limit: 200 })).items.slice(-2);
  const injected = [];
  for (const customer of oldest) injected.push(await sandbox.injectInbound({ customer: customer.id, text: `news for ${customer.id}` }));
  messageEvents.length = 0;

  const { requests } = await requestsDuring(() => engine.syncNow());

  expect(requests.sort()).toEqual(['GET /api/customers', ...oldest.map((customer) => `GET /api/messages/${customer.id}`)].sort());
  for (const [index, customer] of oldest.entries()) {
    const thread = unwrap(cache.messageWindow({ customerId: customer.id, limit: 50 }));
    expect(thread.items.at(-1)).toMatchObject({ messageId: injected[index]?.message_id, origin: 'CUSTOMER' });
    expect(messageEvents).toContainEqual({ customerId: customer.id, ids: [injected[index]?.message_id] });
  }
  expect(customerEvents).toEqual(expect.arrayContaining(oldest.map((customer) => customer.id)));
  expect(unwrap(cache.customerPage({ limit: 2 })).items.map((customer) => customer.id).sort()).toEqual(oldest.map((customer) => customer.id).sort());
});

it('shows a message written into the open conversation while its window is focused', async () => {
  const open = unwrap(cache.customerPage({ limit: 200 })).items[10];
  if (!open) throw new Error('no customer');
  engine.setFocus({ windowFocused: true, visible: true, customerId: open.id });
  messageEvents.length = 0;
  const { message_id: messageId } = await sandbox.injectInbound({ customer: open.id, text: 'Are you there?' });

  await waitFor(() => messageEvents.some((event) => event.customerId === open.id && event.ids.includes(messageId)), 'messages:changed', 3_000);
  expect(unwrap(cache.messageWindow({ customerId: open.id, limit: 50 })).items.at(-1)?.messageId).toBe(messageId);
  const polls = sandbox.requestLog().filter((entry) => entry.path === `/api/messages/${open.id}`);
  expect(polls.length).toBeGreaterThan(0);
});
