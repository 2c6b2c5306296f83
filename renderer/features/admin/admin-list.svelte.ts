/**
 * One page-at-a-time list of the Administration area (keyword events, templates): loaded from main, searched by
 * the service, grown with "Show more", and read again after a change or when an item turns out to be gone.
 */
import type { InboxError, Result } from '../../../common/result';

export const ADMIN_PAGE_SIZE = 50;

export interface AdminPage<T> {
  items: T[];
  total: number;
  /** Set when the page is a saved copy (the service was out of reach): when it was read. */
  savedAt?: number | undefined;
}

export type PageLoader<T> = (request: { offset: number; limit: number; search?: string }) => Promise<Result<AdminPage<T>>>;

export class AdminList<T> {
  items = $state.raw<T[]>([]);
  total = $state(0);
  loading = $state(false);
  loaded = $state(false);
  error = $state.raw<InboxError | undefined>(undefined);
  search = $state('');
  /** When the items shown are a saved copy, the time it was read from the service. */
  savedAt = $state<number | undefined>(undefined);
  #generation = 0;

  constructor(private readonly loadPage: PageLoader<T>) {}

  get hasMore(): boolean {
    return this.items.length < this.total;
  }

  /** Reads the first page again (after a change, a search, a filter). */
  async reload(): Promise<void> {
    await this.#load(0, Math.max(ADMIN_PAGE_SIZE, this.items.length), []);
  }

  async more(): Promise<void> {
    if (this.loading || !this.hasMore) return;
    await this.#load(this.items.length, ADMIN_PAGE_SIZE, this.items);
  }

  async #load(offset: number, limit: number, before: T[]): Promise<void> {
    const generation = ++this.#generation;
    this.loading = true;
    const search = this.search.trim();
    const answer = await this.loadPage({ offset, limit: Math.min(limit, 100), ...(search === '' ? {} : { search }) });
    // A newer load (a search typed meanwhile) wins; this answer is stale.
    if (generation !== this.#generation) return;
    this.loading = false;
    this.loaded = true;
    if (!answer.ok) {
      this.error = answer.error;
      return;
    }
    this.error = undefined;
    this.items = [...before, ...answer.value.items];
    this.total = answer.value.total;
    this.savedAt = answer.value.savedAt;
  }
}
