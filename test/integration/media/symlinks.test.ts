/**
 * A symbolic link in a folder a handler serves must not hand out a file outside it: a cached media file replaced by
 * a link (or a row edited to point elsewhere) and a link in the built renderer are refused.
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mediaAddressFromUri, rendererMediaUrl } from '../../../common/media-url';
import { mediaKey } from '../../../main/media/media-cache';
import * as fixture from '../../unit/media/fixtures';
import { startMediaHarness, type MediaHarness } from './harness';

let harness: MediaHarness;

afterEach(async () => {
  await harness.close();
});

describe('media served from the disk cache', () => {
  it('refuses a cached file that became a link to a file outside the cache', async () => {
    harness = await startMediaHarness();
    const bytes = await fixture.png();
    const answer = await harness.api.call('media.upload', { file: { path: await harness.file('a.png', bytes), mimeType: 'image/png' } });
    if (!answer.ok) throw new Error(answer.error.message);
    const url = rendererMediaUrl(answer.value.url, 'electron') ?? '';
    const first = await harness.service.handleMediaRequest(new Request(url));
    expect(first.status).toBe(200);
    await first.arrayBuffer();

    const address = mediaAddressFromUri(answer.value.url);
    if (address === undefined) throw new Error('not a media URI');
    const row = harness.cache.useMedia(mediaKey(address));
    const cachedPath = row.ok ? row.value?.localPath : undefined;
    if (cachedPath === undefined || cachedPath === null) throw new Error('not cached');
    const outside = mkdtempSync(join(tmpdir(), 'outside-'));
    try {
      // Same size as the cached file, so the cache takes it for the file it wrote.
      const secretFile = join(outside, 'private-notes.txt');
      writeFileSync(secretFile, Buffer.alloc(bytes.length, 'S'));
      rmSync(cachedPath);
      symlinkSync(secretFile, cachedPath);
      const reply = await harness.service.handleMediaRequest(new Request(url));
      expect(reply.status).toBe(404);
      expect(Buffer.from(await reply.arrayBuffer()).toString()).not.toContain('SSSS');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
