/**
 * Browser mode: serves the built renderer on loopback and runs the same handler table as the Electron shell, over
 * HTTP (`POST /ipc/invoke`) with contract events as server-sent events (`GET /ipc/events`).
 *
 * Anything on this machine can reach a loopback port, and any web page the user visits can try to, so every request
 * must carry a session credential (an HttpOnly SameSite=Strict cookie, minted when the page redeems a one-time launch
 * token: launch-tokens.ts) and name our own host in Host and, when present, Origin: that stops other local users'
 * processes without the credential, cross-site pages, and DNS-rebinding pages alike. The host is a per-launch random
 * `<label>.localhost` name (browsers resolve every `*.localhost` to loopback) because cookies ignore ports: one set
 * for 127.0.0.1 would be sent to every other server on 127.0.0.1, while this one only goes to a name nobody else knows.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { z } from 'zod';
import { WEB_MEDIA_PREFIX } from '../../common/media-url';
import type { Dispatch } from '../ipc/handler-table';
import type { EventBus } from '../ipc/event-bus';
import type { WebMediaHandler } from '../media/web-media';
import { realPathInside } from '../contained-file';
import { rendererContentTypes } from '../renderer-content-types';
import {
  createLaunchTokens,
  credentialMatches,
  randomCredential,
  randomHostLabel,
  type LaunchTokenOptions,
} from './launch-tokens';

export const SESSION_COOKIE = 'inbox_session';
const MAX_BODY_BYTES = 1024 * 1024;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const InvokeBody = z.object({ channel: z.string(), input: z.unknown() });

export interface WebHostOptions {
  dispatch: Dispatch;
  events: EventBus;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed `<label>.localhost` label for end-to-end tests; a fresh random one otherwise. */
  hostLabel?: string;
  /** Lifetime, clock and the end-to-end tests' reusable token (launch-tokens.ts). */
  launchTokens?: LaunchTokenOptions;
  onInternalError?: (error: unknown) => void;
  /** Cached media and staged uploads under `/media/` (main/media/web-media.ts), behind the same checks. */
  media?: WebMediaHandler;
}

export interface WebHost {
  /** The URL to open: its one-time launch token expires a minute after the host started. */
  readonly launchUrl: string;
  /** Another one-time launch URL, for a second browser or after the first link expired. */
  newLaunchUrl(): string;
  /** `http://<random label>.localhost:<port>`: the only origin the host answers. */
  readonly origin: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const launchTokens = createLaunchTokens(options.launchTokens);
  const sessions = new Set<string>();
  const hostName = `${options.hostLabel ?? randomHostLabel()}.localhost`;
  const rendererDir = resolve(options.rendererDir);
  const openStreams = new Set<ServerResponse>();
  let port = 0;

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.onInternalError?.(error);
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Internal error');
      else response.destroy();
    });
  });

  function isOwnHostAndOrigin(request: IncomingMessage): boolean {
    const ownHost = `${hostName}:${port}`;
    if (request.headers.host?.toLowerCase() !== ownHost) return false;
    const origin = request.headers.origin;
    return origin === undefined || origin.toLowerCase() === `http://${ownHost}`;
  }

  function hasSession(request: IncomingMessage): boolean {
    const candidate = parseCookies(request.headers.cookie).get(SESSION_COOKIE);
    for (const session of sessions) if (credentialMatches(candidate, session)) return true;
    return false;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (!isOwnHostAndOrigin(request)) return forbidden(response, 'Foreign host or origin');

    const launch = url.searchParams.get('launch');
    if (launch !== null && request.method === 'GET') {
      if (!launchTokens.redeem(launch)) {
        return forbidden(response, 'This launch link was used already or has expired: ask the host for a new one');
      }
      const session = randomCredential();
      sessions.add(session);
      const setCookie = `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`;
      if (isBrowserInitiated(request)) {
        response.writeHead(303, { 'Set-Cookie': setCookie, Location: '/', 'Cache-Control': 'no-store' });
        response.end();
        return;
      }
      // Opened from another page (the launch file): a Strict cookie would be withheld from a redirect that page
      // started, so a page of ours refreshes to the app instead, which the browser counts as our own navigation.
      response.writeHead(200, {
        'Set-Cookie': setCookie,
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        ...securityHeaders(),
      });
      response.end('<!doctype html><meta http-equiv="refresh" content="0;url=/"><title>2-Way Inbox</title>');
      return;
    }
    if (!hasSession(request)) return forbidden(response, 'No session: open the link the 2-Way Inbox host printed');

    if (options.media && url.pathname.startsWith(WEB_MEDIA_PREFIX)) return options.media(request, response, url);
    if (url.pathname === '/ipc/invoke') {
      if (request.method !== 'POST') return send(response, 405, 'text/plain; charset=utf-8', 'POST only');
      return invoke(request, response);
    }
    if (url.pathname === '/ipc/events') {
      if (request.method !== 'GET') return send(response, 405, 'text/plain; charset=utf-8', 'GET only');
      return streamEvents(request, response);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    }
    return serveStatic(url.pathname, response);
  }

  async function invoke(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(response, 415, 'text/plain; charset=utf-8', 'JSON only');
    }
    const body = await readBody(request, MAX_BODY_BYTES);
    if (body === undefined) return send(response, 413, 'text/plain; charset=utf-8', 'Body too large');
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return sendJson(response, 400, {
        ok: false,
        error: { code: 'BAD_INPUT', message: 'Request body is not JSON', retryable: false },
      });
    }
    const parsed = InvokeBody.safeParse(json);
    if (!parsed.success) {
      return sendJson(response, 400, {
        ok: false,
        error: { code: 'BAD_INPUT', message: 'Expected {channel, input}', retryable: false },
      });
    }
    const result = await options.dispatch(parsed.data.channel, parsed.data.input);
    sendJson(response, 200, result);
  }

  function streamEvents(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    });
    response.write(': connected\n\n');
    openStreams.add(response);
    const unsubscribe = options.events.subscribe((event, payload) => {
      response.write(`data: ${JSON.stringify({ event, payload })}\n\n`);
    });
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
    request.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      openStreams.delete(response);
    });
  }

  async function serveStatic(pathname: string, response: ServerResponse): Promise<void> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return send(response, 400, 'text/plain; charset=utf-8', 'Bad path');
    }
    const relative = normalize(decoded).replace(/^([/\\])+/, '');
    let file = join(rendererDir, relative === '' ? 'index.html' : relative);
    if (file !== rendererDir && !file.startsWith(rendererDir + sep)) return forbidden(response, 'Outside the app');
    let info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file).catch(() => undefined);
    }
    if (info === undefined || !info.isFile()) {
      // Unknown paths without an extension are the app's own routes: hand them the page.
      if (extname(relative) !== '') return send(response, 404, 'text/plain; charset=utf-8', 'Not found');
      file = join(rendererDir, 'index.html');
      info = await stat(file).catch(() => undefined);
      if (info === undefined) {
        return send(response, 503, 'text/plain; charset=utf-8', 'The renderer is not built: run `npm run build`.');
      }
    }
    const realFile = await realPathInside(rendererDir, file);
    if (realFile === undefined) return forbidden(response, 'Outside the app');
    const type = rendererContentTypes[extname(file)] ?? 'application/octet-stream';
    response.writeHead(200, {
      'Content-Type': type,
      'Content-Length': info.size,
      'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'no-cache',
      ...securityHeaders(),
    });
    await new Promise<void>((done, failed) => {
      const stream = createReadStream(realFile);
      stream.on('error', failed);
      response.on('close', () => done());
      stream.pipe(response);
    });
  }

  await new Promise<void>((done, failed) => {
    server.once('error', failed);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${hostName}:${port}`;
  const newLaunchUrl = () => `${origin}/?launch=${launchTokens.issue()}`;

  return {
    launchUrl: newLaunchUrl(),
    newLaunchUrl,
    origin,
    port,
    close: async () => {
      for (const stream of openStreams) stream.end();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...securityHeaders() });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

function forbidden(response: ServerResponse, reason: string): void {
  send(response, 403, 'text/plain; charset=utf-8', `Forbidden: ${reason}`);
}

/** Typed, opened by the system or by our own page, as Fetch Metadata says; browsers without it get the slow path. */
function isBrowserInitiated(request: IncomingMessage): boolean {
  const site = request.headers['sec-fetch-site'];
  return site === 'none' || site === 'same-origin';
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) cookies.set(part.slice(0, index).trim(), part.slice(index + 1).trim());
  }
  return cookies;
}

function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((done, failed) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => done(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', failed);
  });
}
