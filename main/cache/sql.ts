/**
 * One connection's prepared statements, prepared once and reused: preparing costs more than running most of the
 * cache's queries, and the queries are few and fixed (filters pick among a small set of texts).
 */
import type { Statement } from 'better-sqlite3';
import type { Result } from '../../common/result';
import type { SqliteDatabase } from './database';

/** Carries a failed Result out of a transaction, so that SQLite rolls back everything the transaction wrote. */
class Abort extends Error {
  constructor(readonly failure: Result<never>) {
    super('transaction aborted');
  }
}

export class Sql {
  readonly #statements = new Map<string, Statement>();

  constructor(readonly db: SqliteDatabase) {}

  statement(source: string): Statement {
    let prepared = this.#statements.get(source);
    if (!prepared) {
      prepared = this.db.prepare(source);
      this.#statements.set(source, prepared);
    }
    return prepared;
  }

  /**
   * Runs `work` in one transaction: it all lands or none of it does, whether `work` throws (a full disk) or
   * returns a failed Result (a missing row found half-way).
   */
  transaction<T>(work: () => Result<T>): Result<T> {
    try {
      return this.db.transaction(() => {
        const result = work();
        if (!result.ok) throw new Abort(result);
        return result;
      })();
    } catch (error) {
      if (error instanceof Abort) return error.failure;
      throw error;
    }
  }
}
