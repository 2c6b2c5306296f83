/**
 * The durable outbox. A send is stored with its pending message in one transaction before anything leaves, and
 * shown at once; one worker delivers it, in order per customer (one lane per customer, a few lanes at a time, a
 * send never in flight twice). A send that certainly did not arrive is retried with backoff that honours
 * Retry-After and waits for the network; one that may have arrived is reconciled against the customer's history
 * before anything else (and, when the connection broke mid-request, not resent before the service must have
 * finished with it); one the service refused fails with its reason until the agent retries or discards it.
 * A send found `sending` at start was cut off by a crash and is reconciled too. Only the holder of the lock file
 * beside the database works; another instance on the same file stores sends and stands by.
 */
import { randomUUID } from 'node:crypto';
import type { OutboxChange, OutboxListQuery, SendRequest } from '../../common/contract/outbox';
import type { Customer, OutboxItem, OutboxState, StoredError } from '../../common/domain';
import { isSendableChannelType, parseSendPayload, type SendableChannelType, type SendPayload } from '../../common/payloads';
import { fail, ok, type InboxError, type Result } from '../../common/result';
import { systemClock, type Clock } from '../api/retry';
import type { Cache, SendUpdate } from '../cache/cache';
import { backoffDelay, type Backoff } from '../scheduling/backoff';
import { NO_AGENT_ID } from '../remote/map-api';
import type { Remote } from '../remote/remote';
import { Waker } from '../scheduling/waker';
import { afterFailedSend, holdsEveryone } from './after-failure';
import { acquireInstanceLock, type InstanceLock, type LockHolder, type LockOptions } from './instance-lock';
import { reconcileSend } from './reconcile';
import { optOutRefusal } from '../send-via/send-via';

export interface OutboxPolicy {
  backoff: Backoff;
  /** Customers whose sends are delivered at the same time (each customer's own sends go one by one). */
  concurrency: number;
  /**
   * Reconciling accepts server times this much earlier than the send was queued, read on the service's clock as
   * its Date headers place it (main/outbox/reconcile.ts): the margin for what that measure cannot see.
   */
  reconcileClockSkewMs: number;
  reconcilePageSize: number;
  reconcileMaxPages: number;
  /** How often the worker looks for sends another instance stored, and a standby instance for the lock. */
  scanMs: number;
  /**
   * After a connection broke mid-request (or the app stopped mid-send), the service may still be working on it: a
   * history without the message proves nothing until this long after. Then absent means absent, and it is resent.
   */
  settleMs: number;
}

export const defaultOutboxPolicy: OutboxPolicy = {
  backoff: { baseMs: 1_000, maxMs: 5 * 60_000 },
  concurrency: 4,
  reconcileClockSkewMs: 2 * 60_000,
  reconcilePageSize: 50,
  reconcileMaxPages: 40,
  scanMs: 30_000,
  settleMs: 30_000,
};

export interface OutboxOptions {
  cache: Cache;
  remote: Remote;
  clock?: Clock;
  /** The lock file beside the database; without one (an in-memory cache) no other instance can share the outbox. */
  lockFile?: string;
  lock?: Omit<LockOptions, 'onLost'>;
  policy?: Partial<OutboxPolicy>;
  newClientId?: () => string;
  onChanged?: (change: OutboxChange) => void;
  /** The pending message's row changed (its outbox state shows in the thread). */
  onMessagesChanged?: (customerId: string, ids: string[]) => void;
  onCustomersChanged?: (ids: string[]) => void;
  /** A send arrived: the sync engine follows its status. */
  onSent?: (item: OutboxItem) => void;
}

interface Run {
  readonly stop: AbortController;
  active: boolean;
}

/** States of a send the worker still has to settle, oldest first being its customer's next. */
const openStates: readonly OutboxState[] = ['queued', 'sending', 'unknown'];

/** The request left and the connection broke before the answer: the service may still be acting on it. */
function connectionBroke(error: InboxError): boolean {
  return error.code === 'UNKNOWN_OUTCOME' || error.code === 'CANCELLED';
}

function stored(error: InboxError): StoredError {
  return { code: error.code, message: error.message, retryable: error.retryable };
}

export class Outbox {
  readonly #options: OutboxOptions;
  readonly #clock: Clock;
  readonly #policy: OutboxPolicy;
  #run: Run | undefined;
  #loop: Promise<void> | undefined;
  readonly #waker = new Waker();
  #lock: InstanceLock | undefined;
  /** This instance holds the lock (or needs none) and has recovered what a crash left: it may deliver. */
  #working = false;
  #lockHolder: LockHolder | null = null;
  #online = true;
  /** No send of any customer starts before this (the network is down, or the server asked to wait). */
  #blockedUntil = 0;
  /** Customers that may have open sends, when each one's next send is due (once known), and the running lanes. */
  readonly #pending = new Set<string>();
  readonly #dueAt = new Map<string, number>();
  readonly #lanes = new Map<string, Promise<void>>();
  /** Customers given a new or retried send while their lane ran: the lane must look again before it ends. */
  readonly #kicked = new Set<string>();
  readonly #reconcileFailures = new Map<string, number>();
  /** Sends whose request may still be in the service's hands, until when. */
  readonly #settleAfter = new Map<string, number>();
  #nextScanAt = 0;

  constructor(options: OutboxOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#policy = { ...defaultOutboxPolicy, ...options.policy };
  }

  /** `worker` delivers; `standby` stores sends while another instance holds the lock; `stopped` does neither. */
  get role(): 'worker' | 'standby' | 'stopped' {
    if (!this.#run) return 'stopped';
    return this.#working ? 'worker' : 'standby';
  }

  /** Who holds the lock while this instance stands by. */
  get lockHolder(): LockHolder | null {
    return this.#lockHolder;
  }

  start(): void {
    if (this.#run) return;
    const run: Run = { stop: new AbortController(), active: true };
    this.#run = run;
    this.#nextScanAt = 0;
    this.#loop = this.#work(run);
  }

  /** Stops delivering. A send in flight is abandoned as `sending`: the next start reconciles it, as after a crash. */
  async close(): Promise<void> {
    const run = this.#run;
    if (!run) return;
    run.active = false;
    run.stop.abort();
    this.#run = undefined;
    this.#waker.wake();
    await this.#loop;
    this.#loop = undefined;
    this.#lock?.release();
    this.#lock = undefined;
    this.#working = false;
    this.#pending.clear();
    this.#dueAt.clear();
  }

  /** The system's view of the network: sends wait while it is down and start the moment it returns. */
  setOnline(online: boolean): void {
    this.#online = online;
    if (online) this.networkReturned();
  }

  /** The service answers again (the sync engine saw it): sends held up by the network go now. */
  networkReturned(): void {
    this.#blockedUntil = 0;
    for (const customerId of this.#pending) this.#dueAt.delete(customerId);
    this.#waker.wake();
  }

  // ---- the agent's side ----------------------------------------------------------------------------------------

  /** Stores the send and its pending message, then lets the worker deliver it. */
  send(request: SendRequest): Result<OutboxItem> {
    const { cache } = this.#options;
    const customer = cache.getCustomer(request.customerId);
    if (!customer.ok) return customer;
    if (!customer.value) return fail('NOT_FOUND', `No customer ${request.customerId}`);
    const agentId = request.agentId ?? this.#conversationAgent(customer.value);
    if (agentId === undefined) return fail('VALIDATION', 'Choose the channel to send through: this conversation has none yet', { field: 'agentId' });
    const channelType = this.#channelTypeOf(agentId);
    if (!channelType.ok) return channelType;
    const optedOut = optOutRefusal(customer.value, agentId);
    if (optedOut !== undefined) return fail('OPTED_OUT', optedOut, { field: 'agentId' });
    const payload = parseSendPayload(channelType.value, request.payload);
    if (!payload.ok) return payload;
    const clientId = (this.#options.newClientId ?? randomUUID)();
    const item = cache.enqueueSend({ clientId, customerId: customer.value.id, agentId, channelType: channelType.value, payload: payload.value });
    if (!item.ok) return item;
    this.#announce(item.value);
    this.#options.onCustomersChanged?.([item.value.customerId]);
    this.#kick(item.value.customerId);
    return item;
  }

  /** Tries a failed send again, or a waiting one now. */
  retry(clientId: string): Result<OutboxItem> {
    const { cache } = this.#options;
    const item = cache.getSend(clientId);
    if (!item.ok) return item;
    if (!item.value) return fail('NOT_FOUND', `No send ${clientId} in the outbox`);
    const { state } = item.value;
    if (state === 'sent') return fail('CONFLICT', 'This message has been sent already');
    if (state === 'sending') return fail('CONFLICT', 'This message is being sent right now');
    const now = this.#clock.now();
    const update: SendUpdate = state === 'failed' ? { state: 'queued', nextAttemptAt: now, lastError: null } : { state, nextAttemptAt: now };
    const updated = cache.updateSend(clientId, update);
    if (!updated.ok) return updated;
    this.#blockedUntil = 0;
    this.#announce(updated.value);
    this.#kick(updated.value.customerId);
    return updated;
  }

  /** Removes a failed or still queued send and its pending message. */
  discard(clientId: string): Result<{ clientId: string }> {
    const removed = this.#options.cache.discardSend(clientId);
    if (!removed.ok) return removed;
    const { customerId } = removed.value;
    this.#options.onChanged?.({ customerId, clientId, item: null });
    this.#options.onMessagesChanged?.(customerId, [clientId]);
    this.#options.onCustomersChanged?.([customerId]);
    return ok({ clientId });
  }

  list(query: OutboxListQuery): Result<OutboxItem[]> {
    const items = this.#options.cache.listSends({
      states: query.states ?? ['queued', 'sending', 'unknown', 'failed'],
      ...(query.customerId !== undefined ? { customerId: query.customerId } : {}),
    });
    return items.ok ? ok(items.value.slice(0, query.limit)) : items;
  }

  /** The agent the conversation last used, or else one the customer is subscribed to. */
  #conversationAgent(customer: Customer): string | undefined {
    const newest = this.#options.cache.messageWindow({ customerId: customer.id, limit: 1 });
    const lastUsed = newest.ok ? newest.value.items[0]?.agentId : undefined;
    if (lastUsed !== undefined && lastUsed !== NO_AGENT_ID) return lastUsed;
    return Object.entries(customer.subscriptions).find(([, subscribed]) => subscribed)?.[0];
  }

  #channelTypeOf(agentId: string): Result<SendableChannelType> {
    const { cache } = this.#options;
    const agents = cache.listAgents();
    if (!agents.ok) return agents;
    const agent = agents.value.find((candidate) => candidate.id === agentId);
    if (!agent) return fail('NOT_FOUND', `No agent ${agentId} in this account`, { field: 'agentId' });
    const channels = cache.listChannels();
    if (!channels.ok) return channels;
    const channel = channels.value.find((candidate) => candidate.id === agent.channelId);
    if (!channel) return fail('NOT_FOUND', `The channel of agent ${agentId} is gone`, { field: 'agentId' });
    if (!isSendableChannelType(channel.type)) return fail('VALIDATION', `Messages cannot be sent through a ${channel.type} channel`, { field: 'agentId' });
    return ok(channel.type);
  }

  #kick(customerId: string): void {
    this.#pending.add(customerId);
    this.#dueAt.delete(customerId);
    this.#kicked.add(customerId);
    this.#waker.wake();
  }

  #announce(item: OutboxItem): void {
    this.#options.onChanged?.({ customerId: item.customerId, clientId: item.clientId, item });
    this.#options.onMessagesChanged?.(item.customerId, [item.clientId]);
  }

  // ---- the worker ----------------------------------------------------------------------------------------------

  async #work(run: Run): Promise<void> {
    while (run.active) {
      if (!this.#working && !this.#takeLock()) {
        await this.#sleep(run, this.#policy.scanMs);
        continue;
      }
      const now = this.#clock.now();
      if (now >= this.#nextScanAt) this.#scan(now);
      let wakeAt = this.#nextScanAt;
      if (this.#online && this.#blockedUntil > now) wakeAt = Math.min(wakeAt, this.#blockedUntil);
      else if (this.#online) {
        for (const customerId of this.#pending) {
          if (this.#lanes.size >= this.#policy.concurrency) break;
          if (this.#lanes.has(customerId)) continue;
          const dueAt = this.#dueAt.get(customerId) ?? now;
          if (dueAt > now) wakeAt = Math.min(wakeAt, dueAt);
          else this.#startLane(run, customerId);
        }
      }
      await this.#sleep(run, Math.max(0, wakeAt - this.#clock.now()));
    }
    await Promise.all(this.#lanes.values());
  }

  async #sleep(run: Run, ms: number): Promise<void> {
    await this.#waker.sleep(this.#clock, ms, run.stop.signal);
  }

  /** Takes the lock (when there is one to take) and recovers; false while another instance holds it. */
  #takeLock(): boolean {
    const file = this.#options.lockFile;
    if (file !== undefined) {
      const attempt = acquireInstanceLock(file, { ...this.#options.lock, onLost: () => this.#loseLock() });
      if (!attempt.ok || !attempt.value.acquired) {
        this.#lockHolder = attempt.ok && !attempt.value.acquired ? attempt.value.holder : null;
        return false;
      }
      this.#lock = attempt.value.lock;
      this.#lockHolder = null;
    }
    this.#working = true;
    this.#recover();
    return true;
  }

  #loseLock(): void {
    this.#lock = undefined;
    this.#working = false;
  }

  /** Sends left `sending` by a crash (or a close mid-send) may have arrived: they are reconciled first. */
  #recover(): void {
    const interrupted = this.#options.cache.listSends({ states: ['sending'] });
    if (!interrupted.ok) return;
    const now = this.#clock.now();
    for (const item of interrupted.value) {
      this.#settleAfter.set(item.clientId, now + this.#policy.settleMs);
      this.#settle(item, { state: 'unknown', nextAttemptAt: now });
    }
    this.#nextScanAt = 0;
  }

  /** Picks up every customer with open sends, including sends another instance stored. */
  #scan(now: number): void {
    const open = this.#options.cache.listSends({ states: openStates });
    if (open.ok) for (const item of open.value) this.#pending.add(item.customerId);
    this.#nextScanAt = now + this.#policy.scanMs;
  }

  #startLane(run: Run, customerId: string): void {
    this.#kicked.delete(customerId);
    const lane = this.#lane(run, customerId)
      .then((next) => {
        if (next !== 'done') this.#dueAt.set(customerId, next);
        else if (!this.#kicked.has(customerId)) {
          this.#pending.delete(customerId);
          this.#dueAt.delete(customerId);
        }
      })
      .finally(() => {
        this.#lanes.delete(customerId);
        this.#waker.wake();
      });
    this.#lanes.set(customerId, lane);
  }

  /** Settles one customer's sends in order, until none is left ('done') or the next is not due (its due time). */
  async #lane(run: Run, customerId: string): Promise<number | 'done'> {
    for (;;) {
      const now = this.#clock.now();
      if (!run.active || !this.#online || !this.#working) return now;
      if (this.#blockedUntil > now) return this.#blockedUntil;
      const open = this.#options.cache.listSends({ customerId, states: openStates });
      if (!open.ok) return now + backoffDelay(1, this.#policy.backoff, this.#clock.random);
      const head = open.value[0];
      if (!head) return 'done';
      if (head.nextAttemptAt > now) return head.nextAttemptAt;
      const progressed = head.state === 'queued' ? await this.#attempt(run, head) : await this.#reconcile(run, head);
      if (!progressed) return this.#clock.now() + backoffDelay(1, this.#policy.backoff, this.#clock.random);
    }
  }

  /** The lock file still names this instance (checked before each request that could send or settle a send). */
  #stillOurs(): boolean {
    if (this.#options.lockFile === undefined) return true;
    if (this.#lock?.stillHeld()) return true;
    this.#loseLock();
    return false;
  }

  /** One delivery attempt of the customer's next send. Answers false when it could not even start. */
  async #attempt(run: Run, head: OutboxItem): Promise<boolean> {
    const { cache, remote } = this.#options;
    if (!this.#stillOurs()) return false;
    const claimed = cache.claimNextSend(head.customerId);
    if (!claimed.ok || !claimed.value) return false;
    const item = claimed.value;
    this.#announce(item);
    const target = this.#target(item);
    if (!target.ok) {
      this.#settle(item, { state: 'failed', lastError: stored(target.error) });
      return true;
    }
    const answer = await remote.send({ ...target.value, agentId: item.agentId, signal: run.stop.signal });
    if (answer.ok) {
      this.#delivered(item, answer.value.messageId);
      return true;
    }
    // Closing: the send stays `sending`, and the next start reconciles it like one cut off by a crash.
    if (!run.active) return true;
    const next = afterFailedSend(answer.error);
    if (next === 'fail') {
      this.#settle(item, { state: 'failed', lastError: stored(answer.error) });
      return true;
    }
    const now = this.#clock.now();
    const at = now + backoffDelay(item.attempts, this.#policy.backoff, this.#clock.random, answer.error.retryAfterSeconds);
    if (holdsEveryone(answer.error)) this.#blockedUntil = Math.max(this.#blockedUntil, at);
    // A 5xx or an unreadable 2xx was the service's last word on it; a broken connection may not have been.
    if (connectionBroke(answer.error)) this.#settleAfter.set(item.clientId, now + this.#policy.settleMs);
    this.#settle(item, { state: next === 'retry' ? 'queued' : 'unknown', nextAttemptAt: at, lastError: stored(answer.error) });
    return true;
  }

  /** Whom and what to send: the customer's number and the payload, checked again for the channel type. */
  #target(item: OutboxItem): Result<{ channelType: SendableChannelType; customerNumber: string; payload: SendPayload }> {
    const { channelType } = item;
    if (!isSendableChannelType(channelType)) return fail('VALIDATION', `Messages cannot be sent through a ${channelType} channel`);
    const customer = this.#options.cache.getCustomer(item.customerId);
    if (!customer.ok) return customer;
    if (!customer.value) return fail('NOT_FOUND', `No customer ${item.customerId}`);
    const payload = parseSendPayload(channelType, item.payload);
    if (!payload.ok) return payload;
    return ok({ channelType, customerNumber: customer.value.phone, payload: payload.value });
  }

  /** A send whose outcome is unknown: found in the history, it was sent; absent, it is sent again. */
  async #reconcile(run: Run, head: OutboxItem): Promise<boolean> {
    if (!this.#stillOurs()) return false;
    const others = this.#options.cache.listSends({ customerId: head.customerId, states: ['sent'] });
    if (!others.ok) return false;
    const claimed = new Set(others.value.flatMap((item) => (item.messageId === null ? [] : [item.messageId])));
    const verdict = await reconcileSend(this.#options.remote, head, claimed, {
      clockSkewMs: this.#policy.reconcileClockSkewMs,
      pageSize: this.#policy.reconcilePageSize,
      maxPages: this.#policy.reconcileMaxPages,
      signal: run.stop.signal,
    });
    if (!run.active) return true;
    if (!verdict.ok) {
      const failures = (this.#reconcileFailures.get(head.clientId) ?? 0) + 1;
      this.#reconcileFailures.set(head.clientId, failures);
      const at = this.#clock.now() + backoffDelay(failures, this.#policy.backoff, this.#clock.random, verdict.error.retryAfterSeconds);
      if (holdsEveryone(verdict.error)) this.#blockedUntil = Math.max(this.#blockedUntil, at);
      this.#settle(head, { state: 'unknown', nextAttemptAt: at });
      return true;
    }
    this.#reconcileFailures.delete(head.clientId);
    const { value } = verdict;
    const now = this.#clock.now();
    const settled = this.#settleAfter.get(head.clientId) ?? now;
    if (value === 'absent' && settled > now) this.#settle(head, { state: 'unknown', nextAttemptAt: settled });
    else if (value === 'absent') {
      this.#settleAfter.delete(head.clientId);
      this.#settle(head, { state: 'queued', nextAttemptAt: now, lastError: null });
    } else if (value === 'undecidable') {
      this.#settle(head, {
        state: 'failed',
        lastError: {
          code: 'UNKNOWN_OUTCOME',
          message: 'The answer to this send was lost and the conversation has moved on too far to tell whether it arrived: check it before sending again',
          retryable: true,
        },
      });
    } else this.#delivered(head, value.found);
    return true;
  }

  #delivered(item: OutboxItem, messageId: string): void {
    this.#settleAfter.delete(item.clientId);
    const sent = this.#settle(item, { state: 'sent', messageId, lastError: null });
    if (sent) this.#options.onSent?.(sent);
  }

  #settle(item: OutboxItem, update: SendUpdate): OutboxItem | undefined {
    const updated = this.#options.cache.updateSend(item.clientId, update);
    if (!updated.ok) return undefined;
    this.#announce(updated.value);
    return updated.value;
  }
}
