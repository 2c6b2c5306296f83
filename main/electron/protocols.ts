/**
 * The two schemes the window uses. `app://inbox/` serves the built renderer: a real, secure origin that IPC sender
 * checks and the CSP's 'self' can name, where file:// would give the page a null origin and reach into the whole
 * file system. `inbox-media://` carries authenticated media that main fetched and cached; the media service answers
 * it. Neither is CORS-enabled, so no other origin can read from them.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { protocol, type Session } from 'electron';
import { realPathInside } from '../contained-file';
import { rendererContentTypes } from '../renderer-content-types';

export const APP_SCHEME = 'app';
export const APP_HOST = 'inbox';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const MEDIA_SCHEME = 'inbox-media';

export type MediaRequestHandler = (request: Request) => Promise<Response>;

/** Must run before the app is ready, and only once: Electron keeps the last call's list. */
export function registerPrivilegedSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true } },
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, stream: true } },
  ]);
}

export function isAppUrl(candidate: string): boolean {
  if (!URL.canParse(candidate)) return false;
  const url = new URL(candidate);
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
}

export function handleSchemes(session: Session, rendererDir: string, media: MediaRequestHandler | undefined): void {
  session.protocol.handle(APP_SCHEME, (request) => serveRenderer(request, rendererDir));
  session.protocol.handle(MEDIA_SCHEME, (request) =>
    media === undefined ? notFound() : media(request).catch(() => new Response('Media failed', { status: 500 })),
  );
}

export async function serveRenderer(request: Request, rendererDir: string): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== APP_HOST || (request.method !== 'GET' && request.method !== 'HEAD')) return notFound();
  let relative: string;
  try {
    relative = normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]+/, '');
  } catch {
    return notFound();
  }
  const file = join(rendererDir, relative === '' ? 'index.html' : relative);
  if (!file.startsWith(rendererDir + sep)) return notFound();
  const realFile = await realPathInside(rendererDir, file);
  if (realFile === undefined) return notFound();
  try {
    const body = await readFile(realFile);
    return new Response(request.method === 'HEAD' ? null : body, {
      headers: {
        'Content-Type': rendererContentTypes[extname(file)] ?? 'application/octet-stream',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch {
    return notFound();
  }
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
