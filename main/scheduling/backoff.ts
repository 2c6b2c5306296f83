/**
 * How long to wait after failures, shared by the sync engine and the outbox: exponential backoff with jitter, so
 * many clients that failed together do not return together, and never sooner than the server's Retry-After.
 */

export interface Backoff {
  /** The wait after the first failure (before jitter); it doubles with each further failure. */
  baseMs: number;
  maxMs: number;
}

/** Up to this share of a Retry-After is added at random, so clients told the same time spread out. */
const RETRY_AFTER_SPREAD = 0.1;

/**
 * The wait after `failures` consecutive failures (1 for the first): between half and all of the doubled delay
 * ("equal jitter": spread out, yet never close to zero), and at least the server's Retry-After when it sent one.
 */
export function backoffDelay(failures: number, backoff: Backoff, random: () => number, retryAfterSeconds?: number): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, failures - 1));
  const jittered = ceiling / 2 + (random() * ceiling) / 2;
  if (retryAfterSeconds === undefined) return Math.round(jittered);
  const retryAfterMs = retryAfterSeconds * 1000;
  return Math.round(Math.max(jittered, retryAfterMs * (1 + random() * RETRY_AFTER_SPREAD)));
}

/** `ms` moved at random by up to `fraction` either way. */
export function jittered(ms: number, fraction: number, random: () => number): number {
  return Math.round(ms * (1 - fraction + 2 * fraction * random()));
}
