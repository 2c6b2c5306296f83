/**
 * Opening the cache's SQLite file and telling storage trouble apart. A file that is not a database, or is damaged,
 * holds nothing the server cannot give back (unsent messages and drafts live in a file of their own, durable.ts):
 * it is moved aside and a fresh one is built. A full disk, a read-only
 * folder or a file that cannot be opened is the user's to fix: it is reported and the file is left untouched.
 *
 * Damage is found when SQLite trips over it (here at open, or in any later statement; see Cache), not by a check
 * at every start: `PRAGMA quick_check` took 1.3 s on a 160 MB cache (100k customers, 300k messages) here.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { AppNotice } from '../../common/contract/app';
import { fail, type InboxError, type Result } from '../../common/result';
import { latestSchemaVersion, migrate, schemaVersion } from './migrations';

export type SqliteDatabase = Database.Database;

/** How the file is opened; tests pass one that simulates a full disk or a write-protected file. */
export type Connect = (file: string) => SqliteDatabase;

export const connectToFile: Connect = (file) => new Database(file);

export const inMemory = ':memory:';

interface OpenDatabaseOptions {
  file: string;
  now: () => number;
  connect: Connect;
}

function sqliteCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string') return undefined;
  return error.code;
}

/** SQLITE_CORRUPT and its extended codes (…_VTAB, …_INDEX, …_SEQUENCE), and "file is not a database". */
export function isCorruption(error: unknown): boolean {
  const code = sqliteCode(error);
  return code !== undefined && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/** The Result error for a failure of the disk or the file, or undefined when `error` is something else (a bug). */
export function storageError(error: unknown, file: string): InboxError | undefined {
  const code = sqliteCode(error) ?? '';
  const where = file === inMemory ? 'the in-memory cache' : file;
  const storage = (message: string, retryable: boolean) => fail('STORAGE', message, { retryable }).error;
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC') {
    return storage(`The disk is full, so the inbox cannot save to ${where}. Free some space; what is already saved is kept.`, true);
  }
  if (code.startsWith('SQLITE_READONLY') || ['EROFS', 'EACCES', 'EPERM'].includes(code) || code.startsWith('SQLITE_PERM')) {
    return storage(`The inbox cannot write to ${where}: the file or its folder is read-only. What is already saved is kept.`, false);
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOTDIR' || code === 'ENOENT') {
    return storage(`The inbox cannot open ${where}: check that its folder exists and is writable.`, false);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return storage(`${where} is busy in another process; try again in a moment.`, true);
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return storage(`Reading or writing ${where} failed (${code}). What is already saved is kept.`, true);
  }
  if (isCorruption(error)) return storage(`${where} is damaged (${code}).`, true);
  return undefined;
}

function configure(db: SqliteDatabase): void {
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives an app crash; a power cut may roll back the last commits, which the outbox handles
  // like a crash (a send found "sending" at start is reconciled against the server before any retry).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // 64 MB of page cache (SQLite's default is 2 MB): ids are random UUIDs, so every insert lands on a random index
  // page; with the default, ingesting 300k messages took 51 s here, with this 39 s (bench/cache.ts's data).
  db.pragma('cache_size = -65536');
  // Fold the WAL back into the file every ~40 MB instead of every 4 MB: each checkpoint syncs the disk, and a sync
  // batch of a thousand messages writes a few MB. Measured on 300k messages: 23 s instead of 30 s.
  db.pragma('wal_autocheckpoint = 10000');
}

class NewerSchemaError extends Error {}

/** Owner-only, like all of an account's data. */
const privateFileMode = 0o600;

/**
 * Creates the file owner-only if it is missing (SQLite would create it with the umask's wider mode), and narrows a
 * file an earlier release left wider. Its folder, when created here, is owner-only too.
 */
export function ensurePrivateFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.closeSync(fs.openSync(file, 'wx', privateFileMode));
    return;
  } catch (error) {
    if (!(error instanceof Error) || !('code' in error) || error.code !== 'EEXIST') throw error;
  }
  // Not a regular file (a folder in its place): SQLite reports it; a read-only one is still read, so its mode stays.
  if (!fs.statSync(file).isFile()) return;
  try {
    fs.chmodSync(file, privateFileMode);
  } catch {
    // A file the app may not change (another owner, a read-only disk) is still opened; writing it reports why.
  }
}

function openAndMigrate(file: string, connect: Connect): SqliteDatabase {
  if (file !== inMemory) ensurePrivateFile(file);
  const db = connect(file);
  try {
    // Checked before anything is set: a newer app's file is left exactly as it was.
    const version = schemaVersion(db);
    if (version > latestSchemaVersion) {
      throw new NewerSchemaError(
        `${file} was written by a newer version of the app (schema ${version}, this one knows ${latestSchemaVersion}).`,
      );
    }
    configure(db);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function timestampForFileName(time: number): string {
  return new Date(time).toISOString().replace(/[:.]/g, '-');
}

/** Moves a damaged file and its WAL aside (kept for a bug report) so a fresh database can take its place. */
export function moveAside(file: string, now: number): string {
  const aside = `${file}.corrupt-${timestampForFileName(now)}`;
  fs.renameSync(file, aside);
  // A stale WAL would be replayed into the fresh database; the shared-memory index is rebuilt from nothing.
  if (fs.existsSync(`${file}-wal`)) fs.renameSync(`${file}-wal`, `${aside}-wal`);
  fs.rmSync(`${file}-shm`, { force: true });
  return aside;
}

/** `kept` says what the rebuild did not touch: "3 unsent messages and 2 drafts". */
export function rebuiltNotice(aside: string, kept: string): AppNotice {
  return {
    level: 'warning',
    message:
      `The local inbox data was damaged and has been rebuilt; it refills from the server. ${kept} were kept. ` +
      `The old file is kept as ${aside}.`,
  };
}

export interface OpenedDatabase {
  db: SqliteDatabase;
  /** Where the damaged file found at open was moved, when it was. */
  rebuiltFrom?: string;
}

/** Opens and migrates the cache file; a damaged one is moved aside for a fresh one, which the caller announces. */
export function openDatabase(options: OpenDatabaseOptions): Result<OpenedDatabase> {
  const { file, connect } = options;
  try {
    return { ok: true, value: { db: openAndMigrate(file, connect) } };
  } catch (error) {
    if (error instanceof NewerSchemaError) return fail('STORAGE', error.message);
    if (!isCorruption(error) || file === inMemory) return storageFailure(error, file);
    try {
      const aside = moveAside(file, options.now());
      return { ok: true, value: { db: openAndMigrate(file, connect), rebuiltFrom: aside } };
    } catch (retryError) {
      return storageFailure(retryError, file);
    }
  }
}

export function storageFailure(error: unknown, file: string): { ok: false; error: InboxError } {
  const known = storageError(error, file);
  if (known) return { ok: false, error: known };
  const detail = error instanceof Error ? error.message : String(error);
  return fail('STORAGE', `The inbox cannot open ${file}: ${detail}`);
}
