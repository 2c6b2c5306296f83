/**
 * Reconciling a send whose outcome is unknown (the request left, the answer was lost). The API has no idempotency
 * key, so the only way to know is to look: the customer's history, newest first, back to when the send was
 * queued, for a message our agent sent (origin AGENT, the agent the send went through) carrying the payload we
 * sent, that no other send of ours has already claimed. Found: it was sent. Absent: it was not, and trying again
 * cannot make a second copy. "When the send was queued" is read on the service's clock, which may run minutes
 * ahead of or behind ours: the offset its Date headers show is applied, so neither an older message with the same
 * words (clock ahead: ours would be lost) nor our own copy (clock behind: ours would be sent twice) is misjudged.
 */
import { AGENT_SEND_ORIGIN } from '../../common/api-decisions';
import type { MessageRecord, OutboxItem } from '../../common/domain';
import { ok, type Result } from '../../common/result';
import type { Remote } from '../remote/remote';

export interface ReconcileOptions {
  /**
   * How far the service's clock may be from where its last Date header put it (or from ours, before any header
   * came): messages this much older than the send, by that clock, still count.
   */
  clockSkewMs: number;
  pageSize: number;
  /** A history this deep that still has not reached the send's time is not read further. */
  maxPages: number;
  signal?: AbortSignal;
}

/** The server's message id; `absent` (never arrived); or `undecidable` (the history is too busy to read back that far). */
export type ReconcileVerdict = { found: string } | 'absent' | 'undecidable';

/**
 * Whether `actual` holds everything `expected` does: the server may add fields to a payload (ids, defaults) but
 * does not drop or change what was sent.
 */
export function containsPayload(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return Object.is(actual, expected);
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((item, index) => containsPayload(actual[index], item));
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
  const fields = actual as Record<string, unknown>;
  return Object.entries(expected).every(([key, value]) => value === undefined || containsPayload(fields[key], value));
}

function isCopyOf(message: MessageRecord, item: OutboxItem, claimed: ReadonlySet<string>): boolean {
  return (
    // A customer's (or a chatbot's, or a broadcast's) message with the same words is not our send.
    message.origin === AGENT_SEND_ORIGIN &&
    message.agentId === item.agentId &&
    !claimed.has(message.messageId) &&
    containsPayload(message.payload, item.payload)
  );
}

/** `claimed`: server ids already attached to other sends of this customer, which cannot be this one's copy. */
export async function reconcileSend(
  remote: Remote,
  item: OutboxItem,
  claimed: ReadonlySet<string>,
  options: ReconcileOptions,
): Promise<Result<ReconcileVerdict>> {
  // Read again after each page: its answer's Date header is the freshest measure of the service's clock.
  const since = () => item.createdAt + (remote.serverClockOffsetMs?.() ?? 0) - options.clockSkewMs;
  // Newest first, so the last match seen is the oldest: the copy made by this send's first attempt that landed.
  let match: string | undefined;
  let offset = 0;
  for (let page = 0; page < options.maxPages; page += 1) {
    const answer = await remote.history(item.customerId, {
      offset,
      limit: options.pageSize,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (!answer.ok) return answer;
    for (const message of answer.value.items) {
      if (message.sent < since()) return ok(match === undefined ? 'absent' : { found: match });
      if (isCopyOf(message, item, claimed)) match = message.messageId;
    }
    const received = answer.value.items.length + answer.value.skipped;
    offset += received;
    if (received < options.pageSize || offset >= answer.value.total) return ok(match === undefined ? 'absent' : { found: match });
  }
  return ok(match === undefined ? 'undecidable' : { found: match });
}
