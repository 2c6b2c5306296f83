/**
 * Channels about one conversation as the agent reads it: fetching history older than the cache holds as the agent
 * scrolls up, and marking it read once its messages were on screen. Read state is local to this app (the reference
 * has no read receipt for agents), so marking read only changes the cache.
 */
import { z } from 'zod';
import { Timestamp } from '../domain';

export const MarkReadRequest = z.strictObject({
  customerId: z.string().min(1),
  /** The newest message the agent saw, by key or by its `sent` time; by default everything the cache holds. */
  through: z.union([Timestamp, z.string().min(1)]).optional(),
});
export type MarkReadRequest = z.infer<typeof MarkReadRequest>;

export const LoadOlderRequest = z.strictObject({ customerId: z.string().min(1) });
export type LoadOlderRequest = z.infer<typeof LoadOlderRequest>;

export const LoadOlderResult = z.strictObject({
  /** Messages the cache did not hold before; the renderer reads them with `messages:window` (`before`). */
  added: z.number().int().nonnegative(),
  /** The service proved the cache now holds the conversation's first message (its `total`, or an empty page). */
  reachedStart: z.boolean(),
});
export type LoadOlderResult = z.infer<typeof LoadOlderResult>;

export const conversationChannels = {
  /**
   * Fetches the page of history just older than the oldest message the cache holds from the service (newest first,
   * by offset) into the cache; emits `messages:changed`. Fails (NETWORK, TIMEOUT...) when the service cannot answer.
   */
  'conversation:load-older': { input: LoadOlderRequest, output: LoadOlderResult },
  /** Answers how many messages of this customer are still unread (newer than `through`); emits `customers:changed`. */
  'conversation:mark-read': {
    input: MarkReadRequest,
    output: z.strictObject({ unreadCount: z.number().int().nonnegative() }),
  },
} as const;
