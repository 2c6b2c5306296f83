/** The one mapping from statuses and broken connections to the error codes the UI switches on. */
import { describe, expect, it } from 'vitest';
import { errorFromResponse, errorFromTransport, retryAfterSeconds } from '../../../main/api/errors';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);

function fromStatus(status: number, body: unknown, headers: Record<string, string> = {}) {
  return errorFromResponse({
    status,
    header: (name) => headers[name],
    bodyText: typeof body === 'string' ? body : JSON.stringify(body),
    nowMs: NOW,
  });
}

const errorBody = (statusCode: number, reason: string, message = reason) => ({ success: false, reason, statusCode, error: 'Error', message });

describe('errorFromResponse', () => {
  it.each([
    [400, 'VALIDATION', false],
    [401, 'UNAUTHENTICATED', false],
    [403, 'FORBIDDEN', false],
    [404, 'NOT_FOUND', false],
    [406, 'VALIDATION', false],
    [408, 'TIMEOUT', true],
    [409, 'CONFLICT', false],
    [410, 'GONE', false],
    [413, 'VALIDATION', false],
    [422, 'VALIDATION', false],
    [429, 'RATE_LIMITED', true],
    [500, 'SERVER', true],
    [502, 'UPSTREAM', true],
    [503, 'SERVER', true],
  ])('HTTP %i is %s (retryable: %s)', (status, code, retryable) => {
    expect(fromStatus(status, errorBody(status, 'Something'))).toMatchObject({ code, retryable, message: 'Something' });
  });

  it('joins reason and message when they say different things', () => {
    expect(fromStatus(400, errorBody(400, 'Validation failed', 'text must not be empty')).message).toBe(
      'Validation failed: text must not be empty',
    );
  });

  it('names the field from a `field` property or a message that starts with one', () => {
    expect(fromStatus(400, { ...errorBody(400, 'Bad'), field: 'payload.text' }).field).toBe('payload.text');
    expect(fromStatus(400, errorBody(400, 'Bad Request', 'customerNumber must be a phone number')).field).toBe('customerNumber');
    expect(fromStatus(400, { ...errorBody(400, 'Bad Request'), message: ['config.name should not be empty'] }).field).toBe('config.name');
    expect(fromStatus(400, errorBody(400, 'Invalid body', 'payload.text: Too small; customerNumber: Required')).field).toBe('payload.text');
    expect(fromStatus(400, errorBody(400, 'Customer must exist')).field).toBeUndefined();
    expect(fromStatus(400, errorBody(400, 'Invalid body', '(root): Invalid input')).field).toBeUndefined();
  });

  it.each(['Customer opted out', 'OPT_OUT', 'The customer has unsubscribed', 'opt-out active'])(
    'recognises the opt-out refusal "%s" whatever 4xx carries it',
    (reason) => {
      expect(fromStatus(403, errorBody(403, reason)).code).toBe('OPTED_OUT');
      expect(fromStatus(400, errorBody(400, reason)).code).toBe('OPTED_OUT');
    },
  );

  it('does not read "opted out" into a 5xx or a 401', () => {
    expect(fromStatus(500, errorBody(500, 'Customer opted out')).code).toBe('SERVER');
    expect(fromStatus(401, errorBody(401, 'Customer opted out')).code).toBe('UNAUTHENTICATED');
  });

  it('explains statuses whose body is not the service’s (a proxy page)', () => {
    const error = fromStatus(503, '<html>Service Unavailable</html>');
    expect(error).toMatchObject({ code: 'SERVER', message: 'The service answered HTTP 503' });
  });

  it('takes Retry-After from 429 in seconds and as an HTTP-date', () => {
    expect(fromStatus(429, errorBody(429, 'Slow down'), { 'retry-after': '17' }).retryAfterSeconds).toBe(17);
    const inAMinute = new Date(NOW + 60_000).toUTCString();
    expect(fromStatus(429, errorBody(429, 'Slow down'), { 'retry-after': inAMinute }).retryAfterSeconds).toBe(60);
  });
});

describe('retryAfterSeconds', () => {
  it('clamps a date in the past to 0 and ignores what is neither form', () => {
    expect(retryAfterSeconds(new Date(NOW - 5_000).toUTCString(), NOW)).toBe(0);
    expect(retryAfterSeconds('soon', NOW)).toBeUndefined();
    // Neither delay-seconds nor an HTTP-date: no Retry-After, rather than a date in 2001 and no wait at all.
    for (const malformed of ['1.5', '-3', '12 30']) expect(retryAfterSeconds(malformed, NOW), malformed).toBeUndefined();
    expect(retryAfterSeconds(undefined, NOW)).toBeUndefined();
  });
});

describe('errorFromTransport', () => {
  it('a request that never connected did not happen: NETWORK or TIMEOUT, retryable', () => {
    expect(errorFromTransport({ phase: 'connect', kind: 'network', message: 'ECONNREFUSED' }, false)).toMatchObject({ code: 'NETWORK', retryable: true });
    expect(errorFromTransport({ phase: 'connect', kind: 'timeout', message: 'slow' }, false)).toMatchObject({ code: 'TIMEOUT', retryable: true });
  });

  it('a write cut off while its body was leaving may still have been carried out: unknown outcome', () => {
    // Node can report the reset before it reports the request finished, so "not fully written" proves nothing.
    expect(errorFromTransport({ phase: 'send', kind: 'network', message: 'ECONNRESET' }, false).code).toBe('UNKNOWN_OUTCOME');
    expect(errorFromTransport({ phase: 'send', kind: 'timeout', message: 'slow' }, false).code).toBe('UNKNOWN_OUTCOME');
    expect(errorFromTransport({ phase: 'send', kind: 'network', message: 'ECONNRESET' }, true)).toMatchObject({ code: 'NETWORK', retryable: true });
  });

  it('a write we stopped ourselves before its body was whole did not happen', () => {
    const failure = { phase: 'send', kind: 'network', message: 'reading the upload failed', bodyIncomplete: true } as const;
    expect(errorFromTransport(failure, false)).toMatchObject({ code: 'NETWORK', retryable: true });
  });

  it('a write cut off after it was sent has an unknown outcome; a read is simply retried', () => {
    expect(errorFromTransport({ phase: 'response', kind: 'network', message: 'reset' }, false).code).toBe('UNKNOWN_OUTCOME');
    expect(errorFromTransport({ phase: 'response', kind: 'timeout', message: 'slow' }, false).code).toBe('UNKNOWN_OUTCOME');
    expect(errorFromTransport({ phase: 'response', kind: 'timeout', message: 'slow' }, true).code).toBe('TIMEOUT');
  });

  it('a cancelled write that may have left is still an unknown outcome', () => {
    expect(errorFromTransport({ phase: 'response', kind: 'cancelled', message: 'x' }, false).code).toBe('UNKNOWN_OUTCOME');
    expect(errorFromTransport({ phase: 'connect', kind: 'cancelled', message: 'x' }, false).code).toBe('CANCELLED');
  });
});
