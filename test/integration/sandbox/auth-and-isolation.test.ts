/**
 * Sign-in, tokens (raw in Authorization, real expiry, expireTokens) and the wall between accounts: each account
 * is its own enterprise and never sees another's data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT, type RunningSandbox } from '../../../sandbox/index';
import { demoIds, expectError, field, items, OTHER_ACCOUNT, signIn, startWithClients, type Client, type DemoIds } from './client';

function claimsOf(token: string): Record<string, unknown> {
  const [header, payload] = token.split('.');
  return { ...JSON.parse(Buffer.from(header ?? '', 'base64url').toString()), ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) };
}

describe('tokens', () => {
  let sandbox: RunningSandbox;
  let demo: Client;

  beforeAll(async () => {
    ({ sandbox, demo } = await startWithClients({ tokenLifetimeSeconds: 120, customers: 20 }));
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('issues an HS256 JWT whose exp is the answered expires_at, tokenLifetimeSeconds from now', async () => {
    const response = await demo.post('/api/auth', DEMO_ACCOUNT, { token: null });
    const token = field(response.json, 'token', 'string');
    const expiresAt = field(response.json, 'expires_at', 'number');
    const claims = claimsOf(token);
    expect(claims['alg']).toBe('HS256');
    expect(claims['exp']).toBe(expiresAt);
    expect(expiresAt - Math.floor(Date.now() / 1000)).toBeGreaterThan(110);
    expect(expiresAt - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(120);
  });

  it('signs in with the email in any case, and refuses a wrong password or a malformed body', async () => {
    expect((await demo.post('/api/auth', { ...DEMO_ACCOUNT, email: DEMO_ACCOUNT.email.toUpperCase() }, { token: null })).status).toBe(200);
    expectError(await demo.post('/api/auth', { email: DEMO_ACCOUNT.email, password: 'nope' }, { token: null }), 401);
    expectError(await demo.post('/api/auth', { email: 'not-an-email' }, { token: null }), 400);
  });

  it('refuses a token sent as "Bearer <token>", saying how to send it', async () => {
    const response = await demo.get('/api/channels', { token: `Bearer ${demo.token ?? ''}` });
    expectError(response, 401);
    expect(field(response.json, 'message', 'string')).toMatch(/without "Bearer "/);
  });

  it('refuses a tampered token', async () => {
    const token = demo.token ?? '';
    expectError(await demo.get('/api/channels', { token: `${token.slice(0, -4)}AAAA` }), 401);
  });

  it('answers 401 once a token expires, and a new sign-in works again', async () => {
    const fresh = await signIn(sandbox.baseUrl);
    expect((await fresh.get('/api/settings')).status).toBe(200);
    sandbox.advanceClock(121_000);
    const expired = await fresh.get('/api/settings');
    expectError(expired, 401);
    expect(field(expired.json, 'message', 'string')).toMatch(/expired/);
    const again = await signIn(sandbox.baseUrl);
    expect((await again.get('/api/settings')).status).toBe(200);
  });

  it('expireTokens() makes every token issued so far answer 401, but not later ones', async () => {
    const before = await signIn(sandbox.baseUrl);
    sandbox.expireTokens();
    expectError(await before.get('/api/channels'), 401);
    const after = await signIn(sandbox.baseUrl);
    expect((await after.get('/api/channels')).status).toBe(200);
  });
});

describe('each account is its own enterprise', () => {
  let sandbox: RunningSandbox;
  let demo: Client;
  let other: Client;
  let ids: DemoIds;
  let otherIds: DemoIds;

  beforeAll(async () => {
    ({ sandbox, demo, other } = await startWithClients({ customers: 30 }));
    ids = await demoIds(demo);
    otherIds = await demoIds(other);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('gives each account its own ids for everything', () => {
    expect(otherIds.sms.id).not.toBe(ids.sms.id);
    expect(otherIds.customerId).not.toBe(ids.customerId);
    expect(otherIds.mediaUrl.split('/')[5]).not.toBe(ids.mediaUrl.split('/')[5]);
  });

  it('never lists another enterprise’s customers, channels or messages', async () => {
    const created = await other.post('/api/customers', { phone: '+44 7400 999 111', name: 'Only Other' });
    expect(created.status).toBe(201);
    const demoCustomers = items(await demo.get('/api/customers', { query: { limit: 1000 } }), 'customers');
    expect(demoCustomers.some((customer) => customer['name'] === 'Only Other')).toBe(false);
    expect(items(await demo.get('/api/customers', { query: { search: 'only other' } }), 'customers')).toHaveLength(0);
    expect(items(await other.get('/api/customers', { query: { search: 'only other' } }), 'customers')).toHaveLength(1);
    const demoChannelIds = items(await demo.get('/api/channels'), 'channels').map((channel) => channel['_id']);
    expect(demoChannelIds).not.toContain(otherIds.sms.id);
  });

  it('looks phone numbers up only among the caller’s own customers', async () => {
    await other.post('/api/customers', { phone: '447400555222' });
    expectError(await demo.get('/api/customers/447400555222'), 404);
    expect((await other.get('/api/customers/447400555222')).status).toBe(200);
  });

  it('cannot send through, delete or change another enterprise’s entities, which stay intact', async () => {
    expectError(await demo.post(`/api/agents/sms/${otherIds.sms.agentId}/send`, { customerNumber: '12125550123', payload: { type: 'TEXT', text: 'x' } }), 403);
    expectError(await demo.delete(`/api/customers/${otherIds.customerId}`), 403);
    expectError(await demo.patch(`/api/channels/${otherIds.sms.id}`, { welcome_message: 'hijacked' }), 403);
    const channel = field((await other.get(`/api/channels/${otherIds.sms.id}`)).json, 'channel', 'object');
    expect(channel['welcome_message']).not.toBe('hijacked');
    expect((await other.get(`/api/customers/${otherIds.customerId}`)).status).toBe(200);
  });

  it('serves media files without a token, but not to another enterprise’s token', async () => {
    const path = new URL(otherIds.mediaUrl).pathname;
    expect((await demo.get(path, { token: null })).status).toBe(200);
    expect((await other.get(path)).status).toBe(200);
    expectError(await demo.get(path), 403);
  });

  it('keeps the accounts listed in the handle', () => {
    expect(sandbox.accounts).toEqual([DEMO_ACCOUNT, OTHER_ACCOUNT]);
  });
});
