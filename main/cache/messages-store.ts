/**
 * Messages in the cache: windows of one conversation in a stable order, full-text search over message text, and
 * the sync engine's writes, deduplicated by the server's message id. Writing a message also keeps its customer's
 * list entry current: last message time and preview, and the unread count of messages from the customer.
 */
import { z } from 'zod';
import { maxFindMatches, type MessageFindQuery, type MessageFindResult, type MessageWindowQuery } from '../../common/contract/cache';
import {
  payloadPreview,
  payloadText,
  Timestamp,
  type Message,
  type MessageCursor,
  type MessagePayload,
  type MessageRecord,
} from '../../common/domain';
import { fail, ok, type Result } from '../../common/result';
import { customerRef, inConversation, MessageRow, messageColumns, messageSource, parseRow, parseRows } from './rows';
import { indexMessage, unindexMessage } from './search-index';
import { planSearch, wordStartTest } from './search-query';
import type { Sql } from './sql';
import { getCursor } from './state-store';

export interface WindowItems {
  items: Message[];
  /** Older messages are in the cache. */
  hasOlder: boolean;
  hasNewer: boolean;
  /** The cache holds the conversation's first message: the service proved it (see historyStartKey). */
  startReached: boolean;
}

/**
 * The sync cursor set once the service proved that the cache holds a customer's first message (a history page
 * reaching its `total`, or an empty one). Kept in the cache, so the start stays known across restarts.
 */
export function historyStartKey(customerId: string): string {
  return `history-start:${customerId}`;
}

/** How far back the cache holds a customer's history, to ask the service for the next older page. */
export interface HistoryExtent {
  /** Messages from the service the cache holds: the service's offset of the next older page (pending sends excluded). */
  fetched: number;
  /** The oldest message from the service the cache holds. */
  oldest: MessageCursor | null;
  startReached: boolean;
}

const Extent = z.object({ fetched: z.number().int(), sent: Timestamp.nullable(), key: z.string().nullable() });

export function historyExtent(sql: Sql, customerId: string): Result<HistoryExtent> {
  const row = parseRow(
    Extent,
    sql
      .statement(
        `SELECT (SELECT COUNT(*) FROM messages m WHERE ${inConversation} AND m.message_id IS NOT NULL) AS fetched,
           oldest.sent, oldest.sort_key AS key
         FROM (SELECT 1) LEFT JOIN (SELECT m.sent, m.sort_key FROM messages m WHERE ${inConversation} AND m.message_id IS NOT NULL
           ${oldestFirst} LIMIT 1) oldest`,
      )
      .get({ customerId }),
    'message',
  );
  if (!row.ok) return row;
  const start = startReached(sql, customerId);
  if (!start.ok) return start;
  const { fetched = 0, sent = null, key = null } = row.value ?? {};
  return ok({ fetched, oldest: sent === null || key === null ? null : { sent, key }, startReached: start.value });
}

function startReached(sql: Sql, customerId: string): Result<boolean> {
  const cursor = getCursor(sql, historyStartKey(customerId));
  return cursor.ok ? ok(cursor.value !== null) : cursor;
}

const newestFirst = 'ORDER BY m.sent DESC, m.sort_key DESC';
const oldestFirst = 'ORDER BY m.sent ASC, m.sort_key ASC';

function olderThan(sql: Sql, customerId: string, cursor: MessageCursor | undefined, limit: number, inclusive = false) {
  const bound = cursor ? `AND (m.sent, m.sort_key) ${inclusive ? '<=' : '<'} (@sent, @key)` : '';
  const source = `SELECT ${messageColumns} FROM ${messageSource} WHERE ${inConversation} ${bound} ${newestFirst} LIMIT @limit`;
  const rows = parseRows(MessageRow, sql.statement(source).all({ customerId, limit, ...cursor }), 'message');
  return rows.ok ? ok(rows.value.reverse()) : rows;
}

function newerThan(sql: Sql, customerId: string, cursor: MessageCursor, limit: number) {
  const source = `SELECT ${messageColumns} FROM ${messageSource} WHERE ${inConversation}
    AND (m.sent, m.sort_key) > (@sent, @key) ${oldestFirst} LIMIT @limit`;
  return parseRows(MessageRow, sql.statement(source).all({ customerId, limit, ...cursor }), 'message');
}

const Found = z.object({ found: z.union([z.literal(0), z.literal(1)]) });

function exists(sql: Sql, customerId: string, direction: '<' | '>', cursor: MessageCursor): Result<boolean> {
  const source = `SELECT EXISTS (SELECT 1 FROM messages m WHERE ${inConversation}
    AND (m.sent, m.sort_key) ${direction} (@sent, @key)) AS found`;
  const row = parseRow(Found, sql.statement(source).get({ customerId, ...cursor }), 'message');
  return row.ok ? ok(row.value?.found === 1) : row;
}

const Position = z.object({ sent: Timestamp, key: z.string() });

function positionOf(sql: Sql, customerId: string, key: string): Result<MessageCursor | null> {
  return parseRow(
    Position,
    sql
      .statement(`SELECT m.sent, m.sort_key AS key FROM messages m WHERE ${inConversation} AND (m.client_id = @key OR m.message_id = @key)`)
      .get({ customerId, key }),
    'message',
  );
}

function cursorOf(message: Message): MessageCursor {
  return { sent: message.sent, key: message.key };
}

/** Picks `limit` messages around the target: half before it (itself included), half after, topping up either side. */
function centred(older: Message[], newer: Message[], limit: number): Message[] {
  const wantOlder = Math.ceil(limit / 2);
  const fromOlder = Math.min(older.length, Math.max(wantOlder, limit - newer.length));
  const fromNewer = Math.min(newer.length, limit - fromOlder);
  return [...older.slice(older.length - fromOlder), ...newer.slice(0, fromNewer)];
}

function windowItems(sql: Sql, query: MessageWindowQuery): Result<Message[]> {
  const { customerId, limit } = query;
  if (query.before) return olderThan(sql, customerId, query.before, limit);
  if (query.after) return newerThan(sql, customerId, query.after, limit);
  if (query.around === undefined) return olderThan(sql, customerId, undefined, limit);
  const target = positionOf(sql, customerId, query.around);
  if (!target.ok) return target;
  if (!target.value) return fail('NOT_FOUND', `No message ${query.around} in this conversation`);
  const older = olderThan(sql, customerId, target.value, limit, true);
  if (!older.ok) return older;
  const newer = newerThan(sql, customerId, target.value, limit);
  if (!newer.ok) return newer;
  return ok(centred(older.value, newer.value, limit));
}

export function messageWindow(sql: Sql, query: MessageWindowQuery): Result<WindowItems> {
  const items = windowItems(sql, query);
  if (!items.ok) return items;
  const first = items.value[0];
  const last = items.value.at(-1);
  // An empty window still knows where it is: before/after a cursor, or nowhere (no messages at all).
  const olderEdge = first ? cursorOf(first) : (query.after ?? query.before);
  const newerEdge = last ? cursorOf(last) : (query.before ?? query.after);
  const hasOlder = olderEdge ? exists(sql, query.customerId, '<', olderEdge) : ok(false);
  if (!hasOlder.ok) return hasOlder;
  const hasNewer = newerEdge ? exists(sql, query.customerId, '>', newerEdge) : ok(false);
  if (!hasNewer.ok) return hasNewer;
  const start = startReached(sql, query.customerId);
  if (!start.ok) return start;
  return ok({ items: items.value, hasOlder: hasOlder.value, hasNewer: hasNewer.value, startReached: start.value });
}

/** Messages whose text has every word of `query` as a word prefix, newest first; 1-2 characters find nothing yet. */
export function searchMessages(sql: Sql, query: { text: string; customerId?: string; limit: number }): Result<Message[]> {
  const plan = planSearch(query.text);
  if (plan.kind !== 'indexed') return ok([]);
  const scope = query.customerId === undefined ? '' : `AND ${inConversation}`;
  const source = `SELECT ${messageColumns} FROM ${messageSource}
    WHERE m.local_id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH @match) ${scope} ${newestFirst} LIMIT @limit`;
  const params = { match: plan.match, limit: query.limit, ...(query.customerId === undefined ? {} : { customerId: query.customerId }) };
  const rows = matchingRows(sql, source, params, query.text);
  return rows.ok ? parseRows(MessageRow, rows.value, 'message') : rows;
}

/** Runs an FTS5 MATCH over message text, turning the one query the index cannot answer into a clear error. */
function matchingRows(sql: Sql, source: string, params: Record<string, unknown>, text: string): Result<unknown[]> {
  try {
    return ok(sql.statement(source).all(params));
  } catch (error) {
    // The message index keeps no positions (migration 6), so it cannot answer a phrase. planSearch makes every word
    // one term, but a handful of letters that JavaScript's Unicode tables call letters are separators in SQLite's
    // older ones (New Tai Lue vowel signs, U+19B0-U+19C9, for one), which splits a word into a phrase.
    if (error instanceof Error && /phrase queries are not supported/.test(error.message)) {
      return fail('BAD_INPUT', `Message search cannot look up "${text.trim()}": one of its letters splits the word. Try other words.`);
    }
    throw error;
  }
}

/**
 * Find in conversation reads a conversation of fewer messages than this row by row, and a longer one too when more
 * messages than this match in the whole cache: gathering a common word's matches across a million messages, or even
 * counting them up to this bound, costs more than scanning that many rows (bench/cache.ts, find_in_conversation_p95).
 */
const indexedFindLimit = 5000;

/**
 * Find in conversation: where the customer's cached messages have every word of `text` as a word prefix, oldest
 * first, the newest `maxFindMatches` at most. The search index answers for a long conversation when the words are
 * rare enough in the whole cache to pay off; otherwise (a shorter conversation, common words, only 1-2 character
 * ones) the conversation's own texts are tested row by row, folded as the index folds them, since one history is
 * bounded where the whole cache is not.
 */
export function findInConversation(sql: Sql, query: MessageFindQuery): Result<MessageFindResult> {
  const plan = planSearch(query.text);
  if (plan.kind === 'none') return ok({ matches: [], truncated: false });
  const indexed = plan.kind === 'indexed' ? indexPays(sql, query.customerId, plan.match, query.text) : ok(false);
  if (!indexed.ok) return indexed;
  const found =
    plan.kind === 'indexed' && indexed.value
      ? indexedMatches(sql, query, plan.match)
      : scannedMatches(sql, query.customerId, wordStartTest(query.text));
  if (!found.ok) return found;
  const matches = found.value.slice(0, maxFindMatches).reverse();
  return ok({ matches, truncated: found.value.length > maxFindMatches });
}

const Count = z.object({ count: z.number().int().nonnegative() });

/**
 * Whether the search index beats a scan: the conversation holds at least `indexedFindLimit` messages and fewer than
 * that match in the whole cache. Both counts stop at the bound (FTS5 stops reading there).
 */
function indexPays(sql: Sql, customerId: string, match: string, text: string): Result<boolean> {
  const held = parseRow(
    Count,
    sql.statement(`SELECT count(*) AS count FROM (SELECT 1 FROM messages m WHERE ${inConversation} LIMIT @limit)`).get({ customerId, limit: indexedFindLimit }),
    'message count',
  );
  if (!held.ok) return held;
  if ((held.value?.count ?? 0) < indexedFindLimit) return ok(false);
  const rows = matchingRows(sql, 'SELECT rowid FROM messages_fts WHERE messages_fts MATCH @match LIMIT @limit', { match, limit: indexedFindLimit }, text);
  return rows.ok ? ok(rows.value.length < indexedFindLimit) : rows;
}

/** Up to one more than `maxFindMatches` positions of messages matching an FTS5 expression, newest first. */
function indexedMatches(sql: Sql, query: MessageFindQuery, match: string): Result<MessageCursor[]> {
  const source = `SELECT m.sent, m.sort_key AS key FROM messages m WHERE ${inConversation}
    AND m.local_id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH @match) ${newestFirst} LIMIT @limit`;
  const rows = matchingRows(sql, source, { customerId: query.customerId, match, limit: maxFindMatches + 1 }, query.text);
  return rows.ok ? parseRows(Position, rows.value, 'message') : rows;
}

const PositionAndText = Position.extend({ text: z.string() });

/** Up to one more than `maxFindMatches` positions of the conversation's messages whose text passes `matches`, newest first. */
function scannedMatches(sql: Sql, customerId: string, matches: (text: string) => boolean): Result<MessageCursor[]> {
  const rows = sql.statement(`SELECT m.sent, m.sort_key AS key, m.text FROM messages m WHERE ${inConversation} ${newestFirst}`).iterate({ customerId });
  const found: MessageCursor[] = [];
  for (const row of rows) {
    const parsed = parseRow(PositionAndText, row, 'message');
    if (!parsed.ok) return parsed;
    if (parsed.value === null) continue;
    const { sent, key, text } = parsed.value;
    if (matches(text)) found.push({ sent, key });
    if (found.length > maxFindMatches) break;
  }
  return ok(found);
}

export interface MessagesOutcome {
  /** Keys of messages the cache did not hold. */
  created: string[];
  /** Keys of messages whose status, time or payload changed. */
  changed: string[];
  /** The keys above by customer, for `messages:changed`; these customers' list entries may have moved too. */
  byCustomer: Record<string, string[]>;
}

const CustomerReadState = z.object({ local_id: z.number().int(), read_through: Timestamp });

interface NewestMessage {
  sent: number;
  key: string;
  agentId: string;
  payload: MessagePayload;
}

/**
 * Keeps the customer's list entry in step with a message at least as new as what it shows: time, preview and the
 * message's agent (migration 7). When the time is the one already shown (the server's list named it before the
 * history arrived), only preview and agent are written, so the recency indexes are not rewritten for nothing.
 */
function bumpConversation(sql: Sql, customerId: string, newest: NewestMessage): void {
  const params = { customerId, sent: newest.sent, preview: payloadPreview(newest.payload), agentId: newest.agentId };
  sql
    .statement(
      `UPDATE customers SET last_message_preview = @preview, last_agent_id = @agentId
       WHERE id = @customerId AND last_message_time = @sent
         AND (last_message_preview IS NOT @preview OR last_agent_id IS NOT @agentId)`,
    )
    .run(params);
  sql
    .statement(
      `UPDATE customers SET last_message_time = @sent, last_message_preview = @preview, last_agent_id = @agentId
       WHERE id = @customerId AND last_message_time < @sent`,
    )
    .run(params);
}

/** Records that the customer talks to this agent, adding to its unread count; writes nothing when nothing changes. */
function linkAgent(sql: Sql, customerRef: number, agentId: string, unread: number): void {
  if (unread === 0) {
    sql.statement('INSERT OR IGNORE INTO customer_agents (customer_ref, agent_id) VALUES (?, ?)').run(customerRef, agentId);
    return;
  }
  sql
    .statement(
      `INSERT INTO customer_agents (customer_ref, agent_id, unread_count) VALUES (?, ?, ?)
       ON CONFLICT (customer_ref, agent_id) DO UPDATE SET unread_count = unread_count + excluded.unread_count`,
    )
    .run(customerRef, agentId, unread);
}

function isNewer(candidate: NewestMessage, current: NewestMessage | undefined): boolean {
  return !current || candidate.sent > current.sent || (candidate.sent === current.sent && candidate.key > current.key);
}

const Rewritten = z.object({ local_id: z.number().int(), key: z.string() });
const Restated = z.object({ key: z.string() });

/**
 * Stores messages from the server, deduplicated by message id, in one transaction. Every message's customer must
 * already be in the cache (sync stores the customer list first); otherwise nothing is written.
 */
export function upsertMessages(sql: Sql, batch: readonly MessageRecord[]): Result<MessagesOutcome> {
  // Positional parameters, in the column list's order: better-sqlite3 binds an object's named parameters several
  // microseconds slower per row, a fifth of the whole insert on a first sync (bench/cache.ts).
  const insert = sql.statement(
    `INSERT INTO messages (message_id, customer_ref, agent_id, origin, status, sent, modified, payload, text)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (customer_ref, message_id) DO NOTHING`,
  );
  // Returning the key: a send of ours that the server now lists keeps the key the thread shows (its client id).
  const updateState = sql.statement(
    `UPDATE messages SET agent_id = @agentId, origin = @origin, status = @status, sent = @sent, modified = @modified
     WHERE customer_ref = @customerRef AND message_id = @messageId AND (agent_id IS NOT @agentId OR origin IS NOT @origin OR status IS NOT @status
       OR sent IS NOT @sent OR modified IS NOT @modified)
     RETURNING sort_key AS key`,
  );
  // A separate statement, so the search index is touched only when the payload (and so the text) really changed.
  const updatePayload = sql.statement(
    `UPDATE messages SET payload = @payload, text = @text WHERE customer_ref = @customerRef AND message_id = @messageId AND payload IS NOT @payload
     RETURNING local_id, sort_key AS key`,
  );
  return sql.transaction(() => {
    const customers = new Map<string, { ref: number; readThrough: number }>();
    for (const customerId of new Set(batch.map((message) => message.customerId))) {
      const row = parseRow(CustomerReadState, sql.statement('SELECT local_id, read_through FROM customers WHERE id = ?').get(customerId), 'customer');
      if (!row.ok) return row;
      if (!row.value) return fail('BAD_INPUT', `Messages name customer ${customerId}, who is not in the cache: store customers first`);
      customers.set(customerId, { ref: row.value.local_id, readThrough: row.value.read_through });
    }
    const outcome: MessagesOutcome = { created: [], changed: [], byCustomer: {} };
    const newest = new Map<string, NewestMessage>();
    const unread = new Map<string, Map<string, number>>();
    for (const message of batch) {
      const customer = customers.get(message.customerId);
      if (!customer) return fail('INTERNAL', `Customer ${message.customerId} was looked up above`);
      const text = payloadText(message.payload);
      const payload = JSON.stringify(message.payload);
      const { messageId, agentId, origin, status, sent, modified } = message;
      let key = messageId;
      const inserted = insert.run(messageId, customer.ref, agentId, origin, status, sent, modified, payload, text);
      if (inserted.changes > 0) {
        indexMessage(sql, inserted.lastInsertRowid, text);
        outcome.created.push(key);
        const candidate = { sent, key, agentId, payload: message.payload };
        if (isNewer(candidate, newest.get(message.customerId))) newest.set(message.customerId, candidate);
        const agents = unread.get(message.customerId) ?? new Map<string, number>();
        const counts = origin === 'CUSTOMER' && sent > customer.readThrough;
        agents.set(agentId, (agents.get(agentId) ?? 0) + (counts ? 1 : 0));
        unread.set(message.customerId, agents);
      } else {
        const row = { messageId, customerRef: customer.ref, agentId, origin, status, sent, modified, payload, text };
        const restated = parseRow(Restated, updateState.get(row), 'message');
        if (!restated.ok) return restated;
        const rewritten = parseRow(Rewritten, updatePayload.get(row), 'message');
        if (!rewritten.ok) return rewritten;
        if (rewritten.value) {
          unindexMessage(sql, rewritten.value.local_id);
          indexMessage(sql, rewritten.value.local_id, text);
        }
        const changed = restated.value ?? rewritten.value;
        if (!changed) continue;
        key = changed.key;
        outcome.changed.push(key);
      }
      (outcome.byCustomer[message.customerId] ??= []).push(key);
    }
    for (const [customerId, agents] of unread) {
      const ref = customers.get(customerId)?.ref;
      if (ref === undefined) return fail('INTERNAL', `Customer ${customerId} was looked up above`);
      let total = 0;
      for (const [agentId, count] of agents) {
        linkAgent(sql, ref, agentId, count);
        total += count;
      }
      if (total > 0) sql.statement('UPDATE customers SET unread_count = unread_count + ? WHERE local_id = ?').run(total, ref);
    }
    for (const [customerId, message] of newest) bumpConversation(sql, customerId, message);
    return ok(outcome);
  });
}

const PendingRow = z.object({ local_id: z.number().int(), customer_ref: z.number().int() });

/** The row a send gets the moment it is queued, so the thread shows it at once as pending. */
export function insertPendingMessage(
  sql: Sql,
  pending: { clientId: string; customerId: string; agentId: string; payload: MessagePayload; sent: number },
): void {
  const text = payloadText(pending.payload);
  const inserted = sql
    .statement(
      `INSERT INTO messages (client_id, customer_ref, agent_id, origin, status, sent, payload, text)
       VALUES (@clientId, ${customerRef}, @agentId, 'AGENT', 'CREATED', @sent, @payload, @text)
       RETURNING local_id, customer_ref`,
    )
    .get({ ...pending, payload: JSON.stringify(pending.payload), text });
  const row = PendingRow.parse(inserted);
  indexMessage(sql, row.local_id, text);
  linkAgent(sql, row.customer_ref, pending.agentId, 0);
  bumpConversation(sql, pending.customerId, { sent: pending.sent, key: pending.clientId, agentId: pending.agentId, payload: pending.payload });
}

const Merge = z.object({ pending: z.number().int(), copy: z.number().int().nullable(), text: z.string().nullable() });

/**
 * Gives a pending send its server id. If sync already stored the server's copy as a separate row, that copy's
 * facts move onto the pending row and the copy goes, so the thread shows the message once, under its client id
 * (a window holding the copy finds it gone when `messages:changed` names both keys).
 */
export function attachMessageId(sql: Sql, clientId: string, messageId: string): Result<void> {
  const rows = parseRow(
    Merge,
    sql
      .statement(
        `SELECT pending.local_id AS pending, copy.local_id AS copy, copy.text AS text FROM messages pending
         LEFT JOIN messages copy ON copy.customer_ref = pending.customer_ref AND copy.message_id = @messageId
           AND copy.local_id <> pending.local_id
         WHERE pending.client_id = @clientId`,
      )
      .get({ clientId, messageId }),
    'message',
  );
  if (!rows.ok) return rows;
  if (!rows.value) return fail('NOT_FOUND', `No pending message for send ${clientId}`);
  const { pending, copy, text } = rows.value;
  if (copy !== null) {
    sql
      .statement(
        `UPDATE messages SET (status, sent, modified, payload, text) =
           (SELECT status, sent, modified, payload, text FROM messages WHERE local_id = @copy)
         WHERE local_id = @pending`,
      )
      .run({ copy, pending });
    sql.statement('DELETE FROM messages WHERE local_id = ?').run(copy);
    unindexMessage(sql, copy);
    unindexMessage(sql, pending);
    indexMessage(sql, pending, text ?? '');
  }
  sql.statement('UPDATE messages SET message_id = ? WHERE local_id = ?').run(messageId, pending);
  return ok(undefined);
}
