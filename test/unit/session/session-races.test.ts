/**
 * The session when requests overlap an account switch or another request's renewal: tokens never cross from one
 * account to the other, a 401 for a token already replaced signs nobody in again, and each account's service clock
 * is its own. The scripted service holds chosen requests until the test lets them answer.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Session } from '../../../main/session/session';
import { createMemoryVault } from '../../../main/vault/memory-vault';
import { fakeClock, sendError, sendJson, startFakeServer, type FakeServer, type RecordedRequest } from '../api/fake-server';

const PASSWORD = 'correct horse';
const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
const HOUR_MS = 3_600_000;

interface Held {
  request: RecordedRequest;
  answer: () => void;
}

interface ScriptedService {
  server: FakeServer;
  /** Tokens accepted right now, and whose each is. */
  valid: Map<string, string>;
  issued: number;
  /** Requests matching this are held until `answer()`; the others are answered at once. */
  hold: ((request: RecordedRequest) => boolean) | undefined;
  held: Held[];
  /** Resolves when a request is held. */
  nextHeld: () => Promise<Held>;
}

const clock = fakeClock();
let service: ScriptedService;
let session: Session | undefined;

async function startService(serverAheadMs = 0): Promise<ScriptedService> {
  let waiting: ((held: Held) => void) | undefined;
  const state: Omit<ScriptedService, 'server'> = {
    valid: new Map(),
    issued: 0,
    hold: undefined,
    held: [],
    nextHeld: () => new Promise((resolve) => (waiting = resolve)),
  };
  const server = await startFakeServer(async (request, response) => {
    // The answer is decided when it is given, not when the request arrived: a held request sees later changes.
    const answer = () => {
      const date = { date: new Date(clock.now() + serverAheadMs).toUTCString() };
      if (request.url.pathname === '/api/auth') {
        const body = JSON.parse(request.body.toString()) as { email: string; password: string };
        if (body.password !== PASSWORD) return sendError(response, 401, 'Wrong email or password', date);
        state.issued += 1;
        const token = `${body.email.split('@')[0] ?? ''}-token-${state.issued}`;
        state.valid.set(token, body.email);
        return sendJson(response, 200, { token, expires_at: Math.floor((clock.now() + serverAheadMs) / 1000) + 600 }, date);
      }
      const token = String(request.headers.authorization);
      if (!state.valid.has(token)) return sendError(response, 401, 'Unauthorized', date);
      return sendJson(response, 200, { stories: [] }, date);
    };
    if (state.hold?.(request)) {
      const held = { request, answer };
      state.held.push(held);
      waiting?.(held);
      return;
    }
    answer();
  });
  return Object.assign(state, { server });
}

beforeEach(async () => {
  service = await startService();
});

afterEach(async () => {
  session?.close();
  session = undefined;
  await service.server.close();
});

async function signedInAs(email: string): Promise<Session> {
  session ??= new Session({ vault: createMemoryVault('races'), clock, retry: { maxAttempts: 1 } });
  const result = await session.signIn({ email, password: PASSWORD, baseUrl: service.server.baseUrl }, { remember: false });
  expect(result.ok).toBe(true);
  return session;
}

const tokensSentTo = (path: string) => service.server.requestsTo(path).map((request) => String(request.headers.authorization));
const signInsOf = (email: string) =>
  service.server.requestsTo('/api/auth').filter((request) => request.body.toString().includes(email)).length;

describe('an account switch while a request is out', () => {
  it('never hands the old account’s request the new account’s token, even when it comes back 401', async () => {
    const current = await signedInAs(ALICE);
    service.hold = (request) => request.url.pathname === '/api/scenarios';
    const held = service.nextHeld();
    const alicesCall = current.call('scenarios.list');
    const { answer } = await held;

    service.hold = undefined;
    await signedInAs(BOB);
    service.valid.clear();
    answer();

    expect(await alicesCall).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(tokensSentTo('/api/scenarios')).toEqual(['alice-token-1']);
    expect(signInsOf(ALICE)).toBe(1);
  });

  it('drops the old account’s renewal that finishes after the switch: its token is not kept, nor given to anyone', async () => {
    const current = await signedInAs(ALICE);
    service.valid.clear();
    service.hold = (request) => request.url.pathname === '/api/auth' && request.body.toString().includes(ALICE);
    const held = service.nextHeld();
    const alicesCall = current.call('scenarios.list');
    const renewal = await held;

    service.hold = undefined;
    await signedInAs(BOB);
    renewal.answer();

    expect(await alicesCall).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await current.call('scenarios.list')).toMatchObject({ ok: true });
    // Alice's request went out once with her first token; Bob's call used Bob's token, never Alice's renewed one.
    expect(tokensSentTo('/api/scenarios')).toEqual(['alice-token-1', 'bob-token-2']);
    expect(current.account()?.email).toBe(BOB);
  });
});

describe('a 401 after another request already renewed', () => {
  it('repeats the request with the new token instead of signing in again', async () => {
    const current = await signedInAs(ALICE);
    service.hold = (request) => request.url.pathname === '/api/scenarios' && service.held.length === 0;
    const held = service.nextHeld();
    const slowCall = current.call('scenarios.list');
    const slow = await held;

    // Alice's token is revoked: the next request is refused, signs in again, and goes through.
    service.valid.clear();
    expect(await current.call('scenarios.list')).toMatchObject({ ok: true });
    expect(signInsOf(ALICE)).toBe(2);

    // The slow request's 401 (for the token already replaced) takes the new token.
    slow.answer();
    expect(await slowCall).toMatchObject({ ok: true });
    expect(signInsOf(ALICE)).toBe(2);
    expect(tokensSentTo('/api/scenarios')).toEqual(['alice-token-1', 'alice-token-1', 'alice-token-2', 'alice-token-2']);
  });
});

describe('the service clock', () => {
  it('is measured per account: a failed sign-in to another service with another clock does not change it', async () => {
    service.server.requests.length = 0;
    await service.server.close();
    service = await startService(HOUR_MS);
    const current = await signedInAs(ALICE);
    const offset = current.serverClockOffsetMs() ?? 0;
    expect(Math.abs(offset - HOUR_MS)).toBeLessThan(2_000);

    const elsewhere = await startService(-HOUR_MS);
    try {
      const refused = await current.signIn({ email: BOB, password: 'wrong', baseUrl: elsewhere.server.baseUrl }, { remember: false });
      expect(refused.ok).toBe(false);
    } finally {
      await elsewhere.server.close();
    }
    expect(current.account()?.email).toBe(ALICE);
    expect(current.serverClockOffsetMs()).toBe(offset);
  });
});
