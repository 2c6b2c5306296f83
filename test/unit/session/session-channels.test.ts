/** The session's contract channels through the handler table, as the renderer reaches them. */
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../common/contract';
import { createAppServices, type AppServices } from '../../../main/app-services';
import { createDispatch } from '../../../main/ipc/handler-table';
import { sendError, sendJson, startFakeServer, type FakeServer } from '../api/fake-server';

const DEMO = { email: 'agent@demo.2way.test', password: 'sandbox-demo' };

let services: AppServices | undefined;
let server: FakeServer | undefined;
afterEach(async () => {
  await services?.close();
  await server?.close();
  services = undefined;
  server = undefined;
});

async function setup() {
  server = await startFakeServer((request, response) => {
    if (request.url.pathname !== '/api/auth') return sendJson(response, 200, { stories: [] });
    const body = JSON.parse(request.body.toString()) as { password: string };
    if (body.password !== DEMO.password) return sendError(response, 401, 'Wrong email or password');
    return sendJson(response, 200, { token: 'secret-token-value', expires_at: 4_102_444_800 });
  });
  let closed = 0;
  const baseUrl = server.baseUrl;
  services = await createAppServices({
    mode: 'browser',
    startSandbox: async () => ({ baseUrl, accounts: [DEMO], close: async () => void (closed += 1) }),
  });
  const events: Array<[EventName, unknown]> = [];
  services.events.subscribe((event, payload) => events.push([event, payload]));
  return { dispatch: createDispatch(services.handlers), events, closedCount: () => closed, baseUrl };
}

describe('session channels', () => {
  it('try-sandbox signs in to the demo account, reports it, and never hands out the token', async () => {
    const { dispatch, events, baseUrl } = await setup();
    const profile = await dispatch('session:try-sandbox', {});
    expect(profile).toEqual({ ok: true, value: { email: DEMO.email, baseUrl, isSandbox: true } });
    expect(await dispatch('session:status', {})).toEqual({ ok: true, value: { state: 'signed-in', email: DEMO.email, baseUrl, isSandbox: true } });
    // Signing in also starts sync, whose own events are not this test's concern.
    const sessionEvents = events.filter(([event]) => event === 'session:changed');
    expect(sessionEvents.map(([event, payload]) => [event, (payload as { state: string }).state])).toEqual([
      ['session:changed', 'signing-in'],
      ['session:changed', 'signed-in'],
    ]);
    expect(JSON.stringify([profile, events])).not.toContain('secret-token-value');
  });

  it('sign-out stops the sandbox the session was using', async () => {
    const { dispatch, closedCount } = await setup();
    await dispatch('session:try-sandbox', {});
    expect(await dispatch('session:sign-out', {})).toEqual({ ok: true, value: { state: 'signed-out' } });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(closedCount()).toBe(1);
  });

  it('sign-in answers the profile, or UNAUTHENTICATED with the service’s reason', async () => {
    const { dispatch, baseUrl } = await setup();
    const refused = await dispatch('session:sign-in', { email: DEMO.email, password: 'nope', baseUrl });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Wrong email or password' } });
    const accepted = await dispatch('session:sign-in', { ...DEMO, baseUrl });
    // A service on loopback that the agent signed in to is a real account: only "Try it" is the sandbox.
    expect(accepted).toEqual({ ok: true, value: { email: DEMO.email, baseUrl, isSandbox: false } });
    expect(await dispatch('session:status', {})).toMatchObject({ ok: true, value: { state: 'signed-in', isSandbox: false } });
  });

  it('refuses malformed sign-in input before anything is sent', async () => {
    const { dispatch } = await setup();
    expect(await dispatch('session:sign-in', { email: DEMO.email })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await dispatch('session:sign-in', { ...DEMO, token: 'x' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(server?.requests).toHaveLength(0);
  });
});
