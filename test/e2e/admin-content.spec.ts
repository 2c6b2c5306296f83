/**
 * The Administration area's content in Chromium through browser mode, against a sandbox of the test's own whose
 * request log is read back: a WhatsApp template created, edited and deleted (the active-broadcast check asked
 * before the deletion) with the reference's bodies, its limits refused before any request; files uploaded to the
 * Media tab and deleted together; an admin list read from its saved copy while the service is out of reach; and
 * no serious or critical axe violation on these screens and dialogs, light and dark.
 */
import { expect, test, type Page } from './fixtures';
import { startSandbox, type RequestLogEntry, type RunningSandbox } from '../../sandbox/index';
import * as fixture from '../unit/media/fixtures';
import { expectNoSeriousViolations } from './axe';
import { signInTo } from './sign-in';

let sandbox: RunningSandbox;

// Several screens are checked with axe per test, which takes a while on a busy two-core machine.
test.describe.configure({ timeout: 240_000 });

test.beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 21, customers: 2, messagesPerCustomer: 1, life: false });
});

test.afterAll(async () => {
  await sandbox.close();
});

function requestsSince(since: number, path: RegExp): RequestLogEntry[] {
  return sandbox.requestLog().slice(since).filter((entry) => path.test(entry.path));
}

async function openTab(page: Page, tab: string): Promise<void> {
  await signInTo(page, sandbox);
  await page.getByRole('button', { name: 'Administration' }).click();
  await expect(page.getByRole('heading', { name: 'Administration' })).toBeVisible();
  await page.getByRole('tab', { name: tab, exact: true }).click();
}

/** Picks a WhatsApp agent whose templates the service lists (a channel awaiting Meta's approval answers 502). */
async function chooseWorkingAgent(page: Page): Promise<string> {
  const agent = page.getByRole('tabpanel').getByRole('combobox', { name: 'WhatsApp agent' });
  await expect(agent).toBeVisible();
  const ids = await agent.locator('option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
  for (const id of ids) {
    const since = sandbox.requestLog().length;
    await agent.selectOption(id);
    // The first agent is chosen already, so selecting it again reads nothing: its first read is looked up instead.
    const listed = () => sandbox.requestLog().filter((entry, position) => entry.path === `/api/agents/whatsapp/${id}/templates` && (position >= since || id === ids[0]));
    await expect.poll(() => listed().length).toBeGreaterThan(0);
    if (listed().at(-1)?.status === 200) return id;
  }
  throw new Error('No WhatsApp agent of the sandbox lists its templates');
}

test('WhatsApp templates: created, edited and deleted with the reference requests, limits refused first', async ({ page }) => {
  await openTab(page, 'WhatsApp templates');
  const panel = page.getByRole('tabpanel');
  const agentId = await chooseWorkingAgent(page);
  const templatesPath = new RegExp(`^/api/agents/whatsapp/${agentId}/templates`);
  const since = sandbox.requestLog().length;

  await panel.getByRole('button', { name: 'New WhatsApp template' }).click();
  let dialog = page.getByRole('dialog', { name: 'New WhatsApp template' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('e2e_welcome');
  await dialog.getByRole('textbox', { name: 'Body' }).fill(`Hello {{1}}, ${'x'.repeat(1030)}`);
  await dialog.getByRole('textbox', { name: 'Footer' }).fill('f'.repeat(61));
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByText('The body is at most 1024 characters')).toBeVisible();
  await expect(dialog.getByText('Give an example for each of the body’s 1 variables')).toBeVisible();
  await expect(dialog.getByText('The footer is at most 60 characters')).toBeVisible();
  expect(requestsSince(since, templatesPath).filter((entry) => entry.method !== 'GET')).toEqual([]);

  await dialog.getByRole('textbox', { name: 'Body' }).fill('Hello {{1}}, welcome aboard.');
  await dialog.getByRole('textbox', { name: 'Example for {{1}}' }).fill('Ann');
  await dialog.getByRole('textbox', { name: 'Footer' }).fill('The Acme team');
  await dialog.getByRole('combobox', { name: 'Buttons' }).selectOption({ label: 'Quick replies' });
  await dialog.getByRole('textbox', { name: 'Quick replies' }).fill('Thanks\nStop');
  await expect(dialog.getByRole('region', { name: 'What the customer sees' })).toContainText('Hello Ann, welcome aboard.');
  await expectNoSeriousViolations(page, 'the new WhatsApp template dialog');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();
  const row = panel.getByRole('row').filter({ hasText: 'e2e_welcome' });
  await expect(row).toBeVisible();
  const [created] = requestsSince(since, templatesPath).filter((entry) => entry.method === 'POST');
  expect(created?.body).toEqual({
    category: 'MARKETING',
    language: 'en',
    name: 'e2e_welcome',
    body: 'Hello {{1}}, welcome aboard.',
    body_examples: ['Ann'],
    footer: 'The Acme team',
    buttons: { type: 'QUICK_REPLY', quickReplyBlocks: ['Thanks', 'Stop'] },
  });

  await row.getByRole('button', { name: 'Edit' }).click();
  dialog = page.getByRole('dialog', { name: 'Edit WhatsApp template' });
  await expect(dialog.getByRole('textbox', { name: 'Body' })).toHaveValue('Hello {{1}}, welcome aboard.');
  await dialog.getByRole('textbox', { name: 'Body' }).fill('Hello {{1}}, welcome to Acme.');
  await dialog.getByRole('textbox', { name: 'Example for {{1}}' }).fill('Ann');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const [edited] = requestsSince(since, templatesPath).filter((entry) => entry.method === 'PUT');
  expect(edited?.body).toEqual({
    body: 'Hello {{1}}, welcome to Acme.',
    body_examples: ['Ann'],
    footer: 'The Acme team',
    buttons: { type: 'QUICK_REPLY', quickReplyBlocks: ['Thanks', 'Stop'] },
  });

  // A second edit the same day breaks line 5209's limit: refused in the form, with no request.
  const beforeSecondEdit = sandbox.requestLog().length;
  await row.getByRole('button', { name: 'Edit' }).click();
  dialog = page.getByRole('dialog', { name: 'Edit WhatsApp template' });
  await dialog.getByRole('textbox', { name: 'Example for {{1}}' }).fill('Bo');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toContainText('can be changed once in 24 hours');
  expect(requestsSince(beforeSecondEdit, templatesPath).filter((entry) => entry.method === 'PUT')).toEqual([]);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  const beforeDelete = sandbox.requestLog().length;
  await row.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete this WhatsApp template?' });
  await expect(confirm).toContainText('“e2e_welcome”');
  await expectNoSeriousViolations(page, 'the WhatsApp template deletion');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(row).toBeHidden();
  expect(requestsSince(beforeDelete, templatesPath).map((entry) => `${entry.method} ${entry.url}`).filter((line) => !line.startsWith('GET /api/agents/whatsapp/' + agentId + '/templates?'))).toEqual([
    `GET /api/agents/whatsapp/${agentId}/templates/active-broadcast?name=e2e_welcome`,
    `DELETE /api/agents/whatsapp/${agentId}/templates/e2e_welcome`,
  ]);
});

test('media: files uploaded through the composer’s pipeline and deleted together after one confirmation', async ({ page }) => {
  await openTab(page, 'Media');
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('button', { name: 'Delete selected (0)' })).toBeVisible();
  const since = sandbox.requestLog().length;
  await panel.getByLabel('Upload files').setInputFiles([
    { name: 'e2e-one.png', mimeType: 'image/png', buffer: await fixture.png(31, 17) },
    { name: 'e2e-two.png', mimeType: 'image/png', buffer: await fixture.png(32, 18) },
  ]);
  await expect(panel.getByText('2 files uploaded.')).toBeVisible();
  const uploads = requestsSince(since, /^\/api\/media$/).filter((entry) => entry.method === 'POST');
  expect(uploads.map((entry) => entry.status)).toEqual([200, 200]);
  await expect(panel.getByRole('img', { name: 'e2e-one.png' })).toBeVisible();

  await panel.getByRole('checkbox', { name: 'e2e-one.png' }).check();
  await panel.getByRole('checkbox', { name: 'e2e-two.png' }).check();
  await panel.getByRole('button', { name: 'Delete selected (2)' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete 2 files?' });
  await expectNoSeriousViolations(page, 'the media deletion');
  const beforeDelete = sandbox.requestLog().length;
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(panel.getByText('e2e-one.png')).toBeHidden();
  const [deletion] = requestsSince(beforeDelete, /^\/api\/media$/).filter((entry) => entry.method === 'DELETE');
  const ids = new URL(deletion?.url ?? '', sandbox.baseUrl).searchParams.getAll('media_ids');
  expect(ids).toHaveLength(2);
  expect(deletion?.status).toBe(200);
});

test('an admin list is read from its saved copy while the service is out of reach', async ({ page }) => {
  await openTab(page, 'Keyword events');
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('table', { name: 'Keyword events' })).toBeVisible();
  const fault = sandbox.addFault({ path: '/api/keyword_events', kind: 'reset-before' });
  try {
    await page.getByRole('tab', { name: 'Templates', exact: true }).click();
    await page.getByRole('tab', { name: 'Keyword events' }).click();
    await expect(panel.getByText(/^Saved copy from /)).toBeVisible();
    await expect(panel.getByRole('table', { name: 'Keyword events' })).toBeVisible();
  } finally {
    sandbox.removeFault(fault);
  }
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the WhatsApp template form and the Media tab pass axe in ${scheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openTab(page, 'Media');
    await expect(page.getByRole('tabpanel').getByRole('button', { name: /^Delete selected/ })).toBeVisible();
    await expectNoSeriousViolations(page, `media (${scheme})`);
    await page.getByRole('tab', { name: 'WhatsApp templates' }).click();
    await page.getByRole('tabpanel').getByRole('button', { name: 'New WhatsApp template' }).click();
    const dialog = page.getByRole('dialog', { name: 'New WhatsApp template' });
    await dialog.getByRole('combobox', { name: 'Header' }).selectOption({ label: 'Text' });
    await dialog.getByRole('combobox', { name: 'Buttons' }).selectOption({ label: 'Call and website' });
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog.getByText('Write the message body')).toBeVisible();
    await expectNoSeriousViolations(page, `the WhatsApp template form with its refusals (${scheme})`);
  });
}
