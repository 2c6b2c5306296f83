/**
 * Contract events from main's services to whichever windows are listening. Services emit typed payloads; the
 * transports (Electron's webContents, browser mode's server-sent events) subscribe to everything and forward it.
 */
import { events, type EventName, type EventPayload } from '../../common/contract';
import { AppNotice } from '../../common/contract/app';

export type EventListener = (event: EventName, payload: unknown) => void;

/** Warnings and errors kept for windows that connect later; a burst (a flapping disk) keeps its newest. */
const keptNoticeLimit = 20;

function sameNotice(a: AppNotice, b: AppNotice): boolean {
  return a.level === b.level && a.message === b.message;
}

export class EventBus {
  readonly #listeners = new Set<EventListener>();
  #notices: AppNotice[] = [];

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    // A payload that breaks the contract is a bug in main; failing here names the emitter instead of the renderer.
    const checked = events[event].parse(payload);
    if (event === 'app:notice') this.#keep(AppNotice.parse(checked));
    for (const listener of this.#listeners) listener(event, checked);
  }

  /**
   * The warnings and errors sent so far and not dismissed (`app:notices`): an event reaches only the windows
   * listening when it is sent, and a damaged cache is found while main starts, before any window listens.
   * Information is not kept: it fades by itself anyway.
   */
  notices(): AppNotice[] {
    return [...this.#notices];
  }

  dismissNotice(notice: AppNotice): void {
    this.#notices = this.#notices.filter((kept) => !sameNotice(kept, notice));
  }

  #keep(notice: AppNotice): void {
    if (notice.level === 'info') return;
    this.#notices = [...this.#notices.filter((kept) => !sameNotice(kept, notice)), notice].slice(-keptNoticeLimit);
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
