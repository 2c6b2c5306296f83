/**
 * Through app-services, as a window sees it: the account's cache is found damaged while main opens the account,
 * before any window listens for events. A window that connects afterwards reads the warning (`app:notices`) with
 * the unsent messages and drafts the rebuild kept, which live in the account's own outbox file, owner-only.
 */
import fs, { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { z } from 'zod';
import { appChannels } from '../../../common/contract/app';
import { accountFolder, CACHE_FILE, OUTBOX_FILE } from '../../../main/account/account-folder';
import { createAppServices } from '../../../main/app-services';
import { createDispatch } from '../../../main/ipc/handler-table';
import { sandboxOn, smsSendRoute, tempFolder, unwrap } from '../sync/world';
import { ACCOUNT_A } from './world';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

it('tells a window that connects after start that the cache was rebuilt, and what was kept', async () => {
  const userData = await tempFolder('accounts-late-notice-');
  cleanups.push(userData.remove);
  const sandbox = await sandboxOn({ customers: 4, messagesPerCustomer: 1, accounts: [ACCOUNT_A] });
  cleanups.push(() => sandbox.close());
  const services = await createAppServices({ mode: 'browser', userDataDir: userData.path });
  cleanups.push(() => services.close());
  const dispatch = createDispatch(services.handlers);
  const account = { ...ACCOUNT_A, baseUrl: sandbox.baseUrl };
  const folder = accountFolder(userData.path, account);

  unwrap(await services.session.signIn(account, { remember: false }));
  unwrap(await dispatch('sync:now', {}));
  const page = z.object({ items: z.array(z.object({ id: z.string() })) }).parse(unwrap(await dispatch('customers:page', { limit: 10 })));
  const [customer] = page.items;
  if (!customer) throw new Error('no customer');
  // The service refuses every send for now, so the message stays unsent.
  sandbox.addFault({ method: 'POST', path: smsSendRoute, kind: 'status', status: 503 });
  unwrap(await dispatch('outbox:send', { customerId: customer.id, payload: { type: 'TEXT', text: 'Your order shipped' } }));
  const scope = await services.accounts.current();
  if (!scope) throw new Error('no account open');
  unwrap(scope.cache.saveDraft(customer.id, 'I will check the tracking number'));
  unwrap(await dispatch('session:sign-out', {}));
  // The account's data is closed (its last writes folded into the file) before the file is damaged.
  expect(await services.accounts.current()).toBeUndefined();

  fs.writeFileSync(join(folder, CACHE_FILE), Buffer.alloc(4096, 0x5a), { flag: 'r+' });
  unwrap(await services.session.signIn(account, { remember: false }));
  await services.accounts.current();

  // The window connects now, long after the notice was sent.
  const kept = () => dispatch('app:notices', {}).then((result) => appChannels['app:notices'].output.parse(unwrap(result)).notices);
  const notices = await kept();
  const rebuilt = notices.find((notice) => notice.message.includes('has been rebuilt'));
  expect(rebuilt).toMatchObject({ level: 'warning', message: expect.stringContaining('1 unsent message and 1 draft were kept') });
  expect(statSync(folder).mode & 0o777).toBe(0o700);
  for (const file of [CACHE_FILE, OUTBOX_FILE, 'account.json']) expect(statSync(join(folder, file)).mode & 0o777).toBe(0o600);

  // Dismissed in one window, it is not shown to the next.
  if (rebuilt) unwrap(await dispatch('app:dismiss-notice', rebuilt));
  expect((await kept()).filter((notice) => notice.message.includes('has been rebuilt'))).toEqual([]);
});
