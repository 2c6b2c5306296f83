/**
 * The outbox's storage primitives: a send is stored together with its pending message row before anything leaves,
 * claimed one at a time per customer in the order it was queued, and moved through its states. The outbox worker
 * (main/outbox/) decides when to send, retry and reconcile; these only make each step atomic and durable. Sends live
 * in the outbox's own file (`durable.outbox`, see durable.ts), their pending messages in the cache.
 */
import type { ChannelType, MessagePayload, OutboxItem, OutboxState, StoredError } from '../../common/domain';
import { fail, ok, type Result } from '../../common/result';
import { restateConversationEntry } from './customer-edits-store';
import { attachMessageId, insertPendingMessage } from './messages-store';
import { OutboxRow, parseRow, parseRows } from './rows';
import type { Sql } from './sql';

const outboxColumns =
  'client_id, customer_id, agent_id, channel_type, payload, state, attempts, next_attempt_at, last_error, message_id, created_at';

export interface NewSend {
  clientId: string;
  customerId: string;
  agentId: string;
  channelType: ChannelType;
  payload: MessagePayload;
}

export function getOutboxItem(sql: Sql, clientId: string): Result<OutboxItem | null> {
  return parseRow(OutboxRow, sql.statement(`SELECT ${outboxColumns} FROM durable.outbox WHERE client_id = ?`).get(clientId), 'outbox');
}

function existingOrMissing(sql: Sql, clientId: string): Result<OutboxItem> {
  const item = getOutboxItem(sql, clientId);
  if (!item.ok) return item;
  return item.value ? ok(item.value) : fail('NOT_FOUND', `No send ${clientId} in the outbox`);
}

export function enqueueSend(sql: Sql, send: NewSend, now: number): Result<OutboxItem> {
  return sql.transaction(() => {
    const customer = sql.statement('SELECT 1 FROM customers WHERE id = ?').get(send.customerId);
    if (customer === undefined) return fail('NOT_FOUND', `No customer ${send.customerId} in the cache`);
    sql
      .statement(
        `INSERT INTO durable.outbox (client_id, customer_id, agent_id, channel_type, payload, state, next_attempt_at, created_at)
         VALUES (@clientId, @customerId, @agentId, @channelType, @payload, 'queued', @now, @now)`,
      )
      .run({ ...send, payload: JSON.stringify(send.payload), now });
    insertPendingMessage(sql, { ...send, sent: now });
    return existingOrMissing(sql, send.clientId);
  });
}

/**
 * The customer's next send, marked `sending` with one more attempt, or null when there is none to start now.
 * Order holds per customer: the oldest unsettled send goes first, and while it is `sending` or `unknown` (in flight,
 * or waiting to be reconciled) or not yet due, nothing after it starts. A `failed` send waits for the agent's retry
 * and does not hold up the sends after it. Nor does a send start while the cache does not know its customer.
 */
export function claimNextSend(sql: Sql, customerId: string, now: number): Result<OutboxItem | null> {
  return sql.transaction(() => {
    const head = parseRow(
      OutboxRow,
      sql
        .statement(
          `SELECT ${outboxColumns} FROM durable.outbox WHERE customer_id = ? AND state NOT IN ('sent', 'failed') ORDER BY seq LIMIT 1`,
        )
        .get(customerId),
      'outbox',
    );
    if (!head.ok || !head.value) return head;
    if (head.value.state !== 'queued' || head.value.nextAttemptAt > now) return ok(null);
    // A rebuilt cache does not know the customer (nor their number) until sync refills it: the send waits for that.
    if (sql.statement('SELECT 1 FROM customers WHERE id = ?').get(customerId) === undefined) return ok(null);
    sql.statement("UPDATE durable.outbox SET state = 'sending', attempts = attempts + 1 WHERE client_id = ?").run(head.value.clientId);
    return existingOrMissing(sql, head.value.clientId);
  });
}

export interface SendUpdate {
  state: OutboxState;
  nextAttemptAt?: number;
  lastError?: StoredError | null;
  /** The server's id for the message, once known (from the send's response or found while reconciling). */
  messageId?: string;
}

function hasPendingMessage(sql: Sql, clientId: string): boolean {
  return sql.statement('SELECT 1 FROM messages WHERE client_id = ?').get(clientId) !== undefined;
}

/** Moves a send to a new state; a message id, once given, is also attached to the send's message row. */
export function updateSend(sql: Sql, clientId: string, update: SendUpdate): Result<OutboxItem> {
  return sql.transaction(() => {
    const current = existingOrMissing(sql, clientId);
    if (!current.ok) return current;
    const lastError = update.lastError === undefined ? current.value.lastError : update.lastError;
    sql
      .statement(
        `UPDATE durable.outbox SET state = @state, next_attempt_at = @nextAttemptAt, last_error = @lastError,
           message_id = @messageId WHERE client_id = @clientId`,
      )
      .run({
        clientId,
        state: update.state,
        nextAttemptAt: update.nextAttemptAt ?? current.value.nextAttemptAt,
        lastError: lastError === null ? null : JSON.stringify(lastError),
        messageId: update.messageId ?? current.value.messageId,
      });
    // A rebuilt cache may hold no pending message for the send yet (its customer is not back): the server's copy
    // arrives with sync instead.
    if (update.messageId !== undefined && hasPendingMessage(sql, clientId)) {
      const attached = attachMessageId(sql, clientId, update.messageId);
      if (!attached.ok) return attached;
    }
    return existingOrMissing(sql, clientId);
  });
}

/** Sends in queue order, optionally only some states or one customer's. */
export function listSends(sql: Sql, filter: { states?: readonly OutboxState[]; customerId?: string } = {}): Result<OutboxItem[]> {
  const states = filter.states ?? ['queued', 'sending', 'sent', 'failed', 'unknown'];
  const scope = filter.customerId === undefined ? '' : 'AND customer_id = @customerId';
  const source = `SELECT ${outboxColumns} FROM durable.outbox WHERE state IN (SELECT value FROM json_each(@states)) ${scope} ORDER BY seq`;
  const params = { states: JSON.stringify(states), ...(filter.customerId === undefined ? {} : { customerId: filter.customerId }) };
  return parseRows(OutboxRow, sql.statement(source).all(params), 'outbox');
}

/**
 * Removes a send that never left or was refused (`queued` or `failed`) with its pending message row, and puts the
 * customer's list entry back on the newest message left. A send that may be on the wire or may have arrived
 * (`sending`, `unknown`, `sent`) cannot be taken back. (Added for the outbox's `outbox:discard`.)
 */
export function discardSend(sql: Sql, clientId: string): Result<OutboxItem> {
  return sql.transaction(() => {
    const current = existingOrMissing(sql, clientId);
    if (!current.ok) return current;
    const { state, customerId } = current.value;
    if (state !== 'queued' && state !== 'failed') return fail('CONFLICT', `The send is ${state} and can no longer be discarded`);
    // Its search row goes too: a later message given the same local id would otherwise be found by these words.
    sql.statement('DELETE FROM messages_fts WHERE rowid IN (SELECT local_id FROM messages WHERE client_id = ? AND message_id IS NULL)').run(clientId);
    sql.statement('DELETE FROM messages WHERE client_id = ? AND message_id IS NULL').run(clientId);
    sql.statement('DELETE FROM durable.outbox WHERE client_id = ?').run(clientId);
    const restated = restateConversationEntry(sql, customerId);
    if (!restated.ok) return restated;
    return ok(current.value);
  });
}
