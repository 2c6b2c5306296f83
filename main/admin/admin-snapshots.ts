/**
 * The Administration area readable offline: each read that reaches the service is kept in the account's cache (its
 * keyed state, beside sync's cursors) under its channel and query, and when the service cannot be reached the last
 * copy is answered instead with the time it was read (`savedAt`), for the screen's "Saved copy from …". Only what a
 * channel answers is kept, and no admin channel answers a secret. Writes are never answered from here.
 */
import { channels, type ChannelName, type ChannelOutput } from '../../common/contract';
import type { adminChannels } from '../../common/contract/admin';
import type { ErrorCode, Result } from '../../common/result';
import { ok } from '../../common/result';
import type { Cache } from '../cache/cache';
import type { Handler, HandlerTable } from '../ipc/handler-table';

/** What the snapshots need of the account's cache. */
export type AdminSnapshotStore = Pick<Cache, 'getCursor' | 'setCursor'>;

/** The reads of the area: lists and settings. */
export const adminReadChannels = [
  'admin:channels',
  'admin:whatsapp-templates',
  'admin:keyword-events',
  'admin:templates',
  'admin:settings',
  'admin:media',
] as const satisfies readonly (keyof typeof adminChannels)[];

/** Failures that mean the service was out of reach, not that it refused: a saved copy is worth showing. */
const UNREACHABLE: ReadonlySet<ErrorCode> = new Set(['NETWORK', 'TIMEOUT']);

export function snapshotKey(channel: ChannelName, input: unknown): string {
  return `admin-snapshot:${channel}:${JSON.stringify(input)}`;
}

/**
 * The handler, with its answers kept and given back while offline. A saved copy is parsed against the channel's
 * output like any answer (a cache row is `unknown`); one that no longer parses is not shown, the failure is.
 */
export function readableOffline<C extends ChannelName>(channel: C, handler: Handler<C>, store: AdminSnapshotStore): Handler<C> {
  const output = channels[channel].output;
  return async (input) => {
    const key = snapshotKey(channel, input);
    const answer = await handler(input);
    if (answer.ok) {
      // A cache that cannot be written still lets the screen show what the service said.
      store.setCursor(key, JSON.stringify(answer.value));
      return answer;
    }
    if (!UNREACHABLE.has(answer.error.code)) return answer;
    const saved = store.getCursor(key);
    if (!saved.ok || saved.value === null) return answer;
    const copy = savedCopy(saved.value.value, saved.value.updatedAt, output);
    // `copy` was parsed by this channel's own output schema; TypeScript cannot follow `channels[C]` to its type.
    return copy === undefined ? answer : (ok(copy) as Result<ChannelOutput<C>>);
  };
}

function savedCopy(text: string, savedAt: number, output: (typeof channels)[ChannelName]['output']): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const parsed = output.safeParse({ ...value, savedAt });
  return parsed.success ? parsed.data : undefined;
}

/** The area's handlers with every read kept for offline reading. */
export function withSnapshots<T extends Partial<HandlerTable>>(handlers: T, store: AdminSnapshotStore): T {
  const wrapped: Partial<HandlerTable> = { ...handlers };
  for (const channel of adminReadChannels) {
    const handler = handlers[channel];
    // Each entry keeps its own channel's handler; the loop over a union of channels loses that pairing.
    if (handler !== undefined) Object.assign(wrapped, { [channel]: readableOffline(channel, handler as Handler<typeof channel>, store) });
  }
  return wrapped as T;
}
