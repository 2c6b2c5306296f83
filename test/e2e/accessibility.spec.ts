/**
 * Every screen passes axe-core with nothing serious or critical, in the light and the dark palette: the sign-in
 * form (with its advanced field and the app's details, and refusing a password), the inbox with its unread badges
 * and channel tags, an open conversation with our own replies, and the header's popovers. An account on another loopback service is a real
 * account, not "the sandbox": it keeps "Remove data…", whose confirmation is checked too, and when that service
 * answers 503 to every look, the sync line names the failure and counts down to the next try.
 */
import { expect, openApp, test, type Page } from './fixtures';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import { seriousViolations } from './axe';
import { serviceUrlField, signInTo } from './sign-in';

const schemes = ['light', 'dark'] as const;

/**
 * Checks the screen as it is in both palettes (the app follows the system's), adding what axe finds to `found`:
 * each test asserts once at its end, so one run reports every screen's problems rather than the first one's.
 */
async function checkBothSchemes(page: Page, screen: string, found: string[]): Promise<void> {
  for (const colorScheme of schemes) {
    await page.emulateMedia({ colorScheme });
    for (const violation of await seriousViolations(page)) found.push(`${screen} (${colorScheme}): ${violation}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function waitForCustomers(page: Page) {
  const conversations = page.getByRole('region', { name: 'Conversations' });
  await expect(conversations.getByRole('option').first()).toBeVisible({ timeout: 30_000 });
  return conversations;
}

let otherService: RunningSandbox | undefined;
test.afterAll(async () => {
  await otherService?.close();
});

test('the sign-in screen, the inbox, a conversation and the popovers have no serious axe violations, light and dark', async ({ page }) => {
  test.setTimeout(240_000);
  const found: string[] = [];
  await openApp(page);
  const form = page.getByRole('form', { name: 'Sign in' });
  await expect(form).toBeVisible();
  await expect(page.getByTestId('app-version')).toBeVisible();
  await serviceUrlField(form);
  await checkBothSchemes(page, 'sign-in', found);

  await page.getByRole('button', { name: 'Try it with the built-in sandbox' }).click();
  const conversations = await waitForCustomers(page);
  await expect(conversations.getByRole('option').filter({ hasText: /\d+ unread/ }).first()).toBeVisible({ timeout: 15_000 });
  await checkBothSchemes(page, 'inbox', found);

  await conversations.getByRole('option').first().click();
  const conversation = page.getByRole('region', { name: /^Conversation with / });
  const composer = conversation.getByRole('textbox', { name: /^Message to / });
  await composer.fill('Checking the contrast of our own bubbles');
  await composer.press('Enter');
  const thread = conversation.getByRole('log', { name: 'Messages' });
  await expect(thread.getByRole('article').filter({ hasText: 'Checking the contrast' })).toContainText(/Sent|Delivered|Read/, { timeout: 20_000 });
  await checkBothSchemes(page, 'open conversation', found);

  await page.getByRole('button', { name: 'Notifications' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await checkBothSchemes(page, 'notification settings', found);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(form).toBeVisible();
  expect(found, 'serious or critical axe violations').toEqual([]);
});

test('an account on another loopback service is not the sandbox: no label, and its data can be removed', async ({ page }) => {
  test.setTimeout(120_000);
  otherService = await startSandbox({ port: 0, seed: 6, customers: 4, messagesPerCustomer: 2 });
  const found: string[] = [];
  await openApp(page);
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill('nobody@example.com');
  await (await serviceUrlField(form)).fill(otherService.baseUrl);
  await form.getByLabel('Password').fill('not the password');
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(form.getByRole('alert')).toBeVisible({ timeout: 20_000 });
  await checkBothSchemes(page, 'refused sign-in', found);

  await signInTo(page, otherService);
  // The service failing every look: the sync line says so, with the next try, and still reads in both palettes.
  const conversations = page.getByRole('region', { name: 'Conversations' });
  await expect(conversations.getByRole('option').first()).toBeVisible({ timeout: 30_000 });
  otherService.addFault({ method: 'GET', path: '/api/customers', kind: 'status', status: 503 });
  await conversations.getByRole('button', { name: 'Sync now' }).click();
  await expect(conversations.getByText(/^Sync failed: .*Trying again (in \d+ s|now…)/)).toBeVisible({ timeout: 30_000 });
  await checkBothSchemes(page, 'sync failing', found);
  otherService.clearFaults();
  await conversations.getByRole('button', { name: 'Sync now' }).click();
  await expect(conversations.getByText('Updated just now')).toBeVisible({ timeout: 30_000 });

  await expect(page.getByText('Sandbox', { exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Remove data…' }).click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await checkBothSchemes(page, 'remove data confirmation', found);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(form).toBeVisible();
  expect(found, 'serious or critical axe violations').toEqual([]);
});
