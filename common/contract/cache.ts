/**
 * Channels that read the local cache: a page of customers, a window of one conversation, unread counts. They answer
 * at once from what main already holds and say how fresh it is; the `…:changed` events tell the renderer which rows
 * to ask for again after the sync engine or the outbox wrote. Lists never cross whole: pages and windows, by key.
 */
import { z } from 'zod';
import { Channel, ChannelType, Customer, CustomerCursor, Freshness, Message, MessageCursor, UnreadCounts } from '../domain';

export const maxPageSize = 200;
const PageSize = z.number().int().min(1).max(maxPageSize).default(50);

export const CustomerPageQuery = z
  .object({
    /** The `nextCursor` of the previous page; absent for the first page. */
    after: CustomerCursor.optional(),
    limit: PageSize,
    /** Name words or phone digits, matched as prefixes. */
    search: z.string().max(200).optional(),
    channelId: z.string().min(1).optional(),
    /** Customers who talk to any channel of this type. */
    channelType: ChannelType.optional(),
    unreadOnly: z.boolean().optional(),
  })
  .strict();
export type CustomerPageQuery = z.infer<typeof CustomerPageQuery>;

export const CustomerPage = z.object({
  /** Newest conversation first. */
  items: z.array(Customer),
  /** Where the next page starts; absent when this page is the last. A page may be short and still have a next. */
  nextCursor: CustomerCursor.optional(),
  freshness: Freshness,
});
export type CustomerPage = z.infer<typeof CustomerPage>;

export const MessageWindowQuery = z
  .object({
    customerId: z.string().min(1),
    /** A message key (or server message id): the window is centred on it. */
    around: z.string().min(1).optional(),
    /** Messages just older than this position (scrolling up). */
    before: MessageCursor.optional(),
    /** Messages just newer than this position (scrolling down). */
    after: MessageCursor.optional(),
    limit: PageSize,
  })
  .strict()
  .refine((query) => [query.around, query.before, query.after].filter((anchor) => anchor !== undefined).length <= 1, {
    message: 'Give at most one of around, before and after',
  });
export type MessageWindowQuery = z.infer<typeof MessageWindowQuery>;

export const MessageWindow = z.object({
  /** Oldest first, ordered by (sent, key). */
  items: z.array(Message),
  /** The cache holds messages older than this window: read them with `before`, no service needed. */
  hasOlder: z.boolean(),
  hasNewer: z.boolean(),
  /**
   * Whether the cache holds the conversation's first message, as the service proved (`conversation:load-older`).
   * False: the service may hold messages older than the cache's oldest. Main always says; a window without it
   * (an answer made without an account) claims nothing older.
   */
  startReached: z.boolean().optional(),
  /** When this conversation's history was last fetched from the server. */
  freshness: Freshness,
});
export type MessageWindow = z.infer<typeof MessageWindow>;

/** The most matches one find answers: the status says "1,000+" beyond it rather than moving a huge list. */
export const maxFindMatches = 1000;

export const MessageFindQuery = z.strictObject({
  customerId: z.string().min(1),
  /** Words matched as prefixes of the message text's words, like the list search. */
  text: z.string().max(200),
});
export type MessageFindQuery = z.infer<typeof MessageFindQuery>;

export const MessageFindResult = z.object({
  /** Where each match is, oldest first; open one with `messages:window` `around` its key. */
  matches: z.array(MessageCursor),
  /** More messages matched than `maxFindMatches`: these are the newest of them. */
  truncated: z.boolean(),
});
export type MessageFindResult = z.infer<typeof MessageFindResult>;

export const cacheChannels = {
  'customers:page': { input: CustomerPageQuery, output: CustomerPage },
  'messages:window': { input: MessageWindowQuery, output: MessageWindow },
  'inbox:unread': { input: z.object({}).strict(), output: UnreadCounts },
  /** One customer of the signed-in account's cache, or null when the cache does not hold them (e.g. a notification's). */
  'customers:get': { input: z.strictObject({ id: z.string().min(1) }), output: Customer.nullable() },
  /** Find in conversation: the open customer's cached messages matching words, offline over the search index. */
  'messages:find': { input: MessageFindQuery, output: MessageFindResult },
  /** The account's channels as the cache holds them, for the list's channel filter. */
  'inbox:channels': { input: z.strictObject({}), output: z.array(Channel) },
} as const;

export const cacheEvents = {
  /** These customers changed (new, renamed, new last message, unread count): pages holding them should re-read. */
  'customers:changed': z.object({ ids: z.array(z.string()) }),
  /** These messages (by key) of one conversation were added or changed: an open window should re-read. */
  'messages:changed': z.object({ customerId: z.string(), ids: z.array(z.string()) }),
} as const;
