/**
 * The media library (`media:list`): pages of the account's files from the sandbox, filtered by type, each with the
 * service URIs a send payload points at and a preview the renderer loads through the app's own media route.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as fixture from '../../unit/media/fixtures';
import { pdfOfSize, startMediaHarness, type MediaHarness } from './harness';

let harness: MediaHarness;

afterEach(async () => {
  await harness.close();
});

async function upload(name: string, bytes: Buffer, mimeType: string): Promise<string> {
  const answer = await harness.api.call('media.upload', { file: { path: await harness.file(name, bytes), mimeType, fileName: name } });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value._id;
}

describe('media:list', () => {
  it('answers a page of the library with service URIs and previews through the app’s media route', async () => {
    harness = await startMediaHarness({ mode: 'browser' });
    const photoId = await upload('photo.png', await fixture.png(300, 200), 'image/png');
    await upload('terms.pdf', pdfOfSize(2048), 'application/pdf');

    const all = await harness.service.handlers['media:list']({ offset: 0, limit: 24 });
    if (!all.ok) throw new Error(all.error.message);
    expect(all.value.total).toBeGreaterThanOrEqual(2);
    const photo = all.value.items.find((item) => item.mediaId === photoId);
    expect(photo).toMatchObject({ name: 'photo.png', mime: 'image/png', kind: 'image' });
    expect(photo?.url).toMatch(new RegExp(`^${harness.sandbox.baseUrl}/api/media/`));
    expect(photo?.previewUrl).toMatch(/^\/media\/.*\/preview$/);
    expect(JSON.stringify(all.value)).not.toContain(harness.token);

    const images = await harness.service.handlers['media:list']({ offset: 0, limit: 24, type: 'image' });
    if (!images.ok) throw new Error(images.error.message);
    expect(images.value.items.length).toBeGreaterThan(0);
    expect(images.value.items.every((item) => item.kind === 'image')).toBe(true);
    expect(harness.requests('GET', '/api/media')).toBe(2);
  });
});
