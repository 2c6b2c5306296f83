/** What the admin handlers' tests share: a session signed in to a sandbox, an account cache in memory, the log. */
import { inMemory, openCache, type Cache } from '../../../main/cache/cache';
import { Session } from '../../../main/session/session';
import { createMemoryVault } from '../../../main/vault/memory-vault';
import { DEMO_ACCOUNT, type RunningSandbox } from '../../../sandbox/index';

export function memoryCache(now?: () => number): Cache {
  const cache = openCache({ file: inMemory, ...(now ? { now } : {}) });
  if (!cache.ok) throw new Error(cache.error.message);
  return cache.value;
}

/** The sandbox's demo account signed in, without retries, so each request shows once in the log. */
export async function signedInSession(sandbox: RunningSandbox, name: string): Promise<Session> {
  const session = new Session({ vault: createMemoryVault(name), retry: { maxAttempts: 1 }, responseTimeoutMs: 5_000 });
  const signedIn = await session.signIn({ ...DEMO_ACCOUNT, baseUrl: sandbox.baseUrl }, { remember: false });
  if (!signedIn.ok) throw new Error(signedIn.error.message);
  return session;
}

/**
 * The requests the sandbox logged after the first `logLength` entries, sign-ins left out. Marked by position, not
 * time: a request answered in the same millisecond as a `Date.now()` mark used to count as after it.
 */
export function requestsSince(sandbox: RunningSandbox, logLength: number) {
  return sandbox.requestLog().slice(logLength).filter((entry) => entry.path !== '/api/auth');
}

export function value<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
