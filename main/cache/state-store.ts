/**
 * Small keyed state: the sync engine's cursors (and so how fresh the cache is) and the agent's unsent drafts (in the
 * outbox's own file, `durable.drafts`, which a rebuilt cache does not touch; see durable.ts).
 */
import { z } from 'zod';
import { Timestamp, type Draft, type Freshness } from '../../common/domain';
import { ok, type Result } from '../../common/result';
import { DraftRow, parseRow, parseRows } from './rows';
import type { Sql } from './sql';

/**
 * Cursor keys whose update time is the cache's freshness: the customer list as a whole, and one customer's history.
 * Sync sets them after each successful fetch; the contract reports their time as "last synced at".
 */
export const cursorKeys = {
  customerList: 'customers',
  history: (customerId: string) => `history:${customerId}`,
} as const;

export interface SyncCursor {
  value: string;
  updatedAt: number;
}

const CursorRow = z.object({ value: z.string(), updated_at: Timestamp });

export function getCursor(sql: Sql, key: string): Result<SyncCursor | null> {
  const row = parseRow(CursorRow, sql.statement('SELECT value, updated_at FROM sync_cursors WHERE key = ?').get(key), 'sync cursor');
  if (!row.ok) return row;
  return ok(row.value ? { value: row.value.value, updatedAt: row.value.updated_at } : null);
}

export function setCursor(sql: Sql, key: string, value: string, now: number): Result<void> {
  sql
    .statement(
      `INSERT INTO sync_cursors (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    )
    .run(key, value, now);
  return ok(undefined);
}

export function freshness(sql: Sql, key: string): Result<Freshness> {
  const cursor = getCursor(sql, key);
  return cursor.ok ? ok({ lastSyncedAt: cursor.value?.updatedAt ?? null }) : cursor;
}

export function getDraft(sql: Sql, customerId: string): Result<Draft | null> {
  return parseRow(DraftRow, sql.statement('SELECT customer_id, text, updated_at FROM durable.drafts WHERE customer_id = ?').get(customerId), 'draft');
}

/** Every kept draft, newest first: the list marks these customers' rows. */
export function listDrafts(sql: Sql): Result<Draft[]> {
  return parseRows(DraftRow, sql.statement('SELECT customer_id, text, updated_at FROM durable.drafts ORDER BY updated_at DESC').all(), 'draft');
}

/** Keeps the draft; an empty one is removed, so "no draft" has one representation. */
export function saveDraft(sql: Sql, customerId: string, text: string, now: number): Result<void> {
  if (text === '') sql.statement('DELETE FROM durable.drafts WHERE customer_id = ?').run(customerId);
  else {
    sql
      .statement(
        `INSERT INTO durable.drafts (customer_id, text, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (customer_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
      )
      .run(customerId, text, now);
  }
  return ok(undefined);
}
