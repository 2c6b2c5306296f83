/**
 * Contract events from main's services to whichever windows are listening. Services emit typed payloads; the
 * transports (Electron's webContents, browser mode's server-sent events) subscribe to everything and forward it.
 */
import { events, type EventName, type EventPayload } from '../../common/contract';

export type EventListener = (event: EventName, payload: unknown) => void;

export class EventBus {
  readonly #listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    // A payload that breaks the contract is a bug in main; failing here names the emitter instead of the renderer.
    const checked = events[event].parse(payload);
    for (const listener of this.#listeners) listener(event, checked);
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
