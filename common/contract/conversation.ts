/**
 * Channels about one conversation as the agent reads it: marking it read once its messages were on screen. Read
 * state is local to this app (the reference has no read receipt for agents), so this only changes the cache.
 */
import { z } from 'zod';
import { Timestamp } from '../domain';

export const MarkReadRequest = z.strictObject({
  customerId: z.string().min(1),
  /** The newest message the agent saw, by key or by its `sent` time; by default everything the cache holds. */
  through: z.union([Timestamp, z.string().min(1)]).optional(),
});
export type MarkReadRequest = z.infer<typeof MarkReadRequest>;

export const conversationChannels = {
  /** Answers how many messages of this customer are still unread (newer than `through`); emits `customers:changed`. */
  'conversation:mark-read': {
    input: MarkReadRequest,
    output: z.strictObject({ unreadCount: z.number().int().nonnegative() }),
  },
} as const;
