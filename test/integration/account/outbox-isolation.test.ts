/**
 * A queued send belongs to the account that wrote it: written offline as A, it stays in A's outbox while B is
 * signed in on the same server and the network comes back (B's enterprise receives nothing, no send is even
 * attempted), and it is delivered exactly once, as A, when A signs in again.
 */
import { afterAll, expect, it } from 'vitest';
import { copiesOnServer, reachableCustomers, sandboxOn, sendRequests, smsAgent, tempFolder, textOf, unwrap, waitFor } from '../sync/world';
import { ACCOUNT_A, ACCOUNT_B, currentScope, startApp } from './world';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

it("never delivers A's queued send through B, and delivers it exactly once when A is back", async () => {
  const folder = await tempFolder('accounts-outbox-');
  cleanups.push(folder.remove);
  const sandbox = await sandboxOn({ customers: 30, messagesPerCustomer: 2, accounts: [ACCOUNT_A, ACCOUNT_B] });
  cleanups.push(() => sandbox.close());
  const app = startApp(folder.path);
  cleanups.push(() => app.close());
  const { handlers } = app;

  unwrap(await app.session.signIn({ ...ACCOUNT_A, baseUrl: sandbox.baseUrl }, { remember: false }));
  unwrap(await handlers['sync:now']({}));
  const cacheOfA = (await currentScope(app)).cache;
  const agent = smsAgent(cacheOfA);
  const [customer] = reachableCustomers(cacheOfA, agent.id, 1);
  if (!customer) throw new Error('no customer');

  // The renderer reports the network gone; the send waits in A's outbox.
  unwrap(await handlers['sync:network']({ online: false }));
  const text = `Queued by A on the train (${Date.now()})`;
  const queued = unwrap(await handlers['outbox:send']({ customerId: customer.id, agentId: agent.id, payload: { type: 'TEXT', text } }));
  expect(queued.state).toBe('queued');

  unwrap(await app.session.signIn({ ...ACCOUNT_B, baseUrl: sandbox.baseUrl }, { remember: false }));
  expect(unwrap(await handlers['outbox:list']({ limit: 50 }))).toEqual([]);
  unwrap(await handlers['sync:network']({ online: true }));
  unwrap(await handlers['sync:now']({}));
  // Several of the outbox's scans (fastOutbox: every second) with the network back and B signed in.
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  expect(sendRequests(sandbox)).toBe(0);
  expect(sandbox.messages(ACCOUNT_B.email).filter((message) => textOf(message.payload) === text)).toEqual([]);
  expect(copiesOnServer(sandbox, text)).toBe(0);

  unwrap(await app.session.signIn({ ...ACCOUNT_A, baseUrl: sandbox.baseUrl }, { remember: false }));
  const scopeOfA = await currentScope(app);
  await waitFor(() => unwrap(scopeOfA.cache.getSend(queued.clientId))?.state === 'sent', "A's send once A is back");
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(sandbox.messages(ACCOUNT_A.email).filter((message) => textOf(message.payload) === text)).toHaveLength(1);
  expect(sandbox.messages(ACCOUNT_B.email).filter((message) => textOf(message.payload) === text)).toEqual([]);
  expect(sendRequests(sandbox)).toBe(1);
});
