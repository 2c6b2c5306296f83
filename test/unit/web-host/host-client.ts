/**
 * Raw requests to browser mode's host, so a test controls Host, Origin and cookies exactly as another program on
 * this machine could; by default they name the host's own `<label>.localhost` origin, as the page does.
 */
import { request } from 'node:http';
import type { WebHost } from '../../../main/web-host/server';
import { SESSION_COOKIE } from '../../../main/web-host/server';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

export function sendTo(host: WebHost, path: string, options: SendOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: options.method ?? 'GET',
        headers: { host: new URL(host.origin).host, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The session cookie a launch link's redemption set (`name=value`), or undefined when it set none. */
export function sessionCookieOf(reply: Pick<Reply, 'headers'>): string | undefined {
  const header = reply.headers['set-cookie'];
  const first = (Array.isArray(header) ? header : [header ?? ''])[0] ?? '';
  const pair = first.split(';')[0] ?? '';
  return pair.startsWith(`${SESSION_COOKIE}=`) ? pair : undefined;
}

/** Opens a page session the way the browser does: by redeeming a fresh launch link. */
export async function openSession(host: WebHost): Promise<string> {
  const launch = new URL(host.newLaunchUrl());
  const cookie = sessionCookieOf(await sendTo(host, `${launch.pathname}${launch.search}`));
  if (cookie === undefined) throw new Error('The launch link did not open a session');
  return cookie;
}
