/**
 * Browser mode end to end through app-services and the web host: the page streams a picked file to
 * `POST /media/upload`, uploads it by the reference it got, and shows it from `/media/...`, all behind the launch
 * session (opened by a one-time launch link) and the Host check, with the token never in what the page receives.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MEDIA_BYTES } from '../../../common/api-decisions';
import { createAppServices, type AppServices } from '../../../main/app-services';
import { createDispatch } from '../../../main/ipc/handler-table';
import { startWebHost, type WebHost } from '../../../main/web-host/server';
import { DEMO_ACCOUNT, startSandbox, type RunningSandbox } from '../../../sandbox/index';
import * as fixture from '../../unit/media/fixtures';
import { openSession, sendTo, type Reply, type SendOptions } from '../../unit/web-host/host-client';

let sandbox: RunningSandbox;
let services: AppServices;
let host: WebHost;
let rendererDir: string;

let cookie: string;
const send = (path: string, options: SendOptions = {}) => sendTo(host, path, options);

function invoke(channel: string, input: unknown): Promise<Reply> {
  return send('/ipc/invoke', {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify({ channel, input })),
  });
}

function stage(name: string, bytes: Buffer, headers: Record<string, string> = { cookie }): Promise<Reply> {
  return send('/media/upload', { method: 'POST', headers: { ...headers, 'x-file-name': encodeURIComponent(name) }, body: bytes });
}

function json(reply: Reply): { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } } {
  return JSON.parse(reply.body.toString()) as { ok: boolean; value?: Record<string, unknown> };
}

beforeAll(async () => {
  sandbox = await startSandbox({ customers: 2, messagesPerCustomer: 1 });
  rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>2-Way Inbox</title>');
  services = await createAppServices({ mode: 'browser' });
  host = await startWebHost({
    dispatch: createDispatch(services.handlers),
    events: services.events,
    rendererDir,
    ...(services.handleWebMedia ? { media: services.handleWebMedia } : {}),
  });
  cookie = await openSession(host);
  const signedIn = await services.handlers['session:sign-in']({ ...DEMO_ACCOUNT, baseUrl: sandbox.baseUrl });
  if (!signedIn.ok) throw new Error(signedIn.error.message);
});

afterAll(async () => {
  await host.close();
  await services.close();
  await sandbox.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

describe('browser-mode media', () => {
  it('stages a picked file, uploads it by reference and shows its preview from /media/', async () => {
    const bytes = await fixture.png(320, 200);
    const staged = json(await stage('Été à Nice.png', bytes));
    expect(staged).toMatchObject({ ok: true, value: { name: 'Été à Nice.png', size: bytes.length, reference: expect.stringMatching(/^staged:/) } });

    const prepared = json(await invoke('media:prepare', { path: staged.value?.['reference'] }));
    expect(prepared).toMatchObject({ ok: true, value: { name: 'Été à Nice.png', mime: 'image/png', kind: 'image' } });
    const uploaded = json(await invoke('media:upload', { path: staged.value?.['reference'], channelType: 'VI' }));
    expect(uploaded).toMatchObject({ ok: true, value: { payload: { type: 'IMAGE' }, previewUrl: expect.stringMatching(/^\/media\/[\w-]+\/[\w-]+\/preview$/) } });

    const previewUrl = String(uploaded.value?.['previewUrl']);
    const preview = await send(previewUrl, { headers: { cookie } });
    expect(preview.status).toBe(200);
    expect(preview.headers['content-type']).toMatch(/^image\//);
    expect(preview.headers['x-content-type-options']).toBe('nosniff');
    expect(JSON.stringify(preview.headers)).not.toContain(sandbox.baseUrl);
  });

  it('keeps media and staging behind the launch session and the Host check', async () => {
    const bytes = await fixture.png();
    const noSecret = await stage('a.png', bytes, {});
    expect(noSecret.status).toBe(403);
    const foreignHost = await stage('a.png', bytes, { cookie, host: 'evil.example:80' });
    expect(foreignHost.status).toBe(403);
    const staged = json(await stage('a.png', bytes));
    const uploaded = json(await invoke('media:upload', { path: staged.value?.['reference'], channelType: 'WA' }));
    const previewUrl = String(uploaded.value?.['previewUrl']);
    expect((await send(previewUrl)).status).toBe(403);
    expect((await send(previewUrl, { headers: { cookie, origin: 'http://evil.example' } })).status).toBe(403);
  });

  it('refuses a declared size over 50 MB before reading the body, naming the file', async () => {
    const reply = await new Promise<Reply>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/media/upload',
          method: 'POST',
          headers: { cookie, host: new URL(host.origin).host, 'x-file-name': 'movie.mp4', 'content-length': String(MAX_MEDIA_BYTES + 1) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            req.destroy();
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
          });
        },
      );
      req.on('error', reject);
      req.write(Buffer.alloc(1024));
    });
    expect(reply.status).toBe(413);
    // `field: 'file'` is what has the composer show these words rather than a generic refusal.
    expect(json(reply).error).toMatchObject({ code: 'VALIDATION', field: 'file', message: '"movie.mp4" is larger than the 50 MB the service takes' });
  });

  it('answers an unknown or expired reference with a clear error', async () => {
    const reply = json(await invoke('media:upload', { path: 'staged:00000000-0000-0000-0000-000000000000', channelType: 'WA' }));
    expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'That file is no longer available: pick it again' } });
  });
});
