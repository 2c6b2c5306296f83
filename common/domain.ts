/**
 * The app's domain as the renderer sees it: channels, agents, customers, messages, outbox items, drafts and media
 * references. The cache stores these and the contract carries them; the API's raw response shapes are mapped onto
 * them in one place, so the server's spelling (`_id`, ISO dates, `CHATBOT.COM`) never reaches the UI.
 */
import { z } from 'zod';

/** Milliseconds since the Unix epoch; the API's ISO date strings are converted once, when responses are mapped. */
export const Timestamp = z.number().int().nonnegative();
export type Timestamp = z.infer<typeof Timestamp>;

const Id = z.string().min(1);

/**
 * Channel types. Requests filter by "RCS SMS WA TG VI WECHAT" (reference line 108), while every channel response
 * also allows "ECHO" (lines 245, 516, 705, 946): the cache stores what the server answers, so it accepts ECHO too.
 */
export const channelTypes = ['SMS', 'WA', 'VI', 'TG', 'RCS', 'WECHAT', 'ECHO'] as const;
export const ChannelType = z.enum(channelTypes);
export type ChannelType = z.infer<typeof ChannelType>;

/** Channel status (reference line 106). */
export const ChannelStatus = z.enum(['INACTIVE', 'CREATED', 'HOLD', 'ON_APPROVAL', 'ACTIVE']);
export type ChannelStatus = z.infer<typeof ChannelStatus>;

export const Channel = z.object({
  id: Id,
  type: ChannelType,
  name: z.string(),
  status: ChannelStatus.nullable(),
  created: Timestamp.nullable(),
  modified: Timestamp.nullable(),
});
export type Channel = z.infer<typeof Channel>;

/** Sends go through an agent of a channel: a VLN of an SMS channel, a bot of a Telegram channel (line 180). */
export const Agent = z.object({
  id: Id,
  channelId: Id,
  /** What identifies the agent to a person: the SMS VLN, the bot name; null when the config names nothing. */
  label: z.string().nullable(),
  created: Timestamp.nullable(),
  modified: Timestamp.nullable(),
});
export type Agent = z.infer<typeof Agent>;

/** A customer as the server describes them (reference lines 1785-1840). */
export const CustomerRecord = z.object({
  id: Id,
  name: z.string().nullable(),
  phone: z.string(),
  country: z.string().nullable(),
  /** Agent id -> subscribed; `false` means the customer opted out of that agent (line 1834). */
  subscriptions: z.record(z.string(), z.boolean()),
  /** Channel id -> chatbot mode, e.g. "ENABLED_MANUALLY" (lines 1800-1803). */
  chatbotEnabled: z.record(z.string(), z.string()),
  created: Timestamp.nullable(),
  modified: Timestamp.nullable(),
  lastMessageTime: Timestamp.nullable(),
});
export type CustomerRecord = z.infer<typeof CustomerRecord>;

/** A customer in the inbox list: the server's record plus what the app derives locally from the messages it holds. */
export const Customer = CustomerRecord.extend({
  lastMessagePreview: z.string().nullable(),
  /** Messages from the customer newer than the last one the agent has seen; read state is local to this app. */
  unreadCount: z.number().int().nonnegative(),
  /**
   * The agent of the conversation's newest message sent through an agent of this account (one the channel list
   * names), which replies go through; null while there is none (no messages yet, or channels not synced yet).
   */
  lastAgentId: Id.nullable(),
  /** The type of that agent's channel: what the list and the header show the conversation is on. */
  lastChannelType: ChannelType.nullable(),
});
export type Customer = z.infer<typeof Customer>;

/** Message origin (reference line 3342). */
export const MessageOrigin = z.enum(['BOT', 'AGENT', 'CUSTOMER', 'BROADCAST']);
export type MessageOrigin = z.infer<typeof MessageOrigin>;

/** Message status (reference line 3344). A message waiting in the outbox is CREATED until the server answers. */
export const MessageStatus = z.enum(['SENT', 'DELIVERED', 'READ', 'ERROR', 'UNDELIVERABLE', 'CREATED', 'UPLOAD_ERROR']);
export type MessageStatus = z.infer<typeof MessageStatus>;

/**
 * A message payload as stored. The reference types every kind but text as `any` (see common/api-decisions.ts), so
 * the cache keeps whatever the server sent and requires only the kind; the payload builders validate what we send.
 */
export const MessagePayload = z.looseObject({ type: z.string() });
export type MessagePayload = z.infer<typeof MessagePayload>;

/** A file a payload points at: the shape of `src`, `thumbnail` and `preview` (reference lines 3524-3534). */
export const MediaRef = z.object({
  mime: z.string(),
  size: z.number().int().nonnegative(),
  uri: z.string(),
});
export type MediaRef = z.infer<typeof MediaRef>;

/** A message as the server describes it (reference lines 3326-3335). */
export const MessageRecord = z.object({
  messageId: Id,
  customerId: Id,
  agentId: Id,
  origin: MessageOrigin,
  status: MessageStatus,
  sent: Timestamp,
  modified: Timestamp.nullable(),
  payload: MessagePayload,
});
export type MessageRecord = z.infer<typeof MessageRecord>;

/** Where a send stands in the outbox: queued, on the wire, done, refused, or sent with no answer (to reconcile). */
export const OutboxState = z.enum(['queued', 'sending', 'sent', 'failed', 'unknown']);
export type OutboxState = z.infer<typeof OutboxState>;

/** Why a send failed, as kept with an outbox item: the code, message and retryability of the InboxError. */
export const StoredError = z.object({ code: z.string(), message: z.string(), retryable: z.boolean() });
export type StoredError = z.infer<typeof StoredError>;

/** A message in a conversation window: a server message, or a send the outbox still holds (then `messageId` may be null). */
export const Message = MessageRecord.extend({
  messageId: Id.nullable(),
  /** Stable identity in the thread: the server's message id, or the client id for a message this app sent. */
  key: Id,
  clientId: Id.nullable(),
  /** The outbox's view of a message this app sent; null for everything else. */
  outbox: z.object({ state: OutboxState, lastError: StoredError.nullable() }).nullable(),
});
export type Message = z.infer<typeof Message>;

export const OutboxItem = z.object({
  clientId: Id,
  customerId: Id,
  agentId: Id,
  channelType: ChannelType,
  payload: MessagePayload,
  state: OutboxState,
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: Timestamp,
  lastError: StoredError.nullable(),
  messageId: Id.nullable(),
  createdAt: Timestamp,
});
export type OutboxItem = z.infer<typeof OutboxItem>;

export const Draft = z.object({ customerId: Id, text: z.string(), updatedAt: Timestamp });
export type Draft = z.infer<typeof Draft>;

/** How fresh what the app shows is: when it last heard from the server, or null if it never has. */
export const Freshness = z.object({ lastSyncedAt: Timestamp.nullable() });
export type Freshness = z.infer<typeof Freshness>;

/** Where a customer list page ends: its last row's sort key (last message time, then id, both descending). */
export const CustomerCursor = z.object({ time: Timestamp, id: Id });
export type CustomerCursor = z.infer<typeof CustomerCursor>;

/** A position in a conversation: messages sort by (sent, key). */
export const MessageCursor = z.object({ sent: Timestamp, key: Id });
export type MessageCursor = z.infer<typeof MessageCursor>;

export const UnreadCounts = z.object({
  /** Unread messages across the inbox. */
  messages: z.number().int().nonnegative(),
  /** Customers with at least one unread message. */
  conversations: z.number().int().nonnegative(),
  /** Unread messages per channel id. */
  byChannel: z.record(z.string(), z.number().int().nonnegative()),
});
export type UnreadCounts = z.infer<typeof UnreadCounts>;

const textFields = ['text', 'title', 'description', 'name', 'caption'] as const;

/** The words a person would search a message by: every text-like field anywhere in the payload, in order. */
export function payloadText(payload: MessagePayload): string {
  const parts: string[] = [];
  const visit = (value: unknown, depth: number): void => {
    // Payloads nest a few levels at most (carousel > card > media); the bound keeps a hostile payload cheap.
    if (depth > 4 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const record = value as Record<string, unknown>;
    for (const field of textFields) {
      const text = record[field];
      if (typeof text === 'string' && text.trim() !== '') parts.push(text.trim());
    }
    for (const nested of Object.values(record)) visit(nested, depth + 1);
  };
  visit(payload, 0);
  return parts.join(' ');
}

const previewLength = 140;

/** One line for the customer list: the message's text, or its kind when it has none (an image, a location). */
export function payloadPreview(payload: MessagePayload): string {
  const text = payloadText(payload).replace(/\s+/g, ' ');
  if (text === '') return `[${payload.type.toLowerCase()}]`;
  return text.length > previewLength ? `${text.slice(0, previewLength - 1)}…` : text;
}
