/**
 * Media shown in the inbox: fetched once from the sandbox with the token, kept on disk, served to the renderer
 * with its type from the content and safe headers and never the token, refused for anything but one media file,
 * and evicted least recently used first when the files pass the cap.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiMedia } from '../../../common/api-types';
import { mediaAddressFromUri, rendererMediaUrl, type MediaAddress } from '../../../common/media-url';
import { inMemory, openCache } from '../../../main/cache/cache';
import { mediaKey, MediaCache } from '../../../main/media/media-cache';
import { createMediaRequestHandler } from '../../../main/media/media-route';
import * as fixture from '../../unit/media/fixtures';
import { pdfOfSize, startMediaHarness, type MediaHarness } from './harness';

let harness: MediaHarness;

afterEach(async () => {
  await harness.close();
});

async function uploaded(name: string, bytes: Buffer): Promise<ApiMedia> {
  const answer = await harness.api.call('media.upload', {
    file: { path: await harness.file(name, bytes), mimeType: name.endsWith('.png') ? 'image/png' : 'application/pdf' },
  });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return harness.service.handleMediaRequest(new Request(url, { headers }));
}

function addressOf(uri: string): MediaAddress {
  const address = mediaAddressFromUri(uri);
  if (!address) throw new Error(`not a media URI: ${uri}`);
  return address;
}

describe('inbox-media:// requests', () => {
  it('serves an image and its derived sizes with the type read from the content and safe headers', async () => {
    harness = await startMediaHarness();
    const bytes = await fixture.png(800, 600);
    const media = await uploaded('photo.png', bytes);

    const original = await get(rendererMediaUrl(media.url, 'electron') ?? '');
    expect(original.status).toBe(200);
    expect(Buffer.from(await original.arrayBuffer()).equals(bytes)).toBe(true);
    expect(original.headers.get('content-type')).toBe('image/png');
    expect(original.headers.get('x-content-type-options')).toBe('nosniff');
    expect(original.headers.get('content-security-policy')).toContain('sandbox');

    const preview = await get(rendererMediaUrl(media.preview ?? '', 'electron') ?? '');
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toMatch(/^image\//);
    expect((await preview.arrayBuffer()).byteLength).toBeLessThan(bytes.length);
  });

  it('never hands the token or the service address to the renderer', async () => {
    harness = await startMediaHarness();
    const media = await uploaded('photo.png', await fixture.png());
    const answer = await get(rendererMediaUrl(media.url, 'electron') ?? '');
    const headerText = [...answer.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
    const body = Buffer.from(await answer.arrayBuffer()).toString('latin1');
    for (const secret of [harness.token, harness.sandbox.baseUrl]) {
      expect(headerText).not.toContain(secret);
      expect(body).not.toContain(secret);
    }
  });

  it('fetches a file from the service once, then serves it from disk', async () => {
    harness = await startMediaHarness();
    const media = await uploaded('photo.png', await fixture.png());
    const url = rendererMediaUrl(media.url, 'electron') ?? '';
    await (await get(url)).arrayBuffer();
    await (await get(url)).arrayBuffer();
    expect(harness.requests('GET', `/api/media/${addressOf(media.url).enterpriseId}/${media._id}`)).toBe(1);
  });

  it('serves a byte range, for seeking in a video', async () => {
    harness = await startMediaHarness();
    const bytes = pdfOfSize(100_000);
    const media = await uploaded('long.pdf', bytes);
    const answer = await get(rendererMediaUrl(media.url, 'electron') ?? '', { range: 'bytes=1000-1999' });
    expect(answer.status).toBe(206);
    expect(answer.headers.get('content-range')).toBe(`bytes 1000-1999/${bytes.length}`);
    expect(Buffer.from(await answer.arrayBuffer()).equals(bytes.subarray(1000, 2000))).toBe(true);
    const beyond = await get(rendererMediaUrl(media.url, 'electron') ?? '', { range: `bytes=${bytes.length}-` });
    expect(beyond.status).toBe(416);
  });

  it('offers documents as downloads, never as a page the app origin would render', async () => {
    harness = await startMediaHarness();
    const media = await uploaded('offer.pdf', fixture.pdf);
    const answer = await get(rendererMediaUrl(media.url, 'electron') ?? '');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/octet-stream');
    expect(answer.headers.get('content-disposition')).toBe('attachment');
  });

  it('refuses path traversal and foreign addresses without asking the service', async () => {
    harness = await startMediaHarness();
    const before = harness.sandbox.requestLog().length;
    for (const url of [
      'inbox-media://media/../../etc/passwd',
      'inbox-media://media/a/..%2F..%2Fetc%2Fpasswd/original',
      'inbox-media://media/%2e%2e/%2e%2e/original',
      'http://127.0.0.1:1/media/..%2F..%2F/x/original',
      'inbox-media://evil.example/a/b/original',
    ]) {
      const answer = await get(url);
      expect(answer.status, url).toBe(404);
    }
    expect(harness.sandbox.requestLog().length).toBe(before);
    const post = await harness.service.handleMediaRequest(new Request('inbox-media://media/a/b/original', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
  });

  it('answers 404 for media the service does not have', async () => {
    harness = await startMediaHarness();
    const media = await uploaded('photo.png', await fixture.png());
    const { enterpriseId } = addressOf(media.url);
    const answer = await get(`inbox-media://media/${enterpriseId}/00000000-0000-4000-8000-000000000000/original`);
    expect(answer.status).toBe(404);
  });
});

describe('the media disk cache', () => {
  it('drops the least recently shown files once the total passes the cap', async () => {
    harness = await startMediaHarness();
    const files = await Promise.all(['a.pdf', 'b.pdf', 'c.pdf'].map(async (name, index) => uploaded(name, pdfOfSize(100_000 + index))));
    const [a, b, c] = files.map((media) => addressOf(media.url)) as [MediaAddress, MediaAddress, MediaAddress];
    let tick = 1_000;
    const now = () => (tick += 1);
    const dir = await mkdtemp(join(tmpdir(), 'media-cache-'));
    const opened = openCache({ file: inMemory, now });
    if (!opened.ok) throw new Error(opened.error.message);
    const index = opened.value;
    const cache = new MediaCache({ api: harness.api, index, dir, capBytes: 250_000, now });
    const serve = createMediaRequestHandler(cache);
    try {
      const show = async (address: MediaAddress) => {
        const result = await cache.open(address);
        if (!result.ok) throw new Error(result.error.message);
        return result.value.path;
      };
      const pathA = await show(a);
      const pathB = await show(b);
      await show(a);
      const pathC = await show(c);

      expect(existsSync(pathB)).toBe(false);
      expect(index.useMedia(mediaKey(b))).toEqual({ ok: true, value: null });
      expect([existsSync(pathA), existsSync(pathC)]).toEqual([true, true]);
      expect(index.mediaOnDiskBytes()).toEqual({ ok: true, value: 200_002 });
      expect((await readdir(dir)).length).toBe(2);

      // The evicted file is fetched again when it is shown again.
      const again = await serve(new Request(`inbox-media://media/${b.enterpriseId}/${b.mediaId}/original`));
      expect(Buffer.from(await again.arrayBuffer()).equals(pdfOfSize(100_001))).toBe(true);
    } finally {
      index.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fetches again a cached file that disappeared from disk', async () => {
    harness = await startMediaHarness();
    const media = await uploaded('photo.png', await fixture.png());
    const url = rendererMediaUrl(media.url, 'electron') ?? '';
    await (await get(url)).arrayBuffer();
    const row = harness.cache.useMedia(mediaKey(addressOf(media.url)));
    if (!row.ok || !row.value?.localPath) throw new Error('not cached');
    await rm(row.value.localPath);
    const answer = await get(url);
    expect(answer.status).toBe(200);
    await answer.arrayBuffer();
    expect(harness.requests('GET', `/api/media/${addressOf(media.url).enterpriseId}/${media._id}`)).toBe(2);
  });
});
