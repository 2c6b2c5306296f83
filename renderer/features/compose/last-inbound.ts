/** When the customer last wrote through an agent: what WhatsApp's 24-hour window counts from. */
import type { Message } from '../../../common/domain';

/**
 * The newest customer message through `agentId` among `messages` (null: none, or no agent yet). WhatsApp opens the
 * window per business number, so messages through another agent do not count.
 */
export function lastInboundAt(messages: readonly Message[], agentId: string | null): number | null {
  if (agentId === null) return null;
  let latest: number | null = null;
  for (const message of messages) {
    if (message.origin === 'CUSTOMER' && message.agentId === agentId && (latest === null || message.sent > latest)) latest = message.sent;
  }
  return latest;
}

/** The later of two times, either possibly unknown (null). */
export function newerOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.max(a, b);
}
