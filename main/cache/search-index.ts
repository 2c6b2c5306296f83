/**
 * Keeps the full-text indexes in step with the rows they cover. Every write that adds, changes or removes a
 * customer's name or phone, or a message's text, goes through here (see migration 2 for why not triggers).
 */
import type { Sql } from './sql';

/** Indexes a new customer's name words, and its phone's digits for fragment search (migration 9). */
export function indexCustomer(sql: Sql, rowid: number | bigint, name: string | null, phone: string, phoneDigits: string): void {
  sql.statement('INSERT INTO customers_fts (rowid, name, phone) VALUES (?, ?, ?)').run(rowid, name, phone);
  sql.statement('INSERT INTO customer_phones_fts (rowid, digits) VALUES (?, ?)').run(rowid, phoneDigits);
}

/** Re-indexes a stored customer from its current row, after its name or phone may have changed. */
export function reindexCustomer(sql: Sql, id: string): void {
  sql.statement('DELETE FROM customers_fts WHERE rowid = (SELECT local_id FROM customers WHERE id = ?)').run(id);
  sql.statement('INSERT INTO customers_fts (rowid, name, phone) SELECT local_id, name, phone FROM customers WHERE id = ?').run(id);
  sql.statement('DELETE FROM customer_phones_fts WHERE rowid = (SELECT local_id FROM customers WHERE id = ?)').run(id);
  sql.statement('INSERT INTO customer_phones_fts (rowid, digits) SELECT local_id, phone_digits FROM customers WHERE id = ?').run(id);
}

export function indexMessage(sql: Sql, rowid: number | bigint, text: string): void {
  sql.statement('INSERT INTO messages_fts (rowid, text) VALUES (?, ?)').run(rowid, text);
}

export function unindexMessage(sql: Sql, rowid: number | bigint): void {
  sql.statement('DELETE FROM messages_fts WHERE rowid = ?').run(rowid);
}
