/**
 * Injected faults, each as specified: latency, a chosen status, 429 with Retry-After, a reset before the handler
 * (nothing happened), a reset after it ("processed but response lost"), truncated JSON, an HTML 200 page and a
 * field of the wrong type; matched by route pattern, concrete path or '*', by method, with times and probability.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { demoIds, expectError, field, items, signIn, startWithClients, type Client, type DemoIds } from './client';
import { shapeMismatches } from './shape';

describe('faults', () => {
  let sandbox: RunningSandbox;
  let demo: Client;
  let ids: DemoIds;
  let phoneSuffix = 1000;
  const nextPhone = () => `1212555${phoneSuffix++}`;

  beforeAll(async () => {
    ({ sandbox, demo } = await startWithClients({ customers: 20 }));
    ids = await demoIds(demo);
  });

  afterEach(() => {
    sandbox.clearFaults();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  const send = (phone: string) => demo.post(`/api/agents/sms/${ids.sms.agentId}/send`, { customerNumber: phone, payload: { type: 'TEXT', text: 'Hi' } });
  const storedFor = async (phone: string) => {
    const customer = await demo.get(`/api/customers/${phone}`);
    if (customer.status === 404) return 0;
    const id = String(field(customer.json, 'customer', 'object')['_id']);
    return sandbox.messages().filter((message) => message.customer_id === id).length;
  };

  it('latency delays the answer by at least latencyMs', async () => {
    sandbox.addFault({ path: '/api/channels', kind: 'latency', latencyMs: 250 });
    const started = performance.now();
    expect((await demo.get('/api/channels')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('status answers the chosen status in the error shape, for the next `times` requests only', async () => {
    sandbox.addFault({ path: '/api/customers', kind: 'status', status: 503, times: 2 });
    expectError(await demo.get('/api/customers'), 503);
    expectError(await demo.get('/api/customers'), 503);
    expect((await demo.get('/api/customers')).status).toBe(200);
  });

  it('rate-limit answers 429 with the given Retry-After, in seconds or as an HTTP date', async () => {
    sandbox.addFault({ path: '/api/customers', kind: 'rate-limit', retryAfter: '7', times: 1 });
    const seconds = await demo.get('/api/customers');
    expectError(seconds, 429);
    expect(seconds.headers.get('retry-after')).toBe('7');
    const date = new Date(Date.now() + 30_000).toUTCString();
    sandbox.addFault({ path: '/api/customers', kind: 'rate-limit', retryAfter: date, times: 1 });
    expect((await demo.get('/api/customers')).headers.get('retry-after')).toBe(date);
  });

  it('reset-before drops the connection and the send never happens', async () => {
    const phone = nextPhone();
    sandbox.addFault({ method: 'POST', path: '/api/agents/sms/{agent_id}/send', kind: 'reset-before', times: 1 });
    await expect(send(phone)).rejects.toThrow();
    expect(await storedFor(phone)).toBe(0);
  });

  it('reset-after drops the connection after the send was stored (processed, answer lost)', async () => {
    const phone = nextPhone();
    sandbox.addFault({ method: 'POST', path: '/api/agents/sms/:agent_id/send', kind: 'reset-after', times: 1 });
    await expect(send(phone)).rejects.toThrow();
    expect(await storedFor(phone)).toBe(1);
    expect((await send(phone)).status).toBe(200);
    expect(await storedFor(phone)).toBe(2);
  });

  it('malformed-json answers 200 with a truncated body after the change was made', async () => {
    const phone = nextPhone();
    sandbox.addFault({ path: '/api/customers', method: 'POST', kind: 'malformed-json', times: 1 });
    const response = await demo.post('/api/customers', { phone });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(() => JSON.parse(response.text) as unknown).toThrow();
    expect((await demo.get(`/api/customers/${phone}`)).status).toBe(200);
  });

  it('html-200 answers an HTML page with status 200, and nothing happens', async () => {
    const phone = nextPhone();
    sandbox.addFault({ path: '/api/customers', method: 'POST', kind: 'html-200', times: 1 });
    const response = await demo.post('/api/customers', { phone });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.text).toMatch(/<html/);
    expectError(await demo.get(`/api/customers/${phone}`), 404);
  });

  it('wrong-type answers the real body with one field of another JSON type', async () => {
    const normal = await demo.get('/api/customers', { query: { limit: 3 } });
    sandbox.addFault({ path: '/api/customers', kind: 'wrong-type', times: 1 });
    const spoiled = await demo.get('/api/customers', { query: { limit: 3 } });
    expect(spoiled.status).toBe(200);
    expect(shapeMismatches(normal.json, spoiled.json)).toHaveLength(1);
  });

  it('matches by method, by concrete path and by "*", and stops after removeFault or clearFaults', async () => {
    const postOnly = sandbox.addFault({ method: 'POST', path: '/api/customers', kind: 'status', status: 500 });
    expect((await demo.get('/api/customers')).status).toBe(200);
    expectError(await demo.post('/api/customers', { phone: nextPhone() }), 500);
    sandbox.removeFault(postOnly);
    expect((await demo.post('/api/customers', { phone: nextPhone() })).status).toBe(201);
    sandbox.addFault({ path: `/api/channels/${ids.sms.id}`, kind: 'status', status: 502 });
    expectError(await demo.get(`/api/channels/${ids.sms.id}`), 502);
    expect((await demo.get(`/api/channels/${ids.viber.id}`)).status).toBe(200);
    sandbox.addFault({ path: '*', kind: 'status', status: 500 });
    expectError(await demo.get('/api/settings'), 500);
    sandbox.clearFaults();
    expect((await demo.get('/api/settings')).status).toBe(200);
  });

  it('fires with the given probability: never at 0, always at 1', async () => {
    sandbox.addFault({ path: '/api/settings', kind: 'status', status: 500, probability: 0 });
    for (let run = 0; run < 5; run++) expect((await demo.get('/api/settings')).status).toBe(200);
    sandbox.clearFaults();
    sandbox.addFault({ path: '/api/settings', kind: 'status', status: 500, probability: 1 });
    for (let run = 0; run < 5; run++) expect((await demo.get('/api/settings')).status).toBe(500);
  });

  it('records faulted requests in the request log, resets as status 0', async () => {
    const phone = nextPhone();
    sandbox.addFault({ path: '/api/agents/sms/{agent_id}/send', kind: 'reset-after', times: 1 });
    const since = Date.now();
    await expect(send(phone)).rejects.toThrow();
    expect(sandbox.requestLog().filter((entry) => entry.at >= since)).toContainEqual(
      expect.objectContaining({ method: 'POST', path: `/api/agents/sms/${ids.sms.agentId}/send`, status: 0, faults: ['reset-after'] }),
    );
  });
});

describe('faults given at start', () => {
  it('apply from the first request', async () => {
    const sandbox = await startSandbox({ port: 0, customers: 3, faults: [{ path: '/api/channels', kind: 'status', status: 503, times: 1 }] });
    try {
      const demo = await signIn(sandbox.baseUrl);
      expectError(await demo.get('/api/channels'), 503);
      expect(items(await demo.get('/api/channels'), 'channels').length).toBeGreaterThan(0);
    } finally {
      await sandbox.close();
    }
  });
});
