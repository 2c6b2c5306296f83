/**
 * Every way a request to the 2-Way service can fail, mapped once to the InboxError codes the UI switches on: HTTP
 * statuses with the service's error body `{success: false, reason, statusCode, error, message}`, and transport
 * failures, where what matters is whether the request may already have been carried out.
 */
import { ApiErrorBody } from '../../common/api-types';
import { fail, type ErrorCode, type InboxError } from '../../common/result';

/**
 * How a refusal to message an opted-out customer is recognised. The reference says only that after an opt-out
 * "you have no ability to chat with the client until he sends any message again" (line 2319), not which status or
 * words the refusal carries. We recognise it by its reason, message or error naming the opt-out ("Customer opted
 * out", "OPT_OUT", "opt-out", "unsubscribed"), whatever 4xx status carries it; the sandbox answers 403 "Customer
 * opted out".
 */
const OPTED_OUT_PATTERN = /\bopt(?:ed)?[\s_-]?out\b|\bunsubscribed\b/i;

/**
 * A validation message that starts with an identifier names the field, in either form validators write:
 * `payload.text must be a string` (class-validator) or `payload.text: Required` (zod issues, as the sandbox and
 * common/parse.ts write them). Sentences start with a capital, identifiers here do not, which keeps "Customer must
 * exist" from being read as a field.
 */
const FIELD_IN_MESSAGE = /^([a-z]\w*(?:\.[\w[\]]+)*)(?::\s|\s+(?:must|should|is|are|has|cannot|can't|does)\b)/;

export interface HttpFailure {
  status: number;
  /** Response header lookup (lower-case names). */
  header: (name: string) => string | undefined;
  /** The body as text, possibly empty or not JSON (a proxy's HTML page). */
  bodyText: string;
  /** Local time in ms, to turn an HTTP-date Retry-After into seconds. */
  nowMs: number;
}

function messageOf(body: ApiErrorBody | undefined, status: number): string {
  const message = Array.isArray(body?.message) ? body.message.join('; ') : body?.message;
  const reason = body?.reason;
  if (message && reason && !message.includes(reason) && !reason.includes(message)) return `${reason}: ${message}`;
  return message || reason || body?.error || `The service answered HTTP ${status}`;
}

function fieldOf(body: ApiErrorBody | undefined): string | undefined {
  if (body?.field) return body.field;
  const messages = [body?.message, body?.reason].flat().filter((text): text is string => typeof text === 'string');
  for (const text of messages) {
    const match = FIELD_IN_MESSAGE.exec(text);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

function parseErrorBody(text: string): ApiErrorBody | undefined {
  try {
    const parsed = ApiErrorBody.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** `Retry-After` as seconds from now: either delay-seconds or an HTTP-date (RFC 9110 section 10.2.3). */
export function retryAfterSeconds(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  // An HTTP-date names its day and month; Date.parse would read "1.5" or "-3" as dates in 2001 (a wait of 0).
  if (!/[a-z]{3}/i.test(trimmed)) return undefined;
  const dateMs = Date.parse(trimmed);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.max(0, Math.ceil((dateMs - nowMs) / 1000));
}

function codeForStatus(status: number): { code: ErrorCode; retryable: boolean } {
  if (status === 401) return { code: 'UNAUTHENTICATED', retryable: false };
  if (status === 403) return { code: 'FORBIDDEN', retryable: false };
  if (status === 404) return { code: 'NOT_FOUND', retryable: false };
  if (status === 408) return { code: 'TIMEOUT', retryable: true };
  if (status === 409) return { code: 'CONFLICT', retryable: false };
  if (status === 410) return { code: 'GONE', retryable: false };
  if (status === 429) return { code: 'RATE_LIMITED', retryable: true };
  if (status === 502) return { code: 'UPSTREAM', retryable: true };
  if (status >= 500) return { code: 'SERVER', retryable: true };
  // 400, 406, 422 and any other refusal of what was sent (413 too large, 415 wrong type).
  if (status >= 400) return { code: 'VALIDATION', retryable: false };
  return { code: 'BAD_RESPONSE', retryable: false };
}

/**
 * The error for a 3xx, which the client never follows (it would carry the token) and never reads. Only the
 * target's origin is named: its path or query may carry anything, and messages end up in logs.
 */
export function redirectError(status: number, location: string | undefined): InboxError {
  const origin = location !== undefined && URL.canParse(location) ? new URL(location).origin : undefined;
  const target = origin !== undefined && origin !== 'null' ? origin : 'another address';
  return fail('BAD_RESPONSE', `The service answered HTTP ${status}, a redirect to ${target}, which is not followed`).error;
}

/** The error for a response whose status is not a success. */
export function errorFromResponse(failure: HttpFailure): InboxError {
  if (failure.status >= 300 && failure.status < 400) return redirectError(failure.status, failure.header('location'));
  const body = parseErrorBody(failure.bodyText);
  const message = messageOf(body, failure.status);
  const optedOut = [body?.reason, body?.error, message].some((text) => text !== undefined && OPTED_OUT_PATTERN.test(text));
  if (failure.status >= 400 && failure.status < 500 && failure.status !== 401 && failure.status !== 429 && optedOut) {
    return fail('OPTED_OUT', message).error;
  }
  const { code, retryable } = codeForStatus(failure.status);
  const field = code === 'VALIDATION' ? fieldOf(body) : undefined;
  const retryAfter =
    code === 'RATE_LIMITED' || failure.status === 503
      ? retryAfterSeconds(failure.header('retry-after'), failure.nowMs)
      : undefined;
  return fail(code, message, {
    retryable,
    ...(field !== undefined ? { field } : {}),
    ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
  }).error;
}

/** Where a request was when the connection failed. */
export type TransportPhase =
  /** Not connected yet: nothing reached the service. */
  | 'connect'
  /**
   * Connected, request not yet known to be fully written. The service may still have acted on it: Node reports a
   * reset that arrives right after the last bytes left before it reports that the request finished.
   */
  | 'send'
  /** Request fully written, response not (fully) read: the service may have acted on it. */
  | 'response';

export interface TransportFailure {
  phase: TransportPhase;
  kind: 'timeout' | 'network' | 'cancelled';
  message: string;
  /** We stopped writing the body ourselves (the file could not be read): the service never had the whole request. */
  bodyIncomplete?: boolean;
}

/**
 * The error for a connection that failed. A request that only reads is safe to repeat; any other request that may
 * have reached the service has an unknown outcome, which the outbox reconciles before trying again.
 */
export function errorFromTransport(failure: TransportFailure, idempotent: boolean): InboxError {
  // Only a request that never connected certainly did nothing; see the 'send' phase above.
  const mayHaveActed = failure.phase !== 'connect' && failure.bodyIncomplete !== true && !idempotent;
  if (mayHaveActed) {
    const why = failure.kind === 'timeout' ? 'timed out' : failure.kind === 'cancelled' ? 'was cancelled' : 'was cut off';
    return fail('UNKNOWN_OUTCOME', `The request ${why} after it was sent; it may or may not have been carried out (${failure.message})`).error;
  }
  if (failure.kind === 'cancelled') return fail('CANCELLED', 'The request was cancelled').error;
  if (failure.kind === 'timeout') {
    const what = failure.phase === 'connect' ? 'Connecting to the service' : 'The service';
    return fail('TIMEOUT', `${what} took too long (${failure.message})`, { retryable: true }).error;
  }
  return fail('NETWORK', `Could not reach the service: ${failure.message}`, { retryable: true }).error;
}

/** A success response the client cannot use (not JSON, wrong shape, too large). */
export function badResponse(message: string): InboxError {
  return fail('BAD_RESPONSE', message).error;
}
