/** How windows of one conversation join: oldest first by (sent, key), each message once. */
import type { Message } from '../../../common/domain';

function isOlder(message: Message, than: Message): boolean {
  return message.sent < than.sent || (message.sent === than.sent && message.key < than.key);
}

/** An older window read while scrolling up, put in front of what is shown. */
export function prependOlder(shown: readonly Message[], older: readonly Message[]): Message[] {
  const known = new Set(shown.map((message) => message.key));
  return [...older.filter((message) => !known.has(message.key)), ...shown];
}

/** A newer page appended after what is shown, without the messages already there; `added` is how many were new. */
export function appendNewer(shown: readonly Message[], newer: readonly Message[]): { items: Message[]; added: number } {
  const known = new Set(shown.map((message) => message.key));
  const added = newer.filter((message) => !known.has(message.key));
  return { items: [...shown, ...added], added: added.length };
}

/**
 * A freshly read newest window replacing its span of what is shown (new messages, new statuses), after the older
 * messages already loaded. `keptOlder` says whether any were kept, so the caller knows whose `hasOlder` holds.
 */
export function replaceNewest(shown: readonly Message[], newest: readonly Message[]): { items: Message[]; keptOlder: boolean } {
  const first = newest[0];
  const older = first === undefined ? [] : shown.filter((message) => isOlder(message, first));
  return { items: [...older, ...newest], keptOlder: older.length > 0 };
}
