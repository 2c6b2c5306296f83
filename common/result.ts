/**
 * Errors are values: every fallible call across a boundary returns a Result whose error carries a code the UI
 * switches on, a message for humans, and whether trying again may help.
 */
import { z } from 'zod';

export const errorCodes = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'GONE',
  'CONFLICT',
  'VALIDATION',
  'OPTED_OUT',
  'RATE_LIMITED',
  'UPSTREAM',
  'SERVER',
  'NETWORK',
  'TIMEOUT',
  'BAD_RESPONSE',
  'UNKNOWN_OUTCOME',
  /** The caller withdrew the request (sign-out, shutdown) before it finished. */
  'CANCELLED',
  'BAD_INPUT',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_CALLER',
  'KEYCHAIN_UNAVAILABLE',
  'STORAGE',
  'INTERNAL',
] as const;

export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const InboxError = z.object({
  code: ErrorCode,
  message: z.string(),
  retryable: z.boolean(),
  field: z.string().optional(),
  /** Seconds to wait before trying again, when the server said so (429 Retry-After). */
  retryAfterSeconds: z.number().nonnegative().optional(),
});
export type InboxError = z.infer<typeof InboxError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: InboxError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(
  code: ErrorCode,
  message: string,
  extra: { retryable?: boolean; field?: string; retryAfterSeconds?: number } = {},
): { ok: false; error: InboxError } {
  const error: InboxError = { code, message, retryable: extra.retryable ?? false };
  if (extra.field !== undefined) error.field = extra.field;
  if (extra.retryAfterSeconds !== undefined) error.retryAfterSeconds = extra.retryAfterSeconds;
  return { ok: false, error };
}

/** The schema of a Result carrying `value`, for checking what crosses a boundary. */
export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: InboxError }),
  ]);
}
