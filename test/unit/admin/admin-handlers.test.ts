/**
 * The administration channels' handlers against a real sandbox, signed in as its demo account: each sends the
 * reference's request (checked in the sandbox's request log), answers the contract's shape, and keeps secrets in
 * main. A deleted item answers NOT_FOUND or GONE, which the screen shows as already gone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../../common/contract';
import { DEMO_ACCOUNT, startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { adminHandlers, type AdminHandlers } from '../../../main/admin/admin-handlers';
import { memoryCache } from './admin-test-setup';
import { Session } from '../../../main/session/session';
import { createMemoryVault } from '../../../main/vault/memory-vault';

let sandbox: RunningSandbox;
let session: Session;
let admin: AdminHandlers;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 5, control: true, customers: 2, messagesPerCustomer: 1 });
  session = new Session({ vault: createMemoryVault('admin test'), retry: { maxAttempts: 1 }, responseTimeoutMs: 5_000 });
  const signedIn = await session.signIn({ ...DEMO_ACCOUNT, baseUrl: sandbox.baseUrl }, { remember: false });
  if (!signedIn.ok) throw new Error(signedIn.error.message);
  admin = adminHandlers(session, { store: memoryCache(), mode: 'browser' });
});

afterAll(async () => {
  session.close();
  await sandbox.close();
});

function requestsSince(logLength: number) {
  return sandbox.requestLog().slice(logLength).filter((entry) => entry.path !== '/api/auth');
}

function value<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('channels', () => {
  it('lists channels of one type with their agents, asking with the channel list\'s own asc/desc order', async () => {
    const start = sandbox.requestLog().length;
    const sms = value(await admin['admin:channels']({ offset: 0, limit: 50, type: 'SMS' }));
    expect(sms.items.length).toBeGreaterThan(0);
    expect(sms.items.every(({ channel }) => channel.type === 'SMS')).toBe(true);
    expect(sms.items.some(({ agents }) => agents.length > 0)).toBe(true);
    expect(requestsSince(start).map((entry) => entry.url)).toEqual(['/api/channels?offset=0&limit=50&sort=created&order=asc&type=SMS']);
  });
});

describe('WhatsApp templates', () => {
  it('lists one WhatsApp agent\'s templates of one status', async () => {
    const whatsApp = value(await admin['admin:channels']({ offset: 0, limit: 50, type: 'WA' }));
    const agent = whatsApp.items.flatMap(({ agents }) => agents)[0];
    if (agent === undefined) throw new Error('The sandbox has no WhatsApp agent');
    const start = sandbox.requestLog().length;
    const approved = value(await admin['admin:whatsapp-templates']({ offset: 0, limit: 50, agentId: agent.id, status: 'APPROVED' }));
    expect(approved.items.length).toBeGreaterThan(0);
    expect(approved.items.every((template) => template.status === 'APPROVED')).toBe(true);
    expect(requestsSince(start).map((entry) => entry.url)).toEqual([
      `/api/agents/whatsapp/${agent.id}/templates?offset=0&limit=50&sort=created&order=1&status=APPROVED`,
    ]);
  });
});

describe('keyword events', () => {
  it('creates, lists, changes and deletes a Join event with the reference requests', async () => {
    const start = sandbox.requestLog().length;
    const created = value(await admin['admin:create-keyword-event']({ event: 'Join', keywords: ['welcomeback', 'hello'], message: 'Welcome back!' }));
    expect(created).toMatchObject({ type: 'JOIN', keywords: ['welcomeback', 'hello'], message: 'Welcome back!' });

    const listed = value(await admin['admin:keyword-events']({ offset: 0, limit: 50, search: 'welcomeback' }));
    expect(listed.items.map((event) => event.id)).toEqual([created.id]);

    value(await admin['admin:update-keyword-event']({ id: created.id, keywords: ['welcomeback'], message: 'Hello again' }));
    const after = value(await admin['admin:keyword-events']({ offset: 0, limit: 50, search: 'welcomeback' }));
    expect(after.items[0]).toMatchObject({ keywords: ['welcomeback'], message: 'Hello again' });

    value(await admin['admin:delete-keyword-event']({ id: created.id }));
    const gone = await admin['admin:delete-keyword-event']({ id: created.id });
    expect(gone.ok ? 'ok' : gone.error.code).toMatch(/^(NOT_FOUND|GONE)$/);

    expect(requestsSince(start).map(({ method, path }) => `${method} ${path}`)).toEqual([
      'POST /api/keyword_events',
      'GET /api/keyword_events',
      `PATCH /api/keyword_events/${created.id}`,
      'GET /api/keyword_events',
      `DELETE /api/keyword_events/${created.id}`,
      `DELETE /api/keyword_events/${created.id}`,
    ]);
    // The log keeps what was sent, in the reference's request form ("Join", line 2283).
    expect(requestsSince(start).filter((entry) => entry.body !== undefined).map((entry) => entry.body)).toEqual([
      { event: 'Join', keywords: ['welcomeback', 'hello'], message: 'Welcome back!' },
      { keywords: ['welcomeback'], message: 'Hello again' },
    ]);
  });

  it('keeps no sign-in body (a password) in the sandbox request log', () => {
    const signIns = sandbox.requestLog().filter((entry) => entry.path === '/api/auth');
    expect(signIns.length).toBeGreaterThan(0);
    expect(signIns.every((entry) => entry.body === undefined)).toBe(true);
  });

  it('refuses what the reference does not allow before any request', () => {
    const input = channels['admin:create-keyword-event'].input;
    expect(input.safeParse({ event: 'Join', keywords: ['x'.repeat(51)] }).success).toBe(false);
    expect(input.safeParse({ event: 'Join', keywords: [] }).success).toBe(false);
    expect(input.safeParse({ event: 'Join', keywords: ['stop', 'STOP'] }).success).toBe(false);
    expect(input.safeParse({ event: 'Join', keywords: ['in'], message: 'm'.repeat(161) }).success).toBe(false);
    expect(input.safeParse({ event: 'Opt-out', keywords: ['out'], message: 'Bye' }).success).toBe(false);
    expect(input.safeParse({ event: 'Join', keywords: ['in'], message: 'm'.repeat(160) }).success).toBe(true);
  });
});

describe('templates', () => {
  it('creates a card template, lists it by type and deletes it', async () => {
    const created = value(await admin['admin:create-template']({ type: 'CARD_TEMPLATE', title: 'Opening hours', text: 'We open at 9.' }));
    expect(created).toMatchObject({ type: 'CARD_TEMPLATE', title: 'Opening hours', text: 'We open at 9.' });

    const start = sandbox.requestLog().length;
    const cards = value(await admin['admin:templates']({ offset: 0, limit: 50, type: 'CARD_TEMPLATE' }));
    expect(cards.items.map((template) => template.id)).toContain(created.id);
    expect(cards.items.every((template) => template.type === 'CARD_TEMPLATE')).toBe(true);
    expect(requestsSince(start).map((entry) => entry.url)).toEqual(['/api/templates?offset=0&limit=50&sort=created&order=1&type=CARD_TEMPLATE']);

    value(await admin['admin:delete-template']({ id: created.id }));
    const remaining = value(await admin['admin:templates']({ offset: 0, limit: 100 }));
    expect(remaining.items.map((template) => template.id)).not.toContain(created.id);
  });
});

describe('settings', () => {
  const token = 'cbc-secret-token-1234567890';

  it('never answers a provider secret, and sends only what changed', async () => {
    const start = sandbox.requestLog().length;
    const enabled = value(await admin['admin:update-settings']({ chatbotCom: { enabled: true, accessToken: token } }));
    expect(enabled.chatbotCom).toEqual({ enabled: true, hasToken: true });
    expect(JSON.stringify(enabled)).not.toContain(token);

    const shortLinksOff = value(await admin['admin:update-settings']({ shortLinks: false }));
    expect(shortLinksOff.shortLinks).toBe(false);
    // chatbot.com was not part of the change, so its saved token stays.
    expect(shortLinksOff.chatbotCom).toEqual({ enabled: true, hasToken: true });
    const read = value(await admin['admin:settings']({}));
    expect(JSON.stringify(read)).not.toContain(token);
    expect(JSON.stringify(sandbox.requestLog())).not.toContain(token);
    expect(read.shortLinks).toBe(false);
    expect(requestsSince(start).filter((entry) => entry.method === 'PATCH').map((entry) => entry.body)).toEqual([
      { chatbot_settings: { CHATBOT_COM: { is_enabled: true, access_token: '[secret]' } } },
      { short_links_generation_enabled: false },
    ]);
    expect(requestsSince(start).map(({ method, path }) => `${method} ${path}`)).toEqual([
      'PATCH /api/settings',
      'GET /api/settings',
      'PATCH /api/settings',
      'GET /api/settings',
      'GET /api/settings',
    ]);
  });

  it('refuses turning a provider on without its secret, and Dialogflow credentials missing a field', () => {
    const input = channels['admin:update-settings'].input;
    expect(input.safeParse({ chatbotCom: { enabled: true } }).success).toBe(false);
    expect(input.safeParse({ dialogflow: { enabled: true } }).success).toBe(false);
    expect(input.safeParse({ chatbotCom: { enabled: false } }).success).toBe(true);
    expect(input.safeParse({}).success).toBe(false);
  });
});
