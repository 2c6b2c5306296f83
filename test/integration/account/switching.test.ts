/**
 * Each account sees only its own data: signing in as another account (without signing out) shows that account's
 * customers and none of the previous one's; signed out, the cache channels answer an empty inbox and nothing can be
 * sent; the data stays on disk, so after a restart with the service down the account browses its cache offline.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { accountFolder } from '../../../main/account/account-folder';
import { AccountSession } from '../../../main/account/account-session';
import { createMemoryVault } from '../../../main/vault/memory-vault';
import { sandboxOn, tempFolder, unwrap } from '../sync/world';
import { ACCOUNT_A, ACCOUNT_B, accountFolders, currentScope, startApp, type App } from './world';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function customerIds(app: App): Promise<string[]> {
  return unwrap(await app.handlers['customers:page']({ limit: 200 })).items.map((customer) => customer.id);
}

it("never shows one account's customers to another, and keeps each account's data for offline browsing", async () => {
  const folder = await tempFolder('accounts-');
  cleanups.push(folder.remove);
  const sandbox = await sandboxOn({ customers: 12, messagesPerCustomer: 2, accounts: [ACCOUNT_A, ACCOUNT_B] });
  cleanups.push(() => sandbox.close());
  const vault = createMemoryVault('test');
  const app = startApp(folder.path, vault);
  cleanups.push(() => app.close());

  unwrap(await app.session.signIn({ ...ACCOUNT_A, baseUrl: sandbox.baseUrl }));
  expect(unwrap(await app.handlers['sync:now']({}))).toMatchObject({ state: 'online' });
  const idsOfA = await customerIds(app);
  expect(idsOfA).toHaveLength(12);

  // Straight to B, no sign-out in between: before B's first sync the list is empty, not A's.
  unwrap(await app.session.signIn({ ...ACCOUNT_B, baseUrl: sandbox.baseUrl }));
  const firstLookAsB = await customerIds(app);
  expect(firstLookAsB.filter((id) => idsOfA.includes(id))).toEqual([]);
  expect(unwrap(await app.handlers['sync:now']({}))).toMatchObject({ state: 'online' });
  const idsOfB = await customerIds(app);
  expect(idsOfB).toHaveLength(12);
  expect(idsOfB.filter((id) => idsOfA.includes(id))).toEqual([]);
  expect(idsOfB.every((id) => sandbox.messages(ACCOUNT_B.email).some((message) => message.customer_id === id))).toBe(true);

  // Two folders, each naming its account; the name is a hash, not the address.
  const folderOfA = accountFolder(folder.path, { email: ACCOUNT_A.email, baseUrl: sandbox.baseUrl });
  expect(accountFolders(folder.path)).toHaveLength(2);
  expect(JSON.parse(readFileSync(join(folderOfA, 'account.json'), 'utf8'))).toEqual({
    email: ACCOUNT_A.email,
    baseUrl: sandbox.baseUrl,
    sandboxTrial: false,
  });
  expect(folderOfA).not.toContain(ACCOUNT_A.email);
  expect(existsSync(join(folderOfA, 'cache.sqlite'))).toBe(true);

  // Back to A (its password still in the vault), then the app quits and the service goes away.
  unwrap(await app.session.signIn({ ...ACCOUNT_A, baseUrl: sandbox.baseUrl }));
  expect((await customerIds(app)).sort()).toEqual([...idsOfA].sort());
  await app.close();
  await sandbox.close();

  const restarted = startApp(folder.path, vault);
  cleanups.push(() => restarted.close());
  const status = await restarted.session.restore();
  expect(status).toMatchObject({ state: 'error', email: ACCOUNT_A.email, error: { code: 'NETWORK' } });
  expect((await customerIds(restarted)).sort()).toEqual([...idsOfA].sort());
});

it('answers the cache channels as an empty inbox while signed out, and refuses to send', async () => {
  const folder = await tempFolder('accounts-signed-out-');
  cleanups.push(folder.remove);
  const sandbox = await sandboxOn({ customers: 5, messagesPerCustomer: 2 });
  cleanups.push(() => sandbox.close());
  const app = startApp(folder.path);
  cleanups.push(() => app.close());
  const { handlers } = app;
  const emptyInbox = async () => {
    expect(unwrap(await handlers['customers:page']({ limit: 50 }))).toEqual({ items: [], freshness: { lastSyncedAt: null } });
    expect(unwrap(await handlers['messages:window']({ customerId: 'anyone', limit: 50 }))).toEqual({
      items: [],
      hasOlder: false,
      hasNewer: false,
      freshness: { lastSyncedAt: null },
    });
    expect(unwrap(await handlers['inbox:unread']({}))).toEqual({ messages: 0, conversations: 0, byChannel: {} });
    expect(unwrap(await handlers['outbox:list']({ limit: 50 }))).toEqual([]);
    expect(unwrap(await handlers['sync:status']({}))).toEqual({ state: 'signed-out' });
    const send = await handlers['outbox:send']({ customerId: 'anyone', payload: { type: 'TEXT', text: 'hi' } });
    expect(send).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await handlers['media:prepare']({ path: '/tmp/anything.png' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  };

  await emptyInbox();
  expect(accountFolders(folder.path)).toEqual([]);

  unwrap(await app.session.signIn({ ...ACCOUNT_A, baseUrl: sandbox.baseUrl }, { remember: false }));
  unwrap(await handlers['sync:now']({}));
  expect(await customerIds(app)).toHaveLength(5);
  const scope = await currentScope(app);

  await app.session.signOut();
  await emptyInbox();
  // Closed for good: the outbox stopped (its lock released), the database closed; the data stays on disk.
  expect(scope.sync.outbox.role).toBe('stopped');
  expect(scope.cache.customerPage({ limit: 1 })).toMatchObject({ ok: false, error: { code: 'STORAGE' } });
  expect(existsSync(join(accountFolder(folder.path, { email: ACCOUNT_A.email, baseUrl: sandbox.baseUrl }), 'cache.sqlite'))).toBe(true);
  expect(existsSync(`${scope.cache.file}.outbox-lock`)).toBe(false);
});

it("refuses an account's calls once another account took over the session, before they reach any server", async () => {
  const folder = await tempFolder('accounts-bound-');
  cleanups.push(folder.remove);
  const sandbox = await sandboxOn({ customers: 3, messagesPerCustomer: 1, accounts: [ACCOUNT_A, ACCOUNT_B] });
  cleanups.push(() => sandbox.close());
  const app = startApp(folder.path);
  cleanups.push(() => app.close());

  unwrap(await app.session.signIn({ ...ACCOUNT_A, baseUrl: sandbox.baseUrl }, { remember: false }));
  const asA = new AccountSession(app.session, { email: ACCOUNT_A.email.toUpperCase(), baseUrl: sandbox.baseUrl });
  expect(asA.status()).toMatchObject({ state: 'signed-in', email: ACCOUNT_A.email });
  expect(await asA.call('customers.list', { query: { limit: 1 } })).toMatchObject({ ok: true });

  unwrap(await app.session.signIn({ ...ACCOUNT_B, baseUrl: sandbox.baseUrl }, { remember: false }));
  const requestsBefore = sandbox.requestLog().length;
  expect(await asA.call('customers.list', { query: { limit: 1 } })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  expect(asA.status()).toEqual({ state: 'signed-out' });
  expect(sandbox.requestLog()).toHaveLength(requestsBefore);
});
