/**
 * Things main wants the agent to know that belong to no single request (`app:notice`): a rebuilt cache, a keychain
 * fallback. Information fades by itself; warnings and errors stay until the agent dismisses them. Main keeps the
 * warnings and errors it sent before this window listened (`app:notices`: a cache found damaged while main
 * started, a page reloaded), so they are read at start; a dismissal is passed on, so later windows skip it.
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

  /** Listens for `app:notice`, then reads those sent before; returns the function that stops listening. */
  listen(): () => void {
    const stop = this.bridge.on('app:notice', (notice) => this.add(notice));
    void this.#readEarlier();
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
    const dismissed = this.items.find((item) => item.id === id);
    this.#clearTimer(id);
    this.items = this.items.filter((item) => item.id !== id);
    if (dismissed !== undefined && dismissed.level !== 'info') {
      // Only main's memory of it for later windows: nothing to tell the agent if that fails.
      void this.bridge.invoke('app:dismiss-notice', { level: dismissed.level, message: dismissed.message });
    }
  }

  /** Adds the kept notices this window has not shown (one may also have arrived as an event meanwhile). */
  async #readEarlier(): Promise<void> {
    const kept = await this.bridge.invoke('app:notices', {});
    if (!kept.ok) return;
    for (const notice of kept.value.notices) {
      const shown = this.items.some((item) => item.level === notice.level && item.message === notice.message);
      if (!shown) this.add(notice);
    }
  }

  #clearTimer(id: number): void {
    for (const entry of this.#timers) if (entry.id === id) clearTimeout(entry.timer);
    this.#timers = this.#timers.filter((entry) => entry.id !== id);
  }
}
