/**
 * Drafts survive a reload, in Chromium through browser mode: words typed to a customer (and not sent) are back in
 * the reply box after the page reloads, straight away, without waiting for a pause in typing; the customer's row
 * says "Draft"; sending the words clears the draft, from the list and from the next reload.
 */
import { expect, test } from './fixtures';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import { signInTo } from './sign-in';

let service: RunningSandbox | undefined;
test.afterAll(async () => {
  await service?.close();
});

test('a draft comes back after a reload, marked in the list, and goes once sent', async ({ page }) => {
  test.setTimeout(90_000);
  service = await startSandbox({ port: 0, seed: 9, customers: 3, messagesPerCustomer: 2 });
  await signInTo(page, service);

  const conversations = page.getByRole('region', { name: 'Conversations' });
  const firstRow = conversations.getByRole('option').first();
  await expect(firstRow).toBeVisible({ timeout: 30_000 });
  const rowId = (await firstRow.getAttribute('id')) ?? '';
  const row = page.locator(`[id="${rowId}"]`);
  await firstRow.click();
  const conversation = page.getByRole('region', { name: /^Conversation with / });
  const composer = conversation.getByRole('textbox', { name: /^Message to / });
  await expect(row).not.toContainText('Draft');

  const words = `Your replacement ships on Monday (${Date.now()})`;
  await composer.fill(words);
  // No pause, no blur: leaving the page is what must keep the words.
  await page.reload();

  await expect(row).toContainText('Draft', { timeout: 20_000 });
  await expect(row).toHaveAccessibleName(/ Draft /);
  await row.click();
  await expect(composer).toHaveValue(words);

  await composer.press('Enter');
  await expect(composer).toHaveValue('');
  await expect(conversation.getByRole('log', { name: 'Messages' }).getByRole('article').filter({ hasText: words })).toHaveCount(1);
  await expect(row).not.toContainText('Draft');

  await page.reload();
  await expect(row).toBeVisible({ timeout: 20_000 });
  await row.click();
  await expect(composer).toHaveValue('');
  await expect(row).not.toContainText('Draft');
});
