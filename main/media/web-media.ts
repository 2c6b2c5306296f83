/**
 * Browser mode's media routes, mounted by the web host behind its launch-secret and Host/Origin checks:
 * `GET /media/<enterprise>/<media>/<variant>` answers like `inbox-media://` (the same handler), and
 * `POST /media/upload` takes the raw bytes of a file the page picked (its name in `X-File-Name`, URI-encoded) and
 * answers `{reference, name, size}` for the media channels.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { MAX_MEDIA_BYTES } from '../../common/api-decisions';
import { fileTooLarge } from '../../common/media-acceptance';
import { WEB_MEDIA_UPLOAD_PATH } from '../../common/media-url';
import type { MediaRequestHandler } from './media-route';
import type { StagedFiles } from './staged-files';

export type WebMediaHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void>;

const MAX_NAME_LENGTH = 255;

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(JSON.stringify(body));
}

function refuse(response: ServerResponse, status: number, code: string, message: string): void {
  sendJson(response, status, { ok: false, error: { code, message, retryable: false } });
}

/** The picked file's name: decoded, without folders or control characters, never empty. */
function fileNameOf(request: IncomingMessage): string {
  const header = request.headers['x-file-name'];
  let name = typeof header === 'string' ? header : '';
  try {
    name = decodeURIComponent(name);
  } catch {
    name = '';
  }
  // eslint-disable-next-line no-control-regex -- a name is shown and sent as a header: no control characters
  const cleaned = (name.split(/[/\\]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, MAX_NAME_LENGTH);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'file' : cleaned;
}

export function createWebMediaHandler(serve: MediaRequestHandler, staged: StagedFiles): WebMediaHandler {
  return async (request, response, url) => {
    if (url.pathname === WEB_MEDIA_UPLOAD_PATH) {
      if (request.method !== 'POST') return refuse(response, 405, 'BAD_INPUT', 'POST the file here');
      const name = fileNameOf(request);
      const declared = Number(request.headers['content-length']);
      if (Number.isFinite(declared) && declared > MAX_MEDIA_BYTES) {
        request.resume();
        return sendJson(response, 413, fileTooLarge(name));
      }
      const result = await staged.stage(request, name);
      if (!result.ok) return sendJson(response, result.error.code === 'VALIDATION' ? 413 : 400, result);
      return sendJson(response, 200, result);
    }

    const headers = new Headers();
    const range = request.headers.range;
    if (typeof range === 'string') headers.set('range', range);
    const answer = await serve(new Request(url, { method: request.method ?? 'GET', headers }));
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    if (answer.body === null) {
      response.end();
      return;
    }
    await pipeline(Readable.fromWeb(answer.body as NodeReadableStream<Uint8Array>), response).catch(() => {
      // The page went away mid-file (scrolled past a video); nothing to report.
    });
  };
}
