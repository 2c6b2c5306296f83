/**
 * The agent's all-day tools in Chromium through browser mode, against a sandbox: find a word in a 3,000-message
 * conversation and jump to it though it is far outside the loaded window (then back to the newest), filter the list
 * by channel, open the "Keyboard shortcuts" sheet, and axe finding nothing serious on any of them, light and dark.
 */
import { expect, test, type Page } from './fixtures';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import { seriousViolations } from './axe';
import { signInTo } from './sign-in';

const longPhone = '+12125550142';
/** The long conversation's number as its row shows it (it has no name). */
const longPhoneShown = /212\D?555\D?0142/;
const telegramPhone = '+12125550143';
const historyLength = 3000;
/** The injected message, counted from the oldest, that holds the word looked for. */
const foundAt = 120;
const rareWord = 'zanzibar';

let service: RunningSandbox | undefined;
test.afterAll(async () => {
  await service?.close();
});

/** Fails on any serious or critical axe violation, in the light scheme and in the dark one. */
async function expectAccessibleInBothSchemes(page: Page, screen: string): Promise<void> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const violation of await seriousViolations(page)) found.push(`${screen} (${colorScheme}): ${violation}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  expect(found).toEqual([]);
}

test('finds a word in a 3,000-message conversation, filters by channel, and lists the shortcuts', async ({ page }) => {
  test.setTimeout(360_000);
  service = await startSandbox({ port: 0, seed: 11, customers: 4, messagesPerCustomer: 3 });
  const sandbox = service;
  await signInTo(page, sandbox);
  const conversations = page.getByRole('region', { name: 'Conversations' });

  // A customer whose history the app has fetched once: what comes after is read all the way back to it.
  await sandbox.injectInbound({ customer: longPhone, text: 'Hello, I have a question about an order' });
  await conversations.getByRole('option').filter({ hasText: 'about an order' }).click({ timeout: 60_000 });
  const conversation = page.getByRole('region', { name: /^Conversation with / });
  const thread = conversation.getByRole('log', { name: 'Messages' });
  await expect(thread.getByText('Hello, I have a question about an order')).toBeVisible({ timeout: 30_000 });

  for (let index = 1; index <= historyLength; index++) {
    const text = index === foundAt ? `Parcel ${index} went to ${rareWord} by mistake` : `Update ${index} on my order`;
    await sandbox.injectInbound({ customer: longPhone, text });
  }
  await expect(thread.getByText(`Update ${historyLength} on my order`)).toBeVisible({ timeout: 120_000 });
  await expect(thread.getByText(`Update ${foundAt + 1} on my order`)).toHaveCount(0);

  // Ctrl+F from the reply box: the find box takes the focus; Escape gives it back.
  const replyBox = conversation.getByRole('textbox', { name: /^Message to / });
  await replyBox.focus();
  await page.keyboard.press('Control+f');
  const find = conversation.getByRole('searchbox', { name: 'Find in conversation' });
  await expect(find).toBeFocused();
  await find.fill(rareWord);
  await find.press('Enter');
  const findStatus = conversation.getByRole('search', { name: 'Find in conversation' }).getByRole('status');
  await expect(findStatus).toHaveText('1 of 1');
  const found = thread.getByText(`Parcel ${foundAt} went to ${rareWord} by mistake`);
  await expect(found).toBeInViewport({ timeout: 20_000 });
  await expect(thread.getByText(`Update ${historyLength} on my order`)).toHaveCount(0);
  await expectAccessibleInBothSchemes(page, 'find in conversation');

  // From the found message the agent can read on either side, and "Jump to latest" comes back to the newest.
  await expect(thread.getByText(`Update ${foundAt - 1} on my order`)).toBeAttached();
  await expect(thread.getByText(`Update ${foundAt + 1} on my order`)).toBeAttached();
  await conversation.getByRole('button', { name: 'Jump to latest ↓' }).click();
  await expect(thread.getByText(`Update ${historyLength} on my order`)).toBeInViewport({ timeout: 20_000 });
  await find.press('Escape');
  await expect(find).toHaveCount(0);
  await expect(replyBox).toBeFocused();

  // Filter by channel: a customer who wrote on Telegram, and the list of Telegram conversations holds them alone.
  await sandbox.injectInbound({ customer: telegramPhone, text: 'Privet from Telegram', channelType: 'TG' });
  await expect(conversations.getByRole('option').filter({ hasText: 'Privet from Telegram' })).toBeVisible({ timeout: 60_000 });
  const channelBox = conversations.getByRole('combobox', { name: 'Channel' });
  await channelBox.click();
  const choices = conversations.getByRole('listbox', { name: 'Channel' });
  await expect(choices.getByRole('option', { name: 'All Telegram' })).toBeVisible();
  await expectAccessibleInBothSchemes(page, 'the Channel filter, open');
  await choices.getByRole('option', { name: 'All Telegram' }).click();
  await expect(channelBox).toHaveText(/All Telegram/);
  const rows = conversations.getByRole('listbox', { name: 'Customers' }).getByRole('option');
  await expect(rows.filter({ hasText: 'Privet from Telegram' })).toBeVisible();
  await expect(rows.filter({ hasText: longPhoneShown })).toHaveCount(0);
  await channelBox.click();
  await choices.getByRole('option', { name: 'All channels' }).click();
  await expect(channelBox).toHaveText(/All channels/);
  await expect(rows.filter({ hasText: longPhoneShown })).toBeVisible();

  // The shortcuts sheet, from "?" anywhere but a field.
  await page.getByRole('heading', { level: 2 }).first().click();
  await page.keyboard.press('Shift+?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByText('Find in conversation', { exact: true }).first()).toBeVisible();
  await expect(sheet.getByText('Next unread conversation')).toBeVisible();
  await expectAccessibleInBothSchemes(page, 'the Keyboard shortcuts sheet');
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
});
