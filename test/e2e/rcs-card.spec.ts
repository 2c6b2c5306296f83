/**
 * The RCS card builder in Chromium through browser mode against the sandbox: a two-card carousel, the first card with
 * an uploaded picture and replies, is refused while a card lacks its description, then sent; the sandbox receives one
 * upload and one RCS send whose body is the reference's carousel payload.
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

test('a two-card carousel goes to an RCS customer with the reference body', async ({ page }) => {
  test.setTimeout(150_000);
  service = await startSandbox({ port: 0, seed: 23, customers: 3, messagesPerCustomer: 2 });
  const question = `Which boots do you have? (${Date.now()})`;
  await service.injectInbound({ customer: '447911777888', text: question, channelType: 'RCS' });
  await signInTo(page, service);

  const row = page.getByRole('region', { name: 'Conversations' }).getByRole('option').filter({ hasText: question });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.click();
  const composer = page.getByRole('region', { name: /^Conversation with / }).getByRole('form', { name: 'Reply' });
  await expect(composer.getByRole('combobox', { name: 'Send via' }).getByRole('option', { selected: true })).toHaveText(/^RCS · /);

  await composer.getByRole('button', { name: 'RCS card' }).click();
  const builder = composer.getByRole('dialog', { name: 'RCS card' });
  await builder.getByRole('combobox', { name: 'Card width' }).selectOption({ label: 'Small' });
  const first = builder.getByRole('group', { name: 'Card 1' });
  await first.getByRole('textbox', { name: 'Title' }).fill('Trail boots');
  await first.getByRole('textbox', { name: 'Description' }).fill('Waterproof, sizes 36 to 47');
  await first.getByRole('textbox', { name: 'Replies' }).fill('Buy\nTell me more');
  const since = (service?.requestLog() ?? []).length;
  await first.getByLabel('Picture for card 1').setInputFiles({ name: 'boots.png', mimeType: 'image/png', buffer: Buffer.from(await fixture.png(40, 24)) });
  await expect(first.getByText('Picture: boots.png')).toBeVisible({ timeout: 30_000 });
  await first.getByRole('combobox', { name: 'Picture height' }).selectOption({ label: 'Tall' });
  await builder.getByRole('button', { name: 'Add card' }).click();
  const second = builder.getByRole('group', { name: 'Card 2' });
  await second.getByRole('textbox', { name: 'Title' }).fill('Rain jacket');

  await builder.getByRole('button', { name: 'Send carousel' }).click();
  await expect(second.getByRole('textbox', { name: 'Description' })).toHaveAccessibleDescription('A card needs a description');
  await expect(builder.getByRole('region', { name: 'Preview' }).getByRole('img', { name: 'boots.png' })).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoSeriousViolations(page, `the RCS card builder with a card refused (${colorScheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await second.getByRole('textbox', { name: 'Description' }).fill('Light and packable');
  await builder.getByRole('button', { name: 'Send carousel' }).click();
  await expect(builder).toHaveCount(0);

  const posts = () => (service?.requestLog() ?? []).slice(since).filter((entry) => entry.method === 'POST');
  const sends = () => posts().filter((entry) => entry.path.endsWith('/send'));
  await expect.poll(() => sends().length, { timeout: 30_000 }).toBe(1);
  expect(posts().filter((entry) => entry.path === '/api/media')).toHaveLength(1);
  const [send] = sends();
  expect(send?.path).toMatch(/rcs/);
  expect(send?.status).toBeLessThan(300);
  const mediaUri = expect.stringMatching(/\/api\/media\/([\w-]+\/)?[\w-]{20,}$/);
  expect((send?.body as { payload: unknown }).payload).toEqual({
    type: 'CAROUSEL',
    width: 'SMALL',
    content: [
      {
        type: 'CARD',
        title: 'Trail boots',
        description: 'Waterproof, sizes 36 to 47',
        media: {
          tag: 'boots.png',
          height: 'TALL',
          src: { mime: 'image/png', size: expect.any(Number), uri: mediaUri },
          thumbnail: { mime: 'image/png', size: expect.any(Number), uri: expect.stringMatching(/\/thumbnail$/) },
        },
        suggestions: [{ reply: { text: 'Buy' } }, { reply: { text: 'Tell me more' } }],
      },
      { type: 'CARD', title: 'Rain jacket', description: 'Light and packable', suggestions: [] },
    ],
  });
});
