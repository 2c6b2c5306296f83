/**
 * The Administration area in Chromium through browser mode, signed in to a sandbox of the test's own (the test
 * reads its request log): channels and WhatsApp templates listed and filtered; keyword events and templates created, edited where the service
 * allows and deleted after a confirmation, settings saved, each checked against the requests and bodies the
 * reference documents; limits refused before any request; a write offline refused with nothing sent; and no serious
 * or critical axe violation on any admin screen, light and dark.
 */
import { expect, openApp, test, type Page } from './fixtures';
import { DEMO_ACCOUNT, startSandbox, type RequestLogEntry, type RunningSandbox } from '../../sandbox/index';
import { expectNoSeriousViolations } from './axe';
import { serviceUrlField } from './sign-in';

let sandbox: RunningSandbox;

// Each test runs axe over several screens, which takes a while on a busy two-core machine.
test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 12, customers: 3, messagesPerCustomer: 1, life: false });
});

test.afterAll(async () => {
  await sandbox.close();
});

/** The admin requests the app made after the log held `since` entries: what the sync engine reads in the background is left out. */
function adminRequests(since: number): RequestLogEntry[] {
  return sandbox
    .requestLog()
    .slice(since)
    .filter((entry) => /^\/api\/(keyword_events|templates|settings)/.test(entry.path));
}

function described(entries: RequestLogEntry[]): string[] {
  return entries.map((entry) => `${entry.method} ${entry.path}`);
}

async function signInAndOpenAdministration(page: Page, tab = 'Keyword events'): Promise<void> {
  await openApp(page);
  const form = page.getByRole('form', { name: 'Sign in' });
  // The host's session outlives a page: a test before this one may have left it signed in.
  const signOut = page.getByRole('button', { name: 'Sign out' });
  await expect(form.or(signOut)).toBeVisible({ timeout: 20_000 });
  if (await signOut.isVisible()) await signOut.click();
  await form.getByLabel('Email').fill(DEMO_ACCOUNT.email);
  await form.getByLabel('Password').fill(DEMO_ACCOUNT.password);
  await (await serviceUrlField(form)).fill(sandbox.baseUrl);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Administration' }).click();
  await expect(page.getByRole('heading', { name: 'Administration' })).toBeVisible();
  await page.getByRole('tab', { name: tab, exact: true }).click();
}

test('keyword events: create, edit and delete, with the reference requests, limits refused first', async ({ page }) => {
  await signInAndOpenAdministration(page);
  const since = sandbox.requestLog().length;
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('button', { name: 'New keyword event' })).toBeVisible();

  await panel.getByRole('button', { name: 'New keyword event' }).click();
  let dialog = page.getByRole('dialog', { name: 'New keyword event' });
  await dialog.getByRole('combobox', { name: 'Event' }).selectOption('Join');
  await dialog.getByRole('textbox', { name: 'Keywords' }).fill(`vip, ${'x'.repeat(51)}`);
  await dialog.getByRole('textbox', { name: 'Message' }).fill('m'.repeat(161));
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByText('A keyword is at most 50 characters')).toBeVisible();
  await expect(dialog.getByText('The message is at most 160 characters')).toBeVisible();
  expect(described(adminRequests(since)).filter((line) => line.startsWith('POST'))).toEqual([]);

  await dialog.getByRole('textbox', { name: 'Keywords' }).fill('vip, gold');
  await dialog.getByRole('textbox', { name: 'Message' }).fill('Welcome to the VIP club!');
  await expect(dialog.getByRole('region', { name: 'What the customer sees' })).toContainText('Welcome to the VIP club!');
  await expectNoSeriousViolations(page, 'the new keyword event dialog');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();
  const row = panel.getByRole('row').filter({ hasText: 'vip, gold' });
  await expect(row).toBeVisible();

  await row.getByRole('button', { name: 'Edit' }).click();
  dialog = page.getByRole('dialog', { name: 'Edit keyword event' });
  await dialog.getByRole('textbox', { name: 'Keywords' }).fill('vip, platinum');
  await dialog.getByRole('button', { name: 'Save' }).click();
  const edited = panel.getByRole('row').filter({ hasText: 'vip, platinum' });
  await expect(edited).toBeVisible();

  await edited.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete this keyword event?' });
  await expectNoSeriousViolations(page, 'the delete confirmation');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(panel.getByRole('row').filter({ hasText: 'vip, platinum' })).toHaveCount(0);

  const writes = adminRequests(since).filter((entry) => entry.method !== 'GET');
  const id = writes[1]?.path.split('/').at(-1) ?? '';
  expect(writes.map(({ method, path, status, body }) => ({ method, path, status, body }))).toEqual([
    { method: 'POST', path: '/api/keyword_events', status: 201, body: { event: 'Join', keywords: ['vip', 'gold'], message: 'Welcome to the VIP club!' } },
    { method: 'PATCH', path: `/api/keyword_events/${id}`, status: 204, body: { keywords: ['vip', 'platinum'], message: 'Welcome to the VIP club!' } },
    { method: 'DELETE', path: `/api/keyword_events/${id}`, status: 200, body: undefined },
  ]);
});

test('templates: create with a live preview, filter by type and delete', async ({ page }) => {
  await signInAndOpenAdministration(page, 'Templates');
  const since = sandbox.requestLog().length;
  const panel = page.getByRole('tabpanel');

  await panel.getByRole('button', { name: 'New template' }).click();
  const dialog = page.getByRole('dialog', { name: 'New template' });
  await dialog.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'Card' });
  await dialog.getByRole('textbox', { name: 'Title' }).fill('t'.repeat(201));
  await dialog.getByRole('textbox', { name: 'Text' }).fill('We open at 9.');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByText('The title is at most 200 characters')).toBeVisible();
  expect(adminRequests(since).filter((entry) => entry.method === 'POST')).toEqual([]);

  await dialog.getByRole('textbox', { name: 'Title' }).fill('Holiday opening hours');
  await expect(dialog.getByRole('region', { name: 'Preview' })).toContainText('Holiday opening hours');
  await expect(dialog.getByRole('region', { name: 'Preview' })).toContainText('We open at 9.');
  await expectNoSeriousViolations(page, 'the new template dialog');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();
  const row = panel.getByRole('row').filter({ hasText: 'Holiday opening hours' });
  await expect(row).toBeVisible();

  await panel.getByRole('combobox', { name: 'Filter by type' }).selectOption({ label: 'Card' });
  await expect(row).toBeVisible();
  for (const other of ['Text', 'List', 'Carousel']) await expect(panel.getByRole('cell', { name: other, exact: true })).toHaveCount(0);

  await row.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('alertdialog', { name: 'Delete this template?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(panel.getByRole('row').filter({ hasText: 'Holiday opening hours' })).toHaveCount(0);

  const requests = adminRequests(since);
  const created = requests.find((entry) => entry.method === 'POST');
  expect(created).toMatchObject({ path: '/api/templates', status: 201, body: { type: 'CARD_TEMPLATE', title: 'Holiday opening hours', text: 'We open at 9.' } });
  expect(requests.some((entry) => entry.url.includes('type=CARD_TEMPLATE'))).toBe(true);
  expect(described(requests.filter((entry) => entry.method === 'DELETE'))).toEqual([expect.stringMatching(/^DELETE \/api\/templates\/[\w-]+$/)]);
});

test('settings: short links saved with only what changed, a token refused without a value', async ({ page }) => {
  await signInAndOpenAdministration(page, 'Settings');
  const since = sandbox.requestLog().length;
  const form = page.getByRole('form', { name: 'Settings' });
  const shortLinks = form.getByRole('checkbox', { name: 'Short links' });
  await expect(shortLinks).toBeVisible();
  const wasOn = await shortLinks.isChecked();
  // Every field fits the box it is in (none runs past its right edge by its own padding).
  const overflowing = await form.evaluate((element) =>
    Array.from(element.querySelectorAll('input:not([type="checkbox"]), textarea')).filter((field) => {
      const box = field.parentElement?.getBoundingClientRect();
      return box !== undefined && field.getBoundingClientRect().right > box.right + 1;
    }).length,
  );
  expect(overflowing).toBe(0);

  const chatbotCom = form.getByRole('checkbox', { name: 'Chatbot.com' });
  if (!(await chatbotCom.isChecked())) {
    await chatbotCom.check();
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByText('Enter the chatbot.com access token')).toBeVisible();
    expect(adminRequests(since).filter((entry) => entry.method === 'PATCH')).toEqual([]);
    await chatbotCom.uncheck();
  }

  await shortLinks.setChecked(!wasOn);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Settings saved.')).toBeVisible();
  await expect(shortLinks).toBeChecked({ checked: !wasOn });
  await expectNoSeriousViolations(page, 'the settings');

  const patches = adminRequests(since).filter((entry) => entry.method === 'PATCH');
  expect(patches.map(({ path, status, body }) => ({ path, status, body }))).toEqual([
    { path: '/api/settings', status: 204, body: { short_links_generation_enabled: !wasOn } },
  ]);
});

test('a write made offline is refused and nothing is sent', async ({ page, context }) => {
  await signInAndOpenAdministration(page);
  const panel = page.getByRole('tabpanel');
  await panel.getByRole('button', { name: 'New keyword event' }).click();
  const dialog = page.getByRole('dialog', { name: 'New keyword event' });
  await dialog.getByRole('textbox', { name: 'Keywords' }).fill('offline-word');
  const since = sandbox.requestLog().length;
  await context.setOffline(true);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/You are offline, so nothing was changed/);
  await context.setOffline(false);
  expect(adminRequests(since)).toEqual([]);
});

test('channels: listed with their agents, narrowed by type and status through the service', async ({ page }) => {
  await signInAndOpenAdministration(page, 'Channels');
  const since = sandbox.requestLog().length;
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('table', { name: 'Channels' })).toBeVisible();
  await panel.getByRole('combobox', { name: 'Filter by channel type' }).selectOption({ label: 'SMS' });
  await panel.getByRole('combobox', { name: 'Filter by status' }).selectOption({ label: 'Active' });
  const types = panel.locator('tbody tr td:nth-child(2)');
  await expect(types.first()).toHaveText('SMS');
  expect(new Set(await types.allTextContents())).toEqual(new Set(['SMS']));
  const lists = sandbox.requestLog().slice(since).filter((entry) => entry.path === '/api/channels');
  const queries = lists.map((entry) => Object.fromEntries(new URL(entry.url, sandbox.baseUrl).searchParams));
  expect(queries).toContainEqual({ offset: '0', limit: '50', sort: 'created', order: 'asc', type: 'SMS', status: 'ACTIVE' });
});

test('WhatsApp templates: one agent\'s templates, narrowed by review status through the service', async ({ page }) => {
  await signInAndOpenAdministration(page, 'WhatsApp templates');
  const panel = page.getByRole('tabpanel');
  const agent = panel.getByRole('combobox', { name: 'WhatsApp agent' });
  await expect(agent).toBeVisible();
  const agentId = await agent.inputValue();
  const since = sandbox.requestLog().length;
  await panel.getByRole('combobox', { name: 'Filter by status' }).selectOption({ label: 'Approved' });
  const statuses = panel.locator('tbody tr td:nth-child(4)');
  await expect(statuses.first()).toHaveText('Approved');
  expect(new Set(await statuses.allTextContents())).toEqual(new Set(['Approved']));
  const lists = sandbox.requestLog().slice(since).filter((entry) => entry.path === `/api/agents/whatsapp/${agentId}/templates`);
  expect(lists.map((entry) => new URL(entry.url, sandbox.baseUrl).searchParams.get('status'))).toEqual(['APPROVED']);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`every admin screen passes axe in ${scheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await signInAndOpenAdministration(page, 'Channels');
    await expect(page.getByRole('tabpanel').getByRole('table', { name: 'Channels' })).toBeVisible();
    await expectNoSeriousViolations(page, `channels (${scheme})`);
    await page.getByRole('tab', { name: 'Keyword events' }).click();
    await expect(page.getByRole('tabpanel').getByRole('button', { name: 'New keyword event' })).toBeVisible();
    await expectNoSeriousViolations(page, `keyword events (${scheme})`);
    await page.getByRole('tab', { name: 'Templates', exact: true }).click();
    await expect(page.getByRole('tabpanel').getByRole('button', { name: 'New template' })).toBeVisible();
    await expectNoSeriousViolations(page, `templates (${scheme})`);
    await page.getByRole('tab', { name: 'WhatsApp templates' }).click();
    await expect(page.getByRole('tabpanel').getByRole('combobox', { name: 'WhatsApp agent' })).toBeVisible();
    await expectNoSeriousViolations(page, `WhatsApp templates (${scheme})`);
    await page.getByRole('tab', { name: 'Settings' }).click();
    await expect(page.getByRole('form', { name: 'Settings' })).toBeVisible();
    await expectNoSeriousViolations(page, `settings (${scheme})`);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('heading', { name: 'Administration' })).toBeHidden();
  });
}
