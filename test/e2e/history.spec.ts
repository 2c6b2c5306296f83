/**
 * A long conversation in Chromium through browser mode, against a service whose customers have 400 messages each:
 * the thread opens at its newest page without claiming the start; scrolling up fetches older pages from the
 * service, keeping the message the agent was reading where it was (also once the thread holds its most, 300, and
 * lets the newest go), until the service proves the start. The layout holds while reading back: "Jump to latest" stays clear of the attachment's Remove
 * button, and the sticky day label sits on an opaque band as wide as the thread, so no message shows through it.
 */
import { expect, test, type Locator } from './fixtures';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import { signInTo } from './sign-in';

const historyLength = 400;
/** The most messages the thread holds at once (maxShownMessages). */
const shownAtMost = 300;
const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let service: RunningSandbox | undefined;
test.afterAll(async () => {
  await service?.close();
});

function overlaps(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * Scrolls the thread to its top and, before the app can react, notes the message nearest the top and where it is on
 * screen, to find it again once older messages went in above it.
 */
async function scrollToTop(thread: Locator): Promise<{ text: string; top: number }> {
  return thread.evaluate((log) => {
    const scroller = log.closest('.scroller');
    scroller?.scrollTo({ top: 0 });
    const edge = scroller?.getBoundingClientRect().top ?? 0;
    const visible = Array.from(log.querySelectorAll('article')).find((article) => article.getBoundingClientRect().bottom > edge + 40);
    return { text: visible?.textContent ?? '', top: visible?.getBoundingClientRect().top ?? 0 };
  });
}

test('a 400-message conversation scrolls back to its start, page by page from the service, without jumping', async ({ page }) => {
  test.setTimeout(120_000);
  service = await startSandbox({ port: 0, seed: 5, customers: 3, messagesPerCustomer: historyLength });
  await signInTo(page, service);

  const conversations = page.getByRole('region', { name: 'Conversations' });
  await conversations.getByRole('option').first().click({ timeout: 30_000 });
  const conversation = page.getByRole('region', { name: /^Conversation with / });
  const thread = conversation.getByRole('log', { name: 'Messages' });
  const messages = thread.getByRole('article');
  const start = conversation.getByText('This is the start of the conversation.');
  await expect(messages.first()).toBeVisible({ timeout: 20_000 });
  // The first fill kept only the newest page: the start is not claimed.
  await expect(start).toHaveCount(0);
  const scroller = conversation.locator('.scroller');

  let previous = await messages.count();
  expect(previous).toBeLessThan(historyLength);
  let jumps = 0;
  let oldest = await messages.first().textContent();
  for (let pages = 0; pages < 20 && (await start.count()) === 0; pages++) {
    const before = await scrollToTop(thread);
    const readBack = async () => (await messages.first().textContent()) !== oldest || (await start.count()) > 0;
    await expect.poll(readBack, { timeout: 15_000 }).toBe(true);
    await expect(scroller.getByRole('status')).toHaveCount(0, { timeout: 15_000 });
    const count = await messages.count();
    const first = await messages.first().textContent();
    if (first !== oldest) {
      // The message that was at the top is still on screen where the older ones went in above it, not pushed away.
      const again = await thread.getByRole('article').filter({ hasText: before.text }).first().evaluate((article) => article.getBoundingClientRect().top);
      if (Math.abs(again - before.top) > 40) jumps += 1;
    }
    expect(count).toBeLessThanOrEqual(shownAtMost);
    oldest = first;
    previous = count;
  }
  await expect(start).toBeVisible();
  // The oldest 300 are shown; the newest 100 were let go, and come back with "Jump to latest".
  expect(await messages.count()).toBe(shownAtMost);
  expect(jumps).toBe(0);

  // Reading back, the day label is on an opaque band across the thread: no message text shows beside or under it.
  await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight / 2 }));
  const band = await conversation.locator('.day-heading').evaluateAll((headings) => {
    const scroller = headings[0]?.closest('.scroller');
    const top = scroller?.getBoundingClientRect().top ?? 0;
    const stuck = headings.find((heading) => Math.abs(heading.getBoundingClientRect().top - top) < 2);
    const style = stuck === undefined ? undefined : getComputedStyle(stuck);
    return {
      stuck: stuck !== undefined,
      width: stuck?.getBoundingClientRect().width ?? 0,
      threadWidth: scroller?.clientWidth ?? -1,
      background: style?.backgroundColor ?? '',
    };
  });
  expect(band.stuck).toBe(true);
  expect(band.width).toBeGreaterThanOrEqual(band.threadWidth - 1);
  expect(band.background).not.toMatch(/rgba\(.*,\s*0\)|transparent/);

  // Away from the newest message with a file attached: "Jump to latest" does not cover the attachment's Remove.
  await conversation.locator('input[type="file"]').setInputFiles({ name: 'pixel.png', mimeType: 'image/png', buffer: onePixelPng });
  const remove = conversation.getByRole('button', { name: 'Remove pixel.png' });
  const jump = conversation.getByRole('button', { name: /Jump to latest/ });
  await expect(remove).toBeVisible();
  await expect(jump).toBeVisible();
  const [removeBox, jumpBox] = [await remove.boundingBox(), await jump.boundingBox()];
  expect(removeBox).not.toBeNull();
  expect(jumpBox).not.toBeNull();
  if (removeBox !== null && jumpBox !== null) expect(overlaps(removeBox, jumpBox)).toBe(false);
  await remove.click();

  await jump.click();
  await expect(jump).toHaveCount(0);
});
