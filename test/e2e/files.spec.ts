/**
 * Files in the composer, in Chromium through browser mode against the sandbox: three pictures dropped on the
 * conversation go as three messages in the order dropped (three uploads and three sends, in that order, with the
 * reference's bodies), a picture pasted into the reply field is attached and sent, and a file picked from the media
 * library is sent again with one send and no upload; files dropped on a customer in the list wait, unsent, in that
 * customer's conversation.
 */
import type { JSHandle } from '@playwright/test';
import { expect, test, type Page } from './fixtures';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import * as fixture from '../unit/media/fixtures';
import { expectNoSeriousViolations } from './axe';
import { signInTo } from './sign-in';

let service: RunningSandbox | undefined;
test.afterAll(async () => {
  await service?.close();
});

interface FileSpec {
  name: string;
  type: string;
  bytes: number[];
}

/** Files made in the page, as a drop or a paste carries them. */
function transferOf(page: Page, files: FileSpec[]): Promise<JSHandle<DataTransfer>> {
  return page.evaluateHandle((specs) => {
    const transfer = new DataTransfer();
    for (const spec of specs) transfer.items.add(new File([new Uint8Array(spec.bytes)], spec.name, { type: spec.type }));
    return transfer;
  }, files);
}

let picturesMade = 0;
/** Pictures unlike any made before in this run (the app uploads the same bytes only once). */
async function pictures(...names: string[]): Promise<FileSpec[]> {
  return Promise.all(names.map(async (name) => ({ name, type: 'image/png', bytes: [...(await fixture.png(20 + ++picturesMade, 10))] })));
}

interface SentPayload {
  type: string;
  name?: string;
  src?: { uri: string; mime: string; size: number };
  thumbnail?: { uri: string };
  preview?: { uri: string };
}

test('dropped, pasted and library files each go as their own message, in order', async ({ page }) => {
  test.setTimeout(150_000);
  service = await startSandbox({ port: 0, seed: 12, customers: 3, messagesPerCustomer: 2 });
  const greeting = `Can you send the photos? (${Date.now()})`;
  await service.injectInbound({ customer: '447911123456', text: greeting, channelType: 'WA' });
  await signInTo(page, service);

  const row = page.getByRole('region', { name: 'Conversations' }).getByRole('option').filter({ hasText: greeting });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.click();
  const conversation = page.getByRole('region', { name: /^Conversation with / });
  const composer = conversation.getByRole('form', { name: 'Reply' });
  const thread = conversation.getByRole('log', { name: 'Messages' });
  const attached = composer.getByRole('group', { name: /^Attached file / });
  await expect(composer.getByLabel('Choose a file to send')).toHaveAttribute('multiple', '');

  // `since` is a mark: how many entries the sandbox's log held before the step.
  const log = (since: number) => (service?.requestLog() ?? []).slice(since).filter((entry) => entry.method === 'POST');
  const uploadsAndSends = (since: number) => log(since).filter((entry) => entry.path === '/api/media' || entry.path.endsWith('/send'));
  const sentPayloads = (since: number) =>
    log(since)
      .filter((entry) => entry.path.endsWith('/send'))
      .map((entry) => (entry.body as { payload: SentPayload }).payload);

  // Three pictures dropped at once: staged in order with previews, then sent one after another.
  const dropped = await pictures('one.png', 'two.png', 'three.png');
  const drop = await transferOf(page, dropped);
  await conversation.dispatchEvent('dragover', { dataTransfer: drop });
  await conversation.dispatchEvent('drop', { dataTransfer: drop });
  await expect(attached).toHaveCount(3);
  await expect(attached.getByRole('img')).toHaveCount(3);
  expect(await attached.evaluateAll((groups) => groups.map((group) => group.getAttribute('aria-label')))).toEqual([
    'Attached file one.png',
    'Attached file two.png',
    'Attached file three.png',
  ]);
  await expectNoSeriousViolations(page, 'three files staged in the composer');
  const droppedAt = (service?.requestLog() ?? []).length;
  await composer.getByRole('button', { name: 'Send' }).click();
  await expect(attached).toHaveCount(0, { timeout: 30_000 });
  await expect.poll(() => sentPayloads(droppedAt).length, { timeout: 30_000 }).toBe(3);
  expect(uploadsAndSends(droppedAt).map((entry) => (entry.path === '/api/media' ? 'upload' : 'send'))).toEqual([
    'upload',
    'send',
    'upload',
    'send',
    'upload',
    'send',
  ]);
  expect(uploadsAndSends(droppedAt).every((entry) => entry.status === 200 || entry.status === 201)).toBe(true);
  const sent = sentPayloads(droppedAt);
  expect(sent.map((payload) => payload.name)).toEqual(['one.png', 'two.png', 'three.png']);
  for (const payload of sent) {
    expect(payload).toMatchObject({
      type: 'IMAGE',
      category: 'UNSPECIFIED',
      src: { mime: 'image/png', uri: expect.stringMatching(/\/api\/media\/([\w-]+\/)?[\w-]{20,}$/) },
      thumbnail: { uri: expect.stringMatching(/\/thumbnail$/) },
      preview: { uri: expect.stringMatching(/\/preview$/) },
    });
  }
  expect(new Set(sent.map((payload) => payload.src?.uri)).size).toBe(3);
  expect(log(droppedAt).filter((entry) => entry.path.endsWith('/send')).every((entry) => entry.path.includes('whatsapp'))).toBe(true);
  await expect(thread.getByRole('article').filter({ has: page.getByRole('img') })).toHaveCount(3, { timeout: 30_000 });

  // A picture pasted into the reply field becomes an attachment; the words typed stay words.
  const field = composer.getByRole('textbox', { name: /^Message to / });
  await field.fill('Here is one more');
  const paste = await transferOf(page, await pictures('pasted.png'));
  await field.evaluate((element, clipboardData) => {
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
  }, paste);
  await expect(composer.getByRole('group', { name: 'Attached file pasted.png' })).toBeVisible();
  await expect(field).toHaveValue('Here is one more');
  const pastedAt = (service?.requestLog() ?? []).length;
  await composer.getByRole('button', { name: 'Send' }).click();
  await expect.poll(() => sentPayloads(pastedAt).map((payload) => payload.type), { timeout: 30_000 }).toEqual(['IMAGE', 'TEXT']);
  expect(uploadsAndSends(pastedAt).map((entry) => (entry.path === '/api/media' ? 'upload' : 'send'))).toEqual(['upload', 'send', 'send']);

  // A file already in the media library goes again without an upload.
  await composer.getByRole('button', { name: 'Media library' }).click();
  const library = composer.getByRole('dialog', { name: 'Media library' });
  await library.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'Images' });
  const two = library.getByRole('button', { name: 'two.png' });
  await expect(two).toBeVisible();
  await expectNoSeriousViolations(page, 'the media library picker');
  await two.click();
  await expect(library).toHaveCount(0);
  await expect(composer.getByRole('group', { name: 'Attached file two.png' })).toContainText('from the media library');
  const pickedAt = (service?.requestLog() ?? []).length;
  await composer.getByRole('button', { name: 'Send' }).click();
  await expect.poll(() => sentPayloads(pickedAt).length, { timeout: 30_000 }).toBe(1);
  expect(uploadsAndSends(pickedAt).map((entry) => entry.path)).toEqual([expect.stringMatching(/whatsapp.*\/send$/)]);
  expect(sentPayloads(pickedAt)[0]).toMatchObject({ type: 'IMAGE', name: 'two.png', src: { uri: sent[1]?.src?.uri } });
  await expect(attached).toHaveCount(0);
});

test('files dropped on a customer in the list wait in that conversation, unsent', async ({ page }) => {
  test.setTimeout(90_000);
  service ??= await startSandbox({ port: 0, seed: 12, customers: 3, messagesPerCustomer: 2 });
  const question = `Do you have my invoice? (${Date.now()})`;
  await service.injectInbound({ customer: '447911654321', text: question, channelType: 'WA' });
  await signInTo(page, service);

  const row = page.getByRole('region', { name: 'Conversations' }).getByRole('option').filter({ hasText: question });
  await expect(row).toBeVisible({ timeout: 30_000 });
  const since = service.requestLog().length;
  const drop = await transferOf(page, await pictures('invoice-1.png', 'invoice-2.png'));
  await row.dispatchEvent('dragover', { dataTransfer: drop });
  await row.dispatchEvent('drop', { dataTransfer: drop });

  const composer = page.getByRole('region', { name: /^Conversation with / }).getByRole('form', { name: 'Reply' });
  const attached = composer.getByRole('group', { name: /^Attached file / });
  await expect(attached).toHaveCount(2);
  await expect(row).toHaveAttribute('aria-selected', 'true');
  expect(await attached.evaluateAll((groups) => groups.map((group) => group.getAttribute('aria-label')))).toEqual([
    'Attached file invoice-1.png',
    'Attached file invoice-2.png',
  ]);
  await expect(composer.getByRole('button', { name: 'Send' })).toBeEnabled();
  const uploadsOrSends = service.requestLog().slice(since).filter((entry) => (entry.path === '/api/media' || entry.path.endsWith('/send')));
  expect(uploadsOrSends).toEqual([]);
  await composer.getByRole('button', { name: 'Remove invoice-1.png' }).click();
  await composer.getByRole('button', { name: 'Remove invoice-2.png' }).click();
  await expect(attached).toHaveCount(0);
});
