/**
 * Browser mode's `window.inbox`: the same contract as the preload's bridge, carried over HTTP to the loopback host
 * (`POST /ipc/invoke`) with events as server-sent events. The launch cookie authenticates every request.
 */
import {
  isEventName,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type EventName,
  type EventPayload,
  type InboxBridge,
} from '../../common/contract';
import { fail, InboxError, type Result } from '../../common/result';
import { z } from 'zod';

const InvokeReply = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: InboxError }),
]);
const EventMessage = z.object({ event: z.string(), payload: z.unknown() });

export function createWebBridge(): InboxBridge {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSource | undefined;

  function ensureEventSource(): void {
    if (source !== undefined) return;
    source = new EventSource('/ipc/events');
    source.onmessage = (message: MessageEvent<string>) => {
      let json: unknown;
      try {
        json = JSON.parse(message.data);
      } catch {
        return;
      }
      const parsed = EventMessage.safeParse(json);
      if (!parsed.success || !isEventName(parsed.data.event)) return;
      for (const listener of listeners.get(parsed.data.event) ?? []) listener(parsed.data.payload);
    };
  }

  return {
    async invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
      let response: Response;
      try {
        response = await fetch('/ipc/invoke', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ channel, input }),
        });
      } catch {
        return fail('NETWORK', 'The 2-Way Inbox host is not answering. Is `npm run web` still running?', {
          retryable: true,
        });
      }
      if (response.status === 403) {
        return fail('FORBIDDEN_CALLER', 'This page is not authorised: open the link the 2-Way Inbox host printed.');
      }
      let json: unknown;
      try {
        json = await response.json();
      } catch {
        return fail('INTERNAL', `The host answered ${response.status} without JSON`, { retryable: true });
      }
      const parsed = InvokeReply.safeParse(json);
      if (!parsed.success) return fail('INTERNAL', 'The host answered outside the contract');
      // Main parsed this value against the channel's output schema before sending it.
      return parsed.data as Result<ChannelOutput<C>>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      ensureEventSource();
      const set = listeners.get(event) ?? new Set();
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      listeners.set(event, set);
      return () => set.delete(untyped);
    },
  };
}
