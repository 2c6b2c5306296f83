/**
 * The app shell never scrolls: whatever the panes hold (visually hidden labels included), the document is exactly
 * the window's height, and the mouse wheel over any part of the app scrolls only the pane under it.
 */
import { expect, openApp, test, type Page } from './fixtures';

test.use({ viewport: { width: 1280, height: 800 } });

async function expectShellInPlace(page: Page): Promise<void> {
  const layout = await page.evaluate(() => ({
    scrollTop: document.scrollingElement?.scrollTop ?? -1,
    documentHeight: document.documentElement.scrollHeight,
    bodyHeight: document.body.scrollHeight,
    viewportHeight: window.innerHeight,
    headerTop: document.querySelector('header')?.getBoundingClientRect().top ?? -1,
  }));
  expect(layout).toEqual({ scrollTop: 0, documentHeight: 800, bodyHeight: 800, viewportHeight: 800, headerTop: 0 });
}

async function wheelOver(page: Page, x: number, y: number): Promise<void> {
  await page.mouse.move(x, y);
  for (let turn = 0; turn < 5; turn += 1) await page.mouse.wheel(0, 1200);
  // Wheel scrolling is applied by the compositor; one frame lets the page see where it landed.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
}

test('the mouse wheel never scrolls the app shell out of view, on the sign-in form or in the inbox', async ({ page }) => {
  test.setTimeout(60_000);
  await openApp(page);
  await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
  await wheelOver(page, 640, 400);
  await expectShellInPlace(page);

  await page.getByRole('button', { name: 'Try it with the built-in sandbox' }).click();
  const conversations = page.getByRole('region', { name: 'Conversations' });
  await expect(conversations.getByRole('option').nth(5)).toBeVisible({ timeout: 30_000 });
  await conversations.getByRole('option').first().click();
  const thread = page.getByRole('log', { name: 'Messages' });
  await expect(thread.getByRole('article').first()).toBeVisible();

  await expectShellInPlace(page);
  const header = await page.getByRole('banner').boundingBox();
  const list = await conversations.boundingBox();
  const log = await thread.boundingBox();
  if (!header || !list || !log) throw new Error('The shell is not laid out');
  await wheelOver(page, header.x + header.width / 2, header.y + header.height / 2);
  await expectShellInPlace(page);
  await wheelOver(page, list.x + list.width / 2, list.y + list.height / 2);
  await expectShellInPlace(page);
  await wheelOver(page, log.x + log.width / 2, log.y + log.height / 2);
  await expectShellInPlace(page);
});
