/**
 * Each fault the client must survive, produced by the real sandbox (its fault table, token expiry and data) rather
 * than a script: re-login after 401, ten concurrent 401s, 401 from auth, 403/404/409/410, opt-out, 429 in both
 * Retry-After forms, 5xx retried for reads only, timeouts, resets before and after processing, broken answers.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiChannel } from '../../../common/api-types';
import { Session } from '../../../main/session/session';
import { createMemoryVault } from '../../../main/vault/memory-vault';
import { DEMO_ACCOUNT, startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { fakeClock } from '../../unit/api/fake-server';

const OTHER_ACCOUNT = { email: 'other@demo.2way.test', password: 'other-password' };

let sandbox: RunningSandbox;
let session: Session;
let clock: ReturnType<typeof fakeClock>;
let smsAgent = '';

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11, accounts: [DEMO_ACCOUNT, OTHER_ACCOUNT] });
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  sandbox.clearFaults();
  // Real time for tokens, instant backoff sleeps (recorded) so retries cost nothing.
  clock = { ...fakeClock(Date.now()), now: () => Date.now() };
  session = new Session({ vault: createMemoryVault('faults test'), clock, responseTimeoutMs: 400 });
  const signedIn = await session.signIn({ ...DEMO_ACCOUNT, baseUrl: sandbox.baseUrl }, { remember: false });
  expect(signedIn.ok).toBe(true);
  const channels = await session.call('channels.list', { query: { type: 'SMS' } });
  const sms: ApiChannel | undefined = channels.ok ? channels.value.channels[0] : undefined;
  smsAgent = sms?.agents?.[0]?._id ?? '';
});

afterEach(() => {
  session.close();
});

const logged = (path: string) => sandbox.requestLog().filter((entry) => entry.path === path);
const sendSms = (customerNumber: string, text: string) =>
  session.call('sms.send', { path: { agent_id: smsAgent }, body: { customerNumber, payload: { type: 'TEXT', text } } });

describe('tokens', () => {
  it('signs in again after the service stops accepting the token, and repeats the request', async () => {
    const before = logged('/api/auth').length;
    sandbox.expireTokens();
    const result = await session.call('settings.get');
    expect(result.ok).toBe(true);
    expect(logged('/api/auth').length - before).toBe(1);
  });

  it('ten requests refused at once cause exactly one POST /api/auth', async () => {
    const before = logged('/api/auth').length;
    sandbox.expireTokens();
    const results = await Promise.all(Array.from({ length: 10 }, (_, index) => session.call('customers.list', { query: { offset: index, limit: 1 } })));
    expect(results.filter((result) => result.ok)).toHaveLength(10);
    expect(logged('/api/auth').length - before).toBe(1);
  });

  it('a 401 from /api/auth signs out with the reason', async () => {
    sandbox.expireTokens();
    sandbox.addFault({ path: '/api/auth', kind: 'status', status: 401 });
    const result = await session.call('settings.get');
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const status = session.status();
    expect(status.state).toBe('signed-out');
    if (status.state === 'signed-out') expect(status.reason).toContain('no longer accepts the password');
  });
});

describe('refusals', () => {
  it('403 for another account’s customer, 404 for one that never existed', async () => {
    const other = new Session({ vault: createMemoryVault('other') });
    await other.signIn({ ...OTHER_ACCOUNT, baseUrl: sandbox.baseUrl }, { remember: false });
    const theirs = await other.call('customers.create', { body: { phone: '447700900777' } });
    other.close();
    expect(theirs.ok).toBe(true);
    if (!theirs.ok) return;
    expect(await session.call('customers.get', { path: { identifier: theirs.value.customer._id } })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await session.call('customers.get', { path: { identifier: '00000000-0000-4000-8000-000000000000' } })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('409 for a duplicate customer and 410 for a deleted one', async () => {
    const created = await session.call('customers.create', { body: { phone: '447700900778' } });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(await session.call('customers.create', { body: { phone: '447700900778' } })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await session.call('customers.delete', { path: { customer_id: created.value.customer._id } });
    expect(await session.call('customers.get', { path: { identifier: created.value.customer._id } })).toMatchObject({
      ok: false,
      error: { code: 'GONE' },
    });
  });

  it('400 names the field the service complains about', async () => {
    const result = await sendSms('145044111206', '');
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const invalid = await session.call('customers.create', { body: { phone: 'not a phone' } });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('a send to a customer who texted STOP is OPTED_OUT', async () => {
    const phone = '447700900779';
    await session.call('customers.create', { body: { phone } });
    await sandbox.injectInbound({ customer: phone, text: 'STOP', channelType: 'SMS' });
    expect(await sendSms(phone, 'Are you still there?')).toMatchObject({ ok: false, error: { code: 'OPTED_OUT' } });
  });
});

describe('429 Too Many Requests', () => {
  it('waits the Retry-After seconds, then repeats the read', async () => {
    sandbox.addFault({ method: 'GET', path: '/api/settings', kind: 'rate-limit', retryAfter: '2', times: 1 });
    expect((await session.call('settings.get')).ok).toBe(true);
    expect(clock.sleeps).toEqual([2000]);
  });

  it('understands an HTTP-date Retry-After', async () => {
    const inFiveSeconds = new Date(Date.now() + 5_000).toUTCString();
    sandbox.addFault({ method: 'GET', path: '/api/settings', kind: 'rate-limit', retryAfter: inFiveSeconds, times: 1 });
    expect((await session.call('settings.get')).ok).toBe(true);
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(4000);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(6000);
  });
});

describe('5xx', () => {
  it('retries a read through 500 and 502', async () => {
    sandbox.addFault({ method: 'GET', path: '/api/scenarios', kind: 'status', status: 500, times: 1 });
    sandbox.addFault({ method: 'GET', path: '/api/scenarios', kind: 'status', status: 502, times: 1 });
    const before = logged('/api/scenarios').length;
    expect((await session.call('scenarios.list')).ok).toBe(true);
    expect(logged('/api/scenarios').length - before).toBe(2);
  });

  it('does not repeat a send after 500 or 502', async () => {
    for (const [status, code] of [[500, 'SERVER'], [502, 'UPSTREAM']] as const) {
      sandbox.addFault({ method: 'POST', path: '/api/agents/sms/{agent_id}/send', kind: 'status', status, times: 1 });
      const before = sandbox.messages().length;
      expect(await sendSms('145044111206', `after ${status}`)).toMatchObject({ ok: false, error: { code } });
      expect(sandbox.messages().length).toBe(before);
    }
  });
});

describe('timeouts and resets', () => {
  it('a slow read times out (retried, then TIMEOUT); a slow send is UNKNOWN_OUTCOME', async () => {
    sandbox.addFault({ path: '/api/settings', kind: 'latency', latencyMs: 1500 });
    expect(await session.call('settings.get', {})).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    sandbox.clearFaults();
    sandbox.addFault({ path: '/api/agents/sms/{agent_id}/send', kind: 'latency', latencyMs: 1500, times: 1 });
    expect(await sendSms('145044111206', 'slow')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OUTCOME' } });
  }, 20_000);

  it('a read reset before processing is repeated and succeeds', async () => {
    sandbox.addFault({ method: 'GET', path: '/api/customers', kind: 'reset-before', times: 1 });
    expect((await session.call('customers.list', { query: { limit: 1 } })).ok).toBe(true);
  });

  it('a send reset after processing is UNKNOWN_OUTCOME and exists exactly once on the server', async () => {
    sandbox.addFault({ method: 'POST', path: '/api/agents/sms/{agent_id}/send', kind: 'reset-after', times: 1 });
    const text = `processed but lost ${Date.now()}`;
    expect(await sendSms('145044111206', text)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OUTCOME' } });
    const copies = sandbox.messages().filter((message) => JSON.stringify(message).includes(text));
    expect(copies).toHaveLength(1);
  });
});

describe('broken answers', () => {
  it.each(['malformed-json', 'html-200', 'wrong-type'] as const)('%s is BAD_RESPONSE, never half a value', async (kind) => {
    sandbox.addFault({ method: 'GET', path: '/api/channels', kind, times: 1 });
    const result = await session.call('channels.list');
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_RESPONSE' } });
  });
});
