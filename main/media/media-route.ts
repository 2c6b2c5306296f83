/**
 * Serves cached media to the renderer: `inbox-media://media/…` in the Electron shell and `/media/…` in browser
 * mode, through one web-standard handler. The answer carries the file and safe headers only: the type read from the
 * content (anything that is not an image, video or audio is sent as a download), nosniff, a sandboxing CSP, single
 * byte ranges for video seeking, and never the token or the service's URL.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { mediaAddressFromRendererUrl } from '../../common/media-url';
import type { ErrorCode } from '../../common/result';
import { realPathInside } from '../contained-file';
import type { MediaCache } from './media-cache';

export type MediaRequestHandler = (request: Request) => Promise<Response>;

/**
 * A file opened on its own (a new tab in browser mode, which shares the app's origin) must not run script, so every
 * answer forbids everything but showing it.
 */
const MEDIA_CSP = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox";

function isInline(mime: string): boolean {
  return mime.startsWith('image/') || mime.startsWith('video/') || mime.startsWith('audio/');
}

function baseHeaders(): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': MEDIA_CSP,
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    // Media belongs to the signed-in account: nothing is left in the browser's own cache for the next one.
    'Cache-Control': 'no-store',
  };
}

function plain(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { ...baseHeaders(), 'Content-Type': 'text/plain; charset=utf-8', ...extra } });
}

function statusFor(code: ErrorCode): number {
  if (code === 'NOT_FOUND' || code === 'GONE') return 404;
  if (code === 'UNAUTHENTICATED') return 401;
  if (code === 'FORBIDDEN') return 403;
  return 502;
}

/** One `bytes=` range within `size`, `undefined` for none, or 'invalid' for one that cannot be served. */
export function parseRange(header: string | null, size: number): { start: number; end: number } | undefined | 'invalid' {
  if (header === null) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'invalid';
  if (match[1] === '') {
    const suffix = Number(match[2]);
    return suffix === 0 ? 'invalid' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start > end || start >= size ? 'invalid' : { start, end };
}

export function createMediaRequestHandler(cache: MediaCache): MediaRequestHandler {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'GET only', { Allow: 'GET, HEAD' });
    const address = URL.canParse(request.url) ? mediaAddressFromRendererUrl(new URL(request.url)) : undefined;
    if (address === undefined) return plain(404, 'No such media');
    const file = await cache.open(address);
    if (!file.ok) return plain(statusFor(file.error.code), `Media unavailable (${file.error.code})`);

    const { mime, size } = file.value;
    // The path comes from a cache row: a link planted in the folder, or an edited row, must not reach other files.
    const path = await realPathInside(cache.folder, file.value.path);
    if (path === undefined) return plain(404, 'No such media');
    const headers: Record<string, string> = {
      ...baseHeaders(),
      'Content-Type': isInline(mime) ? mime : 'application/octet-stream',
      'Accept-Ranges': 'bytes',
      ...(isInline(mime) ? {} : { 'Content-Disposition': 'attachment' }),
    };
    const range = parseRange(request.headers.get('range'), size);
    if (range === 'invalid') return plain(416, 'Range not satisfiable', { 'Content-Range': `bytes */${size}` });
    const { start, end } = range ?? { start: 0, end: size - 1 };
    headers['Content-Length'] = String(end - start + 1);
    if (range !== undefined) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
    const status = range === undefined ? 200 : 206;
    if (request.method === 'HEAD' || size === 0) return new Response(null, { status, headers });
    const body = Readable.toWeb(createReadStream(path, { start, end })) as ReadableStream<Uint8Array>;
    return new Response(body, { status, headers });
  };
}
