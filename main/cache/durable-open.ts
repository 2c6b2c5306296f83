/**
 * Opening the cache together with its outbox file (durable.ts), and recovering when SQLite reports damage while the
 * app runs: only the damaged file is replaced. A damaged cache is rebuilt empty and the outbox file is untouched; a
 * damaged outbox file is replaced by one holding every row that could be read. Either way the agent is told what
 * was kept, and unsent messages get their pending message back in the thread once the cache knows their customer.
 */
import type { AppNotice } from '../../common/contract/app';
import { fail, ok, type Result } from '../../common/result';
import { inMemory, isCorruption, moveAside, openDatabase, rebuiltNotice, storageFailure, type Connect, type SqliteDatabase } from './database';
import {
  adoptLegacyRows,
  attachOutbox,
  keepLegacyRows,
  keptCounts,
  keptWords,
  NewerOutboxFileError,
  outboxIntact,
  prepareOutboxFile,
  readableRows,
  readoptLostSends,
  replaceDamagedOutboxFile,
  restorePendingMessages,
  salvageNotice,
  type Salvage,
} from './durable';
import { Sql } from './sql';

export interface CacheFiles {
  /** The cache's file, or ':memory:'. */
  file: string;
  /** The outbox and drafts' file (ignored for an in-memory cache, whose outbox is in memory too). */
  outboxFile: string;
  now: () => number;
  onNotice: (notice: AppNotice) => void;
  connect: Connect;
}

/** What happened before this open, for its notices: the cache was moved aside, or the outbox file salvaged. */
interface Recovered {
  rebuiltFrom?: string;
  salvage?: Salvage;
  /** Files replaced so far in this open: both may be damaged, but no more than both are replaced. */
  replaced?: number;
}

/** Opens the cache file with the outbox file attached; a damaged file found on the way is replaced and announced. */
export function openCacheDatabase(files: CacheFiles, recovered: Recovered = {}): Result<SqliteDatabase> {
  const memory = files.file === inMemory;
  let salvage = recovered.salvage;
  if (!memory) {
    try {
      salvage ??= prepareOutboxFile(files.outboxFile, files.now);
    } catch (error) {
      return outboxFailure(error, files.outboxFile);
    }
  }
  const opened = openDatabase(files);
  if (!opened.ok) return opened;
  const { db } = opened.value;
  const rebuiltFrom = opened.value.rebuiltFrom ?? recovered.rebuiltFrom;
  try {
    attachOutbox(db, memory ? inMemory : files.outboxFile);
    adoptLegacyRows(db);
    // A cache found damaged may be one from before the outbox had its file: what it held of sends and drafts.
    if (opened.value.rebuiltFrom !== undefined) keepLegacyRows(db, readableRows(opened.value.rebuiltFrom));
    const sql = new Sql(db);
    // Only after a salvage: a pending message without its send otherwise is one a crash cut off from a discard.
    const readopted = salvage ? readoptLostSends(sql, files.now()) : 0;
    restorePendingMessages(sql);
    if (salvage) files.onNotice(salvageNotice(files.outboxFile, salvage, readopted));
    if (rebuiltFrom !== undefined) files.onNotice(rebuiltNotice(rebuiltFrom, keptWords(keptCounts(sql))));
    return ok(db);
  } catch (error) {
    // Damage met by the first reads (restoring pending messages reads the cache's messages): replace that file.
    if (isCorruption(error) && !memory && (recovered.replaced ?? 0) < 2) {
      const again = recoverFromDamage(db, files, recovered.replaced ?? 0);
      return again.ok ? ok(again.value.db) : again;
    }
    db.close();
    return outboxFailure(error, files.outboxFile);
  }
}

function outboxFailure(error: unknown, file: string): Result<never> {
  if (error instanceof NewerOutboxFileError) return fail('STORAGE', error.message);
  return storageFailure(error, file);
}

/**
 * After SQLite reported damage on `db` while running: finds which file has it, replaces that one, and opens both
 * again. Answers the fresh connection, or why there is none.
 */
export function recoverFromDamage(
  db: SqliteDatabase,
  files: CacheFiles,
  replacedBefore = 0,
): Result<{ db: SqliteDatabase; outboxDamaged: boolean }> {
  const outboxDamaged = !outboxIntact(db);
  db.close();
  try {
    const replaced = replacedBefore + 1;
    const recovered: Recovered = outboxDamaged
      ? { salvage: replaceDamagedOutboxFile(files.outboxFile, files.now()), replaced }
      : { rebuiltFrom: moveAside(files.file, files.now()), replaced };
    const fresh = openCacheDatabase(files, recovered);
    return fresh.ok ? ok({ db: fresh.value, outboxDamaged }) : fresh;
  } catch (error) {
    return storageFailure(error, outboxDamaged ? files.outboxFile : files.file);
  }
}
