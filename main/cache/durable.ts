/**
 * The outbox and the drafts: the agent's words the server does not have yet. They live in a SQLite file of their own
 * beside the cache (the account's `outbox.sqlite`), attached to the cache's connection as `durable`, so that a
 * damaged cache, which is moved aside and rebuilt empty because the server can refill it, cannot take unsent
 * messages or drafts with it. Attached rather than opened on a second connection: a thread shows a send's state by
 * joining its pending message to its outbox row, and queueing a send writes both in one transaction.
 *
 * The file has its own schema versions. A damaged outbox file is never dropped in silence: it is moved aside, every
 * row that can still be read is carried into a fresh file, and the agent is told what was kept.
 */
import Database from 'better-sqlite3';
import { z } from 'zod';
import type { AppNotice } from '../../common/contract/app';
import { ok } from '../../common/result';
import { ensurePrivateFile, isCorruption, moveAside, type SqliteDatabase } from './database';
import { insertPendingMessage } from './messages-store';
import { DraftRow, OutboxRow, parseRows } from './rows';
import type { Sql } from './sql';

/** The attached schema's name; every statement on the outbox or drafts names it (`durable.outbox`). */
export const durableSchema = 'durable';

/** The default outbox file for a cache file: beside it, named after it (`cache.sqlite` → `cache.outbox.sqlite`). */
export function outboxFileFor(cacheFile: string): string {
  return cacheFile.replace(/(\.sqlite)?$/, '.outbox.sqlite');
}

/** Schema versions of the outbox file, in order; `PRAGMA user_version` counts those applied. Append, never edit. */
const durableMigrations: ReadonlyArray<(schema: string) => string> = [
  // The cache's migration 3 had these tables, with foreign keys to customers: a foreign key cannot cross files, and
  // a send or draft must outlive its customer's row (gone while a rebuilt cache refills).
  (schema) => `
    -- seq orders sends per customer; a client id is the send's identity from the moment the agent presses Send.
    CREATE TABLE ${schema}.outbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      client_id TEXT NOT NULL UNIQUE,
      customer_id TEXT NOT NULL,
      agent_id TEXT NOT NULL,
      channel_type TEXT NOT NULL,
      payload TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'unknown')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      last_error TEXT,
      message_id TEXT,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX ${schema}.outbox_by_customer ON outbox(customer_id, seq);
    CREATE INDEX ${schema}.outbox_open ON outbox(state, next_attempt_at) WHERE state <> 'sent';
    CREATE TABLE ${schema}.drafts (
      customer_id TEXT PRIMARY KEY,
      text TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );
  `,
];

export const latestDurableVersion = durableMigrations.length;

export class NewerOutboxFileError extends Error {}

function durableVersion(db: SqliteDatabase, schema: string): number {
  const version: unknown = db.pragma(`${schema}.user_version`, { simple: true });
  if (typeof version !== 'number' || !Number.isInteger(version)) throw new Error(`Unreadable user_version: ${String(version)}`);
  return version;
}

/** Refuses, before anything is written, a file a newer app wrote: it is left exactly as it was. */
function refuseNewer(db: SqliteDatabase, schema: string): number {
  const version = durableVersion(db, schema);
  if (version > latestDurableVersion) {
    throw new NewerOutboxFileError(
      `The unsent messages were written by a newer version of the app (outbox schema ${version}, this one knows ${latestDurableVersion}).`,
    );
  }
  return version;
}

/** Brings the outbox schema (`main` on its own connection, `durable` when attached) up to date. */
function migrateDurable(db: SqliteDatabase, schema: string): void {
  const from = refuseNewer(db, schema);
  for (let version = from; version < latestDurableVersion; version += 1) {
    const migration = durableMigrations[version];
    if (!migration) throw new Error(`No outbox migration to version ${version + 1}`);
    db.transaction(() => {
      db.exec(migration(schema));
      db.pragma(`${schema}.user_version = ${version + 1}`);
    })();
  }
}

/** What was read back from a damaged outbox file and carried into the fresh one. */
export interface Salvage {
  aside: string;
  unsent: number;
  drafts: number;
}

/**
 * Readies the outbox file on a connection of its own before it is attached: created owner-only and migrated. A file
 * found damaged on the way (its header, its schema) is replaced by a fresh one holding what could be read; the
 * answer says what was kept. Damage further in is found when SQLite trips over it, as for the cache (durable-open.ts):
 * the outbox keeps every send it made, and `PRAGMA quick_check` of 100k sends (32 MB) took 0.4-0.9 s here.
 */
export function prepareOutboxFile(file: string, now: () => number): Salvage | undefined {
  ensurePrivateFile(file);
  try {
    openOutboxFile(file).close();
    return undefined;
  } catch (error) {
    if (!isCorruption(error)) throw error;
    return replaceDamagedOutboxFile(file, now());
  }
}

function openOutboxFile(file: string): SqliteDatabase {
  const db = new Database(file);
  try {
    refuseNewer(db, 'main');
    db.pragma('journal_mode = WAL');
    migrateDurable(db, 'main');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Moves a damaged outbox file aside, and builds a fresh one from every row that can still be read from it. */
export function replaceDamagedOutboxFile(file: string, now: number): Salvage {
  const aside = moveAside(file, now);
  const rows = readableRows(aside);
  ensurePrivateFile(file);
  const fresh = openOutboxFile(file);
  try {
    const kept = keepRows(fresh, 'main', rows);
    return { aside, ...kept };
  } finally {
    fresh.close();
  }
}

const outboxColumnList = [
  'client_id',
  'customer_id',
  'agent_id',
  'channel_type',
  'payload',
  'state',
  'attempts',
  'next_attempt_at',
  'last_error',
  'message_id',
  'created_at',
] as const;
const outboxColumns = outboxColumnList.join(', ');
const draftColumns = 'customer_id, text, updated_at';

/** Raw rows read back from a damaged file (or the cache's old tables), each one checked before it is kept. */
export interface ReadableRows {
  sends: Record<string, unknown>[];
  drafts: Record<string, unknown>[];
}

const RowObject = z.record(z.string(), z.unknown());

/**
 * Every row of `table` SQLite can still reach: walked from the first row forwards and from the last backwards, so a
 * damaged page in the middle loses only the rows on it. Rows that do not parse (half-written, tampered) are left out.
 */
function readTable(db: SqliteDatabase, source: string, check: z.ZodType): Record<string, unknown>[] {
  const rows = new Map<number, Record<string, unknown>>();
  for (const order of ['ASC', 'DESC']) {
    try {
      for (const row of db.prepare(`${source} ORDER BY rowid ${order}`).iterate()) {
        const parsed = RowObject.safeParse(row);
        if (!parsed.success) continue;
        const rowid = parsed.data['walk_rowid'];
        if (typeof rowid !== 'number' || rows.has(rowid)) break;
        rows.set(rowid, parsed.data);
      }
    } catch {
      // The walk reached a damaged page; the other direction reads what lies beyond it.
    }
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, row]) => row)
    .filter((row) => parseRows(check, [row], 'salvaged').ok);
}

/** What can be read of a damaged file's outbox and drafts tables; nothing (not an error) when none can. */
export function readableRows(file: string): ReadableRows {
  let db: SqliteDatabase | undefined;
  try {
    // Read-write, so that commits still in its WAL are read too; the file is aside, nothing else uses it.
    db = new Database(file, { fileMustExist: true });
    const source = db;
    const attempt = (read: () => Record<string, unknown>[]) => {
      try {
        return read();
      } catch {
        return [];
      }
    };
    return {
      sends: attempt(() => readTable(source, `SELECT rowid AS walk_rowid, ${outboxColumns} FROM outbox`, OutboxRow)),
      drafts: attempt(() => readTable(source, `SELECT rowid AS walk_rowid, ${draftColumns} FROM drafts`, DraftRow)),
    };
  } catch {
    return { sends: [], drafts: [] };
  } finally {
    db?.close();
  }
}

/** Writes read-back rows into `schema`'s tables (a send or draft already there wins), counting what they hold. */
function keepRows(db: SqliteDatabase, schema: string, rows: ReadableRows): { unsent: number; drafts: number } {
  const insertSend = db.prepare(
    `INSERT OR IGNORE INTO ${schema}.outbox (${outboxColumns}) VALUES (${outboxColumnList.map((column) => `@${column}`).join(', ')})`,
  );
  const insertDraft = db.prepare(`INSERT OR IGNORE INTO ${schema}.drafts (${draftColumns}) VALUES (@customer_id, @text, @updated_at)`);
  const pick = (row: Record<string, unknown>, columns: readonly string[]) => Object.fromEntries(columns.map((column) => [column, row[column]]));
  db.transaction(() => {
    for (const send of rows.sends) insertSend.run(pick(send, outboxColumnList));
    for (const draft of rows.drafts) insertDraft.run(pick(draft, ['customer_id', 'text', 'updated_at']));
  })();
  return {
    unsent: rows.sends.filter((send) => send['state'] !== 'sent').length,
    drafts: rows.drafts.length,
  };
}

/** Attaches the prepared outbox file (or, for an in-memory cache, an in-memory one) to the cache's connection. */
export function attachOutbox(db: SqliteDatabase, file: string): void {
  db.prepare(`ATTACH DATABASE ? AS ${durableSchema}`).run(file);
  // Unsent words are worth a sync per commit (the cache's NORMAL can lose the last commits to a power cut); sends
  // and drafts are written a few at a time, so the cost is not felt.
  db.pragma(`${durableSchema}.synchronous = FULL`);
  if (durableVersion(db, durableSchema) < latestDurableVersion) migrateDurable(db, durableSchema);
}

const LegacyCount = z.object({ sends: z.number().int(), drafts: z.number().int() });

/**
 * Moves sends and drafts out of the tables the cache held them in before they had a file of their own, in one
 * transaction, oldest send first (the outbox's order); the old tables are left empty.
 */
export function adoptLegacyRows(db: SqliteDatabase): void {
  const hasLegacy = db
    .prepare("SELECT count(*) AS n FROM main.sqlite_master WHERE type = 'table' AND name IN ('outbox', 'drafts')")
    .pluck()
    .get();
  if (hasLegacy !== 2) return;
  const counts = LegacyCount.parse(
    db.prepare('SELECT (SELECT count(*) FROM main.outbox) AS sends, (SELECT count(*) FROM main.drafts) AS drafts').get(),
  );
  if (counts.sends === 0 && counts.drafts === 0) return;
  db.transaction(() => {
    db.exec(`
      INSERT OR IGNORE INTO ${durableSchema}.outbox (${outboxColumns}) SELECT ${outboxColumns} FROM main.outbox ORDER BY seq;
      INSERT OR IGNORE INTO ${durableSchema}.drafts (${draftColumns}) SELECT ${draftColumns} FROM main.drafts;
      DELETE FROM main.outbox;
      DELETE FROM main.drafts;
    `);
  })();
}

/** Carries sends and drafts read back from a damaged cache file (one from before the outbox had its own file). */
export function keepLegacyRows(db: SqliteDatabase, rows: ReadableRows): void {
  if (rows.sends.length > 0 || rows.drafts.length > 0) keepRows(db, durableSchema, rows);
}

/** Whether the attached outbox file reads clean; asked when SQLite reports damage, to know which file has it. */
export function outboxIntact(db: SqliteDatabase): boolean {
  try {
    return db.pragma(`${durableSchema}.quick_check`, { simple: true }) === 'ok';
  } catch (error) {
    if (isCorruption(error)) return false;
    throw error;
  }
}

const Kept = z.object({ unsent: z.number().int(), drafts: z.number().int() });

/** The unsent messages (any send not yet known to have arrived) and the drafts the outbox file holds. */
export function keptCounts(sql: Sql): { unsent: number; drafts: number } {
  return Kept.parse(
    sql
      .statement(
        `SELECT (SELECT count(*) FROM ${durableSchema}.outbox WHERE state <> 'sent') AS unsent,
                (SELECT count(*) FROM ${durableSchema}.drafts) AS drafts`,
      )
      .get(),
  );
}

/**
 * Gives every unsettled send whose pending message the cache lacks (a rebuilt cache) its pending message again, as
 * soon as the cache knows its customer: the thread then shows it as it did before. Settled sends need none; the
 * server has them and sync brings them back.
 */
export function restorePendingMessages(sql: Sql): number {
  const rows = parseRows(
    OutboxRow,
    sql
      .statement(
        `SELECT ${outboxColumnList.map((column) => `o.${column}`).join(', ')} FROM ${durableSchema}.outbox o
         WHERE o.state <> 'sent'
           AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.client_id = o.client_id)
           AND EXISTS (SELECT 1 FROM customers c WHERE c.id = o.customer_id)
         ORDER BY o.seq`,
      )
      .all(),
    'outbox',
  );
  if (!rows.ok || rows.value.length === 0) return 0;
  let restored = 0;
  sql.transaction(() => {
    for (const send of rows.value) {
      insertPendingMessage(sql, { ...send, sent: send.createdAt });
      restored += 1;
    }
    return ok(undefined);
  });
  return restored;
}

const OrphanSend = z.object({
  client_id: z.string(),
  customer_id: z.string(),
  agent_id: z.string(),
  channel_type: z.string(),
  payload: z.string(),
  sent: z.number(),
});

/**
 * Puts back the sends a damaged outbox file lost while their pending messages are still in the cache. Whether such
 * a send left is not known, so it comes back `unknown`: the outbox looks for it in the customer's history before
 * sending it again. A send whose agent the cache does not know cannot be rebuilt and is left alone. (Each file's
 * commit is atomic, not the pair: a crash between them can leave a send without its pending message, which
 * restorePendingMessages mends, or a discarded send's pending message without the send, which must not come back.)
 */
export function readoptLostSends(sql: Sql, now: number): number {
  const orphans = parseRows(
    OrphanSend,
    sql
      .statement(
        `SELECT m.client_id, c.id AS customer_id, m.agent_id, ch.type AS channel_type, m.payload, m.sent
         FROM messages m JOIN customers c ON c.local_id = m.customer_ref
           JOIN agents a ON a.id = m.agent_id JOIN channels ch ON ch.id = a.channel_id
         WHERE m.client_id IS NOT NULL AND m.message_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM ${durableSchema}.outbox o WHERE o.client_id = m.client_id)
         ORDER BY m.sent, m.local_id`,
      )
      .all(),
    'message',
  );
  if (!orphans.ok || orphans.value.length === 0) return 0;
  const insert = sql.statement(
    `INSERT INTO ${durableSchema}.outbox (client_id, customer_id, agent_id, channel_type, payload, state, attempts, next_attempt_at, created_at)
     VALUES (@client_id, @customer_id, @agent_id, @channel_type, @payload, 'unknown', 1, @now, @sent)`,
  );
  sql.transaction(() => {
    for (const orphan of orphans.value) insert.run({ ...orphan, now });
    return ok(undefined);
  });
  return orphans.value.length;
}

function counted(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "3 unsent messages and 2 drafts": what the agent had not sent, which a rebuild did not touch. */
export function keptWords(kept: { unsent: number; drafts: number }): string {
  return `${counted(kept.unsent, 'unsent message', 'unsent messages')} and ${counted(kept.drafts, 'draft', 'drafts')}`;
}

/** `readopted`: sends found again through their pending messages in the cache (readoptLostSends). */
export function salvageNotice(file: string, salvage: Salvage, readopted: number): AppNotice {
  const found =
    readopted === 0
      ? ''
      : `${counted(readopted, 'more unsent message was', 'more unsent messages were')} found in the cache; ` +
        'each is looked for in the conversation before it is sent again. ';
  return {
    level: 'error',
    message:
      `The file of unsent messages and drafts (${file}) was damaged. ${keptWords(salvage)} could be read from it and ` +
      `${salvage.unsent + salvage.drafts === 1 ? 'was' : 'were'} kept; anything else in it could not be read. ${found}` +
      `The damaged file is kept as ${salvage.aside}.`,
  };
}
