/**
 * When to try a request again. Reads (GET) are retried on network errors, timeouts, 5xx and 429 with exponential
 * backoff and full jitter, or after the server's Retry-After. Writes are never retried blindly: only a 429, which
 * says the request was not processed, is tried again. (The one retry after a re-login lives in the client.)
 */
import type { InboxError, Result } from '../../common/result';
import type { HttpMethod } from './operations';

/** Time and chance, injected so tests run instantly and the same every time. */
export interface Clock {
  now(): number;
  random(): number;
  /** Resolves after `ms`, or early (false) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<boolean>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  random: () => Math.random(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve(false);
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** The backoff ceiling before the first retry; it doubles each time up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A longer Retry-After is not waited out here: the error goes back to the caller (sync backs off itself). */
  maxRetryAfterSeconds: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 300,
  maxDelayMs: 8_000,
  maxRetryAfterSeconds: 30,
};

/** Only reads are safe to repeat: PUT and DELETE are idempotent in HTTP, but a lost answer still hides what happened. */
export function isIdempotent(method: HttpMethod): boolean {
  return method === 'GET';
}

const retriedForReads = new Set(['NETWORK', 'TIMEOUT', 'SERVER', 'UPSTREAM', 'RATE_LIMITED']);

/** How long to wait before attempt number `attempt + 1` (0-based `attempt` just failed), or null for no retry. */
export function retryDelayMs(
  method: HttpMethod,
  error: InboxError,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
): number | null {
  if (attempt + 1 >= policy.maxAttempts) return null;
  const retryable = error.code === 'RATE_LIMITED' || (isIdempotent(method) && retriedForReads.has(error.code));
  if (!retryable) return null;
  if (error.retryAfterSeconds !== undefined) {
    return error.retryAfterSeconds <= policy.maxRetryAfterSeconds ? error.retryAfterSeconds * 1000 : null;
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/** Runs `attempt` until it succeeds, fails in a way not worth repeating, or the policy's attempts are spent. */
export async function withRetries<T>(
  method: HttpMethod,
  attempt: () => Promise<Result<T>>,
  options: { policy: RetryPolicy; clock: Clock; signal?: AbortSignal },
): Promise<Result<T>> {
  for (let index = 0; ; index += 1) {
    const result = await attempt();
    if (result.ok) return result;
    const delay = retryDelayMs(method, result.error, index, options.policy, options.clock.random);
    if (delay === null) return result;
    const waited = await options.clock.sleep(delay, options.signal);
    if (!waited) return result;
  }
}
