/**
 * Rows come out of SQLite as `unknown` and become domain objects only through these schemas, JSON columns
 * included: a row changed behind the app's back (a tampered or half-written file) is refused with the column named,
 * never passed on as if it were typed.
 */
import { z } from 'zod';
import type {
  Agent,
  Channel,
  Draft,
  Message,
  OutboxItem} from '../../common/domain';
import {
  ChannelStatus,
  ChannelType,
  Customer,
  MessageOrigin,
  MessagePayload,
  MessageStatus,
  OutboxState,
  StoredError,
  Timestamp,
} from '../../common/domain';
import { parseUnknown } from '../../common/parse';
import { ok, type Result } from '../../common/result';

/** A TEXT column holding JSON, checked against `schema` after decoding. */
function jsonColumn<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((text, context): unknown => {
      try {
        return JSON.parse(text);
      } catch {
        context.addIssue({ code: 'custom', message: 'not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

const nullableTime = Timestamp.nullable();
const count = z.number().int().nonnegative();

export const ChannelRow = z
  .object({
    id: z.string(),
    type: ChannelType,
    name: z.string(),
    status: ChannelStatus.nullable(),
    created: nullableTime,
    modified: nullableTime,
  })
  .transform((row): Channel => row);

export const AgentRow = z
  .object({ id: z.string(), channel_id: z.string(), label: z.string().nullable(), created: nullableTime, modified: nullableTime })
  .transform((row): Agent => ({
    id: row.id,
    channelId: row.channel_id,
    label: row.label,
    created: row.created,
    modified: row.modified,
  }));

/**
 * The agent of a customer's newest message whose agent the channel list knows. Nearly always the agent of the
 * newest message, which the customer row keeps (migration 7): one lookup in the small agents table. Only when the
 * channel list does not name that agent (deleted, or not synced yet) does it walk back through the conversation.
 * coalesce stops at its first non-null argument, so the walk costs nothing otherwise.
 */
const conversationAgent =
  '(SELECT coalesce((SELECT a.id FROM agents a WHERE a.id = c.last_agent_id), ' +
  '(SELECT m.agent_id FROM messages m JOIN agents a ON a.id = m.agent_id WHERE m.customer_ref = c.local_id ' +
  'ORDER BY m.sent DESC, m.sort_key DESC LIMIT 1)))';

export const customerColumns =
  'c.id, c.name, c.phone, c.country, c.subscriptions, c.chatbot_enabled, c.created, c.modified, ' +
  'c.last_message_time, c.last_message_preview, c.unread_count, ' +
  `${conversationAgent} AS last_agent_id, ` +
  `(SELECT ch.type FROM agents a JOIN channels ch ON ch.id = a.channel_id WHERE a.id = ${conversationAgent}) AS last_channel_type`;

export const CustomerRow = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    phone: z.string(),
    country: z.string().nullable(),
    subscriptions: jsonColumn(Customer.shape.subscriptions),
    chatbot_enabled: jsonColumn(Customer.shape.chatbotEnabled),
    created: nullableTime,
    modified: nullableTime,
    last_message_time: Timestamp,
    last_message_preview: z.string().nullable(),
    unread_count: count,
    last_agent_id: z.string().nullable(),
    last_channel_type: ChannelType.nullable(),
  })
  .transform((row): Customer => ({
    id: row.id,
    name: row.name,
    phone: row.phone,
    country: row.country,
    subscriptions: row.subscriptions,
    chatbotEnabled: row.chatbot_enabled,
    created: row.created,
    modified: row.modified,
    // 0 is the column's "no message yet", kept so the recency index can order every row.
    lastMessageTime: row.last_message_time === 0 ? null : row.last_message_time,
    lastMessagePreview: row.last_message_preview,
    unreadCount: row.unread_count,
    lastAgentId: row.last_agent_id,
    lastChannelType: row.last_channel_type,
  }));

export const messageColumns =
  'm.message_id, m.client_id, m.sort_key, mc.id AS customer_id, m.agent_id, m.origin, m.status, m.sent, m.modified, ' +
  'm.payload, o.state AS outbox_state, o.last_error AS outbox_last_error';

/**
 * The FROM clause that goes with messageColumns: a message names its customer by local id (migration 6), and a
 * message this app sent carries its outbox state (from the outbox's own file, attached as `durable`: durable.ts).
 */
export const messageSource = 'messages m JOIN customers mc ON mc.local_id = m.customer_ref LEFT JOIN durable.outbox o ON o.client_id = m.client_id';

/** The local id of the customer named by @customerId: messages and customer_agents refer to it (migration 6). */
export const customerRef = '(SELECT local_id FROM customers WHERE id = @customerId)';

/** Messages (as m) of the customer named by @customerId. */
export const inConversation = `m.customer_ref = ${customerRef}`;

export const MessageRow = z
  .object({
    message_id: z.string().nullable(),
    client_id: z.string().nullable(),
    sort_key: z.string(),
    customer_id: z.string(),
    agent_id: z.string(),
    origin: MessageOrigin,
    status: MessageStatus,
    sent: Timestamp,
    modified: nullableTime,
    payload: jsonColumn(MessagePayload),
    outbox_state: OutboxState.nullable(),
    outbox_last_error: jsonColumn(StoredError).nullable(),
  })
  .transform((row): Message => ({
    key: row.sort_key,
    messageId: row.message_id,
    clientId: row.client_id,
    customerId: row.customer_id,
    agentId: row.agent_id,
    origin: row.origin,
    status: row.status,
    sent: row.sent,
    modified: row.modified,
    payload: row.payload,
    outbox: row.outbox_state === null ? null : { state: row.outbox_state, lastError: row.outbox_last_error },
  }));

export const OutboxRow = z
  .object({
    client_id: z.string(),
    customer_id: z.string(),
    agent_id: z.string(),
    channel_type: ChannelType,
    payload: jsonColumn(MessagePayload),
    state: OutboxState,
    attempts: count,
    next_attempt_at: Timestamp,
    last_error: jsonColumn(StoredError).nullable(),
    message_id: z.string().nullable(),
    created_at: Timestamp,
  })
  .transform((row): OutboxItem => ({
    clientId: row.client_id,
    customerId: row.customer_id,
    agentId: row.agent_id,
    channelType: row.channel_type,
    payload: row.payload,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    messageId: row.message_id,
    createdAt: row.created_at,
  }));

export const DraftRow = z
  .object({ customer_id: z.string(), text: z.string(), updated_at: Timestamp })
  .transform((row): Draft => ({ customerId: row.customer_id, text: row.text, updatedAt: row.updated_at }));

/** A file the media pipeline fetched or uploaded, and where (if anywhere) it sits on disk. */
export interface CachedMedia {
  id: string;
  url: string;
  mime: string;
  size: number;
  localPath: string | null;
  lastUsedAt: number;
}

export const MediaRow = z
  .object({
    id: z.string(),
    url: z.string(),
    mime: z.string(),
    size: count,
    local_path: z.string().nullable(),
    last_used_at: Timestamp,
  })
  .transform((row): CachedMedia => ({
    id: row.id,
    url: row.url,
    mime: row.mime,
    size: row.size,
    localPath: row.local_path,
    lastUsedAt: row.last_used_at,
  }));

/** Parses every row or reports the first bad one, as a STORAGE error naming the table and the column. */
export function parseRows<T extends z.ZodType>(schema: T, rows: readonly unknown[], what: string): Result<z.infer<T>[]> {
  const parsed: z.infer<T>[] = [];
  for (const row of rows) {
    const result = parseUnknown(schema, row, { code: 'STORAGE', what: `${what} row in the cache` });
    if (!result.ok) return result;
    parsed.push(result.value);
  }
  return ok(parsed);
}

export function parseRow<T extends z.ZodType>(schema: T, row: unknown, what: string): Result<z.infer<T> | null> {
  if (row === undefined) return ok(null);
  return parseUnknown(schema, row, { code: 'STORAGE', what: `${what} row in the cache` });
}
