/**
 * The customer channels' handlers against a real sandbox, signed in as its demo account, over a cache filled from
 * it: each write sends the reference's one request (checked in the sandbox's request log) and then changes the
 * cache; a customer or message the service no longer has (404, 410) counts as deleted; offline, a write is refused
 * before any request and the cache stays as it was.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT, startSandbox, type RunningSandbox } from '../../../sandbox/index';
import type { EventName } from '../../../common/contract';
import type { Result } from '../../../common/result';
import type { Cache } from '../../../main/cache/cache';
import { customerHandlers, type CustomerHandlers } from '../../../main/customers/customer-handlers';
import { DeletedCustomers } from '../../../main/customers/deleted-customers';
import { EventBus } from '../../../main/ipc/event-bus';
import { apiRemote } from '../../../main/remote/remote';
import { Session } from '../../../main/session/session';
import { createMemoryVault } from '../../../main/vault/memory-vault';
import { testCache, unwrap } from '../cache/fixtures';

let sandbox: RunningSandbox;
let session: Session;
let cache: Cache;
let handlers: CustomerHandlers;
let online = true;
let deletions: DeletedCustomers;
let heard: { event: EventName; payload: unknown }[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 11, customers: 4, messagesPerCustomer: 3, life: false });
  session = new Session({ vault: createMemoryVault('customer handlers test'), retry: { maxAttempts: 1 }, responseTimeoutMs: 5_000 });
  unwrap(await session.signIn({ ...DEMO_ACCOUNT, baseUrl: sandbox.baseUrl }, { remember: false }));
});

afterAll(async () => {
  session.close();
  await sandbox.close();
});

/** A fresh cache holding the sandbox's customers and their histories, as sync would have stored them. */
beforeEach(async () => {
  cache = testCache({ memory: true }).cache;
  const remote = apiRemote(session);
  const customers = unwrap(await remote.customers({ offset: 0, limit: 50 })).items;
  unwrap(cache.upsertCustomers(customers));
  for (const { id } of customers) unwrap(cache.upsertMessages(unwrap(await remote.history(id, { offset: 0, limit: 50 })).items));
  const events = new EventBus();
  heard = [];
  events.subscribe((event, payload) => {
    heard.push({ event, payload });
  });
  online = true;
  deletions = new DeletedCustomers();
  handlers = customerHandlers({ api: session, cache, events, online: () => online, deletions });
});

function writesSince(logLength: number) {
  return sandbox
    .requestLog()
    .slice(logLength)
    .filter((entry) => entry.method !== 'GET')
    .map(({ method, path, status, body }) => ({ method, path, status, body }));
}

function codeOf(result: Result<unknown>): string {
  return result.ok ? 'ok' : result.error.code;
}

function firstCustomer() {
  const customer = unwrap(cache.customerPage({ limit: 1 })).items[0];
  if (customer === undefined) throw new Error('The cache holds no customer');
  return customer;
}

describe('customers:update', () => {
  it('renames with one PATCH carrying only the name, and the cache and its search follow at once', async () => {
    const customer = firstCustomer();
    const start = sandbox.requestLog().length;
    const renamed = unwrap(await handlers['customers:update']({ id: customer.id, name: 'Zelda Quartermain' }));
    expect(renamed.name).toBe('Zelda Quartermain');
    expect(writesSince(start)).toEqual([{ method: 'PATCH', path: `/api/customers/${customer.id}`, status: 204, body: { name: 'Zelda Quartermain' } }]);
    expect(unwrap(cache.customerPage({ limit: 5, search: 'quartermain' })).items.map((item) => item.id)).toEqual([customer.id]);
    expect(heard).toContainEqual({ event: 'customers:changed', payload: { ids: [customer.id] } });
  });

  it('switches one channel\'s chatbot with a MANUALLY mode', async () => {
    const customer = firstCustomer();
    const start = sandbox.requestLog().length;
    const changed = unwrap(await handlers['customers:update']({ id: customer.id, chatbot: { channelId: 'channel-x', enabled: false } }));
    expect(changed.chatbotEnabled['channel-x']).toBe('DISABLED_MANUALLY');
    expect(writesSince(start).map((write) => write.body)).toEqual([{ chatbot_enabled: { 'channel-x': 'DISABLED_MANUALLY' } }]);
  });

  it('offline: refused before any request, the cache unchanged', async () => {
    const customer = firstCustomer();
    online = false;
    const start = sandbox.requestLog().length;
    const refused = await handlers['customers:update']({ id: customer.id, name: 'Nobody Knows' });
    expect(refused.ok ? undefined : refused.error).toMatchObject({ code: 'NETWORK', message: expect.stringContaining('offline') });
    expect(writesSince(start)).toEqual([]);
    expect(unwrap(cache.getCustomer(customer.id))?.name).toBe(customer.name);
  });

  it('a customer the service does not have: NOT_FOUND', async () => {
    const refused = await handlers['customers:update']({ id: '00000000-0000-4000-8000-000000000000', name: 'Ghost' });
    expect(codeOf(refused)).toBe('NOT_FOUND');
  });
});

describe('customers:create', () => {
  it('normalises a national number in the chosen region and creates with one POST, then caches the customer', async () => {
    const start = sandbox.requestLog().length;
    const created = unwrap(await handlers['customers:create']({ phone: '020 7946 0958', name: 'Ada Byron', region: 'GB' }));
    expect(created).toMatchObject({ existing: false, customer: { phone: '442079460958', name: 'Ada Byron' } });
    expect(writesSince(start)).toEqual([{ method: 'POST', path: '/api/customers', status: 201, body: { phone: '442079460958', name: 'Ada Byron' } }]);
    expect(unwrap(cache.getCustomer(created.customer.id))?.name).toBe('Ada Byron');
  });

  it('finds a number the cache knows without asking the service', async () => {
    const customer = firstCustomer();
    const start = sandbox.requestLog().length;
    const found = unwrap(await handlers['customers:create']({ phone: `+${customer.phone}` }));
    expect(found).toMatchObject({ existing: true, customer: { id: customer.id } });
    expect(sandbox.requestLog().slice(start)).toEqual([]);
  });

  it('a number the service knows but the cache does not: 409, then the service\'s customer is cached and opened', async () => {
    const known = firstCustomer();
    unwrap(cache.deleteCustomer(known.id));
    const found = unwrap(await handlers['customers:create']({ phone: `+${known.phone}` }));
    expect(found).toMatchObject({ existing: true, customer: { id: known.id } });
    expect(unwrap(cache.getCustomer(known.id))?.id).toBe(known.id);
  });

  it('refuses an invalid number before any request, saying why', async () => {
    const start = sandbox.requestLog().length;
    const refused = await handlers['customers:create']({ phone: '12', region: 'GB' });
    expect(refused.ok ? undefined : refused.error).toMatchObject({ code: 'BAD_INPUT', field: 'phone', message: 'This is not a valid phone number in United Kingdom' });
    expect(writesSince(start)).toEqual([]);
  });

  it('offline: a new number is refused before any request', async () => {
    online = false;
    const refused = await handlers['customers:create']({ phone: '+33 1 23 45 67 89' });
    expect(codeOf(refused)).toBe('NETWORK');
  });
});

describe('customers:delete', () => {
  it('deletes with one DELETE and the cache forgets them; a second delete (410) counts as already gone', async () => {
    const customer = firstCustomer();
    const start = sandbox.requestLog().length;
    const syncReadBefore = deletions.beginRead();
    expect(unwrap(await handlers['customers:delete']({ id: customer.id }))).toEqual({ alreadyGone: false });
    // Sync's reads begun before the delete will not store them again; reads begun after may.
    expect(deletions.deletedSince(syncReadBefore, customer.id)).toBe(true);
    expect(deletions.deletedSince(deletions.beginRead(), customer.id)).toBe(false);
    expect(writesSince(start)).toEqual([{ method: 'DELETE', path: `/api/customers/${customer.id}`, status: 200, body: undefined }]);
    expect(unwrap(cache.getCustomer(customer.id))).toBeNull();
    expect(unwrap(cache.messageWindow({ customerId: customer.id, limit: 10 })).items).toEqual([]);
    expect(heard).toContainEqual({ event: 'drafts:changed', payload: { customerId: customer.id, draft: null } });

    unwrap(cache.upsertCustomers([{ ...customer }]));
    const again = unwrap(await handlers['customers:delete']({ id: customer.id }));
    expect(again).toEqual({ alreadyGone: true });
    expect(sandbox.requestLog().slice(start).at(-1)?.status).toBe(410);
    expect(unwrap(cache.getCustomer(customer.id))).toBeNull();
  });

  it('offline: refused before any request, the customer still cached', async () => {
    const customer = firstCustomer();
    online = false;
    const start = sandbox.requestLog().length;
    const syncReadBefore = deletions.beginRead();
    expect(codeOf(await handlers['customers:delete']({ id: customer.id }))).toBe('NETWORK');
    expect(writesSince(start)).toEqual([]);
    expect(unwrap(cache.getCustomer(customer.id))?.id).toBe(customer.id);
    expect(deletions.deletedSince(syncReadBefore, customer.id)).toBe(false);
  });
});

describe('messages:delete', () => {
  it('deletes with one DELETE, the thread and search lose it; a second delete (404) counts as already gone', async () => {
    const customer = firstCustomer();
    const thread = unwrap(cache.messageWindow({ customerId: customer.id, limit: 10 })).items;
    const doomed = thread.at(-1);
    if (doomed?.messageId == null) throw new Error('The customer has no message from the service');
    const start = sandbox.requestLog().length;
    expect(unwrap(await handlers['messages:delete']({ customerId: customer.id, messageId: doomed.messageId }))).toEqual({ alreadyGone: false });
    expect(writesSince(start)).toEqual([{ method: 'DELETE', path: `/api/messages/${doomed.messageId}`, status: 204, body: undefined }]);
    const after = unwrap(cache.messageWindow({ customerId: customer.id, limit: 10 })).items;
    expect(after.map((item) => item.key)).toEqual(thread.slice(0, -1).map((item) => item.key));
    expect(heard).toContainEqual({ event: 'messages:changed', payload: { customerId: customer.id, ids: [doomed.key] } });

    const again = unwrap(await handlers['messages:delete']({ customerId: customer.id, messageId: doomed.messageId }));
    expect(again).toEqual({ alreadyGone: true });
  });

  it('offline: refused before any request, the message still in the thread', async () => {
    const customer = firstCustomer();
    const before = unwrap(cache.messageWindow({ customerId: customer.id, limit: 10 })).items;
    const messageId = before[0]?.messageId ?? 'none';
    online = false;
    const start = sandbox.requestLog().length;
    expect(codeOf(await handlers['messages:delete']({ customerId: customer.id, messageId }))).toBe('NETWORK');
    expect(writesSince(start)).toEqual([]);
    expect(unwrap(cache.messageWindow({ customerId: customer.id, limit: 10 })).items).toHaveLength(before.length);
  });
});
