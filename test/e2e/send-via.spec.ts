/**
 * "Send via" in Chromium through browser mode against the sandbox: a customer who wrote on WhatsApp and then by SMS
 * opens on SMS; the agent picks WhatsApp and sends a picture, and the sandbox receives exactly one upload and one
 * WhatsApp send whose payload points at that upload. The choice is still there after a reload.
 */
import { expect, test } from './fixtures';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import * as fixture from '../unit/media/fixtures';
import { expectNoSeriousViolations } from './axe';
import { signInTo } from './sign-in';

let service: RunningSandbox | undefined;
test.afterAll(async () => {
  await service?.close();
});

interface SentPayload {
  type: string;
  name?: string;
  src?: { uri: string; mime: string; size: number };
}

test('a picture to a customer last seen on SMS goes through the WhatsApp channel the agent chose', async ({ page }) => {
  test.setTimeout(150_000);
  service = await startSandbox({ port: 0, seed: 21, customers: 3, messagesPerCustomer: 2 });
  const phone = '447911555666';
  await service.injectInbound({ customer: phone, text: 'Hi on WhatsApp', channelType: 'WA' });
  const question = `Did my parcel leave? (${Date.now()})`;
  await service.injectInbound({ customer: phone, text: question, channelType: 'SMS' });
  await signInTo(page, service);

  const row = page.getByRole('region', { name: 'Conversations' }).getByRole('option').filter({ hasText: question });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.click();
  const conversation = page.getByRole('region', { name: /^Conversation with / });
  const composer = conversation.getByRole('form', { name: 'Reply' });
  const sendVia = composer.getByRole('combobox', { name: 'Send via' });
  await expect(sendVia.getByRole('option', { selected: true })).toHaveText(/^SMS · /);
  await expect(composer.getByRole('status')).toHaveText(/segment/);

  await sendVia.selectOption({ label: (await sendVia.getByRole('option', { name: /^WhatsApp · / }).textContent()) ?? '' });
  await expect(sendVia.getByRole('option', { selected: true })).toHaveText(/^WhatsApp · /);
  await expect(composer.getByRole('status')).toHaveText(/WhatsApp/);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoSeriousViolations(page, `the composer with Send via on WhatsApp (${colorScheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  const picture = { name: 'parcel.png', mimeType: 'image/png', buffer: Buffer.from(await fixture.png(31, 17)) };
  const since = (service?.requestLog() ?? []).length;
  await composer.getByLabel('Choose a file to send').setInputFiles(picture);
  const attached = composer.getByRole('group', { name: 'Attached file parcel.png' });
  await expect(attached).toBeVisible();
  await expect(attached.getByRole('alert')).toHaveCount(0);
  await composer.getByRole('button', { name: 'Send' }).click();

  const posts = () => (service?.requestLog() ?? []).slice(since).filter((entry) => entry.method === 'POST');
  const sends = () => posts().filter((entry) => entry.path.endsWith('/send'));
  await expect.poll(() => sends().length, { timeout: 30_000 }).toBe(1);
  const uploads = posts().filter((entry) => entry.path === '/api/media');
  expect(uploads).toHaveLength(1);
  expect(uploads[0]?.status).toBeLessThan(300);
  const [send] = sends();
  expect(send?.path).toMatch(/whatsapp/);
  const payload = (send?.body as { payload: SentPayload }).payload;
  expect(payload).toMatchObject({
    type: 'IMAGE',
    name: 'parcel.png',
    src: { mime: 'image/png', size: picture.buffer.length, uri: expect.stringMatching(/\/api\/media\/([\w-]+\/)?[\w-]{20,}$/) },
  });

  await page.reload();
  await page.getByRole('region', { name: 'Conversations' }).getByRole('option').filter({ hasText: /parcel|Did my parcel/ }).first().click();
  await expect(page.getByRole('combobox', { name: 'Send via' }).getByRole('option', { selected: true })).toHaveText(/^WhatsApp · /);
});
