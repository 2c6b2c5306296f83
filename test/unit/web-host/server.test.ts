/** Browser mode's host: only our own page, holding a session opened by a one-time launch link, reaches main. */
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../main/app-services';
import { createDispatch } from '../../../main/ipc/handler-table';
import { LAUNCH_TOKEN_LIFETIME_MS } from '../../../main/web-host/launch-tokens';
import { SESSION_COOKIE, startWebHost, type WebHost } from '../../../main/web-host/server';
import { openSession, sendTo, sessionCookieOf, type SendOptions } from './host-client';

let host: WebHost;
let services: AppServices;
let rendererDir: string;
let clock = 0;
/** A session opened from a launch link, as the page holds it. */
let cookie: string;

const send = (path: string, options: SendOptions = {}) =>
  sendTo(host, path, options).then((reply) => ({ ...reply, body: reply.body.toString() }));
const pathOf = (url: string) => `${new URL(url).pathname}${new URL(url).search}`;

const invokeAppInfo = (headers: Record<string, string>) =>
  send('/ipc/invoke', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ channel: 'app:info', input: {} }),
  });

beforeEach(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>2-Way Inbox</title>');
  services = await createAppServices({ mode: 'browser' });
  clock = 1_000_000;
  host = await startWebHost({
    dispatch: createDispatch(services.handlers),
    events: services.events,
    rendererDir,
    launchTokens: { now: () => clock },
  });
  cookie = await openSession(host);
});

afterEach(async () => {
  await host.close();
  await services.close();
});

describe('browser-mode launch', () => {
  it('answers only a random per-launch *.localhost name, so its cookie never goes to other 127.0.0.1 servers', async () => {
    const origin = new URL(host.origin);
    expect(origin.hostname).toMatch(/^[0-9a-f]{32}\.localhost$/);
    expect(host.launchUrl.startsWith(`${host.origin}/?launch=`)).toBe(true);
    for (const foreign of [`127.0.0.1:${host.port}`, `localhost:${host.port}`]) {
      expect((await invokeAppInfo({ cookie, host: foreign })).status).toBe(403);
    }
    const other = await startWebHost({ dispatch: createDispatch(services.handlers), events: services.events, rendererDir });
    try {
      expect(new URL(other.origin).hostname).not.toBe(origin.hostname);
    } finally {
      await other.close();
    }
  });

  it('trades a launch token for a separate session cookie, host-only, HttpOnly and SameSite=Strict', async () => {
    const reply = await send(pathOf(host.launchUrl), { headers: { 'sec-fetch-site': 'none' } });
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    const setCookie = String(reply.headers['set-cookie']);
    expect(setCookie).toContain(`${SESSION_COOKIE}=`);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).not.toContain('Domain=');
    const token = new URL(host.launchUrl).searchParams.get('launch') ?? '';
    expect(setCookie).not.toContain(token);
    expect((await invokeAppInfo({ cookie: `${SESSION_COOKIE}=${token}` })).status).toBe(403);
    expect((await invokeAppInfo({ cookie: sessionCookieOf(reply) ?? '' })).status).toBe(200);
  });

  it('answers a link opened from another page (the launch file) with a page of ours that refreshes to the app', async () => {
    // A Strict cookie set on a redirect that a file:// page started would not come back with the app's first load.
    const reply = await send(pathOf(host.launchUrl), { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<meta http-equiv="refresh" content="0;url=/">');
    expect(sessionCookieOf(reply)).toBeDefined();
  });

  it('opens one session per launch token: a second use of the link is refused', async () => {
    expect((await send(pathOf(host.launchUrl))).status).toBe(200);
    const again = await send(pathOf(host.launchUrl));
    expect(again.status).toBe(403);
    expect(again.body).toContain('used already or has expired');
    expect(sessionCookieOf(again)).toBeUndefined();
  });

  it('refuses a launch token after a minute', async () => {
    const url = host.newLaunchUrl();
    clock += LAUNCH_TOKEN_LIFETIME_MS;
    expect((await send(pathOf(url))).status).toBe(403);
    const fresh = host.newLaunchUrl();
    clock += LAUNCH_TOKEN_LIFETIME_MS - 1;
    expect((await send(pathOf(fresh))).status).toBe(200);
  });

  it('rejects a made-up launch token and a made-up session', async () => {
    expect((await send('/?launch=guess')).status).toBe(403);
    expect((await invokeAppInfo({ cookie: `${SESSION_COOKIE}=guess` })).status).toBe(403);
  });

  it("lets the end-to-end tests' reusable key open a new session each time", async () => {
    const e2e = await startWebHost({
      dispatch: createDispatch(services.handlers),
      events: services.events,
      rendererDir,
      hostLabel: 'e2e-test',
      launchTokens: { reusable: 'reusable-key' },
    });
    try {
      expect(e2e.origin).toBe(`http://e2e-test.localhost:${e2e.port}`);
      const first = sessionCookieOf(await sendTo(e2e, '/?launch=reusable-key'));
      const second = sessionCookieOf(await sendTo(e2e, '/?launch=reusable-key'));
      expect(first).toBeDefined();
      expect(second).toBeDefined();
      expect(first).not.toBe(second);
    } finally {
      await e2e.close();
    }
  });
});

describe('browser-mode host', () => {
  it('rejects a request without a session, for the page and for main', async () => {
    expect((await send('/')).status).toBe(403);
    expect((await invokeAppInfo({})).status).toBe(403);
  });

  it('rejects a request with a session but a foreign Origin', async () => {
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

  it('refuses a link in the renderer folder that leads outside it', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'outside-'));
    writeFileSync(join(outside, 'private.js'), 'secret-contents');
    symlinkSync(join(outside, 'private.js'), join(rendererDir, 'linked.js'));
    const reply = await send('/linked.js', { headers: { cookie } });
    expect(reply.status).toBe(403);
    expect(reply.body).not.toContain('secret-contents');
  });

  it('streams contract events to the page', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: '/ipc/events', headers: { cookie, host: new URL(host.origin).host } },
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
