/**
 * Channels and events of the sync engine: how fresh the inbox is (and why not), a manual refresh, and what the
 * renderer is looking at, which decides how often the engine asks the server for news.
 */
import { z } from 'zod';
import { Timestamp } from '../domain';
import { InboxError } from '../result';

/** `failing`: the service answers, but with errors (a 503, a 500); `lastError` says which and `retryAt` when again. */
export const SyncState = z.enum(['online', 'offline', 'syncing', 'failing', 'rate-limited', 'signed-out']);
export type SyncState = z.infer<typeof SyncState>;

export const SyncStatus = z.object({
  state: SyncState,
  /** When a full look for changes last succeeded. */
  lastSyncedAt: Timestamp.optional(),
  /** Why the last attempt failed; cleared by the next success. */
  lastError: InboxError.optional(),
  /** When the engine will try again while offline, failing or rate-limited. */
  retryAt: Timestamp.optional(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** What the agent is looking at: the open conversation is polled fast only while its window is focused. */
export const SyncFocus = z.strictObject({
  customerId: z.string().min(1).optional(),
  windowFocused: z.boolean(),
  visible: z.boolean(),
});
export type SyncFocus = z.infer<typeof SyncFocus>;

const NoInput = z.strictObject({});
const Done = z.strictObject({});

export const syncChannels = {
  'sync:status': { input: NoInput, output: SyncStatus },
  /** Looks for changes now (after any Retry-After the server asked for) and answers the status once done. */
  'sync:now': { input: NoInput, output: SyncStatus },
  'sync:focus': { input: SyncFocus, output: Done },
  /** The operating system's view of the network: going online triggers an immediate catch-up. */
  'sync:network': { input: z.strictObject({ online: z.boolean() }), output: Done },
} as const;

export const syncEvents = {
  'sync:status': SyncStatus,
} as const;
