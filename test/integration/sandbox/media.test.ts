/**
 * Media uploads: multipart field `file`, the type taken from the content (not the name), the 50 MB limit and the
 * accepted types, previews (160x160) and thumbnails (400x400) for images at the URLs the upload answers, the
 * gallery and deletion.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MEDIA_BYTES } from '../../../common/api-decisions';
import type { RunningSandbox } from '../../../sandbox/index';
import { invoicePdf } from '../../../sandbox/seed/assets';
import { demoIds, expectError, field, items, startWithClients, type ApiResponse, type Client, type DemoIds } from './client';

function upload(client: Client, bytes: Uint8Array, fileName: string, options: { type?: string; fieldName?: string; query?: Record<string, string> } = {}): Promise<ApiResponse> {
  const form = new FormData();
  form.append(options.fieldName ?? 'file', new Blob([bytes], options.type === undefined ? {} : { type: options.type }), fileName);
  return client.request('POST', '/api/media', { form, ...(options.query === undefined ? {} : { query: options.query }) });
}

async function fetchImage(url: string): Promise<{ mime: string | null; width?: number; height?: number }> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const metadata = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
  return { mime: response.headers.get('content-type'), width: metadata.width, height: metadata.height };
}

describe('media', () => {
  let sandbox: RunningSandbox;
  let demo: Client;
  let ids: DemoIds;

  beforeAll(async () => {
    ({ sandbox, demo } = await startWithClients({ customers: 10 }));
    ids = await demoIds(demo);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('stores a JPEG and serves it, a 160 px preview and a 400 px thumbnail at the URLs it answers', async () => {
    const jpeg = await sharp({ create: { width: 1000, height: 800, channels: 3, background: '#aa3311' } }).jpeg().toBuffer();
    const response = await upload(demo, jpeg, 'holiday.jpg', { type: 'image/jpeg' });
    expect(response.status, response.text).toBe(200);
    expect(response.json).toMatchObject({ type: 'image', mime_type: 'image/jpeg', full_size: jpeg.length, file_name: 'holiday.jpg' });
    const url = field(response.json, 'url', 'string');
    expect(url).toBe(`${sandbox.baseUrl}/api/media/${ids.mediaUrl.split('/')[5] ?? ''}/${field(response.json, '_id', 'string')}`);
    const original = await fetch(url);
    expect(Buffer.from(await original.arrayBuffer()).equals(jpeg)).toBe(true);
    expect(await fetchImage(field(response.json, 'preview', 'string'))).toEqual({ mime: 'image/jpeg', width: 160, height: 128 });
    expect(await fetchImage(field(response.json, 'thumbnail', 'string'))).toEqual({ mime: 'image/jpeg', width: 400, height: 320 });
  });

  it('never enlarges a small image, and keeps PNG variants in PNG', async () => {
    const png = await sharp({ create: { width: 120, height: 90, channels: 4, background: '#00ff0080' } }).png().toBuffer();
    const response = await upload(demo, png, 'icon.png');
    expect(await fetchImage(field(response.json, 'thumbnail', 'string'))).toEqual({ mime: 'image/png', width: 120, height: 90 });
  });

  it('types a file by its content: a ".png" holding a PDF is a PDF file, with no preview', async () => {
    const response = await upload(demo, invoicePdf(), 'looks-like.png', { type: 'image/png' });
    expect(response.status, response.text).toBe(200);
    expect(response.json).toMatchObject({ type: 'file', mime_type: 'application/pdf', file_name: 'looks-like.png' });
    expect(response.json).not.toHaveProperty('preview');
    const path = new URL(field(response.json, 'url', 'string')).pathname;
    expectError(await demo.get(`${path}/preview`), 404);
  });

  it('refuses an empty file', async () => {
    const response = await upload(demo, new Uint8Array(), 'empty.pdf');
    expectError(response, 400);
    expect(field(response.json, 'reason', 'string')).toBe('Empty file');
  });

  it('refuses a file over 50 MB', async () => {
    const oversized = new Uint8Array(MAX_MEDIA_BYTES + 1);
    oversized.set(Buffer.from('%PDF-1.4\n'));
    const response = await upload(demo, oversized, 'huge.pdf');
    expectError(response, 400);
    expect(field(response.json, 'reason', 'string')).toBe('File too large');
  });

  it('refuses content whose type is not on the list, whatever its name says (BMP, plain text, an executable)', async () => {
    const bmp = Buffer.concat([Buffer.from('BM'), Buffer.alloc(60)]);
    for (const [bytes, name] of [[bmp, 'photo.jpg'], [Buffer.from('just some words\n'), 'notes.pdf'], [Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), 'tool.png']] as const) {
      const response = await upload(demo, bytes, name);
      expectError(response, 400);
      expect(field(response.json, 'reason', 'string'), name).toBe('Unsupported file type');
    }
  });

  it('accepts a CSV when its name or declared type says CSV, and a corrupt PNG is refused', async () => {
    const csv = await upload(demo, Buffer.from('sku,price\nA,1\n'), 'prices.csv');
    expect(csv.json).toMatchObject({ type: 'file', mime_type: 'text/csv' });
    const corrupt = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('garbage')]);
    expectError(await upload(demo, corrupt, 'broken.png'), 400);
  });

  it('wants the file in the "file" field of a multipart body', async () => {
    const wrongField = await upload(demo, invoicePdf(), 'a.pdf', { fieldName: 'upload' });
    expectError(wrongField, 400);
    expect(field(wrongField.json, 'message', 'string')).toMatch(/"file" field/);
    expectError(await demo.post('/api/media', { file: 'base64...' }), 400);
  });

  it('links an upload to a message with ?messageID=, which must be one of the caller’s messages', async () => {
    const linked = await upload(demo, invoicePdf(), 'for-message.pdf', { query: { messageID: ids.messageId } });
    expect(linked.json).toMatchObject({ message_id: ids.messageId });
    expectError(await upload(demo, invoicePdf(), 'x.pdf', { query: { messageID: crypto.randomUUID() } }), 400);
  });

  it('pages the gallery newest first and deletes several files at once', async () => {
    const before = await demo.get('/api/media', { query: { limit: 2 } });
    const total = field(before.json, 'total', 'number');
    const newest = items(before, 'media');
    expect(newest[0]?.['file_name']).toBe('for-message.pdf');
    const ids = newest.map((entry) => String(entry['_id']));
    expect((await demo.delete('/api/media', { query: { media_ids: ids } })).status).toBe(200);
    const after = await demo.get('/api/media', { query: { limit: 100 } });
    expect(field(after.json, 'total', 'number')).toBe(total - 2);
    expect(items(after, 'media').some((entry) => ids.includes(String(entry['_id'])))).toBe(false);
    expectError(await demo.get(new URL(String(newest[0]?.['url'])).pathname), 404);
  });

  it('deletes nothing when one of the ids is not the caller’s', async () => {
    const kept = await upload(demo, invoicePdf(), 'kept.pdf');
    const keptId = field(kept.json, '_id', 'string');
    expectError(await demo.delete('/api/media', { query: { media_ids: `${keptId},${crypto.randomUUID()}` } }), 404);
    expect((await demo.get(new URL(field(kept.json, 'url', 'string')).pathname)).status).toBe(200);
  });
});
