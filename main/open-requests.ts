/**
 * The conversation something outside the inbox asked to open (a clicked notification, a `twoway-inbox://` link),
 * held in main until the inbox takes it. An event alone is lost whenever no inbox is listening: a link that starts
 * the app arrives while the window is still loading, and one that arrives while the agent is signing in (or before
 * the saved session is restored) names a phone that no account can look up yet. So the request waits here, the
 * event only tells a listening inbox to come and take it, and an inbox that mounts later takes it at start, as
 * `app:notices` are read.
 */
import type { EventBus } from './ipc/event-bus';
import { resolveDeepLink, type CustomerLookup, type DeepLink } from './deep-link';

export interface OpenRequestsOptions {
  events: EventBus;
  /** Phones are looked up in the signed-in account's cache. */
  lookup: CustomerLookup;
  /** Whether an account is signed in: until one is, a phone link is kept rather than found to name nobody. */
  signedIn: () => boolean;
}

export class OpenRequests {
  readonly #options: OpenRequestsOptions;
  /** Only the latest request counts: an agent who clicks two links wants the second conversation. */
  #pending: DeepLink | undefined;

  constructor(options: OpenRequestsOptions) {
    this.#options = options;
  }

  request(link: DeepLink): void {
    this.#pending = link;
    this.#options.events.emit('app:open-requested', {});
  }

  /**
   * The conversation to open now, if any, which is then no longer pending. A phone that names nobody in the
   * signed-in account is dropped with a notice, since it will not name anyone later either.
   */
  async take(): Promise<{ customerId: string } | null> {
    const link = this.#pending;
    if (link === undefined) return null;
    // An id needs no account to be read; a phone does, and is kept for the account that signs in.
    if (link.kind === 'customer-phone' && !this.#options.signedIn()) return null;
    const customerId = await resolveDeepLink(link, this.#options.lookup);
    // A newer request that came in during the lookup is the one to keep.
    if (this.#pending === link) this.#pending = undefined;
    if (customerId !== undefined) return { customerId };
    if (link.kind === 'customer-phone') {
      const message = `The link asked for the customer with phone +${link.phoneDigits}, but this account has no single customer with that number.`;
      this.#options.events.emit('app:notice', { level: 'warning', message });
    }
    return null;
  }
}
