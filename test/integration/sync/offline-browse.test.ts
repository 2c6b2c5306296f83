/**
 * After one sync, the inbox is browsable with the server gone: the customer list and every conversation come from
 * the cache file, as they were on the server, while the engine reports itself offline.
 */
import { afterAll, expect, it } from 'vitest';
import { SyncEngine } from '../../../main/sync/sync-engine';
import { firstFill, openCacheFile, sandboxOn, sessionRemote, signedIn, tempFolder, textOf, unwrap } from './world';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

it('browses customers and histories from the cache with the sandbox stopped', async () => {
  const folder = await tempFolder('sync-offline-');
  cleanups.push(folder.remove);
  const sandbox = await sandboxOn({ customers: 40, messagesPerCustomer: 6 });
  const session = await signedIn(sandbox.baseUrl);
  cleanups.push(() => session.close());
  const firstRun = openCacheFile(folder.path);
  await firstFill(firstRun, sessionRemote(session));
  const onServer = sandbox.messages();
  firstRun.close();
  await sandbox.close();

  // The app starts again and the server is gone.
  const cache = openCacheFile(folder.path);
  cleanups.push(() => cache.close());
  const engine = new SyncEngine({ remote: sessionRemote(session), cache });
  engine.start();
  cleanups.push(() => engine.stop());
  const status = await engine.syncNow();
  expect(status).toMatchObject({ state: 'offline', lastError: { code: 'NETWORK' } });
  expect(status.lastSyncedAt).toBeGreaterThan(0);

  const page = unwrap(cache.customerPage({ limit: 100 }));
  expect(page.items).toHaveLength(40);
  const times = page.items.map((customer) => customer.lastMessageTime ?? 0);
  expect(times).toEqual([...times].sort((a, b) => b - a));
  for (const customer of page.items) {
    const expected = onServer
      .filter((message) => message.customer_id === customer.id)
      .sort((a, b) => a.sent.localeCompare(b.sent));
    const thread = unwrap(cache.messageWindow({ customerId: customer.id, limit: 50 }));
    expect(new Set(thread.items.map((message) => message.messageId))).toEqual(new Set(expected.map((message) => message.message_id)));
    expect(thread.items.map((message) => message.sent)).toEqual(expected.map((message) => Date.parse(message.sent)));
    expect(thread.items.map((message) => textOf(message.payload))).toEqual(
      thread.items.map((message) => textOf(expected.find((candidate) => candidate.message_id === message.messageId)?.payload)),
    );
    expect(customer.lastMessageTime).toBe(Date.parse(expected.at(-1)?.sent ?? ''));
  }
});
