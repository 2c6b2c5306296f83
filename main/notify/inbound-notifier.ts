/**
 * Decides which of customers' new messages become OS notifications, and keeps the app's unread badge current. It
 * only decides: showing a notification and setting the badge are ports (Electron's in main/electron/notifications.ts,
 * none in browser mode), so the rules are tested here without Electron.
 *
 * Rules: nothing for the conversation the agent is looking at (window focused, conversation open); one
 * notification per customer per burst of news; at most `perMinute` notifications in any minute, after which the
 * customers held back are counted in one summary once the minute is over.
 */
import type { NotificationPrefs } from '../../common/contract/notifications';
import type { SyncFocus } from '../../common/contract/sync';
import { payloadPreview, type Customer, type MessageRecord, type UnreadCounts } from '../../common/domain';
import type { Result } from '../../common/result';
import { systemClock, type Clock } from '../api/retry';
import type { InboundNews } from '../sync/sync-engine';

export interface InboxNotification {
  /** The conversation a click opens; absent for the summary, whose click only brings the window forward. */
  customerId?: string;
  title: string;
  body: string;
}

export interface NotificationPorts {
  show(notification: InboxNotification): void;
  /** The number of unread messages, shown on the app's icon; 0 clears it. */
  setBadge(count: number): void;
}

/** Ports that do nothing: browser mode, where the page is a tab and the OS is not ours to notify through. */
export const silentNotificationPorts: NotificationPorts = { show: () => undefined, setBadge: () => undefined };

/** What the notifier reads of the signed-in account's cache. */
export interface NotifierCache {
  getCustomer(id: string): Result<Customer | null>;
  unreadCounts(): Result<UnreadCounts>;
}

export interface InboundNotifierOptions {
  ports: NotificationPorts;
  cache: NotifierCache;
  prefs: () => NotificationPrefs;
  clock?: Clock;
  /** At most this many notifications in any minute (5 by default). */
  perMinute?: number;
}

const MINUTE_MS = 60_000;
/**
 * The badge follows list changes at most this often. Reading the unread totals is cheap now (counters kept by
 * triggers, 0.05 ms in bench/cache.ts's cache.unread_counts_p95), but a sync look changes the list once per page and
 * per history: the badge moves once the burst settles, not through every intermediate count.
 */
const BADGE_SETTLE_MS = 1000;

export class InboundNotifier {
  readonly #options: InboundNotifierOptions;
  readonly #clock: Clock;
  readonly #perMinute: number;
  #focus: SyncFocus = { windowFocused: false, visible: false };
  /** When each notification of the last minute was shown. */
  #shownAt: number[] = [];
  /** Customers whose news the limit held back, for the summary. */
  readonly #held = new Set<string>();
  #summaryPending = false;
  #badgePending = false;
  readonly #closed = new AbortController();
  #badge: number | undefined;

  constructor(options: InboundNotifierOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#perMinute = options.perMinute ?? 5;
  }

  /** What the agent is looking at, as the renderer reports it for sync (`sync:focus`). */
  setFocus(focus: SyncFocus): void {
    this.#focus = focus;
  }

  /** A customer wrote: maybe a notification; the badge follows in any case. */
  inbound(news: InboundNews): void {
    this.refreshBadge();
    const newest = news.messages.at(-1);
    if (this.#closed.signal.aborted || newest === undefined || !this.#options.prefs().enabled) return;
    if (this.#focus.windowFocused && this.#focus.customerId === news.customerId) return;
    const now = this.#clock.now();
    this.#shownAt = this.#shownAt.filter((at) => now - at < MINUTE_MS);
    if (this.#shownAt.length < this.#perMinute) {
      this.#show({ customerId: news.customerId, title: this.#displayName(news.customerId), body: this.#body(news.messages, newest) });
      return;
    }
    this.#held.add(news.customerId);
    this.#scheduleSummary();
  }

  /** The customer list changed (news, a conversation read, a send): the badge follows once the changes settle. */
  listChanged(): void {
    if (this.#badgePending || this.#closed.signal.aborted) return;
    this.#badgePending = true;
    void this.#clock.sleep(BADGE_SETTLE_MS, this.#closed.signal).then((completed) => {
      this.#badgePending = false;
      if (completed) this.refreshBadge();
    });
  }

  /** Sets the badge to the cache's unread total, when it changed. */
  refreshBadge(): void {
    if (this.#closed.signal.aborted) return;
    const counts = this.#options.cache.unreadCounts();
    if (counts.ok) this.#setBadge(counts.value.messages);
  }

  /** Signed out: no summary comes any more, and the badge goes. */
  close(): void {
    if (this.#closed.signal.aborted) return;
    this.#setBadge(0);
    this.#closed.abort();
  }

  #show(notification: InboxNotification): void {
    this.#shownAt.push(this.#clock.now());
    this.#options.ports.show(notification);
  }

  #setBadge(count: number): void {
    if (count === this.#badge) return;
    this.#badge = count;
    this.#options.ports.setBadge(count);
  }

  /** The summary comes when the oldest notification of the minute leaves it, counting everyone held until then. */
  #scheduleSummary(): void {
    if (this.#summaryPending) return;
    this.#summaryPending = true;
    const oldest = this.#shownAt[0] ?? this.#clock.now();
    const wait = Math.max(0, oldest + MINUTE_MS - this.#clock.now());
    void this.#clock.sleep(wait, this.#closed.signal).then((completed) => {
      this.#summaryPending = false;
      if (!completed) return;
      const count = this.#held.size;
      this.#held.clear();
      if (count === 0 || !this.#options.prefs().enabled) return;
      const body = count === 1 ? '1 more conversation has new messages' : `${count} more conversations have new messages`;
      this.#show({ title: 'New messages', body });
    });
  }

  #displayName(customerId: string): string {
    const customer = this.#options.cache.getCustomer(customerId);
    if (!customer.ok || customer.value === null) return 'A customer';
    const name = customer.value.name?.trim() ?? '';
    return name !== '' ? name : customer.value.phone;
  }

  #body(messages: readonly MessageRecord[], newest: MessageRecord): string {
    const showText = this.#options.prefs().showMessageText;
    if (messages.length === 1) return showText ? payloadPreview(newest.payload) : 'New message';
    const count = `${messages.length} new messages`;
    return showText ? `${count}: ${payloadPreview(newest.payload)}` : count;
  }
}
