/**
 * The image viewer in Chromium through browser mode: two pictures sent to a WhatsApp customer show in the thread no
 * larger than they are; clicking one opens it in a dialog named after it, who sent it and when, still at its own
 * size; zoom grows it on screen, Right goes to the next picture, Escape closes and focus is back on the picture in
 * the thread. axe finds nothing serious with the viewer open, light or dark.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Locator } from './fixtures';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import { expectNoSeriousViolations } from './axe';
import { signInTo } from './sign-in';

const pictures = [
  { name: 'first.png', buffer: readFileSync(new URL('../../resources/tray-icon@2x.png', import.meta.url)), size: 32 },
  { name: 'second.png', buffer: readFileSync(new URL('../../resources/tray-icon.png', import.meta.url)), size: 16 },
];

let service: RunningSandbox | undefined;
test.afterAll(async () => {
  await service?.close();
});

/** The picture's size on screen and its own, once it has loaded. */
async function sizes(image: Locator): Promise<{ shown: number; natural: number }> {
  await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0), { timeout: 20_000 }).toBe(true);
  return image.evaluate((element: HTMLImageElement) => ({ shown: element.getBoundingClientRect().width, natural: element.naturalWidth }));
}

test('a picture opens large, zooms, steps to the next one and closes with Escape', async ({ page }) => {
  test.setTimeout(120_000);
  service = await startSandbox({ port: 0, seed: 7, customers: 2, messagesPerCustomer: 2 });
  const question = `Can you send me the photos? (${Date.now()})`;
  await service.injectInbound({ customer: '447911650071', text: question, channelType: 'WA' });
  await signInTo(page, service);

  await page.getByRole('region', { name: 'Conversations' }).getByRole('option').filter({ hasText: question }).click({ timeout: 60_000 });
  const conversation = page.getByRole('region', { name: /^Conversation with / });
  const thread = conversation.getByRole('log', { name: 'Messages' });
  for (const picture of pictures) {
    await conversation.locator('input[type="file"]').setInputFiles({ name: picture.name, mimeType: 'image/png', buffer: picture.buffer });
    const attachment = conversation.getByRole('group', { name: `Attached file ${picture.name}` });
    await conversation.getByRole('button', { name: 'Send' }).click();
    await expect(attachment).toHaveCount(0, { timeout: 20_000 });
    await expect(thread.getByRole('img', { name: picture.name })).toBeVisible({ timeout: 20_000 });
  }
  // In the thread a picture keeps a fixed box, but what is drawn in it is never scaled up past the picture's size.
  await expect(thread.getByRole('img', { name: 'first.png' })).toHaveCSS('object-fit', 'scale-down');

  const opener = thread.getByRole('button', { name: 'View first.png large' });
  await opener.click();
  const viewer = page.getByRole('dialog', { name: /^first\.png, from You at \d/ });
  await expect(viewer).toBeVisible();
  const shown = viewer.getByRole('img', { name: 'first.png' });
  const fitted = await sizes(shown);
  expect(fitted.shown).toBeCloseTo(fitted.natural, 0);

  await viewer.getByRole('button', { name: 'Zoom in' }).click();
  await page.keyboard.press('+');
  await expect(viewer.getByLabel('Zoom level')).toHaveText('156%');
  expect((await sizes(shown)).shown).toBeCloseTo(fitted.natural * 1.5625, 0);
  await page.keyboard.press('0');
  await expect(viewer.getByLabel('Zoom level')).toHaveText('100%');

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoSeriousViolations(page, `the image viewer (${colorScheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  await page.keyboard.press('ArrowRight');
  const next = page.getByRole('dialog', { name: /^second\.png, from You at \d/ });
  await expect(next).toBeVisible();
  await expect(next).toContainText('2 of 2');
  expect((await sizes(next.getByRole('img', { name: 'second.png' }))).natural).toBe(pictures[1]?.size);

  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(opener).toBeFocused();
});
