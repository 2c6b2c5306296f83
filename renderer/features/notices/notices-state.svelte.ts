/**
 * Things main wants the agent to know that belong to no single request (`app:notice`): a rebuilt cache, a keychain
 * fallback. Information fades by itself; warnings and errors stay until the agent dismisses them.
 */
import type { InboxBridge } from '../../../common/contract';
import type { AppNotice } from '../../../common/contract/app';

export interface Notice extends AppNotice {
  id: number;
}

const infoLifetimeMs = 8_000;
/** A burst of notices (a flapping network) must not bury the screen: the oldest go first. */
const maxNotices = 4;

export class NoticesState {
  items = $state.raw<Notice[]>([]);
  #nextId = 1;
  /** Fade-out timers of the information notices shown (a handful at most). */
  #timers: Array<{ id: number; timer: ReturnType<typeof setTimeout> }> = [];

  constructor(private readonly bridge: InboxBridge) {}

  /** Listens for `app:notice`; returns the function that stops listening. */
  listen(): () => void {
    const stop = this.bridge.on('app:notice', (notice) => this.add(notice));
    return () => {
      stop();
      for (const { timer } of this.#timers) clearTimeout(timer);
      this.#timers = [];
    };
  }

  add(notice: AppNotice): void {
    const last = this.items.at(-1);
    if (last !== undefined && last.level === notice.level && last.message === notice.message) return;
    const item: Notice = { ...notice, id: this.#nextId++ };
    const kept = [...this.items, item];
    for (const dropped of kept.slice(0, Math.max(0, kept.length - maxNotices))) this.#clearTimer(dropped.id);
    this.items = kept.slice(-maxNotices);
    if (notice.level === 'info') {
      this.#timers.push({ id: item.id, timer: setTimeout(() => this.dismiss(item.id), infoLifetimeMs) });
    }
  }

  dismiss(id: number): void {
    this.#clearTimer(id);
    this.items = this.items.filter((item) => item.id !== id);
  }

  #clearTimer(id: number): void {
    for (const entry of this.#timers) if (entry.id === id) clearTimeout(entry.timer);
    this.#timers = this.#timers.filter((entry) => entry.id !== id);
  }
}
