/**
 * The typed 2-Way client: `call(operationId, {path, query, body})` checks its input against the operation table,
 * sends the raw token in `Authorization` (no "Bearer", as every code sample shows), retries what is safe to retry,
 * renews the token once after a 401, and answers a Result whose value has been parsed whole, or an InboxError.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { acceptedMediaMimeTypes, MAX_MEDIA_BYTES, mediaUploadField } from '../../common/api-decisions';
import { parseUnknown } from '../../common/parse';
import { fail, ok, type InboxError, type Result } from '../../common/result';
import { productInfo } from '../product-info';
import { badResponse, errorFromResponse, errorFromTransport, redirectError } from './errors';
import {
  operations,
  paramsSchema,
  type BinaryBody,
  type CallArgsTuple,
  type CallResult,
  type OperationId,
  type OperationSpec,
  type QueryValue,
  type UploadFile,
  type UploadProgress,
} from './operations';
import { defaultRetryPolicy, isIdempotent, systemClock, withRetries, type Clock, type RetryPolicy } from './retry';
import { createTransport, type Transport, type TransportBody } from './transport';
import { writeFileBody, type FileBodyParts } from './upload-body';

/** Supplies the token: the session implements this, sharing one sign-in among all requests that need it. */
export interface Authenticator {
  /** A token to use now; signs in first when there is none or it is about to expire. */
  currentToken(): Promise<Result<string>>;
  /** The service refused `rejected` (401): answer a fresh token, with one sign-in for all who ask at once. */
  renewAfterRejection(rejected: string): Promise<Result<string>>;
}

/** Anything that can call the API: the client itself, or the session that routes to the signed-in account. */
export interface Api {
  call<Id extends OperationId>(id: Id, ...args: CallArgsTuple<Id>): Promise<Result<CallResult<Id>>>;
  /**
   * The service's clock minus this computer's, in ms, from the `Date` header of its latest answer; undefined before
   * any answer carried one. Times the service writes (a message's `sent`) are compared with ours through it.
   */
  serverClockOffsetMs?(): number | undefined;
}

export interface ApiClientOptions {
  baseUrl: string;
  authenticator?: Authenticator;
  /** Shared between clients so connections are pooled; one is created (and closed with the client) otherwise. */
  transport?: Transport;
  connectTimeoutMs?: number;
  responseTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  clock?: Clock;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_RESPONSE_TIMEOUT_MS = 30_000;
/** A JSON answer larger than this is refused rather than held in memory (a 50-item page is a few hundred KB). */
const MAX_JSON_BYTES = 32 * 1024 * 1024;
/** Error bodies are read up to this much; the rest is not needed to explain the error. */
const MAX_ERROR_BYTES = 64 * 1024;

/** The table seen as plain specs: each call reads its own row, so the per-operation types are not needed here. */
const operationTable: Record<OperationId, OperationSpec> = operations;

interface PreparedRequest {
  url: URL;
  headers: Record<string, string>;
  body?: Buffer | TransportBody;
}

/** `call`'s argument without the per-operation types, for callers that build it at run time (the command line). */
export interface UntypedCallArgs {
  path?: Record<string, string>;
  query?: Record<string, QueryValue | undefined>;
  body?: unknown;
  file?: UploadFile;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

export class ApiClient implements Api {
  readonly baseUrl: string;
  readonly #options: ApiClientOptions;
  readonly #transport: Transport;
  readonly #ownsTransport: boolean;
  readonly #policy: RetryPolicy;
  readonly #clock: Clock;
  #serverClockOffsetMs: number | undefined;

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#options = options;
    this.#transport = options.transport ?? createTransport();
    this.#ownsTransport = options.transport === undefined;
    this.#policy = { ...defaultRetryPolicy, ...options.retry };
    this.#clock = options.clock ?? systemClock;
  }

  call<Id extends OperationId>(id: Id, ...args: CallArgsTuple<Id>): Promise<Result<CallResult<Id>>>;
  // The public signature ties each argument and answer to its operation; inside, one loose shape serves them all.
  call(id: OperationId, args: UntypedCallArgs = {}): Promise<Result<unknown>> {
    return this.callUntyped(id, args);
  }

  /** The same call with an argument built at run time: the operation's schemas check it all the same. */
  async callUntyped(id: OperationId, args: UntypedCallArgs): Promise<Result<unknown>> {
    const spec = operationTable[id];
    const prepared = await this.#prepare(id, spec, args);
    if (!prepared.ok) return prepared;
    return this.#authenticated(id, spec, prepared.value, args);
  }

  close(): void {
    if (this.#ownsTransport) this.#transport.close();
  }

  serverClockOffsetMs(): number | undefined {
    return this.#serverClockOffsetMs;
  }

  async #authenticated(id: OperationId, spec: OperationSpec, request: PreparedRequest, args: UntypedCallArgs): Promise<Result<unknown>> {
    const attempt = (token: string | undefined) =>
      withRetries(spec.method, () => this.#attempt(id, spec, request, token, args.signal), {
        policy: this.#policy,
        clock: this.#clock,
        ...(args.signal ? { signal: args.signal } : {}),
      });
    if (!spec.authenticated) return attempt(undefined);
    const authenticator = this.#options.authenticator;
    if (!authenticator) return fail('UNAUTHENTICATED', 'Not signed in');
    const token = await authenticator.currentToken();
    if (!token.ok) return token;
    const first = await attempt(token.value);
    if (first.ok || first.error.code !== 'UNAUTHENTICATED') return first;
    const renewed = await authenticator.renewAfterRejection(token.value);
    if (!renewed.ok) return renewed;
    return attempt(renewed.value);
  }

  async #prepare(id: OperationId, spec: OperationSpec, args: UntypedCallArgs): Promise<Result<PreparedRequest>> {
    const params = parseUnknown(paramsSchema(spec), args.path ?? {}, { code: 'VALIDATION', what: `path of ${id}` });
    if (!params.ok) return params;
    let path = spec.path;
    for (const [name, value] of Object.entries(params.value)) path = path.replace(`{${name}}`, encodeURIComponent(value));
    const url = new URL(this.baseUrl + path);

    if (spec.query) {
      const query = parseUnknown(spec.query, args.query ?? {}, { code: 'VALIDATION', what: `query of ${id}` });
      if (!query.ok) return query;
      appendQuery(url, query.value);
    }

    const headers: Record<string, string> = {
      accept: spec.response.kind === 'binary' ? '*/*' : 'application/json',
      'user-agent': `${productInfo.productName}/${productInfo.version}`,
    };
    if (spec.upload) {
      if (!args.file) return fail('VALIDATION', `${id} needs a file`, { field: 'file' });
      const upload = await multipartBody(args.file, args.onProgress);
      if (!upload.ok) return upload;
      headers['content-type'] = upload.value.contentType;
      return ok({ url, headers, body: upload.value.body });
    }
    if (spec.body) {
      const body = parseUnknown(spec.body, args.body, { code: 'VALIDATION', what: `body of ${id}` });
      if (!body.ok) return body;
      headers['content-type'] = 'application/json';
      return ok({ url, headers, body: Buffer.from(JSON.stringify(body.value)) });
    }
    return ok({ url, headers });
  }

  async #attempt(
    id: OperationId,
    spec: OperationSpec,
    request: PreparedRequest,
    token: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Result<unknown>> {
    const idempotent = isIdempotent(spec.method);
    const outcome = await this.#transport.send({
      method: spec.method,
      url: request.url,
      headers: token === undefined ? request.headers : { ...request.headers, authorization: token },
      ...(request.body !== undefined ? { body: request.body } : {}),
      connectTimeoutMs: this.#options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      responseTimeoutMs: this.#options.responseTimeoutMs ?? DEFAULT_RESPONSE_TIMEOUT_MS,
      ...(signal ? { signal } : {}),
    });
    if (!outcome.ok) return { ok: false, error: errorFromTransport(outcome.failure, idempotent) };
    const { response } = outcome;
    const status = response.statusCode ?? 0;
    this.#observeDate(response);
    const readFailure = (): InboxError =>
      errorFromTransport(
        outcome.failureOf() ?? { phase: 'response', kind: 'network', message: 'the connection closed mid-answer' },
        idempotent,
      );

    if (status >= 300 && status < 400) {
      // Refused before a byte of the body is read: a redirect's body is never the answer, and following it would
      // carry the token to wherever it points. Dropping the body also drops the connection (it cannot be reused).
      response.destroy();
      return { ok: false, error: redirectError(status, headerValue(response, 'location')) };
    }
    if (status < 200 || status >= 300) {
      const text = await readText(response, MAX_ERROR_BYTES, true);
      const header = (name: string) => headerValue(response, name);
      // A Retry-After date is on the service's clock: read it against the service's now, as this answer's Date puts it.
      const serverNowMs = this.#clock.now() + (this.#serverClockOffsetMs ?? 0);
      return { ok: false, error: errorFromResponse({ status, header, bodyText: text.ok ? text.value : '', nowMs: serverNowMs }) };
    }

    if (spec.response.kind === 'binary') {
      return ok({
        contentType: headerValue(response, 'content-type') ?? 'application/octet-stream',
        contentLength: contentLength(response),
        body: response,
      });
    }

    const text = await readText(response, MAX_JSON_BYTES, false);
    if (!text.ok) return text.error === 'too-large' ? fail('BAD_RESPONSE', `The answer to ${id} is too large`) : { ok: false, error: readFailure() };
    if (spec.response.kind === 'empty') {
      if (text.value.trim() === '' || parseJson(text.value).ok) return ok(undefined);
      return { ok: false, error: badResponse(`The answer to ${id} is not JSON`) };
    }
    const contentType = headerValue(response, 'content-type');
    if (contentType !== undefined && !/\bjson\b/i.test(contentType)) {
      return { ok: false, error: badResponse(`The answer to ${id} is ${contentType.split(';')[0]}, not JSON`) };
    }
    const value = parseJson(text.value);
    if (!value.ok) return { ok: false, error: badResponse(`The answer to ${id} is not valid JSON`) };
    return parseUnknown(spec.response.schema as z.ZodType, value.value, { code: 'BAD_RESPONSE', what: `answer to ${id}` });
  }

  /** Every answer's `Date` header updates the clock offset, so it follows a clock that is corrected or drifts. */
  #observeDate(response: IncomingMessage): void {
    const offset = serverClockOffset(headerValue(response, 'date'), this.#clock.now());
    if (offset !== undefined) this.#serverClockOffsetMs = offset;
  }
}

const DATE_HEADER_HALF_RESOLUTION_MS = 500;

/**
 * The service's clock minus ours, from a `Date` header read at `localMs`. The header counts whole seconds, cut
 * down (RFC 9110 section 6.6.1), so the service's time was on average half a second past what it says.
 */
export function serverClockOffset(dateHeader: string | undefined, localMs: number): number | undefined {
  if (dateHeader === undefined) return undefined;
  const serverMs = Date.parse(dateHeader);
  return Number.isNaN(serverMs) ? undefined : serverMs + DATE_HEADER_HALF_RESOLUTION_MS - localMs;
}

/** Whether a call's answer is a file (media.get/getVariant), for callers that hold it as `unknown`. */
export function isBinaryBody(value: unknown): value is BinaryBody {
  return typeof value === 'object' && value !== null && 'contentType' in value && 'body' in value;
}

function appendQuery(url: URL, query: Record<string, QueryValue | undefined>): void {
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, item);
    else url.searchParams.append(key, String(value));
  }
}

function headerValue(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function contentLength(response: IncomingMessage): number | undefined {
  const value = Number(headerValue(response, 'content-length'));
  return Number.isFinite(value) ? value : undefined;
}

function parseJson(text: string): Result<unknown> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return fail('BAD_RESPONSE', 'not JSON');
  }
}

/** Reads a whole body as text, up to `maxBytes`: beyond it, either truncates (error bodies) or gives up. */
async function readText(
  response: IncomingMessage,
  maxBytes: number,
  truncate: boolean,
): Promise<{ ok: true; value: string } | { ok: false; error: 'too-large' | 'cut-off' }> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += buffer.length;
      if (size > maxBytes) {
        response.destroy();
        if (truncate) break;
        return { ok: false, error: 'too-large' };
      }
      chunks.push(buffer);
    }
  } catch {
    return { ok: false, error: 'cut-off' };
  }
  if (!truncate && !response.complete) return { ok: false, error: 'cut-off' };
  return { ok: true, value: Buffer.concat(chunks).toString('utf8') };
}

/** A header-safe file name: quotes and line breaks removed, non-ASCII also given as RFC 5987 `filename*`. */
function contentDisposition(fileName: string): string {
  const cleaned = fileName.replace(/[\r\n"\\]/g, '_');
  const ascii = cleaned.replace(/[^\x20-\x7e]/g, '_');
  const extended = ascii === cleaned ? '' : `; filename*=UTF-8''${encodeURIComponent(cleaned)}`;
  return `form-data; name="${mediaUploadField}"; filename="${ascii}"${extended}`;
}

/**
 * The upload as multipart/form-data with one part, field `file` (api-decisions), written from disk through reused
 * buffers with a known length (main/api/upload-body.ts); progress counts file bytes the socket has taken.
 */
async function multipartBody(
  file: UploadFile,
  onProgress: ((progress: UploadProgress) => void) | undefined,
): Promise<Result<{ contentType: string; body: TransportBody }>> {
  if (!(acceptedMediaMimeTypes as readonly string[]).includes(file.mimeType)) {
    return fail('VALIDATION', `The service does not accept ${file.mimeType} files`, { field: 'file' });
  }
  let totalBytes: number;
  try {
    const info = await stat(file.path);
    if (!info.isFile()) return fail('VALIDATION', `${file.path} is not a file`, { field: 'file' });
    totalBytes = info.size;
  } catch (error) {
    return fail('VALIDATION', `Cannot read ${file.path}: ${error instanceof Error ? error.message : String(error)}`, { field: 'file' });
  }
  if (totalBytes === 0) return fail('VALIDATION', 'The file is empty', { field: 'file' });
  if (totalBytes > MAX_MEDIA_BYTES) {
    return fail('VALIDATION', `The file is larger than ${MAX_MEDIA_BYTES / 1024 / 1024} MB`, { field: 'file' });
  }
  const boundary = `----2WayInbox${crypto.randomUUID().replace(/-/g, '')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: ${contentDisposition(file.fileName ?? basename(file.path))}\r\n` +
      `Content-Type: ${file.mimeType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const parts: FileBodyParts = {
    head,
    path: file.path,
    fileBytes: totalBytes,
    tail,
    onWritten: (sentBytes) => onProgress?.({ sentBytes, totalBytes }),
  };
  return ok({
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: { length: head.length + totalBytes + tail.length, writeTo: (destination) => writeFileBody(parts, destination) },
  });
}
