/**
 * The session against a scripted service on 127.0.0.1: sign-in, one shared re-login after 401s, renewal ahead of
 * expiry by the server's clock, sign-out forgetting the password, and restoring the last account at start.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../../common/contract/session';
import { Session } from '../../../main/session/session';
import { createMemoryVault } from '../../../main/vault/memory-vault';
import { vaultAccount, type CredentialVault } from '../../../main/vault/vault';
import { fakeClock, sendError, sendJson, startFakeServer, type FakeServer } from '../api/fake-server';

const EMAIL = 'agent@example.com';
const PASSWORD = 'correct horse';

interface FakeService {
  server: FakeServer;
  /** Tokens the service accepts right now. */
  valid: Set<string>;
  issued: string[];
  /** Whether POST /api/auth accepts the password. */
  passwordAccepted: boolean;
  /** Seconds a new token lives, by the service's clock. */
  lifetimeSeconds: number;
  /** Refuse even fresh tokens (a permissions problem, not an expiry). */
  refuseEveryToken: boolean;
}

let service: FakeService;
let session: Session | undefined;
let folder: string;
let vault: CredentialVault;
const clock = fakeClock();
/** The service's clock runs an hour ahead of this machine's. */
const SERVER_AHEAD_MS = 3_600_000;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'session-'));
  vault = createMemoryVault('test');
  const state = { valid: new Set<string>(), issued: [] as string[], passwordAccepted: true, lifetimeSeconds: 600, refuseEveryToken: false };
  const server = await startFakeServer((request, response) => {
    const serverNow = clock.now() + SERVER_AHEAD_MS;
    const date = { date: new Date(serverNow).toUTCString() };
    if (request.url.pathname === '/api/auth') {
      const body = JSON.parse(request.body.toString()) as { email: string; password: string };
      if (!state.passwordAccepted || body.password !== PASSWORD) return sendError(response, 401, 'Wrong email or password', date);
      const token = `token-${state.issued.length + 1}`;
      state.issued.push(token);
      state.valid.add(token);
      return sendJson(response, 200, { token, expires_at: Math.floor(serverNow / 1000) + state.lifetimeSeconds }, date);
    }
    if (state.refuseEveryToken || !state.valid.has(String(request.headers.authorization))) return sendError(response, 401, 'Unauthorized', date);
    return sendJson(response, 200, { stories: [], token: request.headers.authorization }, date);
  });
  service = Object.assign(state, { server });
});

afterEach(async () => {
  session?.close();
  session = undefined;
  await service.server.close();
  await rm(folder, { recursive: true, force: true });
});

function newSession(prefs = true): Session {
  session = new Session({
    vault,
    clock,
    retry: { maxAttempts: 1 },
    ...(prefs ? { prefsPath: join(folder, 'session.json') } : {}),
  });
  return session;
}

const authCalls = () => service.server.requestsTo('/api/auth').length;

async function signedIn(): Promise<Session> {
  const created = newSession();
  const result = await created.signIn({ email: EMAIL, password: PASSWORD, baseUrl: service.server.baseUrl });
  expect(result.ok).toBe(true);
  return created;
}

describe('signing in', () => {
  it('signs in, reports the profile, saves the password in the vault and the account (only) in the prefs', async () => {
    const created = newSession();
    const states: SessionStatus['state'][] = [];
    created.onChange((status) => states.push(status.state));
    const result = await created.signIn({ email: EMAIL, password: PASSWORD, baseUrl: `${service.server.baseUrl}/` });
    const baseUrl = service.server.baseUrl;
    expect(result).toEqual({ ok: true, value: { email: EMAIL, baseUrl, isSandbox: false } });
    expect(states).toEqual(['signing-in', 'signed-in']);
    expect(await vault.get(vaultAccount(EMAIL, baseUrl))).toEqual({ ok: true, value: PASSWORD });
    const prefs = await readFile(join(folder, 'session.json'), 'utf8');
    expect(JSON.parse(prefs)).toEqual({ lastAccount: { email: EMAIL, baseUrl } });
    expect(prefs).not.toContain(PASSWORD);
    expect(JSON.stringify(created.status())).not.toContain('token-');
  });

  it('sends the token raw in Authorization on later calls', async () => {
    const created = await signedIn();
    await created.call('scenarios.list');
    expect(service.server.requestsTo('/api/scenarios')[0]?.headers.authorization).toBe('token-1');
  });

  it('refuses a wrong password with UNAUTHENTICATED and saves nothing', async () => {
    const created = newSession();
    const result = await created.signIn({ email: EMAIL, password: 'wrong', baseUrl: service.server.baseUrl });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Wrong email or password' } });
    expect(created.status()).toMatchObject({ state: 'signed-out', reason: 'Wrong email or password' });
    expect(await vault.get(vaultAccount(EMAIL, service.server.baseUrl))).toEqual({ ok: true, value: null });
  });

  it('refuses plain http to anything but this computer before sending the password', async () => {
    const created = newSession();
    const result = await created.signIn({ email: EMAIL, password: PASSWORD, baseUrl: 'http://omni.mmdsmart.com' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'baseUrl' } });
    expect(created.status().state).toBe('signed-out');
  });

  it('answers UNAUTHENTICATED without a request when nobody is signed in', async () => {
    const created = newSession();
    expect(await created.call('scenarios.list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(service.server.requests).toHaveLength(0);
  });
});

describe('after a 401', () => {
  it('signs in again once and repeats the request', async () => {
    const created = await signedIn();
    service.valid.clear();
    const result = await created.call('scenarios.list');
    expect(result.ok).toBe(true);
    expect(authCalls()).toBe(2);
    expect(service.server.requestsTo('/api/scenarios').map((request) => request.headers.authorization)).toEqual([
      'token-1',
      'token-2',
    ]);
  });

  it('ten requests refused at once share exactly one new sign-in', async () => {
    const created = await signedIn();
    service.valid.clear();
    const results = await Promise.all(Array.from({ length: 10 }, () => created.call('scenarios.list')));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(authCalls()).toBe(2);
    expect(service.server.requestsTo('/api/scenarios')).toHaveLength(20);
  });

  it('retries only once: a second 401 is the caller’s answer', async () => {
    const created = await signedIn();
    service.refuseEveryToken = true;
    const result = await created.call('scenarios.list');
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(authCalls()).toBe(2);
    expect(created.status().state).toBe('signed-in');
  });

  it('signs out with the reason and forgets the password when the service refuses it on re-login', async () => {
    const created = await signedIn();
    service.valid.clear();
    service.passwordAccepted = false;
    const result = await created.call('scenarios.list');
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const status = created.status();
    expect(status.state).toBe('signed-out');
    if (status.state === 'signed-out') expect(status.reason).toContain('Wrong email or password');
    expect(await vault.get(vaultAccount(EMAIL, service.server.baseUrl))).toEqual({ ok: true, value: null });
    expect(await created.call('scenarios.list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('renewal before expiry, by the server clock', () => {
  it('keeps the token while it has time left and renews it ahead of expires_at without waiting for a 401', async () => {
    const created = await signedIn();
    // The token lives 600 s by the server's clock, which runs an hour ahead: renewal is due at 480 s.
    clock.advance(400_000);
    await created.call('scenarios.list');
    expect(authCalls()).toBe(1);
    clock.advance(100_000);
    await created.call('scenarios.list');
    expect(authCalls()).toBe(2);
    expect(service.server.requestsTo('/api/scenarios').map((request) => request.headers.authorization)).toEqual([
      'token-1',
      'token-2',
    ]);
  });

  it('never renews on every call when tokens are short-lived', async () => {
    service.lifetimeSeconds = 10;
    const created = await signedIn();
    for (let index = 0; index < 5; index += 1) await created.call('scenarios.list');
    expect(authCalls()).toBe(1);
  });
});

describe('signing out and restoring', () => {
  it('signing out forgets the saved password and the token but remembers who to offer next time', async () => {
    const created = await signedIn();
    const status = await created.signOut();
    expect(status).toEqual({ state: 'signed-out', lastAccount: { email: EMAIL, baseUrl: service.server.baseUrl } });
    expect(await vault.get(vaultAccount(EMAIL, service.server.baseUrl))).toEqual({ ok: true, value: null });
    expect(await created.call('scenarios.list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('restores the last account at start with the saved password, sharing the sign-in with early calls', async () => {
    (await signedIn()).close();
    const restarted = newSession();
    const [status, early] = await Promise.all([restarted.restore(), restarted.call('scenarios.list')]);
    expect(status).toMatchObject({ state: 'signed-in', email: EMAIL });
    expect(early.ok).toBe(true);
    expect(authCalls()).toBe(2);
  });

  it('offers the last account but does not sign in when no password was saved', async () => {
    await writeFile(join(folder, 'session.json'), JSON.stringify({ lastAccount: { email: EMAIL, baseUrl: service.server.baseUrl } }));
    const restarted = newSession();
    expect(await restarted.restore()).toEqual({ state: 'signed-out', lastAccount: { email: EMAIL, baseUrl: service.server.baseUrl } });
    expect(authCalls()).toBe(0);
  });

  it('restoring while the service is down ends in the error state, and the next call signs in', async () => {
    (await signedIn()).close();
    const baseUrl = service.server.baseUrl;
    const port = new URL(baseUrl).port;
    await service.server.close();
    const restarted = newSession();
    const status = await restarted.restore();
    expect(status).toMatchObject({ state: 'error', email: EMAIL, error: { code: 'NETWORK' } });

    // The service comes back on the same address.
    const revived = await startFakeServerOn(port);
    const result = await restarted.call('scenarios.list');
    expect(result.ok).toBe(true);
    expect(restarted.status().state).toBe('signed-in');
    await revived.close();
  });

  it('ignores a prefs file it cannot read', async () => {
    await writeFile(join(folder, 'session.json'), '{not json');
    expect(await newSession().restore()).toEqual({ state: 'signed-out' });
  });
});

/** A minimal service on a given port, for the test where the service comes back. */
async function startFakeServerOn(port: string): Promise<{ close(): Promise<void> }> {
  const http = await import('node:http');
  const server = http.createServer((request, response) => {
    request.resume();
    if (request.url === '/api/auth') return sendJson(response, 200, { token: 'revived', expires_at: 4_102_444_800 });
    return sendJson(response, 200, { stories: [] });
  });
  await new Promise<void>((resolve) => server.listen(Number(port), '127.0.0.1', resolve));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
