/**
 * A new user's first minute, in Chromium through browser mode: one click on "Try it with the built-in sandbox"
 * signs in to the demo account and opens the inbox; the customer list shows the sandbox's customers once sync has
 * brought them in (until then it says sync will fill it); opening a conversation with unread messages clears its
 * badge, its header names the channel it is on, a reply lands in it and so does a picture attached to the reply; the
 * list works from the keyboard and the search finds a customer by name; sign-out returns to the form.
 * Nothing on the way may trip the content security policy (the virtual list positions rows with inline styles).
 */
import { expect, openApp, test, type Page } from './fixtures';

/** The smallest PNG: one transparent pixel. */
const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

function collectPolicyViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test('a new user tries the built-in sandbox and lands in the inbox', async ({ page }) => {
  const violations = collectPolicyViolations(page);
  await openApp(page);
  await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();

  await page.getByRole('button', { name: 'Try it with the built-in sandbox' }).click();

  await expect(page.getByTestId('account-email')).toHaveText('agent@demo.2way.test', { timeout: 20_000 });
  await expect(page.getByText('Sandbox', { exact: true })).toBeVisible();
  const conversations = page.getByRole('region', { name: 'Conversations' });
  await expect(conversations.getByRole('searchbox', { name: 'Search customers' })).toBeVisible();

  // Sync fills the list from the sandbox in the background; until its first pass ends the list says so.
  const customers = conversations.getByRole('option');
  const waitingForSync = conversations.getByText('No conversations yet');
  await expect(customers.first().or(waitingForSync)).toBeVisible({ timeout: 15_000 });
  await expect(conversations.getByRole('alert')).toHaveCount(0);
  await expect(customers.first()).toBeVisible({ timeout: 30_000 });

  // Messages from customers arrive unread; opening the conversation reads them and the badge goes.
  const unreadRow = customers.filter({ hasText: /\d+ unread/ }).first();
  await expect(unreadRow).toBeVisible({ timeout: 15_000 });
  const unreadRowId = (await unreadRow.getAttribute('id')) ?? '';
  await unreadRow.click();
  const conversation = page.getByRole('region', { name: /^Conversation with / });
  await expect(conversation.getByRole('heading', { level: 2 })).toBeVisible();
  const thread = conversation.getByRole('log', { name: 'Messages' });
  await expect(thread.getByRole('article').first()).toBeVisible();
  await expect(page.locator(`[id="${unreadRowId}"]`)).not.toContainText(/\d+ unread/);
  await expect(conversation.getByTitle(/^On (SMS|WhatsApp|Viber|Telegram|RCS|WeChat)$/)).toBeVisible();

  const reply = `We are on it (${Date.now()})`;
  const composer = conversation.getByRole('textbox', { name: /^Message to / });
  await composer.fill(reply);
  await composer.press('Enter');
  await expect(composer).toHaveValue('');
  const sent = thread.getByRole('article').filter({ hasText: reply });
  await expect(sent).toHaveCount(1);
  await expect(sent).toHaveAccessibleName(/^You at /);
  await expect(sent).toContainText(/Sent|Delivered|Read/, { timeout: 20_000 });

  // A picture attached to the reply (as if dropped): checked, uploaded, sent, and shown in the thread by the app.
  await conversation.locator('input[type="file"]').setInputFiles({ name: 'pixel.png', mimeType: 'image/png', buffer: onePixelPng });
  const attachment = conversation.getByRole('group', { name: 'Attached file pixel.png' });
  await expect(attachment).toContainText('Image');
  await conversation.getByRole('button', { name: 'Send' }).click();
  await expect(attachment).toHaveCount(0, { timeout: 20_000 });
  const picture = thread.getByRole('img', { name: 'pixel.png' });
  await expect(picture).toBeVisible({ timeout: 20_000 });
  await expect(picture).toHaveAttribute('src', /^\/media\//);
  await expect.poll(() => picture.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0), { timeout: 20_000 }).toBe(true);

  await page.keyboard.press('Control+k');
  const search = conversations.getByRole('searchbox', { name: 'Search customers' });
  await expect(search).toBeFocused();
  await page.keyboard.press('ArrowDown');
  // The keyboard's row is the list's active descendant; the list may reorder as customers write in, rows keep ids.
  const activeId = await conversations.getByRole('listbox', { name: 'Customers' }).getAttribute('aria-activedescendant');
  expect(activeId).toMatch(/^customer-/);
  const nextName = (await page.locator(`[id="${activeId}"] .name`).textContent()) ?? '';
  await page.keyboard.press('Enter');
  await expect(conversation.getByRole('heading', { level: 2 })).toHaveText(nextName);

  const surname = nextName.split(' ').at(-1) ?? nextName;
  await search.fill(surname);
  await expect(customers.first()).toContainText(surname);
  await expect(customers.filter({ hasNotText: surname })).toHaveCount(0);
  await search.press('Escape');
  await expect(search).toHaveValue('');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
  expect(violations).toEqual([]);
});
