/**
 * The composer's lookups against a real sandbox, signed in as its demo account: each sends the reference's request
 * (checked in the sandbox's request log), WhatsApp templates offered are the APPROVED ones with their content read
 * into header, body, footer and buttons, what a thread shows is answered from the cache once the service is out of
 * reach, and the last inbound message counts every cached message of the customer through that agent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fail, type Result } from '../../../common/result';
import type { Api } from '../../../main/api/client';
import { inMemory, openCache, type Cache } from '../../../main/cache/cache';
import { composeHandlers, type ComposeHandlers } from '../../../main/compose/compose-handlers';
import { Session } from '../../../main/session/session';
import { createMemoryVault } from '../../../main/vault/memory-vault';
import { DEMO_ACCOUNT, startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { customer, message, t0, unwrap } from '../cache/fixtures';

let sandbox: RunningSandbox;
let session: Session;
let cache: Cache;
let compose: ComposeHandlers;

/** An API that cannot reach the service, as when the computer is offline. */
const offline: Api = { call: () => Promise.resolve(fail('NETWORK', 'The network is down')) };

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 5, control: true, customers: 2, messagesPerCustomer: 1 });
  session = new Session({ vault: createMemoryVault('compose test'), retry: { maxAttempts: 1 }, responseTimeoutMs: 5_000 });
  unwrap(await session.signIn({ ...DEMO_ACCOUNT, baseUrl: sandbox.baseUrl }, { remember: false }));
  cache = unwrap(openCache({ file: inMemory }));
  compose = composeHandlers({ api: session, cache });
});

afterAll(async () => {
  cache.close();
  session.close();
  await sandbox.close();
});

function requestsSince(logLength: number) {
  return sandbox.requestLog().slice(logLength).filter((entry) => entry.path !== '/api/auth');
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function whatsAppAgentId(): Promise<string> {
  const channels = value(await session.call('channels.list', { query: { type: 'WA', status: 'ACTIVE' } }));
  const agentId = channels.channels.flatMap((channel) => channel.agents ?? []).map((agent) => agent._id)[0];
  if (agentId === undefined) throw new Error('The sandbox has no active WhatsApp agent');
  return agentId;
}

describe('stored templates', () => {
  it('lists them searched by the service, and shows one offline once it was seen', async () => {
    const start = sandbox.requestLog().length;
    const found = value(await compose['compose:templates']({ search: 'Greeting' }));
    expect(requestsSince(start).map((entry) => entry.url)).toEqual(['/api/templates?offset=0&limit=100&sort=created&search=Greeting&order=1']);
    const greeting = found.items.find((template) => template.title === 'Greeting');
    expect(greeting).toMatchObject({ type: 'TEXT_TEMPLATE', text: 'Hi! Thanks for contacting Acme Store. How can we help you today?' });
    if (greeting === undefined) throw new Error('No Greeting template');

    const offlineCompose = composeHandlers({ api: offline, cache });
    expect(value(await offlineCompose['compose:template']({ id: greeting.id }))).toEqual(greeting);
  });

  it('fetches a template it has not seen once, keeps it, and answers null for one the service does not have', async () => {
    const fresh = unwrap(openCache({ file: inMemory }));
    const handlers = composeHandlers({ api: session, cache: fresh });
    const all = value(await compose['compose:templates']({}));
    const shipped = all.items.find((template) => template.title === 'Order shipped');
    if (shipped === undefined) throw new Error('No Order shipped template');
    const start = sandbox.requestLog().length;
    expect(value(await handlers['compose:template']({ id: shipped.id }))).toEqual(shipped);
    expect(value(await handlers['compose:template']({ id: shipped.id }))).toEqual(shipped);
    expect(requestsSince(start).map((entry) => entry.url)).toEqual([`/api/templates/${shipped.id}`]);
    expect(value(await handlers['compose:template']({ id: '00000000-0000-4000-8000-000000000000' }))).toBeNull();
    fresh.close();
  });

  it('says the service is out of reach for a template never seen', async () => {
    const handlers = composeHandlers({ api: offline, cache: unwrap(openCache({ file: inMemory })) });
    const answer = await handlers['compose:template']({ id: 'never-seen' });
    expect(answer.ok ? undefined : answer.error.code).toBe('NETWORK');
  });
});

describe('WhatsApp templates', () => {
  it('offers the APPROVED ones only, with header, body, footer and buttons read from the answer', async () => {
    const agentId = await whatsAppAgentId();
    const start = sandbox.requestLog().length;
    const { items } = value(await compose['compose:whatsapp-templates']({ agentId }));
    expect(requestsSince(start).map((entry) => entry.url)).toEqual([
      `/api/agents/whatsapp/${agentId}/templates?offset=0&limit=100&sort=created&order=1&status=APPROVED`,
    ]);
    expect(items.map((template) => template.name).sort()).toEqual(['login_code', 'order_update', 'spring_sale']);
    expect(items.find((template) => template.name === 'spring_sale')).toMatchObject({
      header: { format: 'IMAGE' },
      body: 'Spring sale! Get {{1}} off all sneakers until {{2}}.',
      footer: 'Reply STOP to opt out',
      buttons: [
        { kind: 'PHONE_NUMBER', text: 'Call us', target: '+18005550199' },
        { kind: 'URL', text: 'Shop now', target: 'https://shop.acme.example/sale' },
      ],
    });
    expect(items.find((template) => template.name === 'order_update')).toMatchObject({
      header: { format: 'TEXT', text: 'Order update' },
      buttons: [
        { kind: 'QUICK_REPLY', text: 'Track order' },
        { kind: 'QUICK_REPLY', text: 'Talk to an agent' },
      ],
    });

    const sale = items.find((template) => template.name === 'spring_sale');
    if (sale === undefined) throw new Error('No spring_sale template');
    const offlineCompose = composeHandlers({ api: offline, cache });
    expect(value(await offlineCompose['compose:whatsapp-template']({ agentId, id: sale.id }))).toEqual(sale);
  });
});

describe('links', () => {
  it('lists link tokens, and the kept ones offline', async () => {
    const { items } = value(await compose['compose:link-tokens']({}));
    expect(items).toContainEqual({ id: 146746, name: 'Watch this', url: 'https://www.youtube.com/watch?v=X48VuDVv0do', enabled: true });
    const offlineCompose = composeHandlers({ api: offline, cache });
    expect(value(await offlineCompose['compose:link-tokens']({})).items).toEqual(items);
  });

  it('shortens links for the customer’s number', async () => {
    unwrap(cache.upsertCustomers([customer(1, { id: 'shorten-customer', phone: '447911123456' })]));
    const start = sandbox.requestLog().length;
    const { links } = value(await compose['compose:shorten-links']({ customerId: 'shorten-customer', links: ['https://shop.acme.example/spring'] }));
    expect(links).toEqual([{ base: 'https://shop.acme.example/spring', short: expect.stringMatching(/^https?:\/\//) }]);
    expect(requestsSince(start).map((entry) => [entry.url, entry.body])).toEqual([
      ['/api/links/shorten', { customerNumber: '447911123456', links: ['https://shop.acme.example/spring'] }],
    ]);
  });
});

describe('the last inbound message', () => {
  it('is the newest customer message through that agent among all cached, not an agent’s reply or another agent’s', async () => {
    unwrap(cache.upsertCustomers([customer(2, { id: 'window-customer' })]));
    const messages = [
      message('window-customer', 'm1', t0, { agentId: 'agent-wa' }),
      message('window-customer', 'm2', t0 + 1_000, { agentId: 'agent-wa' }),
      message('window-customer', 'm3', t0 + 2_000, { agentId: 'agent-wa', origin: 'AGENT' }),
      message('window-customer', 'm4', t0 + 3_000, { agentId: 'agent-sms' }),
      // More than a thread's window of newer replies: the customer's message is still found.
      ...Array.from({ length: 60 }, (_, index) => message('window-customer', `r${index}`, t0 + 10_000 + index, { agentId: 'agent-wa', origin: 'AGENT' })),
    ];
    unwrap(cache.upsertMessages(messages));
    expect(value(await compose['compose:last-inbound']({ customerId: 'window-customer', agentId: 'agent-wa' }))).toEqual({ sent: t0 + 1_000 });
    expect(value(await compose['compose:last-inbound']({ customerId: 'window-customer', agentId: 'agent-viber' }))).toEqual({ sent: null });
  });
});
