/**
 * What the agent changes about customers, written to the cache once the service has done it: a rename or a chatbot
 * mode, a new customer (found first by phone), and deleting a customer or one message with everything the cache
 * derived from them (search index rows, unread counts, the list entry's last message).
 */
import { z } from 'zod';
import { MessagePayload, payloadPreview, Timestamp } from '../../common/domain';
import { fail, ok, type Result } from '../../common/result';
import { historyStartKey } from './messages-store';
import { customerRef, inConversation, parseRow } from './rows';
import { reindexCustomer } from './search-index';
import { phoneDigitsOf, searchWordsOf } from './search-query';
import type { Sql } from './sql';
import { cursorKeys } from './state-store';

const LocalId = z.object({ local_id: z.number().int() });
const Unread = z.object({ unread: z.number().int().nonnegative() });

/** The cached customer with this phone (the service's digits), or null: a new customer is looked for here first. */
export function customerIdByPhone(sql: Sql, phone: string): Result<string | null> {
  const digits = phoneDigitsOf(phone);
  // The phone trigram index (migration 9) finds the few candidates; a number is at least 3 digits, as the index needs.
  const source = `SELECT id FROM customers WHERE local_id IN (SELECT rowid FROM customer_phones_fts WHERE customer_phones_fts MATCH ?)
    AND phone_digits = ? LIMIT 1`;
  const row = parseRow(z.object({ id: z.string() }), sql.statement(source).get(`"${digits}"`, digits), 'customer');
  return row.ok ? ok(row.value?.id ?? null) : row;
}

/** Writes what the service accepted: a new name (re-indexed for search) and/or one channel's chatbot mode. */
export function changeCustomer(sql: Sql, id: string, change: { name?: string; chatbot?: { channelId: string; mode: string } }): Result<void> {
  return sql.transaction(() => {
    const found = parseRow(LocalId, sql.statement('SELECT local_id FROM customers WHERE id = @id').get({ id }), 'customer');
    if (!found.ok) return found;
    if (!found.value) return fail('NOT_FOUND', `No customer ${id} in the cache`);
    if (change.name !== undefined) {
      sql.statement('UPDATE customers SET name = ?, search_words = ? WHERE id = ?').run(change.name, searchWordsOf(change.name), id);
      reindexCustomer(sql, id);
    }
    if (change.chatbot !== undefined) {
      // A merge patch (RFC 7396) sets this channel's mode and keeps the others, whatever the channel id spells.
      const patch = JSON.stringify({ [change.chatbot.channelId]: change.chatbot.mode });
      sql.statement('UPDATE customers SET chatbot_enabled = json_patch(chatbot_enabled, ?) WHERE id = ?').run(patch, id);
    }
    return ok(undefined);
  });
}

/**
 * Removes a customer the service deleted, and all the app kept for them: their messages and those messages' search
 * rows, their name and phone search rows, links to agents (the unread totals follow by trigger), sync cursors, the
 * draft, and every outbox row. A queued reply would be refused (404) and an unknown outcome could never be checked
 * against a history that is gone, so unsent replies go too rather than stay as failures no conversation shows.
 * Answers whether the cache held the customer.
 */
export function deleteCustomer(sql: Sql, customerId: string): Result<boolean> {
  return sql.transaction(() => {
    const found = parseRow(LocalId, sql.statement('SELECT local_id FROM customers WHERE id = @customerId').get({ customerId }), 'customer');
    if (!found.ok) return found;
    sql.statement('DELETE FROM durable.outbox WHERE customer_id = ?').run(customerId);
    sql.statement('DELETE FROM durable.drafts WHERE customer_id = ?').run(customerId);
    sql.statement('DELETE FROM sync_cursors WHERE key IN (?, ?)').run(cursorKeys.history(customerId), historyStartKey(customerId));
    if (!found.value) return ok(false);
    const ref = found.value.local_id;
    sql.statement('DELETE FROM messages_fts WHERE rowid IN (SELECT local_id FROM messages WHERE customer_ref = ?)').run(ref);
    sql.statement('DELETE FROM customers_fts WHERE rowid = ?').run(ref);
    sql.statement('DELETE FROM customer_phones_fts WHERE rowid = ?').run(ref);
    // Messages and agent links go with the row (ON DELETE CASCADE, migration 6).
    sql.statement('DELETE FROM customers WHERE local_id = ?').run(ref);
    return ok(true);
  });
}

const DeletedMessage = z.object({ local_id: z.number().int(), key: z.string() });

/**
 * Removes one message the service deleted, with its search row, and puts the customer's unread count and list entry
 * (last message time, preview, agent) back in step with the messages left. Answers the message's key in the thread,
 * or null when the cache did not hold it.
 */
export function deleteMessage(sql: Sql, customerId: string, messageId: string): Result<string | null> {
  return sql.transaction(() => {
    const found = parseRow(
      DeletedMessage,
      sql.statement(`SELECT m.local_id, m.sort_key AS key FROM messages m WHERE ${inConversation} AND m.message_id = @messageId`).get({ customerId, messageId }),
      'message',
    );
    if (!found.ok) return found;
    if (!found.value) return ok(null);
    sql.statement('DELETE FROM messages_fts WHERE rowid = ?').run(found.value.local_id);
    sql.statement('DELETE FROM messages WHERE local_id = ?').run(found.value.local_id);
    const recounted = recountFromReadState(sql, customerId);
    if (!recounted.ok) return recounted;
    const restated = restateConversationEntry(sql, customerId);
    return restated.ok ? ok(found.value.key) : restated;
  });
}

/**
 * Counts the customer's unread messages again from their read position, per agent and in all (after a mark-read,
 * or a deleted message); the unread totals follow by trigger (migration 10).
 */
export function recountUnread(sql: Sql, customerId: string, readThrough: number): Result<number> {
  sql
    .statement(
      `UPDATE customer_agents SET unread_count = (SELECT count(*) FROM messages m WHERE m.customer_ref = customer_agents.customer_ref
         AND m.agent_id = customer_agents.agent_id AND m.origin = 'CUSTOMER' AND m.sent > @readThrough)
       WHERE customer_ref = ${customerRef}`,
    )
    .run({ customerId, readThrough });
  const unread = parseRow(
    Unread,
    sql.statement(`SELECT coalesce(sum(unread_count), 0) AS unread FROM customer_agents WHERE customer_ref = ${customerRef}`).get({ customerId }),
    'unread count',
  );
  if (!unread.ok) return unread;
  const unreadCount = unread.value?.unread ?? 0;
  sql.statement('UPDATE customers SET unread_count = ? WHERE id = ?').run(unreadCount, customerId);
  return ok(unreadCount);
}

const ReadThrough = z.object({ read_through: Timestamp });

/** Counts the customer's unread messages again from where they were read. */
function recountFromReadState(sql: Sql, customerId: string): Result<number> {
  const state = parseRow(ReadThrough, sql.statement('SELECT read_through FROM customers WHERE id = @customerId').get({ customerId }), 'customer');
  if (!state.ok) return state;
  if (!state.value) return fail('NOT_FOUND', `No customer ${customerId} in the cache`);
  return recountUnread(sql, customerId, state.value.read_through);
}

const NewestRemaining = z.object({ sent: Timestamp, agent_id: z.string(), payload: z.string() });

/**
 * Points the customer's list entry at the newest message the cache still holds, after one was removed (a discarded
 * send, a deleted message); the time never drops below what the service's list last said.
 */
export function restateConversationEntry(sql: Sql, customerId: string): Result<void> {
  const newest = parseRow(
    NewestRemaining,
    sql.statement(`SELECT m.sent, m.agent_id, m.payload FROM messages m WHERE ${inConversation} ORDER BY m.sent DESC, m.sort_key DESC LIMIT 1`).get({ customerId }),
    'message',
  );
  if (!newest.ok) return newest;
  const stored: unknown = newest.value ? JSON.parse(newest.value.payload) : undefined;
  const payload = MessagePayload.safeParse(stored);
  sql
    .statement(
      `UPDATE customers SET last_message_time = max(coalesce(server_last_message_time, 0), @sent), last_message_preview = @preview,
         last_agent_id = @agentId
       WHERE id = @customerId`,
    )
    .run({
      customerId,
      sent: newest.value?.sent ?? 0,
      preview: payload.success ? payloadPreview(payload.data) : null,
      agentId: newest.value?.agent_id ?? null,
    });
  return ok(undefined);
}
