/**
 * Browser mode's credentials. A launch token is what the launch link carries: it works once and only for a minute,
 * so a link seen in a process list, a history entry or a redirect file left behind is useless. Redeeming it mints a
 * session credential of its own, which only ever travels in an HttpOnly cookie scoped to this launch's random host name.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const LAUNCH_TOKEN_LIFETIME_MS = 60_000;

export function randomCredential(): string {
  return randomBytes(32).toString('base64url');
}

/** Host names are case-insensitive, so the label is lowercase hex: 128 random bits a page cannot guess. */
export function randomHostLabel(): string {
  return randomBytes(16).toString('hex');
}

export function credentialMatches(candidate: string | undefined, expected: string): boolean {
  if (candidate === undefined) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface LaunchTokens {
  /** A fresh token, good for one use within the lifetime. */
  issue(): string;
  /** True once per issued, unexpired token; the token is forgotten either way. */
  redeem(candidate: string): boolean;
}

export interface LaunchTokenOptions {
  lifetimeMs?: number;
  now?: () => number;
  /**
   * End-to-end tests only: a token that may be redeemed again and again, because Playwright opens a fresh browser
   * context per test from one URL fixed before the host starts. Each redemption still mints its own session.
   */
  reusable?: string;
}

export function createLaunchTokens(options: LaunchTokenOptions = {}): LaunchTokens {
  const lifetimeMs = options.lifetimeMs ?? LAUNCH_TOKEN_LIFETIME_MS;
  const now = options.now ?? Date.now;
  const expiries = new Map<string, number>();

  function forgetExpired(): void {
    const time = now();
    for (const [token, expiry] of expiries) if (expiry <= time) expiries.delete(token);
  }

  return {
    issue() {
      forgetExpired();
      const token = randomCredential();
      expiries.set(token, now() + lifetimeMs);
      return token;
    },
    redeem(candidate) {
      if (options.reusable !== undefined && credentialMatches(candidate, options.reusable)) return true;
      forgetExpired();
      for (const token of expiries.keys()) {
        if (credentialMatches(candidate, token)) {
          expiries.delete(token);
          return true;
        }
      }
      return false;
    },
  };
}
