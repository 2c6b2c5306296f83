/**
 * The life of an account's folder through app-services: "try it without an account" gets a throwaway folder that
 * is gone when the trial ends (and trial folders a crashed run left are swept at the next start); a plain sign-out
 * keeps an account's data, and a sign-out with `forget` removes it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { SessionProfile } from '../../../common/contract/session';
import { accountFolder } from '../../../main/account/account-folder';
import { createAppServices } from '../../../main/app-services';
import { createDispatch } from '../../../main/ipc/handler-table';
import { startSandbox } from '../../../sandbox/index';
import { sandboxOn, tempFolder, unwrap } from '../sync/world';
import { ACCOUNT_A, ACCOUNT_B, accountFolders } from './world';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function fakeFolder(userDataDir: string, name: string, info: object): string {
  const folder = join(userDataDir, 'accounts', name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'account.json'), JSON.stringify(info));
  writeFileSync(join(folder, 'cache.sqlite'), 'not read by this test');
  return folder;
}

it("gives the sandbox trial its own folder and removes it when the trial ends, and sweeps a crashed run's", async () => {
  const userData = await tempFolder('accounts-trial-');
  cleanups.push(userData.remove);
  const leftover = fakeFolder(userData.path, 'left-by-a-crash', { email: 'agent@demo.2way.test', baseUrl: 'http://127.0.0.1:9', sandboxTrial: true });
  const kept = fakeFolder(userData.path, 'a-real-account', { email: 'me@example.com', baseUrl: 'https://api.example.com', sandboxTrial: false });

  const services = await createAppServices({
    mode: 'browser',
    userDataDir: userData.path,
    startSandbox: () => startSandbox({ port: 0, customers: 4, messagesPerCustomer: 1 }),
  });
  cleanups.push(() => services.close());
  expect(existsSync(leftover)).toBe(false);
  expect(existsSync(kept)).toBe(true);

  const dispatch = createDispatch(services.handlers);
  const profile = SessionProfile.parse(unwrap(await dispatch('session:try-sandbox', {})));
  const trial = accountFolder(userData.path, profile);
  expect((await services.accounts.current())?.folder).toBe(trial);
  expect(JSON.parse(readFileSync(join(trial, 'account.json'), 'utf8'))).toMatchObject({ sandboxTrial: true });
  unwrap(await dispatch('sync:now', {}));
  expect(unwrap(await dispatch('customers:page', { limit: 10 }))).toMatchObject({ items: { length: 4 } });

  unwrap(await dispatch('session:sign-out', {}));
  expect(await services.accounts.current()).toBeUndefined();
  expect(existsSync(trial)).toBe(false);
  expect(accountFolders(userData.path)).toEqual(['a-real-account']);
});

it('keeps an account’s data at a plain sign-out and removes it at a sign-out with forget', async () => {
  const userData = await tempFolder('accounts-forget-');
  cleanups.push(userData.remove);
  const sandbox = await sandboxOn({ customers: 4, messagesPerCustomer: 1, accounts: [ACCOUNT_A, ACCOUNT_B] });
  cleanups.push(() => sandbox.close());
  const services = await createAppServices({ mode: 'electron', userDataDir: userData.path });
  cleanups.push(() => services.close());
  const dispatch = createDispatch(services.handlers);
  const folderOf = (account: { email: string }) => accountFolder(userData.path, { email: account.email, baseUrl: sandbox.baseUrl });

  unwrap(await services.session.signIn({ ...ACCOUNT_A, baseUrl: sandbox.baseUrl }, { remember: false }));
  unwrap(await dispatch('sync:now', {}));
  unwrap(await dispatch('session:sign-out', {}));
  expect(existsSync(join(folderOf(ACCOUNT_A), 'cache.sqlite'))).toBe(true);

  unwrap(await services.session.signIn({ ...ACCOUNT_B, baseUrl: sandbox.baseUrl }, { remember: false }));
  unwrap(await dispatch('sync:now', {}));
  expect(existsSync(join(folderOf(ACCOUNT_B), 'cache.sqlite'))).toBe(true);
  unwrap(await dispatch('session:sign-out', { forget: true }));
  expect(existsSync(folderOf(ACCOUNT_B))).toBe(false);
  expect(existsSync(join(folderOf(ACCOUNT_A), 'cache.sqlite'))).toBe(true);
});
