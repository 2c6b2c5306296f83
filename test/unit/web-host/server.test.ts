/** Browser mode's host: only our own page, holding this launch's secret, reaches main. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../main/app-services';
import { createDispatch } from '../../../main/ipc/handler-table';
import { SECRET_COOKIE, startWebHost, type WebHost } from '../../../main/web-host/server';

const secret = 'test-secret-0123456789';
let host: WebHost;
let services: AppServices;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request, so the test controls Host and Origin exactly as another program on this machine could. */
function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const cookie = `${SECRET_COOKIE}=${secret}`;
const invokeAppInfo = (headers: Record<string, string>) =>
  send('/ipc/invoke', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ channel: 'app:info', input: {} }),
  });

beforeEach(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>2-Way Inbox</title>');
  services = await createAppServices({ mode: 'browser' });
  host = await startWebHost({ dispatch: createDispatch(services.handlers), events: services.events, rendererDir, secret });
});

afterEach(async () => {
  await host.close();
  await services.close();
});

describe('browser-mode host', () => {
  it('trades the launch secret for an HttpOnly SameSite cookie and redirects to the app', async () => {
    const reply = await send(`/?launch=${secret}`);
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    const setCookie = String(reply.headers['set-cookie']);
    expect(setCookie).toContain(`${SECRET_COOKIE}=${secret}`);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
  });

  it('rejects a wrong launch secret', async () => {
    expect((await send('/?launch=guess')).status).toBe(403);
  });

  it('rejects a request without the secret, for the page and for main', async () => {
    expect((await send('/')).status).toBe(403);
    expect((await invokeAppInfo({})).status).toBe(403);
  });

  it('rejects a request with the secret but a foreign Origin', async () => {
    const reply = await invokeAppInfo({ cookie, origin: 'https://evil.example' });
    expect(reply.status).toBe(403);
    expect(reply.body).not.toContain('"ok"');
  });

  it('rejects a foreign Host header, as a DNS-rebinding page would send', async () => {
    expect((await invokeAppInfo({ cookie, host: `evil.example:${host.port}` })).status).toBe(403);
  });

  it('answers our own page through the contract', async () => {
    const reply = await invokeAppInfo({ cookie, origin: host.origin });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { name: '2-Way Inbox', mode: 'browser' } });
  });

  it('answers malformed JSON and unknown channels with clear errors', async () => {
    const malformed = await send('/ipc/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: '{"channel":',
    });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const unknown = await send('/ipc/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ channel: 'fs:read', input: { path: '/etc/passwd' } }),
    });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('refuses a body over 1 MB', async () => {
    const reply = await send('/ipc/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ channel: 'app:info', input: { padding: 'x'.repeat(1_100_000) } }),
    });
    expect(reply.status).toBe(413);
  });

  it('serves the page with a strict content security policy and no path traversal', async () => {
    const page = await send('/', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    const traversal = await send('/..%2f..%2f..%2fetc%2fpasswd', { headers: { cookie } });
    expect(traversal.body).not.toContain('root:');
  });

  it('streams contract events to the page', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: '/ipc/events', headers: { cookie } },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
            if (text.includes('data:')) {
              resolve(text);
              req.destroy();
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    services.events.emit('app:notice', { level: 'info', message: 'Cache rebuilt' });
    const text = await received;
    expect(text).toContain('"event":"app:notice"');
    expect(text).toContain('Cache rebuilt');
  });
});
