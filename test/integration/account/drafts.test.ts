/**
 * Drafts live in the signed-in account's data: kept across a closed and reopened account (a restart), each
 * account sees only its own, and while signed out there are none and none can be saved.
 */
import { afterAll, expect, it } from 'vitest';
import { sandboxOn, tempFolder, unwrap } from '../sync/world';
import { ACCOUNT_A, ACCOUNT_B, startApp, type App } from './world';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function firstCustomerId(app: App): Promise<string> {
  const first = unwrap(await app.handlers['customers:page']({ limit: 1 })).items[0];
  if (first === undefined) throw new Error('The account has no customers');
  return first.id;
}

it('keeps a draft through a restart, for its own account only', async () => {
  const folder = await tempFolder('drafts-');
  cleanups.push(folder.remove);
  const sandbox = await sandboxOn({ customers: 3, messagesPerCustomer: 1, accounts: [ACCOUNT_A, ACCOUNT_B] });
  cleanups.push(() => sandbox.close());

  const first = startApp(folder.path);
  unwrap(await first.session.signIn({ ...ACCOUNT_A, baseUrl: sandbox.baseUrl }, { remember: false }));
  unwrap(await first.handlers['sync:now']({}));
  const customerId = await firstCustomerId(first);
  unwrap(await first.handlers['drafts:save']({ customerId, text: 'Your replacement ships Monday' }));
  await first.close();

  // The app starts again over the same folder: the account's scope opens anew and finds the draft.
  const second = startApp(folder.path);
  cleanups.push(() => second.close());
  expect(unwrap(await second.handlers['drafts:list']({}))).toEqual({ drafts: [] });
  unwrap(await second.session.signIn({ ...ACCOUNT_A, baseUrl: sandbox.baseUrl }, { remember: false }));
  expect(unwrap(await second.handlers['drafts:get']({ customerId }))).toMatchObject({ customerId, text: 'Your replacement ships Monday' });
  expect(unwrap(await second.handlers['drafts:list']({})).drafts.map((draft) => draft.customerId)).toEqual([customerId]);

  unwrap(await second.session.signIn({ ...ACCOUNT_B, baseUrl: sandbox.baseUrl }, { remember: false }));
  expect(unwrap(await second.handlers['drafts:list']({}))).toEqual({ drafts: [] });
  expect(unwrap(await second.handlers['drafts:get']({ customerId }))).toBeNull();

  await second.session.signOut();
  expect(await second.handlers['drafts:save']({ customerId, text: 'Lost?' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
});
