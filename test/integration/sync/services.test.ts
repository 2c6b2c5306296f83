/**
 * The sync engine and the outbox as the app wires them: idle while signed out (a send is refused), syncing and
 * delivering once the session signs in, every event and answer in the contract's shapes, and stopped again at
 * sign-out.
 */
import { afterAll, expect, it } from 'vitest';
import { channels, events as eventSchemas, type EventName } from '../../../common/contract';
import { inMemory, openCache } from '../../../main/cache/cache';
import { EventBus } from '../../../main/ipc/event-bus';
import { Session } from '../../../main/session/session';
import { createSyncServices } from '../../../main/sync/sync-services';
import { createMemoryVault } from '../../../main/vault/memory-vault';
import { DEMO_ACCOUNT } from '../../../sandbox/index';
import { copiesOnServer, fastOutbox, reachableCustomers, sandboxOn, smsAgent, unwrap, waitFor } from './world';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

it('runs sync and the outbox while signed in, and stops them at sign-out', async () => {
  const sandbox = await sandboxOn({ customers: 20, messagesPerCustomer: 2 });
  cleanups.push(() => sandbox.close());
  const session = new Session({ vault: createMemoryVault('test'), retry: { maxAttempts: 1 } });
  cleanups.push(() => session.close());
  const cache = unwrap(openCache({ file: inMemory }));
  cleanups.push(() => cache.close());
  const bus = new EventBus();
  const seen: { event: EventName; payload: unknown }[] = [];
  bus.subscribe((event, payload) => seen.push({ event, payload }));
  const services = createSyncServices({ cache, session, events: bus, outboxPolicy: fastOutbox });
  cleanups.push(() => services.close());
  const { handlers } = services;

  expect(await handlers['sync:status']({})).toEqual({ ok: true, value: { state: 'signed-out' } });
  const refused = await handlers['outbox:send']({ customerId: 'anyone', payload: { type: 'TEXT', text: 'hi' } });
  expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

  unwrap(await session.signIn({ ...DEMO_ACCOUNT, baseUrl: sandbox.baseUrl }, { remember: false }));
  const status = unwrap(await handlers['sync:now']({}));
  expect(channels['sync:now'].output.parse(status)).toMatchObject({ state: 'online' });
  expect(unwrap(cache.customerPage({ limit: 50 })).items).toHaveLength(20);
  expect(seen.some(({ event }) => event === 'customers:changed')).toBe(true);

  const agent = smsAgent(cache);
  const [customer] = reachableCustomers(cache, agent.id, 1);
  if (!customer) throw new Error('no customer');
  const text = `Through the contract (${Date.now()})`;
  const item = unwrap(await handlers['outbox:send']({ customerId: customer.id, agentId: agent.id, payload: { type: 'TEXT', text } }));
  expect(channels['outbox:send'].output.parse(item)).toMatchObject({ state: 'queued' });
  await waitFor(
    () => seen.some(({ event, payload }) => event === 'outbox:changed' && JSON.stringify(payload).includes('"state":"sent"')),
    'outbox:changed with the send sent',
  );
  expect(copiesOnServer(sandbox, text)).toBe(1);
  expect(unwrap(await handlers['outbox:list']({ limit: 50 }))).toEqual([]);
  expect(unwrap(await handlers['outbox:list']({ limit: 50, states: ['sent'] })).map((sent) => sent.clientId)).toEqual([item.clientId]);
  expect(unwrap(await handlers['sync:focus']({ customerId: customer.id, windowFocused: true, visible: true }))).toEqual({});

  await session.signOut();
  await waitFor(() => services.sync.status().state === 'signed-out' && services.outbox.role === 'stopped', 'both to stop');
  for (const { event, payload } of seen) expect(() => eventSchemas[event].parse(payload)).not.toThrow();
  expect(seen.filter(({ event }) => event === 'sync:status').at(-1)?.payload).toEqual({ state: 'signed-out' });
});
