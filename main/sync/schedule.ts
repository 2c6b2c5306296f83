/**
 * When the sync engine asks the server again: how often, by what the agent is looking at and how long nothing has
 * changed. Pure functions over a policy, so the timing is tested without a clock.
 */
import type { SyncFocus } from '../../common/contract/sync';
import type { Backoff } from '../scheduling/backoff';

export interface SyncPolicy {
  /** The open conversation, while its window is focused and visible. */
  openConversationMs: number;
  /** After this long with nothing new there, the open conversation's interval grows... */
  openIdleAfterMs: number;
  /** ...up to this. */
  openConversationMaxMs: number;
  /** The look for changed customers while the window is focused, visible but not focused, and hidden. */
  focusedMs: number;
  visibleMs: number;
  hiddenMs: number;
  /** Each look that finds nothing multiplies the interval by this, up to `maxIdleFactor` times the base. */
  idleGrowth: number;
  maxIdleFactor: number;
  maxIntervalMs: number;
  /** Each interval is moved at random by up to this share either way. */
  jitter: number;
  /** Waits after failed looks; Retry-After is honoured on top. */
  errorBackoff: Backoff;
  /** While the system says it is offline, a look is still tried this often, in case it is wrong. */
  offlineProbeMs: number;
  /** Focus changes closer together than this trigger one catch-up, not one each. */
  catchUpMinGapMs: number;
  /** A sleep that ends this much later than asked means the computer was asleep: catch up at once. */
  sleepDetectMs: number;
  /** Requests in flight at once for histories. */
  concurrency: number;
  /** Customer pages: the first fill reads big pages, later looks small ones (they usually stop at the first). */
  initialCustomersPageSize: number;
  customersPageSize: number;
  /** Histories fetched by the first fill (newest conversations first); the rest are fetched when opened or changed. */
  initialHistories: number;
  historyPageSize: number;
  /** The page asked for when polling the open conversation or refreshing statuses. */
  recentPageSize: number;
  /** Outgoing messages are watched for status changes this long after they were sent... */
  statusWatchMs: number;
  /** ...at most this many conversations per look. */
  maxStatusRefreshes: number;
  /** Channels and agents are fetched at start and again after this long. */
  channelsRefreshMs: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

export const defaultSyncPolicy: SyncPolicy = {
  openConversationMs: 1.5 * SECOND,
  openIdleAfterMs: 2 * MINUTE,
  openConversationMaxMs: 10 * SECOND,
  focusedMs: 10 * SECOND,
  visibleMs: 30 * SECOND,
  hiddenMs: 2 * MINUTE,
  idleGrowth: 1.5,
  maxIdleFactor: 6,
  maxIntervalMs: 10 * MINUTE,
  jitter: 0.2,
  errorBackoff: { baseMs: 2 * SECOND, maxMs: 5 * MINUTE },
  offlineProbeMs: MINUTE,
  catchUpMinGapMs: 2 * SECOND,
  sleepDetectMs: MINUTE,
  concurrency: 4,
  initialCustomersPageSize: 200,
  customersPageSize: 50,
  initialHistories: 50,
  historyPageSize: 50,
  recentPageSize: 20,
  statusWatchMs: 10 * MINUTE,
  maxStatusRefreshes: 10,
  channelsRefreshMs: 30 * MINUTE,
};

/** Whether the agent is looking at the open conversation right now. */
export function watchingConversation(focus: SyncFocus): focus is SyncFocus & { customerId: string } {
  return focus.customerId !== undefined && focus.windowFocused && focus.visible;
}

/** The wait before the next look for changed customers (before jitter), after `idleLooks` looks found nothing. */
export function listInterval(focus: SyncFocus, idleLooks: number, policy: SyncPolicy): number {
  const base = focus.windowFocused && focus.visible ? policy.focusedMs : focus.visible ? policy.visibleMs : policy.hiddenMs;
  const factor = Math.min(policy.maxIdleFactor, policy.idleGrowth ** idleLooks);
  return Math.min(policy.maxIntervalMs, base * factor);
}

/** The wait before polling the open conversation again (before jitter), given how long it has been quiet. */
export function openConversationInterval(quietForMs: number, policy: SyncPolicy): number {
  if (quietForMs < policy.openIdleAfterMs) return policy.openConversationMs;
  const grown = policy.openConversationMs * (1 + (quietForMs - policy.openIdleAfterMs) / policy.openIdleAfterMs);
  return Math.min(policy.openConversationMaxMs, grown);
}
