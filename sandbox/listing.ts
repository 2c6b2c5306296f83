/**
 * Query parameters shared by the list operations: offset and limit (defaults 0 and 50, e.g. lines 1772-1773),
 * sort and order (channels take asc/desc, line 97; every other list 1/-1, e.g. line 1775), and the
 * `{<items>, total, offset, limit}` answer.
 */
import { z } from 'zod';
import { ApiError } from './api-error';

export type Query = Record<string, string | string[]>;
export const QuerySchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

export const DEFAULT_LIMIT = 50;
/** The reference sets no maximum; we cap a page so one request cannot ask for a whole 100k table. */
export const MAX_LIMIT = 1000;

export interface Paging {
  offset: number;
  limit: number;
}

/** A single-valued parameter (the last one when repeated); empty strings count as absent. */
export function textParam(query: Query, name: string): string | undefined {
  const value = query[name];
  const text = Array.isArray(value) ? value[value.length - 1] : value;
  return text === undefined || text === '' ? undefined : text;
}

function integerParam(query: Query, name: string, fallback: number, minimum: number): number {
  const text = textParam(query, name);
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < minimum) {
    throw new ApiError(400, `Invalid ${name}`, `${name} must be an integer of at least ${minimum}, got "${text}"`);
  }
  return Number(text);
}

export function parsePaging(query: Query): Paging {
  return {
    offset: integerParam(query, 'offset', 0, 0),
    limit: Math.min(integerParam(query, 'limit', DEFAULT_LIMIT, 1), MAX_LIMIT),
  };
}

/** 1 ascending, -1 descending. `form` is how this list spells it. */
export function parseOrder(query: Query, form: 'numeric' | 'words', fallback: 1 | -1): 1 | -1 {
  const text = textParam(query, 'order');
  if (text === undefined) return fallback;
  const accepted: Record<string, 1 | -1> = form === 'words' ? { asc: 1, desc: -1 } : { '1': 1, '-1': -1 };
  const direction = accepted[text];
  if (direction === undefined) {
    const spelling = form === 'words' ? '"asc" or "desc"' : '1 or -1';
    throw new ApiError(400, 'Invalid order', `order must be ${spelling}, got "${text}"`);
  }
  return direction;
}

export function parseSort<T extends string>(query: Query, allowed: readonly T[], fallback: T): T {
  const text = textParam(query, 'sort');
  if (text === undefined) return fallback;
  const field = allowed.find((candidate) => candidate === text);
  if (field === undefined) {
    throw new ApiError(400, 'Invalid sort', `sort must be one of ${allowed.join(', ')}, got "${text}"`);
  }
  return field;
}

export function parseEnumParam<T extends string>(query: Query, name: string, allowed: readonly T[]): T | undefined {
  const text = textParam(query, name);
  if (text === undefined) return undefined;
  const value = allowed.find((candidate) => candidate === text);
  if (value === undefined) {
    throw new ApiError(400, `Invalid ${name}`, `${name} must be one of ${allowed.join(', ')}, got "${text}"`);
  }
  return value;
}

/** Sort a small collection by a field (stable, missing values first), then cut the page. */
export function sortAndPage<T>(
  items: readonly T[],
  keyOf: (item: T) => string | number | undefined,
  direction: 1 | -1,
  paging: Paging,
): { items: T[]; total: number } {
  const sorted = items
    .map((item, position) => ({ item, key: keyOf(item) ?? '', position }))
    .sort((a, b) => (a.key < b.key ? -direction : a.key > b.key ? direction : a.position - b.position))
    .map((entry) => entry.item);
  return { items: sorted.slice(paging.offset, paging.offset + paging.limit), total: sorted.length };
}

export function listBody<K extends string, T>(key: K, items: T[], total: number, paging: Paging) {
  return { [key]: items, total, offset: paging.offset, limit: paging.limit } as Record<K, T[]> & Paging & { total: number };
}

/** Case-insensitive substring match used by every `search` parameter. */
export function matchesSearch(search: string | undefined, ...fields: (string | undefined | null)[]): boolean {
  if (search === undefined) return true;
  const needle = search.toLowerCase();
  return fields.some((field) => field !== undefined && field !== null && field.toLowerCase().includes(needle));
}
