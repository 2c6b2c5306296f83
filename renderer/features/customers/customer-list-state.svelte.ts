/**
 * The customer list: pages read from main's cache by key (`customers:page` with `after`), a search read on every
 * keystroke (the newest query's answer wins; an older one arriving late is dropped) and an unread-only filter, and re-reads when `customers:changed` says rows moved. Rows live in `$state.raw` because the
 * list may grow to 100k rows as the agent scrolls; every change replaces the array instead of deep-tracking it.
 * Which customers have a draft is read once (`drafts:list`) and then follows `drafts:changed`.
 */
import { SvelteSet } from 'svelte/reactivity';
import type { InboxBridge } from '../../../common/contract';
import type { CustomerPageQuery } from '../../../common/contract/cache';
import type { Customer, CustomerCursor, Freshness, UnreadCounts } from '../../../common/domain';
import type { InboxError } from '../../../common/result';
import { allChannels, filterQuery, sameFilter, type ChannelFilter } from './channel-filter';
import { appendPage, replaceHead, uniqueRows } from './customer-pages';

export const customerPageSize = 50;
/** Sorted by last message time, so a refresh re-reads the top rows; deeper rows rarely move and keep their place. */
const refreshCoverage = 400;
/** The largest page the contract accepts (`maxPageSize` in common/contract/cache.ts). */
const refreshPageSize = 200;

export type CustomerListStatus = 'idle' | 'loading' | 'ready' | 'error';

export class CustomerListState {
  rows = $state.raw<Customer[]>([]);
  nextCursor = $state.raw<CustomerCursor | undefined>(undefined);
  freshness = $state.raw<Freshness | undefined>(undefined);
  status = $state<CustomerListStatus>('idle');
  error = $state.raw<InboxError | undefined>(undefined);
  /** True while a next page is on its way. */
  loadingMore = $state(false);
  /** What the search box shows, as typed. */
  searchText = $state('');
  /** The search the rows answer (the typed text, trimmed). */
  activeSearch = $state('');
  unreadOnly = $state(false);
  /** Which channels' conversations the list shows. */
  channelFilter = $state.raw<ChannelFilter>(allChannels);
  /** The row the keyboard is on. */
  activeId = $state<string | undefined>(undefined);
  /** Unread totals across the inbox, whatever the filter shows. */
  unread = $state.raw<UnreadCounts | undefined>(undefined);
  /** The customers the agent has unsent words for: their rows say "Draft". */
  readonly draftIds = new SvelteSet<string>();

  readonly hasMore = $derived(this.nextCursor !== undefined);
  readonly activeIndex = $derived(this.activeId === undefined ? -1 : this.rows.findIndex((row) => row.id === this.activeId));

  /** Bumped by every new query, so answers to an older query are dropped. */
  #generation = 0;
  #busy = false;
  #refreshWanted = false;
  /** Customers whose draft changed since listening began: the list's answer may be older than what the event said. */
  readonly #draftsChangedSince: Record<string, boolean | undefined> = {};

  constructor(private readonly bridge: InboxBridge) {}

  /** Re-reads when the sync engine or the outbox changed customers; returns the function that stops listening. */
  listen(): () => void {
    const stop = this.bridge.on('customers:changed', () => void this.refresh());
    const stopDrafts = this.bridge.on('drafts:changed', ({ customerId, draft }) => {
      this.#draftsChangedSince[customerId] = true;
      if (draft === null) this.draftIds.delete(customerId);
      else this.draftIds.add(customerId);
    });
    void this.#readDrafts();
    return () => {
      stop();
      stopDrafts();
    };
  }

  /** The first page for the current search and filter, and the unread totals beside it. */
  async reload(): Promise<void> {
    void this.#readUnread();
    await this.#readFirstPage();
  }

  async #readFirstPage(): Promise<void> {
    const generation = ++this.#generation;
    this.#busy = true;
    this.loadingMore = false;
    this.status = 'loading';
    const result = await this.bridge.invoke('customers:page', this.#query({ limit: customerPageSize }));
    if (generation !== this.#generation) return;
    this.#busy = false;
    if (result.ok) {
      this.rows = uniqueRows(result.value.items);
      this.nextCursor = result.value.nextCursor;
      this.freshness = result.value.freshness;
      this.error = undefined;
      this.status = 'ready';
      if (this.activeIndex < 0) this.activeId = undefined;
    } else {
      this.error = result.error;
      this.status = 'error';
    }
    this.#afterLoad();
  }

  /** The next page, after the last row already shown; does nothing when every row is here or a read is running. */
  async loadMore(): Promise<void> {
    const after = this.nextCursor;
    if (after === undefined || this.#busy || this.status !== 'ready') return;
    const generation = this.#generation;
    this.#busy = true;
    this.loadingMore = true;
    const result = await this.bridge.invoke('customers:page', this.#query({ limit: customerPageSize, after }));
    if (generation !== this.#generation) return;
    this.#busy = false;
    this.loadingMore = false;
    if (result.ok) {
      const rows = appendPage(this.rows, result.value.items);
      // A page that adds nothing cannot lead further: stop rather than ask for it again forever.
      this.nextCursor = rows.length > this.rows.length ? result.value.nextCursor : undefined;
      this.rows = rows;
      this.freshness = result.value.freshness;
      this.error = undefined;
    } else {
      this.error = result.error;
    }
    this.#afterLoad();
  }

  /**
   * Re-reads the top of the list (where changed customers move to) and keeps the deeper rows already loaded, so an
   * agent scrolled far down keeps their place. Runs after any read in flight; bursts of changes coalesce into one.
   */
  async refresh(): Promise<void> {
    if (this.#busy) {
      this.#refreshWanted = true;
      return;
    }
    if (this.status === 'error') return this.reload();
    if (this.status !== 'ready') return;
    void this.#readUnread();
    const generation = this.#generation;
    this.#busy = true;
    const wanted = Math.min(Math.max(this.rows.length, customerPageSize), refreshCoverage);
    const head: Customer[] = [];
    let after: CustomerCursor | undefined;
    let freshness: Freshness | undefined;
    let error: InboxError | undefined;
    do {
      const result = await this.bridge.invoke(
        'customers:page',
        this.#query({ limit: Math.min(refreshPageSize, wanted - head.length), after }),
      );
      if (generation !== this.#generation) return;
      if (!result.ok) {
        error = result.error;
        break;
      }
      head.push(...result.value.items);
      freshness = result.value.freshness;
      after = result.value.nextCursor;
    } while (after !== undefined && head.length < wanted);
    this.#busy = false;
    if (error !== undefined) {
      this.error = error;
    } else {
      const merged = replaceHead(this.rows, head, after === undefined);
      this.rows = merged.rows;
      // The deeper rows kept still end where the last page read ended.
      if (!merged.keptDeeperRows) this.nextCursor = after;
      this.freshness = freshness;
      this.error = undefined;
    }
    this.#afterLoad();
  }

  /**
   * The search box changed: the list follows at once. A search of the cache's index takes a few milliseconds, so
   * waiting for a pause in typing (it was 250 ms) cost far more than it saved; each keystroke's read bumps the
   * generation, so the answer to an older text that arrives late is dropped rather than shown over a newer one.
   */
  setSearch(text: string): void {
    this.searchText = text;
    this.#applySearch();
  }

  /** Empties the search (Escape). */
  clearSearch(): void {
    this.setSearch('');
  }

  setUnreadOnly(unreadOnly: boolean): void {
    if (unreadOnly === this.unreadOnly) return;
    this.unreadOnly = unreadOnly;
    void this.reload();
  }

  setChannelFilter(filter: ChannelFilter): void {
    if (sameFilter(filter, this.channelFilter)) return;
    this.channelFilter = filter;
    void this.reload();
  }

  /** Moves the keyboard cursor by `step` rows (clamped), asking for the next page as it nears the end. */
  moveActive(step: number): Customer | undefined {
    if (this.rows.length === 0) return undefined;
    const from = this.activeIndex < 0 ? (step > 0 ? -1 : this.rows.length) : this.activeIndex;
    const index = Math.min(this.rows.length - 1, Math.max(0, from + step));
    const row = this.rows[index];
    this.activeId = row?.id;
    this.loadMoreNear(index);
    return row;
  }

  /** Asks for the next page when row `index` is within a screenful of the end of what is loaded. */
  loadMoreNear(index: number): void {
    if (index >= this.rows.length - customerPageSize / 2) void this.loadMore();
  }

  async #readDrafts(): Promise<void> {
    const result = await this.bridge.invoke('drafts:list', {});
    // The marker is a nicety beside the list: when drafts cannot be listed, rows simply show none.
    if (!result.ok) return;
    for (const { customerId } of result.value.drafts) {
      if (this.#draftsChangedSince[customerId] !== true) this.draftIds.add(customerId);
    }
  }

  async #readUnread(): Promise<void> {
    const result = await this.bridge.invoke('inbox:unread', {});
    // Counts are a nicety beside the list: when they cannot be read the filter simply shows no number.
    if (result.ok) this.unread = result.value;
  }

  #applySearch(): void {
    const search = this.searchText.trim();
    if (search === this.activeSearch && this.status !== 'idle') return;
    this.activeSearch = search;
    // The totals count the whole inbox, whatever the search: reading them again would only queue ahead of the rows.
    void (this.status === 'idle' ? this.reload() : this.#readFirstPage());
  }

  #afterLoad(): void {
    if (!this.#refreshWanted) return;
    this.#refreshWanted = false;
    void this.refresh();
  }

  #query(page: { limit: number; after?: CustomerCursor | undefined }): CustomerPageQuery {
    const query: CustomerPageQuery = { limit: page.limit };
    if (page.after !== undefined) query.after = page.after;
    if (this.activeSearch !== '') query.search = this.activeSearch;
    if (this.unreadOnly) query.unreadOnly = true;
    Object.assign(query, filterQuery(this.channelFilter));
    return query;
  }
}
