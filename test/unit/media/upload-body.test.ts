/**
 * The upload body goes out at the pace the connection takes it: progress counts bytes the socket has taken, so it
 * stalls while the service reads nothing (the file is never read ahead into memory), and ends at exactly the bytes
 * the service received. A file cut short while it is being sent fails the upload with a clear reason.
 */
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../../common/result';
import { ApiClient } from '../../../main/api/client';
import * as fixture from './fixtures';

const FILE_BYTES = 40 * 1024 * 1024;

let folder: string;
let server: http.Server;
let client: ApiClient;
/** Requests that arrived, paused: the test decides when the service starts reading. */
let arrived: http.IncomingMessage[];
let received: number;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'upload-body-'));
  arrived = [];
  received = 0;
  server = http.createServer((request, response) => {
    request.pause();
    arrived.push(request);
    request.on('data', (chunk: Buffer) => (received += chunk.length));
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ _id: 'm1', type: 'file', mime_type: 'application/pdf', full_size: received, url: 'http://127.0.0.1/api/media/e/m1' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new ApiClient({
    baseUrl: `http://127.0.0.1:${port}`,
    authenticator: { currentToken: async () => ok('token'), renewAfterRejection: async () => ok('token') },
  });
});

afterEach(async () => {
  client.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(folder, { recursive: true, force: true });
});

/** A 40 MB PDF that takes no disk space: a header, then a hole. */
async function sparsePdf(): Promise<string> {
  const path = join(folder, 'big.pdf');
  await writeFile(path, fixture.pdf);
  await truncate(path, FILE_BYTES);
  return path;
}

describe('streamed upload body', () => {
  it('stalls progress while the service reads nothing, then ends at exactly what it received', async () => {
    const progress: number[] = [];
    const upload = client.call('media.upload', {
      file: { path: await sparsePdf(), mimeType: 'application/pdf' },
      onProgress: ({ sentBytes }) => progress.push(sentBytes),
    });
    await expect.poll(() => arrived.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const whileStalled = progress.at(-1) ?? 0;
    // Only what the kernel's socket buffers hold has left; the rest of the file has not even been read.
    expect(whileStalled).toBeLessThan(FILE_BYTES / 2);

    arrived[0]?.resume();
    const result = await upload;
    expect(result.ok).toBe(true);
    const multipartFraming = received - FILE_BYTES;
    expect(multipartFraming).toBeGreaterThan(0);
    expect(multipartFraming).toBeLessThan(300);
    expect(progress.at(-1)).toBe(FILE_BYTES);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('fails with the reason when the file is cut short while it is being sent', async () => {
    const path = await sparsePdf();
    const upload = client.call('media.upload', { file: { path, mimeType: 'application/pdf' } });
    await expect.poll(() => arrived.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await truncate(path, 1024 * 1024);
    arrived[0]?.resume();
    const result = await upload;
    expect(result).toMatchObject({ ok: false, error: { code: 'NETWORK', retryable: true } });
    expect(!result.ok && result.error.message).toMatch(/the file got shorter while it was being sent/);
  });
});
