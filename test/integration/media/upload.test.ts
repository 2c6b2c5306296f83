/**
 * Uploading against the real sandbox: the payload a send needs, progress that ends at exactly the bytes the service
 * stored, a file uploaded once and reused after, cancel, and the failures an agent meets (a 5xx, a service that
 * holds the upload until the client gives up, an answer lost after the service stored the file).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../../common/contract';
import type { Result } from '../../../common/result';
import { pickedFiles } from '../../../main/media/picked-files';
import * as fixture from '../../unit/media/fixtures';
import { pdfOfSize, startMediaHarness, type MediaHarness } from './harness';

let harness: MediaHarness;

afterEach(async () => {
  await harness.close();
});

type Uploaded = Result<ChannelOutput<'media:upload'>>;

/** What the preload answers for a file the agent dropped: a reference main handed out, never the path. */
function pick(path: string): string {
  const reference = pickedFiles.register(path);
  if (reference === undefined) throw new Error(`not a path: ${path}`);
  return reference;
}

function upload(path: string, channelType: 'WA' | 'VI' | 'SMS' | 'TG' = 'WA', uploadId?: string): Promise<Uploaded> {
  return Promise.resolve(harness.service.handlers['media:upload']({ path: pick(path), channelType, ...(uploadId ? { uploadId } : {}) }));
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('media:upload against the sandbox', () => {
  it('turns a dropped image into an image payload for WhatsApp, with its preview for the composer', async () => {
    harness = await startMediaHarness();
    const bytes = await fixture.png(640, 480);
    const uploaded = value(await upload(await harness.file('photo.png', bytes)));
    expect(uploaded).toMatchObject({ name: 'photo.png', size: bytes.length, mime: 'image/png', kind: 'image', reused: false });
    expect(uploaded.payload).toMatchObject({
      type: 'IMAGE',
      name: 'photo.png',
      src: { mime: 'image/png', size: bytes.length, uri: expect.stringMatching(/\/api\/media\/[\w-]+\/[\w-]+$/) },
      thumbnail: { uri: expect.stringMatching(/\/thumbnail$/) },
      preview: { uri: expect.stringMatching(/\/preview$/) },
    });
    expect(uploaded.previewUrl).toMatch(/^inbox-media:\/\/media\/[\w-]+\/[\w-]+\/preview$/);
    expect(uploaded.previewUrl).not.toContain(harness.sandbox.baseUrl);
  });

  it('sends a document through Telegram as a media file payload typed by its content', async () => {
    harness = await startMediaHarness();
    const uploaded = value(await upload(await harness.file('scan.png', fixture.pdf), 'TG'));
    expect(uploaded.payload).toMatchObject({ type: 'MEDIA', category: 'APPLICATION', src: { mime: 'application/pdf' } });
  });

  it('reports progress up to exactly the bytes the service stored, for a streamed 8 MB file', async () => {
    harness = await startMediaHarness();
    const size = 8 * 1024 * 1024;
    const prepared = value(await harness.service.handlers['media:prepare']({ path: pick(await harness.file('report.pdf', pdfOfSize(size))) }));
    const uploaded = value(await upload(await harness.file('report.pdf', pdfOfSize(size)), 'WA', prepared.uploadId));

    const events = harness.progress.filter((event) => event.uploadId === prepared.uploadId);
    const sent = events.map((event) => event.sentBytes);
    expect(sent[0]).toBe(0);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    // Throttled to about one event per percent, not one per chunk.
    expect(events.length).toBeGreaterThan(5);
    expect(events.length).toBeLessThanOrEqual(110);
    const serverReceived = uploaded.payload.src.size;
    expect(serverReceived).toBe(size);
    expect(events.at(-1)).toEqual({ uploadId: prepared.uploadId, sentBytes: serverReceived, totalBytes: size });
  });

  it('does not upload the same content again, even under another name', async () => {
    harness = await startMediaHarness();
    const bytes = await fixture.jpeg();
    const first = value(await upload(await harness.file('a.jpg', bytes)));
    const again = value(await upload(await harness.file('a.jpg', bytes)));
    const copy = value(await upload(await harness.file('copy of a.jpg', bytes), 'VI'));
    expect(first.reused).toBe(false);
    expect(again).toMatchObject({ reused: true, mediaId: first.mediaId });
    expect(copy).toMatchObject({ reused: true, mediaId: first.mediaId, payload: { type: 'IMAGE' } });
    expect(harness.requests('POST', '/api/media')).toBe(1);
  });

  it('uploads a file once when it is sent twice at the same moment', async () => {
    harness = await startMediaHarness();
    const path = await harness.file('twice.pdf', pdfOfSize(256 * 1024));
    const [one, two] = await Promise.all([upload(path), upload(path)]);
    expect(value(one).mediaId).toBe(value(two).mediaId);
    expect(harness.requests('POST', '/api/media')).toBe(1);
  });

  it('refuses a channel that cannot carry the file before anything is sent', async () => {
    harness = await startMediaHarness();
    const sms = await upload(await harness.file('photo.jpg', await fixture.jpeg()), 'SMS');
    expect(sms).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('"photo.jpg"') } });
    const viber = await upload(await harness.file('clip.mp4', fixture.isoMedia('isom')), 'VI');
    expect(viber).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(harness.requests('POST', '/api/media')).toBe(0);
  });

  it('asks the agent to sign in when no one is', async () => {
    harness = await startMediaHarness({ signedIn: false });
    const result = await upload(await harness.file('a.pdf', fixture.pdf));
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Sign in to upload "a.pdf"' } });
  });

  it('answers a 503 with a retryable error naming the file, and the retry goes through', async () => {
    harness = await startMediaHarness();
    harness.sandbox.addFault({ method: 'POST', path: '/api/media', kind: 'status', status: 503, times: 1 });
    const path = await harness.file('invoice.pdf', fixture.pdf);
    const failed = await upload(path);
    expect(failed).toMatchObject({ ok: false, error: { code: 'SERVER', retryable: true } });
    expect(!failed.ok && failed.error.message).toMatch(/^Uploading "invoice\.pdf" failed: .*503.*; try again$/);
    expect(value(await upload(path)).reused).toBe(false);
  });

  it('gives a clear retryable error when the service holds the upload until the client times out', async () => {
    harness = await startMediaHarness({ responseTimeoutMs: 400 });
    harness.sandbox.addFault({ method: 'POST', path: '/api/media', kind: 'latency', latencyMs: 3000, times: 1 });
    const failed = await upload(await harness.file('slow.pdf', fixture.pdf));
    expect(failed).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OUTCOME', retryable: true } });
    expect(!failed.ok && failed.error.message).toMatch(/^Uploading "slow\.pdf" failed: .*timed out.*trying again is safe$/);
  });

  it('finds an upload whose answer was lost in the gallery instead of uploading it again', async () => {
    harness = await startMediaHarness();
    harness.sandbox.addFault({ method: 'POST', path: '/api/media', kind: 'reset-after', times: 1 });
    const uploaded = value(await upload(await harness.file('lost.pdf', pdfOfSize(300_000))));
    expect(uploaded).toMatchObject({ name: 'lost.pdf', payload: { type: 'MEDIA', src: { size: 300_000 } } });
    expect(harness.requests('POST', '/api/media')).toBe(1);
    const gallery = await harness.api.call('media.list', {});
    expect(value(gallery).media.filter((media) => media.file_name === 'lost.pdf')).toHaveLength(1);
  });

  it('never takes another file of the same name and size for an upload whose answer was lost', async () => {
    harness = await startMediaHarness();
    const earlier = pdfOfSize(50_000);
    const edited = pdfOfSize(50_000);
    edited.write('edited', 1000, 'latin1');
    const first = value(await upload(await harness.file('report.pdf', earlier)));
    harness.sandbox.addFault({ method: 'POST', path: '/api/media', kind: 'reset-before', times: 1 });
    const lost = await upload(await harness.file('report.pdf', edited));
    expect(lost).toMatchObject({ ok: false, error: { retryable: true, message: expect.stringContaining('"report.pdf"') } });
    const retried = value(await upload(await harness.file('report.pdf', edited)));
    expect(retried.mediaId).not.toBe(first.mediaId);
  });

  it('cancels an upload in flight, and says so when the id is unknown', async () => {
    harness = await startMediaHarness();
    harness.sandbox.addFault({ method: 'POST', path: '/api/media', kind: 'latency', latencyMs: 5000, times: 1 });
    const path = await harness.file('big.pdf', pdfOfSize(1024 * 1024));
    const prepared = value(await harness.service.handlers['media:prepare']({ path: pick(path) }));
    const running = upload(path, 'WA', prepared.uploadId);
    await expect.poll(() => harness.progress.some((event) => event.uploadId === prepared.uploadId)).toBe(true);
    expect(await harness.service.handlers['media:cancel']({ uploadId: prepared.uploadId })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED', message: 'The upload of "big.pdf" was cancelled' } });
    expect(await harness.service.handlers['media:cancel']({ uploadId: prepared.uploadId })).toEqual({ ok: true, value: { cancelled: false } });
  });
});

describe('media:prepare', () => {
  it('describes a dropped file by its content, with the channel types that take it', async () => {
    harness = await startMediaHarness();
    const prepared = await harness.service.handlers['media:prepare']({ path: pick(await harness.file('song.mp3', fixture.mp3WithId3)) });
    expect(prepared).toEqual({
      ok: true,
      value: { uploadId: expect.any(String), name: 'song.mp3', size: fixture.mp3WithId3.length, mime: 'audio/mpeg', kind: 'audio', acceptedBy: ['WA', 'RCS', 'TG'] },
    });
  });

  it('refuses a path the renderer names itself in the desktop app: only picked or dropped files are read', async () => {
    harness = await startMediaHarness();
    const path = await harness.file('a.pdf', fixture.pdf);
    const refused = { ok: false, error: { code: 'VALIDATION', message: 'That file is no longer available: pick it again' } };
    expect(await harness.service.handlers['media:prepare']({ path })).toMatchObject(refused);
    expect(await harness.service.handlers['media:upload']({ path: '/etc/passwd', channelType: 'WA' })).toMatchObject(refused);
    expect(await harness.service.handlers['media:prepare']({ path: 'picked:00000000-0000-0000-0000-000000000000' })).toMatchObject(refused);
    expect(await harness.service.handlers['media:prepare']({ path: pick(path) })).toMatchObject({ ok: true, value: { name: 'a.pdf' } });
  });

  it('refuses a path in browser mode, where files come only through the host', async () => {
    harness = await startMediaHarness({ mode: 'browser' });
    const prepared = await harness.service.handlers['media:prepare']({ path: await harness.file('a.pdf', fixture.pdf) });
    expect(prepared).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'That file is no longer available: pick it again' } });
  });
});
