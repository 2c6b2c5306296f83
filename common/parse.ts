/**
 * The one way untrusted data becomes typed data: IPC input, API responses, cache rows and files all arrive as
 * `unknown` and pass through here, which reports every failing path instead of the first.
 */
import type { z } from 'zod';
import { fail, ok, type ErrorCode, type Result } from './result';

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

export function parseUnknown<T extends z.ZodType>(
  schema: T,
  value: unknown,
  options: { code?: ErrorCode; what?: string } = {},
): Result<z.infer<T>> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  const firstPath = parsed.error.issues[0]?.path.join('.');
  const what = options.what ?? 'input';
  return fail(options.code ?? 'BAD_INPUT', `Invalid ${what}: ${describeIssues(parsed.error)}`, {
    ...(firstPath ? { field: firstPath } : {}),
  });
}
