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
  type PickedFile,
} from '../../common/contract';
import { MAX_MEDIA_BYTES } from '../../common/api-decisions';
import { fileTooLarge } from '../../common/media-acceptance';
import { WEB_MEDIA_UPLOAD_PATH } from '../../common/media-url';
import { fail, InboxError, ok, type Result } from '../../common/result';
import { z } from 'zod';

const InvokeReply = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: InboxError }),
]);
const EventMessage = z.object({ event: z.string(), payload: z.unknown() });
const StagedReply = z.union([
  z.object({ ok: z.literal(true), value: z.object({ reference: z.string().min(1) }) }),
  z.object({ ok: z.literal(false), error: InboxError }),
]);

const hostGone = 'The 2-Way Inbox host is not answering. Is `npm run web` still running?';

/** POSTs to the host and reads its JSON answer; a dead host, a refused page or a non-JSON answer is an error value. */
async function postToHost(path: string, init: { headers: Record<string, string>; body: BodyInit }): Promise<Result<unknown>> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', credentials: 'same-origin', ...init });
  } catch {
    return fail('NETWORK', hostGone, { retryable: true });
  }
  if (response.status === 403) {
    return fail('FORBIDDEN_CALLER', 'This page is not authorised: open the link the 2-Way Inbox host printed.');
  }
  try {
    return ok(await response.json());
  } catch {
    return fail('INTERNAL', `The host answered ${response.status} without JSON`, { retryable: true });
  }
}

/**
 * Streams a file to the host's staged-upload route (main/media/web-media.ts), which answers its reference. A file
 * over the service's limit is refused here, by its size, before 50 MB and more cross to the host for nothing.
 */
async function stageFile(file: PickedFile): Promise<Result<string>> {
  if (file.size > MAX_MEDIA_BYTES) return fileTooLarge(file.name);
  const answer = await postToHost(WEB_MEDIA_UPLOAD_PATH, {
    headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) },
    body: file,
  });
  if (!answer.ok) return answer;
  const parsed = StagedReply.safeParse(answer.value);
  if (!parsed.success) return fail('INTERNAL', 'The host answered the upload outside the contract');
  return parsed.data.ok ? ok(parsed.data.value.reference) : parsed.data;
}

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
      const answer = await postToHost('/ipc/invoke', {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ channel, input }),
      });
      if (!answer.ok) return answer;
      const parsed = InvokeReply.safeParse(answer.value);
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
    fileReference: stageFile,
  };
}
