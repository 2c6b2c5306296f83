/** Which failures are tried again, and how long the client waits in between. */
import { describe, expect, it } from 'vitest';
import { fail, ok, type ErrorCode } from '../../../common/result';
import { defaultRetryPolicy, retryDelayMs, withRetries } from '../../../main/api/retry';
import { fakeClock } from './fake-server';

const error = (code: ErrorCode, retryAfterSeconds?: number) =>
  fail(code, code, { retryable: true, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) }).error;
const policy = defaultRetryPolicy;

describe('retryDelayMs', () => {
  it('retries reads after network errors, timeouts, 5xx and 429', () => {
    for (const code of ['NETWORK', 'TIMEOUT', 'SERVER', 'UPSTREAM', 'RATE_LIMITED'] as const) {
      expect(retryDelayMs('GET', error(code), 0, policy, () => 0.5), code).not.toBeNull();
    }
  });

  it('never retries a write except after a 429', () => {
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE'] as const) {
      for (const code of ['NETWORK', 'TIMEOUT', 'SERVER', 'UPSTREAM', 'UNKNOWN_OUTCOME'] as const) {
        expect(retryDelayMs(method, error(code), 0, policy, () => 0.5), `${method} ${code}`).toBeNull();
      }
      expect(retryDelayMs(method, error('RATE_LIMITED'), 0, policy, () => 0.5)).not.toBeNull();
    }
  });

  it('does not retry what trying again cannot fix', () => {
    for (const code of ['VALIDATION', 'NOT_FOUND', 'FORBIDDEN', 'BAD_RESPONSE', 'UNAUTHENTICATED', 'CANCELLED'] as const) {
      expect(retryDelayMs('GET', error(code), 0, policy, () => 0.5), code).toBeNull();
    }
  });

  it('draws the wait uniformly below a ceiling that doubles up to the maximum (full jitter)', () => {
    expect(retryDelayMs('GET', error('SERVER'), 0, policy, () => 0.999)).toBe(299);
    expect(retryDelayMs('GET', error('SERVER'), 2, policy, () => 0.5)).toBe(600);
    const huge = { ...policy, maxAttempts: 20 };
    expect(retryDelayMs('GET', error('SERVER'), 15, huge, () => 0.999)).toBe(7992);
    expect(retryDelayMs('GET', error('SERVER'), 1, policy, () => 0)).toBe(0);
  });

  it('waits exactly what Retry-After says, unless that is longer than the policy waits', () => {
    expect(retryDelayMs('GET', error('RATE_LIMITED', 5), 0, policy, () => 0.5)).toBe(5000);
    expect(retryDelayMs('GET', error('RATE_LIMITED', 31), 0, policy, () => 0.5)).toBeNull();
  });

  it('stops after the last attempt', () => {
    expect(retryDelayMs('GET', error('SERVER'), policy.maxAttempts - 1, policy, () => 0.5)).toBeNull();
  });
});

describe('withRetries', () => {
  it('stops waiting when the caller cancels', async () => {
    const controller = new AbortController();
    const clock = { ...fakeClock(), sleep: async () => false };
    let attempts = 0;
    const result = await withRetries('GET', async () => {
      attempts += 1;
      controller.abort();
      return fail('SERVER', 'down', { retryable: true });
    }, { policy, clock, signal: controller.signal });
    expect(result.ok).toBe(false);
    expect(attempts).toBe(1);
  });

  it('returns the first success', async () => {
    const clock = fakeClock();
    let attempts = 0;
    const result = await withRetries('GET', async () => (++attempts < 3 ? fail('TIMEOUT', 'slow', { retryable: true }) : ok('done')), { policy, clock });
    expect(result).toEqual({ ok: true, value: 'done' });
    expect(clock.sleeps).toHaveLength(2);
  });
});
