/**
 * Request validation: zod schemas turn bodies and ids into typed values or a 400 in the documented error shape,
 * and entity lookups answer "not found", "not yours" and "deleted" with the statuses each operation documents.
 */
import type { z } from 'zod';
import { describeIssues } from '../common/parse';
import { ApiError } from './api-error';
import type { EntityKind } from './model';
import type { Operation } from './operations';
import type { Enterprise, Store } from './store';

export function parseInput<T extends z.ZodType>(schema: T, value: unknown, what = 'body'): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError(400, `Invalid ${what}`, describeIssues(parsed.error));
  return parsed.data;
}

/** Any 8-4-4-4-12 hex id: the reference's own example ids are not all RFC 4122 (e.g. line 584). */
const idShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isId(value: string): boolean {
  return idShape.test(value);
}

export function requireId(value: string | undefined, name: string): string {
  if (value === undefined || !isId(value)) throw new ApiError(400, `Invalid ${name}`, `${name} must be a UUID, got "${value ?? ''}"`);
  return value;
}

/** The first of `preferred` the operation documents, else 400 ("One or more given parameters are invalid"). */
function documentedStatus(op: Operation, preferred: number[]): number {
  return preferred.find((status) => op.errors.includes(status)) ?? 400;
}

export function notFound(op: Operation, what: string, id: string): ApiError {
  return new ApiError(documentedStatus(op, [404]), `${what} not found`, `No ${what.toLowerCase()} with id ${id}`);
}

export function notYours(op: Operation, what: string, id: string): ApiError {
  return new ApiError(
    documentedStatus(op, [403, 404]),
    `${what} belongs to another enterprise`,
    `${what} ${id} is not available to this account`,
  );
}

export function gone(op: Operation, what: string, id: string): ApiError {
  return new ApiError(documentedStatus(op, [410, 404]), `${what} was removed`, `${what} ${id} was deleted`);
}

/**
 * `live` is the entity when this enterprise has it; otherwise the registry of every id ever issued says why not.
 */
export function owned<T>(
  context: { op: Operation; store: Store; enterprise: Enterprise },
  kind: EntityKind,
  id: string,
  live: T | undefined,
  what: string,
): T {
  if (live !== undefined) return live;
  const entry = context.store.registry.get(id);
  if (entry === undefined || entry.kind !== kind) throw notFound(context.op, what, id);
  if (entry.enterpriseId !== context.enterprise.id) throw notYours(context.op, what, id);
  if (entry.deleted) throw gone(context.op, what, id);
  throw notFound(context.op, what, id);
}
