/**
 * The sync engine against a scripted service and a clock that moves only when told: how many requests a look
 * costs (stop at the first known customer and message), how the intervals follow what the agent looks at and
 * grow when nothing changes, backoff with jitter and Retry-After, and the catch-ups on network return, focus
 * and wake from sleep.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncFocus, SyncStatus } from '../../../common/contract/sync';
import type { InboxError } from '../../../common/result';
import { inMemory, openCache, type Cache } from '../../../main/cache/cache';
import { DeletedCustomers } from '../../../main/customers/deleted-customers';
import { SyncEngine, type InboundNews } from '../../../main/sync/sync-engine';
import { defaultSyncPolicy, type SyncPolicy } from '../../../main/sync/schedule';
import { FakeRemote } from './fake-remote';
import { ManualClock } from './manual-clock';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

let clock: ManualClock;
let remote: FakeRemote;
let cache: Cache;
let engine: SyncEngine;
let statuses: SyncStatus[];
let customerEvents: string[][];
let messageEvents: { customerId: string; ids: string[] }[];
let reachable: number;
let inbound: InboundNews[];

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: InboxError }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

let deletions: DeletedCustomers;

function newEngine(policy: Partial<SyncPolicy> = {}, focus: SyncFocus = { windowFocused: true, visible: true }): SyncEngine {
  engine = new SyncEngine({
    remote,
    cache,
    deletions,
    clock,
    policy,
    onStatus: (status) => statuses.push(status),
    onCustomersChanged: (ids) => customerEvents.push(ids),
    onMessagesChanged: (customerId, ids) => messageEvents.push({ customerId, ids }),
    onReachable: () => {
      reachable += 1;
    },
    onInbound: (news) => inbound.push(news),
  });
  engine.setFocus(focus);
  return engine;
}

const serverError: InboxError = { code: 'SERVER', message: 'The service answered HTTP 500', retryable: true };
const networkError: InboxError = { code: 'NETWORK', message: 'Could not reach the service: ECONNREFUSED', retryable: true };
const rateLimited = (seconds: number): InboxError => ({
  code: 'RATE_LIMITED',
  message: 'Too Many Requests',
  retryable: true,
  retryAfterSeconds: seconds,
});

/** Makes the remote's calls wait until the returned function is called. */
function hold(): () => void {
  let release = (): void => undefined;
  remote.gate = new Promise((resolve) => {
    release = resolve;
  });
  return release;
}

/** Customers c000..c(n-1), oldest conversation first, each with `messages` messages. */
function seed(count: number, messages = 3): void {
  for (let index = 0; index < count; index += 1) {
    clock.suspend(10);
    remote.addCustomer(`c${String(index).padStart(3, '0')}`, messages);
  }
}

/** Starts the engine and lets its first fill finish; the request log is cleared afterwards. */
async function startAndFill(policy: Partial<SyncPolicy> = {}, focus?: SyncFocus): Promise<void> {
  newEngine(policy, focus);
  engine.start();
  await clock.settle();
  expect(engine.status().state).toBe('online');
  remote.calls.length = 0;
  statuses.length = 0;
  customerEvents.length = 0;
  messageEvents.length = 0;
}

beforeEach(() => {
  clock = new ManualClock();
  remote = new FakeRemote(() => clock.now());
  cache = unwrap(openCache({ file: inMemory, now: () => clock.now() }));
  statuses = [];
  customerEvents = [];
  messageEvents = [];
  reachable = 0;
  inbound = [];
  deletions = new DeletedCustomers();
});

afterEach(async () => {
  await engine.stop();
  cache.close();
});

describe('the first fill', () => {
  it('stores every customer, the channels and agents, and the newest conversations’ histories', async () => {
    seed(30);
    newEngine({ initialHistories: 10, initialCustomersPageSize: 200 });
    engine.start();
    await clock.settle();

    expect(unwrap(cache.customerPage({ limit: 50 })).items).toHaveLength(30);
    expect(unwrap(cache.listChannels()).map((channel) => channel.id)).toEqual(['channel-sms']);
    expect(unwrap(cache.listAgents()).map((agent) => agent.id)).toEqual(['agent-1']);
    // Histories of the ten newest conversations only; the others wait until opened or changed.
    expect(remote.count('history')).toBe(10);
    const newest = unwrap(cache.messageWindow({ customerId: 'c029', limit: 50 }));
    expect(newest.items.map((message) => message.payload)).toEqual([0, 1, 2].map((index) => ({ type: 'TEXT', text: `hello ${index}` })));
    expect(unwrap(cache.messageWindow({ customerId: 'c000', limit: 50 })).items).toEqual([]);
    expect(engine.status()).toMatchObject({ state: 'online', lastSyncedAt: clock.now() });
  });

  it('reads the whole list even past customers it stored in an earlier, interrupted fill', async () => {
    seed(120);
    newEngine({ initialCustomersPageSize: 50, initialHistories: 0 });
    // First fill: page 1 succeeds, page 2 fails.
    const originalCustomers = remote.customers.bind(remote);
    let pages = 0;
    remote.customers = async (request) => (++pages === 2 ? { ok: false, error: serverError } : originalCustomers(request));
    engine.start();
    await clock.settle();
    expect(unwrap(cache.customerPage({ limit: 200 })).items).toHaveLength(50);

    await clock.advance(5 * SECOND);
    expect(unwrap(cache.customerPage({ limit: 200 })).items).toHaveLength(120);
  });
});

describe('a look for changes', () => {
  it('costs one request when nothing changed', async () => {
    seed(120);
    await startAndFill();
    await clock.advance(15 * SECOND);
    expect(remote.calls).toEqual([{ operation: 'customers', offset: 0, limit: defaultSyncPolicy.customersPageSize }]);
  });

  it('stops at the first customer known at the reported time and fetches only the changed histories', async () => {
    seed(120);
    await startAndFill();
    for (const id of ['c005', 'c050', 'c100']) remote.addMessage(id, { text: `news for ${id}` });

    await clock.advance(15 * SECOND);

    expect(remote.count('customers')).toBe(1);
    expect(remote.calls.filter((call) => call.operation === 'history').map((call) => call.customerId).sort()).toEqual([
      'c005',
      'c050',
      'c100',
    ]);
    const window = unwrap(cache.messageWindow({ customerId: 'c005', limit: 50 }));
    expect(window.items.at(-1)?.payload).toEqual({ type: 'TEXT', text: 'news for c005' });
    expect(messageEvents.map((event) => event.customerId).sort()).toEqual(['c005', 'c050', 'c100']);
    expect(customerEvents.flat()).toEqual(expect.arrayContaining(['c005', 'c050', 'c100']));
  });

  it('reads further pages while every customer on a page has changed', async () => {
    seed(120, 1);
    await startAndFill({ customersPageSize: 50 });
    for (let index = 0; index < 60; index += 1) remote.addMessage(`c${String(index).padStart(3, '0')}`, { text: 'news' });

    await clock.advance(15 * SECOND);

    expect(remote.calls.filter((call) => call.operation === 'customers').map((call) => call.offset)).toEqual([0, 50]);
    expect(remote.count('history')).toBe(60);
  });

  it('pages a history newest first until the first message it already holds', async () => {
    seed(5);
    await startAndFill({ historyPageSize: 50 });
    for (let index = 0; index < 120; index += 1) remote.addMessage('c004', { text: `burst ${index}`, sent: clock.now() + index });

    await clock.advance(15 * SECOND);

    expect(remote.calls.filter((call) => call.operation === 'history').map((call) => call.offset)).toEqual([0, 50, 100]);
    const window = unwrap(cache.messageWindow({ customerId: 'c004', limit: 200 }));
    expect(window.items).toHaveLength(123);
    expect(new Set(window.items.map((message) => message.messageId)).size).toBe(123);
  });

  it('does not stop at a send of ours the cache knows by its id when older news has not been fetched yet', async () => {
    seed(3);
    await startAndFill({ historyPageSize: 50 });
    // 60 messages from the customer arrive, then our reply goes out and the outbox records its server id.
    for (let index = 0; index < 60; index += 1) remote.addMessage('c001', { text: `question ${index}`, sent: clock.now() + index });
    const reply = remote.addMessage('c001', { text: 'our reply', origin: 'AGENT', status: 'SENT', sent: clock.now() + 100 });
    unwrap(cache.enqueueSend({ clientId: 'client-1', customerId: 'c001', agentId: 'agent-1', channelType: 'SMS', payload: reply.payload }));
    unwrap(cache.updateSend('client-1', { state: 'sent', messageId: reply.messageId }));

    await clock.advance(15 * SECOND);

    const thread = unwrap(cache.messageWindow({ customerId: 'c001', limit: 200 }));
    expect(thread.items.filter((message) => message.origin === 'CUSTOMER')).toHaveLength(63);
    expect(thread.items.filter((message) => message.messageId === reply.messageId)).toHaveLength(1);
  });

  it('asks again for a history that failed, instead of taking the customer as up to date', async () => {
    seed(5);
    await startAndFill();
    remote.addMessage('c002', { text: 'lost?' });
    const originalHistory = remote.history.bind(remote);
    let attempts = 0;
    remote.history = async (customerId, request) =>
      ++attempts === 1 ? { ok: false, error: serverError } : originalHistory(customerId, request);

    await clock.advance(10.5 * SECOND);
    expect(attempts).toBe(1);
    expect(unwrap(cache.messageWindow({ customerId: 'c002', limit: 50 })).items.at(-1)?.payload).not.toEqual({ type: 'TEXT', text: 'lost?' });
    const serverTime = remote.customerList.find((customer) => customer.id === 'c002')?.lastMessageTime;
    expect(unwrap(cache.knownLastMessageTimes(['c002']))['c002']).not.toBe(serverTime);

    await clock.advance(5 * SECOND);
    expect(unwrap(cache.messageWindow({ customerId: 'c002', limit: 50 })).items.at(-1)?.payload).toEqual({ type: 'TEXT', text: 'lost?' });
  });

  /** Starts the next look and lets it read the customer list; its first history request is then held. */
  async function lookUntilHistoryAsked(): Promise<() => void> {
    const releaseCustomerPage = hold();
    await clock.advance(12 * SECOND);
    const releaseHistory = hold();
    releaseCustomerPage();
    await clock.settle();
    return releaseHistory;
  }

  /** What customer-handlers does once the service deleted a customer; then the held request goes on. */
  async function deleteThenRelease(customerId: string, release: () => void): Promise<void> {
    deletions.deleted(customerId);
    unwrap(cache.deleteCustomer(customerId));
    remote.gate = undefined;
    release();
    await clock.settle();
  }

  it('does not store again a customer the agent deleted while a look was reading them; a look begun after does', async () => {
    seed(3);
    await startAndFill({ concurrency: 1 });
    remote.addMessage('c002', { text: 'news' });
    clock.suspend(10);
    remote.addMessage('c001', { text: 'still there?' });
    const releaseFirstHistory = await lookUntilHistoryAsked();
    const releaseSecondHistory = hold();
    releaseFirstHistory();
    await clock.settle();
    // c001's history is in the cache; c002's is on its way, and the look will then store both customers.
    expect(remote.calls.at(-1)).toMatchObject({ operation: 'history', customerId: 'c002' });
    expect(unwrap(cache.messageWindow({ customerId: 'c001', limit: 50 })).items.at(-1)?.payload).toEqual({ type: 'TEXT', text: 'still there?' });

    await deleteThenRelease('c001', releaseSecondHistory);
    expect(unwrap(cache.getCustomer('c001'))).toBeNull();
    expect(unwrap(cache.messageWindow({ customerId: 'c001', limit: 50 })).items).toEqual([]);
    expect(unwrap(cache.messageWindow({ customerId: 'c002', limit: 50 })).items.at(-1)?.payload).toEqual({ type: 'TEXT', text: 'news' });

    // The service still lists them (they wrote again, say): the next look, begun after the delete, believes it.
    await clock.advance(60 * SECOND);
    expect(unwrap(cache.getCustomer('c001'))?.id).toBe('c001');
  });

  it('drops the history of a customer deleted while it was on its way, and the look carries on without failing', async () => {
    seed(3);
    await startAndFill();
    remote.addMessage('c001', { text: 'still there?' });
    const releaseHistory = await lookUntilHistoryAsked();
    expect(remote.calls.at(-1)).toMatchObject({ operation: 'history', customerId: 'c001' });

    await deleteThenRelease('c001', releaseHistory);
    expect(unwrap(cache.getCustomer('c001'))).toBeNull();
    expect(statuses.map((status) => status.state)).not.toContain('failing');
    expect(engine.status().state).toBe('online');
  });

  it('keeps at most the policy’s number of history requests in flight', async () => {
    seed(40, 1);
    await startAndFill({ concurrency: 4 });
    for (let index = 0; index < 40; index += 1) remote.addMessage(`c${String(index).padStart(3, '0')}`, { text: 'news' });
    const releaseCustomerPage = hold();
    remote.maxInFlight = 0;
    await clock.advance(12 * SECOND);
    expect(remote.inFlight).toBe(1);

    const releaseHistories = hold();
    releaseCustomerPage();
    await clock.settle();
    expect(remote.inFlight).toBe(4);
    remote.gate = undefined;
    releaseHistories();
    await clock.settle();

    expect(remote.count('history')).toBe(40);
    expect(remote.maxInFlight).toBe(4);
  });

  it('refreshes the statuses of recent outgoing messages until they are final', async () => {
    seed(3);
    await startAndFill();
    const sent = remote.addMessage('c001', { text: 'your order shipped', origin: 'AGENT', status: 'SENT' });
    await clock.advance(12 * SECOND);
    remote.calls.length = 0;
    remote.setStatus(sent.messageId, 'DELIVERED');

    await clock.advance(12 * SECOND);
    expect(remote.count('history', 'c001')).toBe(1);
    expect(unwrap(cache.messageWindow({ customerId: 'c001', limit: 50 })).items.at(-1)?.status).toBe('DELIVERED');

    remote.setStatus(sent.messageId, 'READ');
    await clock.advance(20 * SECOND);
    expect(unwrap(cache.messageWindow({ customerId: 'c001', limit: 50 })).items.at(-1)?.status).toBe('READ');
    const afterRead = remote.count('history', 'c001');
    await clock.advance(2 * MINUTE);
    expect(remote.count('history', 'c001')).toBe(afterRead);
  });
});

describe('intervals', () => {
  it('polls the open conversation every 1.5 s while its window is focused, and stops when it is not', async () => {
    seed(3);
    await startAndFill({}, { windowFocused: true, visible: true, customerId: 'c001' });

    await clock.advance(30 * SECOND);
    // 1.5 s ± 10% jitter: 20 polls in 30 s (the fixed random value puts each exactly at 1.5 s).
    expect(remote.count('history', 'c001')).toBe(20);

    engine.setFocus({ windowFocused: false, visible: true, customerId: 'c001' });
    remote.calls.length = 0;
    await clock.advance(60 * SECOND);
    expect(remote.count('history', 'c001')).toBe(0);
    expect(remote.count('customers')).toBeGreaterThan(0);
    expect(remote.count('customers')).toBeLessThanOrEqual(2);
  });

  it('slows the open conversation down after two quiet minutes, and speeds up at news', async () => {
    seed(3);
    await startAndFill({}, { windowFocused: true, visible: true, customerId: 'c001' });
    await clock.advance(5 * MINUTE);
    remote.calls.length = 0;
    await clock.advance(60 * SECOND);
    // 40 polls a minute at the fast rate; after five quiet minutes the interval has grown to about 4 s.
    expect(remote.count('history', 'c001')).toBeLessThan(20);

    remote.addMessage('c001', { text: 'are you there?' });
    await clock.advance(10 * SECOND);
    remote.calls.length = 0;
    await clock.advance(15 * SECOND);
    expect(remote.count('history', 'c001')).toBeGreaterThanOrEqual(10);
    expect(remote.count('history', 'c001')).toBeLessThanOrEqual(11);
  });

  it('looks for changes every 10 s focused, 30 s visible and 2 min hidden, growing while nothing changes', async () => {
    seed(3);
    await startAndFill({ jitter: 0 });
    const listSleeps = () => clock.sleeps.filter((ms) => ms !== 60 * MINUTE);

    clock.sleeps.length = 0;
    await clock.advance(10 * MINUTE);
    // 10 s, then ×1.5 per empty look, capped at 6× (60 s).
    expect(listSleeps().slice(0, 7)).toEqual([15, 22.5, 33.75, 50.625, 60, 60, 60].map((seconds) => Math.round(seconds * SECOND)));

    engine.setFocus({ windowFocused: false, visible: false });
    remote.addMessage('c000', { text: 'news resets the idle growth' });
    await clock.advance(2 * MINUTE);
    clock.sleeps.length = 0;
    await clock.advance(30 * MINUTE);
    expect(Math.min(...listSleeps())).toBeGreaterThanOrEqual(2 * MINUTE);
    expect(Math.max(...listSleeps())).toBeLessThanOrEqual(10 * MINUTE);
  });

  it('jitters each interval by up to 20% either way', async () => {
    seed(3);
    await startAndFill({ idleGrowth: 1 });
    clock.sleeps.length = 0;
    clock.randomValue = 0;
    await clock.advance(10 * SECOND);
    clock.randomValue = 0.999;
    await clock.advance(20 * SECOND);
    expect(clock.sleeps.filter((ms) => ms !== 60 * MINUTE).slice(0, 2)).toEqual([8 * SECOND, 11_996]);
  });
});

describe('backoff', () => {
  it('backs off exponentially with jitter after failures, reports them, and recovers', async () => {
    seed(3);
    await startAndFill();
    remote.failures.push(serverError, serverError, serverError, serverError);
    clock.randomValue = 0;

    const lookTimes: number[] = [];
    const originalCustomers = remote.customers.bind(remote);
    remote.customers = (request) => {
      lookTimes.push(clock.now());
      return originalCustomers(request);
    };
    await clock.advance(60 * SECOND);

    const gaps = lookTimes.slice(1).map((time, index) => time - (lookTimes[index] ?? 0));
    // Equal jitter with random 0: half of 2 s, 4 s, 8 s, 16 s.
    expect(gaps.slice(0, 4)).toEqual([1, 2, 4, 8].map((seconds) => seconds * SECOND));
    expect(statuses.some((status) => status.lastError?.code === 'SERVER' && status.retryAt !== undefined)).toBe(true);
    expect(engine.status().state).toBe('online');
    expect(engine.status().lastError).toBeUndefined();
    expect(reachable).toBe(1);
  });

  it('reports a service answering with errors as failing, with the error and the next try, until a look succeeds', async () => {
    seed(3);
    await startAndFill();
    const lastSyncedAt = engine.status().lastSyncedAt;
    const unavailable: InboxError = { code: 'SERVER', message: 'The service answered HTTP 503', retryable: true };
    for (let index = 0; index < 6; index += 1) remote.failures.push(unavailable);
    clock.randomValue = 0;

    await clock.advance(11 * SECOND);
    expect(engine.status()).toEqual({ state: 'failing', lastSyncedAt, lastError: unavailable, retryAt: expect.any(Number) });
    expect(engine.status().retryAt).toBeGreaterThan(clock.now());
    expect(statuses.filter((status) => status.lastError !== undefined).every((status) => status.state === 'failing')).toBe(true);

    await clock.advance(2 * MINUTE);
    expect(engine.status()).toEqual({ state: 'online', lastSyncedAt: expect.any(Number) });
  });

  it('never waits longer than five minutes between attempts', async () => {
    seed(3);
    await startAndFill();
    for (let index = 0; index < 30; index += 1) remote.failures.push(serverError);
    clock.randomValue = 0.999;
    await clock.advance(60 * MINUTE);
    expect(Math.max(...clock.sleeps.filter((ms) => ms !== 60 * MINUTE))).toBeLessThanOrEqual(5 * MINUTE);
  });

  it('honours Retry-After on a 429: nothing is asked, not even the open conversation, until it has passed', async () => {
    seed(3);
    await startAndFill({}, { windowFocused: true, visible: true, customerId: 'c001' });
    remote.failures.push(rateLimited(30));

    await clock.advance(2 * SECOND);
    expect(engine.status()).toMatchObject({ state: 'rate-limited', lastError: { code: 'RATE_LIMITED' } });
    const retryAt = engine.status().retryAt ?? 0;
    expect(retryAt - clock.now()).toBeGreaterThanOrEqual(28 * SECOND);
    remote.calls.length = 0;

    engine.setFocus({ windowFocused: false, visible: true, customerId: 'c001' });
    engine.setFocus({ windowFocused: true, visible: true, customerId: 'c001' });
    await clock.advance(retryAt - clock.now() - 100);
    expect(remote.calls).toEqual([]);

    await clock.advance(200);
    expect(remote.calls.length).toBeGreaterThan(0);
    expect(engine.status().state).not.toBe('rate-limited');
  });

  it('reports offline on network errors and catches up the moment the network returns', async () => {
    seed(3);
    await startAndFill();
    for (let index = 0; index < 10; index += 1) remote.failures.push(networkError);
    engine.setNetwork(false);
    await clock.advance(5 * MINUTE);
    expect(engine.status().state).toBe('offline');
    // Offline by the system's word: one probe a minute at most, however many looks failed.
    expect(remote.count('customers')).toBeLessThanOrEqual(5);

    remote.failures.length = 0;
    remote.addMessage('c002', { text: 'sent while you were offline' });
    remote.calls.length = 0;
    engine.setNetwork(true);
    await clock.advance(0);

    expect(remote.count('customers')).toBe(1);
    expect(unwrap(cache.messageWindow({ customerId: 'c002', limit: 50 })).items.at(-1)?.payload).toEqual({
      type: 'TEXT',
      text: 'sent while you were offline',
    });
    expect(engine.status().state).toBe('online');
  });
});

describe('catch-ups', () => {
  it('looks at once when the window gains focus, but not for every flap', async () => {
    seed(3);
    await startAndFill({}, { windowFocused: false, visible: false });
    await clock.advance(5 * SECOND);
    remote.calls.length = 0;

    engine.setFocus({ windowFocused: true, visible: true });
    await clock.advance(0);
    expect(remote.count('customers')).toBe(1);

    engine.setFocus({ windowFocused: false, visible: true });
    engine.setFocus({ windowFocused: true, visible: true });
    await clock.advance(0);
    expect(remote.count('customers')).toBe(1);
  });

  it('looks at once after the computer wakes from sleep', async () => {
    seed(3);
    await startAndFill();
    remote.calls.length = 0;
    clock.suspend(3 * 60 * MINUTE);
    remote.addMessage('c000', { text: 'while the lid was closed' });
    await clock.advance(0);
    expect(remote.count('customers')).toBe(1);
    expect(remote.count('history', 'c000')).toBe(1);
  });

  it('fetches a conversation opened for the first time, whose history the first fill skipped', async () => {
    seed(10);
    await startAndFill({ initialHistories: 2 });
    expect(unwrap(cache.messageWindow({ customerId: 'c000', limit: 50 })).items).toEqual([]);

    engine.setFocus({ windowFocused: true, visible: true, customerId: 'c000' });
    await clock.advance(0);
    expect(unwrap(cache.messageWindow({ customerId: 'c000', limit: 50 })).items).toHaveLength(3);
  });

  it('answers sync:now after a fresh look', async () => {
    seed(3);
    await startAndFill();
    remote.addMessage('c001', { text: 'refresh me' });
    const answered = engine.syncNow();
    await clock.advance(0);
    await expect(answered).resolves.toMatchObject({ state: 'online', lastSyncedAt: clock.now() });
    expect(remote.count('history', 'c001')).toBe(1);
  });
});

it('stops on sign-out: status signed-out and no further requests', async () => {
  seed(3);
  await startAndFill({}, { windowFocused: true, visible: true, customerId: 'c001' });
  await engine.stop();
  expect(engine.status()).toEqual({ state: 'signed-out' });
  remote.calls.length = 0;
  await clock.advance(10 * MINUTE);
  expect(remote.calls).toEqual([]);
});

describe('news for notifications', () => {
  it('reports nothing for the first fill: what was already there is history, not news', async () => {
    seed(5);
    await startAndFill();
    expect(unwrap(cache.messageWindow({ customerId: 'c004', limit: 50 })).items).toHaveLength(3);
    expect(inbound).toEqual([]);
  });

  it('reports a customer’s new message, once, with the message itself', async () => {
    seed(5);
    await startAndFill();
    const question = remote.addMessage('c002', { text: 'Is my order on its way?' });

    await clock.advance(15 * SECOND);
    await clock.advance(15 * SECOND);

    expect(inbound).toEqual([{ customerId: 'c002', messages: [question] }]);
  });

  it('reports several new messages of one customer together, oldest first', async () => {
    seed(5);
    await startAndFill();
    const first = remote.addMessage('c001', { text: 'hello?', sent: clock.now() + 1 });
    const second = remote.addMessage('c001', { text: 'anyone there?', sent: clock.now() + 2 });

    await clock.advance(15 * SECOND);

    expect(inbound).toEqual([{ customerId: 'c001', messages: [first, second] }]);
  });

  it('reports what a customer wrote after the first fill even when their history was never fetched', async () => {
    seed(10);
    await startAndFill({ initialHistories: 2 });
    expect(unwrap(cache.messageWindow({ customerId: 'c000', limit: 50 })).items).toEqual([]);
    const comeback = remote.addMessage('c000', { text: 'Back again: my parcel never came' });

    await clock.advance(15 * SECOND);

    // Only the new message: the three older ones the same fetch brought are history.
    expect(inbound).toEqual([{ customerId: 'c000', messages: [comeback] }]);
  });

  it('reports the first message of a customer the app has never seen', async () => {
    seed(5);
    await startAndFill();
    remote.addCustomer('c-new');
    const hello = remote.addMessage('c-new', { text: 'Hi, I found you on your website' });

    await clock.advance(15 * SECOND);

    expect(inbound).toEqual([{ customerId: 'c-new', messages: [hello] }]);
  });

  it('does not report the agents’ own messages', async () => {
    seed(5);
    await startAndFill();
    remote.addMessage('c003', { text: 'our answer', origin: 'AGENT', status: 'SENT' });

    await clock.advance(15 * SECOND);

    expect(messageEvents.map((event) => event.customerId)).toContain('c003');
    expect(inbound).toEqual([]);
  });
});
