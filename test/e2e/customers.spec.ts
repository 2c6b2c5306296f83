/**
 * Looking after customers in Chromium through browser mode, against a sandbox of the test's own (the test reads its
 * request log): a rename from the details panel is one `customers.update` and the list shows the new name; a new
 * customer typed in national format is one `customers.create` with the number as the service stores it, and their
 * conversation opens; a message and then a customer are deleted with one request each, gone from the screen and,
 * after a reload that reads everything from the app's cache again, gone from the cache too. axe finds nothing
 * serious on the panel and the dialogs, light and dark.
 */
import { expect, test, type Page } from './fixtures';
import { startSandbox, type RequestLogEntry, type RunningSandbox } from '../../sandbox/index';
import { seriousViolations } from './axe';
import { signInTo } from './sign-in';

let sandbox: RunningSandbox;

test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 21, customers: 4, messagesPerCustomer: 4, life: false });
});

test.afterAll(async () => {
  await sandbox.close();
});

/** The writes the app made under this path pattern after the log held `since` entries: sync's reads are left out. */
function writes(since: number, path: RegExp): RequestLogEntry[] {
  return sandbox.requestLog().slice(since).filter((entry) => entry.method !== 'GET' && path.test(entry.path));
}

/** axe in light and dark: every serious or critical violation, named with the screen and scheme. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const violation of await seriousViolations(page)) found.push(`${colorScheme}: ${violation}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  expect(found, `serious or critical axe violations on ${screen}`).toEqual([]);
}

/** Opens the list's first conversation, leaving out customers named in `except` (one another test created, with no messages). */
async function openFirstConversation(page: Page, except?: string): Promise<string> {
  const options = page.getByRole('region', { name: 'Conversations' }).getByRole('option');
  const first = (except === undefined ? options : options.filter({ hasNotText: except })).first();
  await expect(first).toBeVisible({ timeout: 30_000 });
  const name = (await first.locator('.name').textContent()) ?? '';
  await first.click();
  await expect(page.getByRole('region', { name: `Conversation with ${name}` })).toBeVisible();
  return name;
}

async function showDetails(page: Page) {
  const panel = page.getByRole('complementary', { name: 'Customer details' });
  if (!(await panel.isVisible())) await page.getByRole('button', { name: 'Customer details' }).click();
  await expect(panel.getByRole('textbox', { name: 'Name' })).toBeVisible();
  return panel;
}

test('renaming a customer in the details panel: one customers.update, the list shows the new name', async ({ page }) => {
  await signInTo(page, sandbox);
  await openFirstConversation(page);
  const panel = await showDetails(page);
  await expect(panel.getByText('Subscriptions')).toBeVisible();
  await expectAccessible(page, 'the customer details panel');
  // The panel fits its column (it scrolls, rather than running past the window's edge): its last button, the
  // field and the panel itself stay inside it, on a short window too.
  await page.setViewportSize({ width: 1280, height: 560 });
  const fits = await panel.evaluate((aside) => {
    const column = aside.parentElement?.getBoundingClientRect();
    const box = aside.getBoundingClientRect();
    const field = aside.querySelector('input')?.getBoundingClientRect();
    return column !== undefined && field !== undefined && box.bottom <= column.bottom + 1 && field.right <= box.right + 1;
  });
  expect(fits).toBe(true);
  await panel.getByRole('button', { name: 'Delete customer' }).scrollIntoViewIfNeeded();
  await expect(panel.getByRole('button', { name: 'Delete customer' })).toBeInViewport();

  const since = sandbox.requestLog().length;
  await panel.getByRole('textbox', { name: 'Name' }).fill('Wilhelmina Quartz');
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByRole('status')).toHaveText('Saved');
  const list = page.getByRole('region', { name: 'Conversations' });
  await expect(list.getByRole('option').filter({ hasText: 'Wilhelmina Quartz' })).toHaveCount(1);
  const updates = writes(since, /^\/api\/customers\//);
  expect(updates.map(({ method, status, body }) => ({ method, status, body }))).toEqual([{ method: 'PATCH', status: 204, body: { name: 'Wilhelmina Quartz' } }]);

  // The panel is remembered open: after a reload it is there again for the conversation opened.
  await page.reload();
  await openFirstConversation(page);
  await expect(page.getByRole('complementary', { name: 'Customer details' })).toBeVisible();
});

test('a new customer typed in national format: one customers.create with the international digits, and it opens', async ({ page }) => {
  await signInTo(page, sandbox);
  await page.getByRole('button', { name: 'New customer' }).click();
  const dialog = page.getByRole('dialog', { name: 'New customer' });
  await dialog.getByRole('combobox', { name: 'Country of numbers without +' }).selectOption('GB');
  await dialog.getByRole('textbox', { name: 'Phone' }).fill('12');
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Ada Byron');
  const since = sandbox.requestLog().length;
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByText('This is not a valid phone number in United Kingdom')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Phone' }).fill('020 7946 0958');
  await expect(dialog.getByText('Saved as +44 20 7946 0958')).toBeVisible();
  await expectAccessible(page, 'the new customer dialog');
  await dialog.getByRole('button', { name: 'Create' }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Conversation with Ada Byron' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Conversations' }).getByRole('option').filter({ hasText: 'Ada Byron' })).toHaveCount(1);
  const created = writes(since, /^\/api\/customers$/);
  expect(created.map(({ method, status, body }) => ({ method, status, body }))).toEqual([
    { method: 'POST', status: 201, body: { phone: '442079460958', name: 'Ada Byron' } },
  ]);

  // The same number again is found in the cache: no second request, the agent is offered the customer instead.
  await page.getByRole('button', { name: 'New customer' }).click();
  await dialog.getByRole('textbox', { name: 'Phone' }).fill('+44 20 7946 0958');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByText('Already a customer: Ada Byron.')).toBeVisible();
  expect(writes(since, /^\/api\/customers$/)).toHaveLength(1);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

test('deleting a message and then the customer: one request each, gone from the screen and from the cache', async ({ page }) => {
  await signInTo(page, sandbox);
  const name = await openFirstConversation(page, 'Ada Byron');
  const conversation = page.getByRole('region', { name: `Conversation with ${name}` });
  const messages = conversation.getByRole('log', { name: 'Messages' }).getByRole('article');
  await expect(messages.first()).toBeVisible();
  const before = await messages.count();
  const doomed = messages.last();

  // Right-click opens the same menu as the button, focus on its first item; Escape returns focus to the button.
  await doomed.locator('.bubble').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Message actions' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(doomed.getByRole('button', { name: 'Message actions' })).toBeFocused();

  const since = sandbox.requestLog().length;
  await doomed.getByRole('button', { name: 'Message actions' }).click();
  await menu.getByRole('menuitem', { name: 'Delete message' }).click();
  const confirmMessage = page.getByRole('alertdialog', { name: 'Delete this message?' });
  await expectAccessible(page, 'the delete message confirmation');
  await confirmMessage.getByRole('button', { name: 'Delete' }).click();
  await expect(messages).toHaveCount(before - 1);
  expect(writes(since, /^\/api\/messages\//).map(({ method, status }) => ({ method, status }))).toEqual([{ method: 'DELETE', status: 204 }]);

  // After a reload the thread is read from the app's cache again: the message stays gone.
  await page.reload();
  const list = page.getByRole('region', { name: 'Conversations' });
  await list.getByRole('option').filter({ hasText: name }).click({ timeout: 30_000 });
  await expect(messages.first()).toBeVisible();
  await expect(messages).toHaveCount(before - 1);

  const panel = await showDetails(page);
  await panel.getByRole('button', { name: 'Delete customer' }).click();
  const confirmCustomer = page.getByRole('alertdialog', { name: `Delete ${name}?` });
  await expect(confirmCustomer).toContainText(`${name} and your whole conversation with them are deleted`);
  await expectAccessible(page, 'the delete customer confirmation');
  await confirmCustomer.getByRole('button', { name: 'Delete' }).click();
  await expect(confirmCustomer).toBeHidden();
  await expect(conversation).toBeHidden();
  await expect(list.getByRole('option').filter({ hasText: name })).toHaveCount(0);
  expect(writes(since, /^\/api\/customers\//).map(({ method, status }) => ({ method, status }))).toEqual([{ method: 'DELETE', status: 200 }]);

  // After a reload every row comes from the app's cache again: the customer is not there, nor found by search.
  await page.reload();
  await expect(list.getByRole('option').first()).toBeVisible({ timeout: 30_000 });
  await expect(list.getByRole('option').filter({ hasText: name })).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Search customers' }).fill(name.split(' ')[0] ?? name);
  await expect(list.getByRole('option').filter({ hasText: name })).toHaveCount(0);
});
