/**
 * The sync engine keeps the cache close to the server with as few requests as possible. One cheap request finds
 * what changed: the customer list, newest conversation first, read until the first customer already known at that
 * time; only those customers' histories are fetched, newest first, until the first known message. The open
 * conversation is polled fast while its window is focused; everything slows down when nothing changes, the window
 * is hidden, the network is gone or the server says to wait; a return of the network, the focus, or the computer
 * from sleep triggers an immediate catch-up.
 *
 * Two loops run while signed in: one looks for changed customers (and refreshes the statuses of recent outgoing
 * messages), one polls the open conversation. They share one backoff, so a 429 or a dead server quiets both.
 */
import type { SyncFocus, SyncStatus } from '../../common/contract/sync';
import type { CustomerRecord, MessageRecord } from '../../common/domain';
import { ok, type InboxError, type Result } from '../../common/result';
import { systemClock, type Clock } from '../api/retry';
import { cursorKeys, type Cache } from '../cache/cache';
import { DeletedCustomers, type ReadTicket } from '../customers/deleted-customers';
import { backoffDelay, jittered } from '../scheduling/backoff';
import type { Remote } from '../remote/remote';
import { runLimited } from './run-limited';
import { Waker } from '../scheduling/waker';
import { defaultSyncPolicy, listInterval, openConversationInterval, watchingConversation, type SyncPolicy } from './schedule';

export interface SyncEngineOptions {
  remote: Remote;
  cache: Cache;
  clock?: Clock;
  policy?: Partial<SyncPolicy>;
  onCustomersChanged?: (ids: string[]) => void;
  onMessagesChanged?: (customerId: string, ids: string[]) => void;
  onStatus?: (status: SyncStatus) => void;
  /** The service answers again after failures: the outbox takes this as the network's return. */
  onReachable?: () => void;
  /** News for the agent: customers' messages new to a history fetched before (notifications follow these). */
  onInbound?: (news: InboundNews) => void;
  /** Customers deleted while reads were on their way; what a read begun before a delete took of them is not stored. */
  deletions?: DeletedCustomers;
}

/** Messages a customer wrote since the last fetch of their history, oldest first. */
export interface InboundNews {
  customerId: string;
  messages: MessageRecord[];
}

type LoopName = 'list' | 'open';

/** One signed-in stretch: stopping aborts its requests and sleeps, and its loops end. */
interface Run {
  readonly stop: AbortController;
  active: boolean;
}

/** The customer list's cursor value once it has been read to its end. */
const LIST_COMPLETE = 'complete';
/** A loop with nothing to do sleeps this long, or until something wakes it. */
const UNTIL_WOKEN_MS = 60 * 60 * 1000;
/** Statuses after which an outgoing message changes no more. */
const finalStatuses: ReadonlySet<string> = new Set(['READ', 'ERROR', 'UNDELIVERABLE']);

export class SyncEngine {
  readonly #options: SyncEngineOptions;
  readonly #deletions: DeletedCustomers;
  readonly #clock: Clock;
  readonly #policy: SyncPolicy;
  #run: Run | undefined;
  #loops: Promise<void>[] = [];
  readonly #wakers: Record<LoopName, Waker> = { list: new Waker(), open: new Waker() };
  #focus: SyncFocus = { windowFocused: true, visible: true };
  #online = true;
  #status: SyncStatus = { state: 'signed-out' };
  /** Consecutive failed requests, and no request before `#blockedUntil` (backoff, or the server's Retry-After). */
  #failures = 0;
  #blockedUntil = 0;
  #blockedBy: 'rate-limit' | 'error' | undefined;
  /** Consecutive looks that found nothing: the interval grows with them. */
  #idleLooks = 0;
  #looking = false;
  #lastLookEndedAt = Number.NEGATIVE_INFINITY;
  #looksStarted = 0;
  #waiters: { look: number; resolve: (status: SyncStatus) => void }[] = [];
  /** Since when the open conversation has had nothing new; and whether a newly opened one awaits its first fetch. */
  #openQuietSince = 0;
  #openFetchPending = false;
  /** Customers with recent outgoing messages whose status may still move, until when. */
  readonly #statusWatch = new Map<string, number>();
  #channelsFetchedAt: number | undefined;

  constructor(options: SyncEngineOptions) {
    this.#options = options;
    this.#deletions = options.deletions ?? new DeletedCustomers();
    this.#clock = options.clock ?? systemClock;
    this.#policy = { ...defaultSyncPolicy, ...options.policy };
  }

  status(): SyncStatus {
    return this.#status;
  }

  get running(): boolean {
    return this.#run !== undefined;
  }

  start(): void {
    if (this.#run) return;
    const run: Run = { stop: new AbortController(), active: true };
    this.#run = run;
    this.#failures = 0;
    this.#blockedUntil = 0;
    this.#blockedBy = undefined;
    this.#idleLooks = 0;
    this.#channelsFetchedAt = undefined;
    this.#openQuietSince = this.#clock.now();
    this.#openFetchPending = this.#focus.customerId !== undefined;
    const freshness = this.#options.cache.freshness();
    const lastSyncedAt = freshness.ok ? (freshness.value.lastSyncedAt ?? undefined) : undefined;
    this.#setStatus({ state: this.#online ? 'syncing' : 'offline', lastSyncedAt });
    this.#loops = [this.#listLoop(run), this.#openLoop(run)];
  }

  /** Stops both loops, cancelling what is in flight; resolves once nothing more will touch the cache. */
  async stop(): Promise<void> {
    const run = this.#run;
    if (!run) return;
    run.active = false;
    run.stop.abort();
    this.#run = undefined;
    await Promise.all(this.#loops);
    this.#loops = [];
    this.#statusWatch.clear();
    this.#setStatus({ state: 'signed-out' });
    this.#settleWaiters(Number.POSITIVE_INFINITY);
  }

  /** What the agent is looking at; gaining focus or visibility catches up at once. */
  setFocus(focus: SyncFocus): void {
    const before = this.#focus;
    this.#focus = focus;
    if (!this.#run) return;
    const now = this.#clock.now();
    if (focus.customerId !== before.customerId) {
      this.#openQuietSince = now;
      this.#openFetchPending = focus.customerId !== undefined;
      this.#wake('open');
    }
    const gained = (focus.windowFocused && !before.windowFocused) || (focus.visible && !before.visible);
    if (!gained) return;
    this.#openQuietSince = now;
    this.#wake('open');
    if (!this.#looking && now - this.#lastLookEndedAt >= this.#policy.catchUpMinGapMs) {
      this.#idleLooks = 0;
      this.#wake('list');
    }
  }

  /** The operating system's view of the network; its return triggers a catch-up. */
  setNetwork(online: boolean): void {
    const wasOnline = this.#online;
    this.#online = online;
    if (!this.#run) return;
    if (!online) this.#setStatus({ ...this.#status, state: 'offline' });
    else if (!wasOnline) this.#catchUp();
  }

  /** The computer woke from sleep: whatever backoff was running is stale. */
  resume(): void {
    if (this.#run) this.#catchUp();
  }

  /** Looks for changes now (not before a Retry-After the server asked for) and answers the status after that look. */
  syncNow(): Promise<SyncStatus> {
    if (!this.#run) return Promise.resolve(this.#status);
    const answered = new Promise<SyncStatus>((resolve) => this.#waiters.push({ look: this.#looksStarted + 1, resolve }));
    if (this.#blockedBy === 'error') this.#unblock();
    this.#idleLooks = 0;
    this.#wake('list');
    return answered;
  }

  /** A message was just sent to this customer: follow its status (SENT, DELIVERED, READ) for a while. */
  watchStatuses(customerId: string): void {
    this.#statusWatch.set(customerId, this.#clock.now() + this.#policy.statusWatchMs);
    this.#idleLooks = 0;
  }

  // ---- the loops ---------------------------------------------------------------------------------------------

  async #listLoop(run: Run): Promise<void> {
    while (run.active) {
      const wait = this.#blockedUntil - this.#clock.now();
      if (wait > 0) {
        await this.#sleep(run, 'list', wait);
        continue;
      }
      // Offline by the system's word: look only now and then, in case it is wrong; going online wakes this.
      if (!this.#online) await this.#sleep(run, 'list', this.#policy.offlineProbeMs);
      if (!run.active) return;
      const look = ++this.#looksStarted;
      this.#looking = true;
      const result = await this.#look(run);
      this.#looking = false;
      if (!run.active) return;
      this.#lastLookEndedAt = this.#clock.now();
      if (result.ok) this.#succeeded(result.value);
      else this.#failed(result.error);
      this.#settleWaiters(look);
      if (!result.ok) continue;
      const interval = listInterval(this.#focus, this.#idleLooks, this.#policy);
      await this.#sleep(run, 'list', jittered(interval, this.#policy.jitter, this.#clock.random));
    }
  }

  async #openLoop(run: Run): Promise<void> {
    while (run.active) {
      const focus = this.#focus;
      const customerId = focus.customerId;
      const watching = watchingConversation(focus);
      if (customerId === undefined || (!watching && !this.#openFetchPending) || !this.#online) {
        await this.#sleep(run, 'open', UNTIL_WOKEN_MS);
        continue;
      }
      const wait = this.#blockedUntil - this.#clock.now();
      if (wait > 0) {
        await this.#sleep(run, 'open', wait);
        continue;
      }
      this.#openFetchPending = false;
      const result = await this.#refreshHistory(run, this.#deletions.beginRead(), customerId, this.#policy.recentPageSize);
      if (!run.active) return;
      const now = this.#clock.now();
      if (!result.ok) {
        this.#failed(result.error);
        continue;
      }
      if (!watching) continue;
      const interval = openConversationInterval(now - this.#openQuietSince, this.#policy);
      await this.#sleep(run, 'open', jittered(interval, this.#policy.jitter / 2, this.#clock.random));
    }
  }

  /** Sleeps `ms`, or less when woken or stopped. A sleep that overran by far means the computer slept. */
  async #sleep(run: Run, loop: LoopName, ms: number): Promise<void> {
    const started = this.#clock.now();
    const completed = await this.#wakers[loop].sleep(this.#clock, ms, run.stop.signal);
    // The loop that noticed runs at once anyway; the other one is woken.
    if (completed && run.active && this.#clock.now() - started - ms > this.#policy.sleepDetectMs) this.#catchUp(loop);
  }

  #wake(loop: LoopName): void {
    this.#wakers[loop].wake();
  }

  #catchUp(running?: LoopName): void {
    if (this.#blockedBy !== 'rate-limit') this.#unblock();
    this.#idleLooks = 0;
    this.#openQuietSince = this.#clock.now();
    if (running !== 'list') this.#wake('list');
    if (running !== 'open') this.#wake('open');
  }

  #unblock(): void {
    this.#failures = 0;
    this.#blockedUntil = 0;
    this.#blockedBy = undefined;
  }

  #succeeded(changed: boolean): void {
    const wasFailing = this.#failures > 0;
    this.#unblock();
    this.#online = true;
    this.#idleLooks = changed ? 0 : this.#idleLooks + 1;
    this.#setStatus({ state: 'online', lastSyncedAt: this.#clock.now() });
    if (wasFailing) this.#options.onReachable?.();
  }

  #failed(error: InboxError): void {
    if (error.code === 'CANCELLED') return;
    this.#failures += 1;
    const delay = backoffDelay(this.#failures, this.#policy.errorBackoff, this.#clock.random, error.retryAfterSeconds);
    this.#blockedUntil = this.#clock.now() + delay;
    this.#blockedBy = error.code === 'RATE_LIMITED' ? 'rate-limit' : 'error';
    const state =
      error.code === 'RATE_LIMITED' ? 'rate-limited' : error.code === 'NETWORK' || error.code === 'TIMEOUT' ? 'offline' : 'failing';
    this.#setStatus({ state, lastSyncedAt: this.#status.lastSyncedAt, lastError: error, retryAt: this.#blockedUntil });
  }

  #settleWaiters(look: number): void {
    const due = this.#waiters.filter((waiter) => waiter.look <= look);
    this.#waiters = this.#waiters.filter((waiter) => waiter.look > look);
    for (const waiter of due) waiter.resolve(this.#status);
  }

  #setStatus(status: SyncStatus): void {
    const next: SyncStatus = { state: status.state };
    if (status.lastSyncedAt !== undefined) next.lastSyncedAt = status.lastSyncedAt;
    if (status.lastError !== undefined) next.lastError = status.lastError;
    if (status.retryAt !== undefined) next.retryAt = status.retryAt;
    if (JSON.stringify(next) === JSON.stringify(this.#status)) return;
    this.#status = next;
    this.#options.onStatus?.(next);
  }

  // ---- one look for changes ----------------------------------------------------------------------------------

  /** Channels (now and then), changed customers and their histories, then statuses. Answers whether anything changed. */
  async #look(run: Run): Promise<Result<boolean>> {
    if (this.#status.state === 'online') this.#setStatus({ ...this.#status, state: 'syncing' });
    const ticket = this.#deletions.beginRead();
    const channels = await this.#refreshChannels(run);
    if (!channels.ok) return channels;
    const customers = await this.#refreshCustomers(run, ticket);
    if (!customers.ok) return customers;
    const statuses = await this.#refreshStatuses(run, ticket, customers.value.refreshed);
    if (!statuses.ok) return statuses;
    return ok(customers.value.changed || statuses.value);
  }

  async #refreshChannels(run: Run): Promise<Result<void>> {
    const now = this.#clock.now();
    if (this.#channelsFetchedAt !== undefined && now - this.#channelsFetchedAt < this.#policy.channelsRefreshMs) return ok(undefined);
    const answer = await this.#options.remote.channels(run.stop.signal);
    if (!answer.ok) return answer;
    const stored = this.#options.cache.replaceChannels(answer.value.channels, answer.value.agents);
    if (stored.ok) this.#channelsFetchedAt = now;
    return stored;
  }

  /**
   * Reads the customer list newest first. Until it has been read to its end once (the first fill), every page is
   * read and the newest conversations' histories fetched; after that, reading stops at the first page holding a
   * customer already known at the time the server reports. A changed customer's new time is stored only after its
   * history arrived, so a history that failed is asked for again by the next look.
   */
  async #refreshCustomers(run: Run, ticket: ReadTicket): Promise<Result<{ changed: boolean; refreshed: Set<string> }>> {
    const { cache, remote } = this.#options;
    const cursor = cache.getCursor(cursorKeys.customerList);
    if (!cursor.ok) return cursor;
    const firstFill = cursor.value?.value !== LIST_COMPLETE;
    const limit = firstFill ? this.#policy.initialCustomersPageSize : this.#policy.customersPageSize;
    let historiesLeft = firstFill ? this.#policy.initialHistories : Number.POSITIVE_INFINITY;
    const refreshed = new Set<string>();
    let changedAny = false;
    for (let offset = 0; ; ) {
      const page = await remote.customers({ offset, limit, signal: run.stop.signal });
      if (!page.ok) return page;
      const customers = page.value.items;
      const known = cache.knownLastMessageTimes(customers.map((customer) => customer.id));
      if (!known.ok) return known;
      const isKnown = (customer: CustomerRecord) => Object.hasOwn(known.value, customer.id);
      const changed = customers.filter((customer) => !isKnown(customer) || known.value[customer.id] !== customer.lastMessageTime);
      const withHistory = changed.slice(0, historiesLeft);
      const withoutHistory = changed.slice(withHistory.length);
      historiesLeft -= withHistory.length;
      const placeholders = withHistory.filter((customer) => !isKnown(customer)).map((customer) => ({ ...customer, lastMessageTime: null }));
      const stored = this.#storeCustomers(ticket, [...placeholders, ...withoutHistory]);
      if (!stored.ok) return stored;
      const done: CustomerRecord[] = [];
      const histories = await runLimited(
        withHistory.map((customer) => async () => {
          // After the first fill, what a customer wrote since the time the list last showed is news, even when
          // their history was never fetched (a new customer, or one beyond the histories the first fill read).
          const newsAfter = firstFill ? undefined : (known.value[customer.id] ?? Number.NEGATIVE_INFINITY);
          const history = await this.#refreshHistory(run, ticket, customer.id, this.#policy.historyPageSize, newsAfter);
          if (history.ok) done.push(customer);
          return history;
        }),
        this.#policy.concurrency,
      );
      const completed = this.#storeCustomers(ticket, done);
      for (const customer of done) refreshed.add(customer.id);
      if (!histories.ok) return histories;
      if (!completed.ok) return completed;
      changedAny ||= changed.length > 0;
      offset += customers.length + page.value.skipped;
      const sawUnchanged = changed.length < customers.length;
      if (!firstFill && sawUnchanged) break;
      if (customers.length + page.value.skipped === 0 || offset >= page.value.total) break;
    }
    const marked = cache.setCursor(cursorKeys.customerList, LIST_COMPLETE);
    return marked.ok ? ok({ changed: changedAny, refreshed }) : marked;
  }

  #storeCustomers(ticket: ReadTicket, read: readonly CustomerRecord[]): Result<void> {
    const customers = this.#deletions.stillWanted(ticket, read, (customer) => customer.id);
    if (customers.length === 0) return ok(undefined);
    const stored = this.#options.cache.upsertCustomers(customers);
    if (!stored.ok) return stored;
    const ids = [...stored.value.created, ...stored.value.changed];
    if (ids.length > 0) this.#options.onCustomersChanged?.(ids);
    return ok(undefined);
  }

  /**
   * Fetches a customer's history newest first until the first message the cache already holds from an earlier
   * fetch (the history cursor keeps the newest time fetched: a send of ours the cache knows by its id does not
   * count, since messages older than it may not have been fetched yet). A history never fetched before gets its
   * newest page only: older messages are history, not news. Answers whether anything changed.
   *
   * News (onInbound) is what customers wrote that the cache did not hold: in a history fetched before, every such
   * message; in one never fetched, only those sent after `newsAfter` (the customer's last message time the list
   * showed before), so the first fetch of an old conversation reports nothing.
   */
  async #refreshHistory(run: Run, ticket: ReadTicket, customerId: string, pageSize: number, newsAfter?: number): Promise<Result<boolean>> {
    const { cache, remote } = this.#options;
    const cursor = cache.getCursor(cursorKeys.history(customerId));
    if (!cursor.ok) return cursor;
    const fetchedThrough = cursor.value === null ? undefined : Number(cursor.value.value) || 0;
    let newest = fetchedThrough ?? 0;
    const changedKeys: string[] = [];
    let created = 0;
    const inbound: MessageRecord[] = [];
    // Read from the newest to the end of the service's history: the cache holds its start (older-history.ts).
    let readToStart = false;
    for (let offset = 0; ; ) {
      const page = await remote.history(customerId, { offset, limit: pageSize, signal: run.stop.signal });
      if (!page.ok) return page;
      // Deleted while this page was on its way: storing it would bring the conversation back.
      if (this.#deletions.deletedSince(ticket, customerId)) return ok(false);
      const stored = cache.upsertMessages(page.value.items);
      if (!stored.ok) return stored;
      changedKeys.push(...(stored.value.byCustomer[customerId] ?? []));
      created += stored.value.created.length;
      if (offset === 0) this.#watchOutgoing(customerId, page.value.items);
      const createdIds = new Set(stored.value.created);
      const isNews = (message: MessageRecord) =>
        message.origin === 'CUSTOMER' &&
        createdIds.has(message.messageId) &&
        (fetchedThrough !== undefined || (newsAfter !== undefined && message.sent > newsAfter));
      inbound.push(...page.value.items.filter(isNews));
      const reachedKnown = page.value.items.some(
        (message) => fetchedThrough !== undefined && message.sent <= fetchedThrough && !createdIds.has(message.messageId),
      );
      for (const message of page.value.items) newest = Math.max(newest, message.sent);
      const received = page.value.items.length + page.value.skipped;
      offset += received;
      readToStart = received === 0 || offset >= page.value.total;
      if (reachedKnown || fetchedThrough === undefined || readToStart) break;
    }
    const marked = cache.setCursor(cursorKeys.history(customerId), String(newest));
    if (!marked.ok) return marked;
    if (readToStart) {
      const start = cache.markHistoryStart(customerId);
      if (!start.ok) return start;
    }
    if (changedKeys.length > 0) {
      if (customerId === this.#focus.customerId) this.#openQuietSince = this.#clock.now();
      this.#options.onMessagesChanged?.(customerId, changedKeys);
    }
    // New messages move the customer's list entry (last message, preview, unread count).
    if (created > 0) this.#options.onCustomersChanged?.([customerId]);
    if (inbound.length > 0) this.#options.onInbound?.({ customerId, messages: inbound.sort((a, b) => a.sent - b.sent) });
    return ok(changedKeys.length > 0);
  }

  /** Follows the statuses of this conversation's newest outgoing messages while they may still move, and no longer. */
  #watchOutgoing(customerId: string, newest: readonly MessageRecord[]): void {
    const now = this.#clock.now();
    let until = 0;
    for (const message of newest) {
      if (message.origin === 'CUSTOMER' || finalStatuses.has(message.status)) continue;
      until = Math.max(until, message.sent + this.#policy.statusWatchMs);
    }
    if (until > now) this.#statusWatch.set(customerId, until);
    else this.#statusWatch.delete(customerId);
  }

  /** Refreshes the newest page of conversations with outgoing messages whose status may still move. */
  async #refreshStatuses(run: Run, ticket: ReadTicket, alreadyRefreshed: ReadonlySet<string>): Promise<Result<boolean>> {
    const now = this.#clock.now();
    for (const [customerId, until] of this.#statusWatch) if (until <= now) this.#statusWatch.delete(customerId);
    const due = [...this.#statusWatch]
      .filter(([customerId]) => !alreadyRefreshed.has(customerId))
      .sort((a, b) => b[1] - a[1])
      .slice(0, this.#policy.maxStatusRefreshes)
      .map(([customerId]) => customerId);
    const refreshed = await runLimited(
      due.map((customerId) => () => this.#refreshHistory(run, ticket, customerId, this.#policy.recentPageSize)),
      this.#policy.concurrency,
    );
    return refreshed.ok ? ok(refreshed.value.some(Boolean)) : refreshed;
  }
}
