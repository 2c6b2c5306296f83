/**
 * What the media pipeline knows about files: where each came from, and where it sits on disk and when it was last
 * shown, so the on-disk cache can stay under its size cap by dropping the least recently used first.
 */
import { z } from 'zod';
import { ok, type Result } from '../../common/result';
import { MediaRow, parseRow, parseRows, type CachedMedia } from './rows';
import type { Sql } from './sql';

const mediaColumns = 'id, url, mime, size, local_path, last_used_at';

export function rememberMedia(sql: Sql, media: CachedMedia): Result<void> {
  sql
    .statement(
      `INSERT INTO media (id, url, mime, size, local_path, last_used_at) VALUES (@id, @url, @mime, @size, @localPath, @lastUsedAt)
       ON CONFLICT (id) DO UPDATE SET url = excluded.url, mime = excluded.mime, size = excluded.size,
         local_path = excluded.local_path, last_used_at = excluded.last_used_at`,
    )
    .run(media);
  return ok(undefined);
}

/** The file's record, marked as used now (a read is a use: it keeps the file from eviction). */
export function useMedia(sql: Sql, id: string, now: number): Result<CachedMedia | null> {
  sql.statement('UPDATE media SET last_used_at = ? WHERE id = ?').run(now, id);
  return parseRow(MediaRow, sql.statement(`SELECT ${mediaColumns} FROM media WHERE id = ?`).get(id), 'media');
}

/** Files on disk, least recently used first: the eviction order. */
export function mediaOnDiskByLastUse(sql: Sql, limit: number): Result<CachedMedia[]> {
  return parseRows(
    MediaRow,
    sql.statement(`SELECT ${mediaColumns} FROM media WHERE local_path IS NOT NULL ORDER BY last_used_at LIMIT ?`).all(limit),
    'media',
  );
}

const Total = z.object({ bytes: z.number().int().nonnegative() });

export function mediaOnDiskBytes(sql: Sql): Result<number> {
  const row = parseRow(Total, sql.statement('SELECT coalesce(sum(size), 0) AS bytes FROM media WHERE local_path IS NOT NULL').get(), 'media');
  return row.ok ? ok(row.value?.bytes ?? 0) : row;
}

export function forgetMedia(sql: Sql, id: string): Result<void> {
  sql.statement('DELETE FROM media WHERE id = ?').run(id);
  return ok(undefined);
}
