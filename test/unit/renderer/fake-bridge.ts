/**
 * A typed stand-in for `window.inbox` in component tests: each channel answers through a handler the test gives
 * (or fails as main does for a channel it lacks), every call is recorded, and the test emits events by hand.
 */
import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload, InboxBridge, PickedFile } from '../../../common/contract';
import { fail, ok, type Result } from '../../../common/result';

export type FakeHandlers = {
  [C in ChannelName]?: (input: ChannelInput<C>) => Result<ChannelOutput<C>> | Promise<Result<ChannelOutput<C>>>;
};

export interface RecordedCall {
  channel: ChannelName;
  input: unknown;
}

export class FakeBridge implements InboxBridge {
  readonly calls: RecordedCall[] = [];
  readonly #listeners = new Map<EventName, Set<(payload: never) => void>>();

  /** The files handed to `fileReference`, in order. */
  readonly referencedFiles: PickedFile[] = [];
  /** How `fileReference` answers: by default a path named after the file, like the preload's. */
  referenceFor: (file: PickedFile) => Result<string> = (file) => ok(`/home/agent/Downloads/${file.name}`);

  constructor(private readonly handlers: FakeHandlers = {}) {}

  fileReference(file: PickedFile): Promise<Result<string>> {
    this.referencedFiles.push(file);
    return Promise.resolve(this.referenceFor(file));
  }

  /** Replaces how one channel answers from now on. */
  answer<C extends ChannelName>(channel: C, handler: NonNullable<FakeHandlers[C]>): void {
    (this.handlers as Record<string, unknown>)[channel] = handler;
  }

  async invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
    this.calls.push({ channel, input });
    const handler = this.handlers[channel] as ((input: ChannelInput<C>) => Result<ChannelOutput<C>> | Promise<Result<ChannelOutput<C>>>) | undefined;
    if (handler === undefined) return fail('UNKNOWN_CHANNEL', `The fake bridge has no handler for ${channel}`);
    return handler(input);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.#listeners.get(event) ?? new Set();
    set.add(listener as (payload: never) => void);
    this.#listeners.set(event, set);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners.get(event) ?? []) (listener as (payload: EventPayload<E>) => void)(payload);
  }

  /** The inputs of every call to one channel, in order. */
  inputsOf<C extends ChannelName>(channel: C): ChannelInput<C>[] {
    return this.calls.filter((call) => call.channel === channel).map((call) => call.input as ChannelInput<C>);
  }

  listenerCount(event: EventName): number {
    return this.#listeners.get(event)?.size ?? 0;
  }
}

/** A promise the test settles by hand, to hold a channel's answer while it looks at the busy state. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

export { ok, fail };
