/**
 * The sync line's words: how fresh the list is, or what went wrong with the last look and how long until the next
 * one (counted down, so an agent can tell a service that keeps failing from one that is merely slow).
 */
import type { SyncStatus } from '../../../common/contract/sync';
import { describeError } from '../../lib/error-words';
import { formatFreshness } from '../../lib/time';

export type SyncTone = 'quiet' | 'busy' | 'trouble';

const second = 1000;

/** "in 12 s", "in 2 min 5 s": how long until `retryAt`, to the second; "now" once it has passed. */
export function describeNextTry(retryAt: number | undefined, now: number): string {
  if (retryAt === undefined) return '';
  const seconds = Math.ceil((retryAt - now) / second);
  if (seconds <= 0) return 'Trying again now…';
  if (seconds < 60) return `Trying again in ${seconds} s.`;
  const rest = seconds % 60;
  return `Trying again in ${Math.floor(seconds / 60)} min${rest === 0 ? '' : ` ${rest} s`}.`;
}

export function describeSync(status: SyncStatus | undefined, lastSyncedAt: number | null, now: number): { tone: SyncTone; text: string } {
  const nextTry = describeNextTry(status?.retryAt, now);
  const freshness = formatFreshness(lastSyncedAt, now);
  switch (status?.state) {
    case 'syncing':
      return { tone: 'busy', text: 'Syncing with the service…' };
    case 'offline': {
      const why = status.lastError ? describeError(status.lastError) : "Can't reach the service.";
      return { tone: 'trouble', text: `Offline: ${why} ${nextTry} ${freshness}.`.replace(/\s+/g, ' ') };
    }
    case 'failing': {
      const why = status.lastError ? describeError(status.lastError) : 'The service answered with an error.';
      return { tone: 'trouble', text: `Sync failed: ${why} ${nextTry} ${freshness}.`.replace(/\s+/g, ' ') };
    }
    case 'rate-limited':
      return { tone: 'trouble', text: `The service asked us to slow down. ${nextTry}`.trim() };
    default:
      return { tone: 'quiet', text: freshness };
  }
}
