/** Finding and opening a conversation in the inbox, for specs that message a customer they just made write. */
import { expect, type Locator, type Page } from '@playwright/test';

/** Opens the conversation whose latest words are `preview`, once sync has brought it into the list. */
export async function openConversationSaying(page: Page, preview: string): Promise<Locator> {
  const row = page.getByRole('region', { name: 'Conversations' }).getByRole('option').filter({ hasText: preview });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.click();
  return page.getByRole('region', { name: /^Conversation with / });
}
