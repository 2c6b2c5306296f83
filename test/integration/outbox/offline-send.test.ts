/**
 * A message written while the server is down (the sandbox stopped: connections refused) waits in the outbox,
 * retrying with backoff, and is sent exactly once when the same server comes back on the same port.
 */
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Outbox } from '../../../main/outbox/outbox';
import { outboxLockFile } from '../../../main/sync/sync-services';
import type { RunningSandbox } from '../../../sandbox/index';
import {
  copiesOnServer,
  fastOutbox,
  firstFill,
  openCacheFile,
  reachableCustomers,
  sandboxOn,
  sessionRemote,
  signedIn,
  smsAgent,
  tempFolder,
  unwrap,
  waitFor,
} from '../sync/world';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

it('sends a message written offline exactly once when the sandbox returns', async () => {
  const folder = await tempFolder('outbox-offline-');
  cleanups.push(folder.remove);
  const dataFile = join(folder.path, 'sandbox.json');
  let sandbox: RunningSandbox = await sandboxOn({ customers: 30, messagesPerCustomer: 2, dataFile });
  const port = Number(new URL(sandbox.baseUrl).port);
  const session = await signedIn(sandbox.baseUrl);
  cleanups.push(() => session.close());
  const cache = openCacheFile(folder.path);
  cleanups.push(() => cache.close());
  await firstFill(cache, sessionRemote(session));
  const agent = smsAgent(cache);
  const [customer] = reachableCustomers(cache, agent.id, 1);
  if (!customer) throw new Error('no customer');
  await sandbox.close();

  const lockFile = outboxLockFile(cache);
  const outbox = new Outbox({ cache, remote: sessionRemote(session), policy: fastOutbox, ...(lockFile ? { lockFile } : {}) });
  cleanups.push(() => outbox.close());
  outbox.start();
  const text = `Written on the train, no signal (${Date.now()})`;
  const item = unwrap(outbox.send({ customerId: customer.id, agentId: agent.id, payload: { type: 'TEXT', text } }));
  const waiting = () => unwrap(cache.getSend(item.clientId));
  await waitFor(() => (waiting()?.attempts ?? 0) >= 3 && waiting()?.state === 'queued', 'attempts while the server is down');
  expect(waiting()).toMatchObject({ state: 'queued', lastError: { code: 'NETWORK' } });

  sandbox = await sandboxOn({ port, customers: 30, messagesPerCustomer: 2, dataFile });
  cleanups.push(() => sandbox.close());
  await waitFor(() => unwrap(cache.getSend(item.clientId))?.state === 'sent', 'the send once the server is back');
  // A little longer, to see that nothing else goes out.
  await new Promise((resolve) => setTimeout(resolve, 500));

  expect(copiesOnServer(sandbox, text)).toBe(1);
  const sends = sandbox.requestLog().filter((entry) => entry.method === 'POST' && entry.path.endsWith('/send'));
  expect(sends).toHaveLength(1);
  const sent = unwrap(cache.getSend(item.clientId));
  expect(sandbox.messages().find((message) => message.message_id === sent?.messageId)?.customer_id).toBe(customer.id);
});
