/**
 * Every call into the keychain or safeStorage goes through here, so a backend that hangs (a keyring waiting for a
 * prompt nobody can see, a D-Bus service that never answers) becomes an error value after a bounded wait.
 */
import { fail, ok, type ErrorCode, type Result } from '../../common/result';

export async function within<T>(
  timeoutMs: number,
  what: string,
  code: ErrorCode,
  run: () => Promise<T>,
): Promise<Result<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Result<T>>((resolve) => {
    timer = setTimeout(
      () => resolve(fail(code, `${what} did not answer within ${timeoutMs} ms`, { retryable: true })),
      timeoutMs,
    );
    timer.unref();
  });
  // Promise.resolve().then(run) turns a synchronous throw into a rejection like any other.
  const settled = Promise.resolve()
    .then(run)
    .then(
      (value) => ok(value),
      (error: unknown) => fail(code, `${what} failed: ${describeError(error)}`, { retryable: true }),
    );
  try {
    return await Promise.race([settled, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
