/**
 * The control API under /__sandbox/ (only when asked for), and life: statuses that move, customers who answer and
 * write in, templates that get reviewed, and timers that stop with close().
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { Client, demoIds, expectError, field, items, signIn, type DemoIds } from './client';

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    value = await read();
  }
  return value;
}

describe('the control API', () => {
  let sandbox: RunningSandbox;
  let demo: Client;
  let control: Client;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, control: true, customers: 15 });
    demo = await signIn(sandbox.baseUrl);
    control = new Client(sandbox.baseUrl);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('is not there unless asked for', async () => {
    const plain = await startSandbox({ port: 0, customers: 1 });
    try {
      expectError(await new Client(plain.baseUrl).get('/__sandbox/'), 404);
      expectError(await new Client(plain.baseUrl).post('/__sandbox/reset', {}), 404);
    } finally {
      await plain.close();
    }
  });

  it('describes itself at /__sandbox/', async () => {
    const summary = await control.get('/__sandbox/');
    expect(summary.json).toMatchObject({ baseUrl: sandbox.baseUrl, accounts: [{ email: 'agent@demo.2way.test', customers: 15 }] });
    expect(field(summary.json, 'routes', 'array').length).toBeGreaterThan(8);
  });

  it('injects an inbound message, which the history shows', async () => {
    const injected = await control.post('/__sandbox/inbound', { customer: '12125550111', text: 'Hello from the control API', channelType: 'SMS' });
    expect(injected.status).toBe(201);
    const latest = items(await demo.get('/api/messages/12125550111'), 'messages')[0];
    expect(latest).toMatchObject({ message_id: field(injected.json, 'message_id', 'string'), origin: 'CUSTOMER', payload: { text: 'Hello from the control API' } });
    expectError(await control.post('/__sandbox/inbound', { customer: 'nobody', text: 'x' }), 400);
    expectError(await control.post('/__sandbox/inbound', { customer: '12125550111', text: 'x', channelType: 'PIGEON' }), 400);
  });

  it('sets, lists and clears faults, and is itself never faulted', async () => {
    const added = await control.post('/__sandbox/faults', { path: '*', kind: 'status', status: 503 });
    expect(added.status).toBe(201);
    const id = field(added.json, 'id', 'string');
    expectError(await demo.get('/api/settings'), 503);
    expect(field((await control.get('/__sandbox/faults')).json, 'faults', 'array')).toEqual([expect.objectContaining({ id, path: '*', kind: 'status', applied: 1 })]);
    expect((await control.delete(`/__sandbox/faults/${id}`)).status).toBe(204);
    expect((await demo.get('/api/settings')).status).toBe(200);
    expectError(await control.delete(`/__sandbox/faults/${id}`), 404);
    await control.post('/__sandbox/faults', { path: '/api/settings', kind: 'latency', latencyMs: 1 });
    expect((await control.delete('/__sandbox/faults')).status).toBe(204);
    expect(field((await control.get('/__sandbox/faults')).json, 'faults', 'array')).toEqual([]);
    expectError(await control.post('/__sandbox/faults', { path: '/api/settings', kind: 'explode' }), 400);
  });

  it('reads and clears the request log, which holds API requests only', async () => {
    const since = Date.now();
    await demo.get('/api/customers', { query: { limit: 1 } });
    const log = field((await control.get('/__sandbox/requests', { query: { since } })).json, 'requests', 'array');
    expect(log).toContainEqual(expect.objectContaining({ method: 'GET', path: '/api/customers', url: '/api/customers?limit=1', status: 200 }));
    expect(log.some((entry) => String((entry as { path: string }).path).startsWith('/__sandbox'))).toBe(false);
    expect((await control.delete('/__sandbox/requests')).status).toBe(204);
    expect(sandbox.requestLog()).toEqual([]);
  });

  it('lists stored messages, advances the clock and expires tokens', async () => {
    expect(field((await control.get('/__sandbox/messages')).json, 'messages', 'array')).toHaveLength(sandbox.messages().length);
    const moved = await control.post('/__sandbox/clock', { advanceSeconds: 7200 });
    expect(Date.parse(field(moved.json, 'now', 'string')) - Date.now()).toBeGreaterThan(7190_000);
    const fresh = await signIn(sandbox.baseUrl);
    expect((await control.post('/__sandbox/expire-tokens')).status).toBe(204);
    expectError(await fresh.get('/api/settings'), 401);
  });

  it('reseeds with other options on reset, throwing changes away', async () => {
    const before = await signIn(sandbox.baseUrl);
    await before.post('/api/customers', { phone: '12125550999', name: 'Made before reset' });
    expect((await control.post('/__sandbox/reset', { seed: 2, customers: 7, messagesPerCustomer: 3 })).status).toBe(204);
    // Another seed makes another enterprise (new ids): tokens of the old one no longer sign anything.
    expectError(await before.get('/api/customers'), 401);
    demo = await signIn(sandbox.baseUrl);
    const customers = await demo.get('/api/customers');
    expect(field(customers.json, 'total', 'number')).toBe(7);
    expectError(await demo.get('/api/customers/12125550999'), 404);
    const ids: DemoIds = await demoIds(demo);
    expect(items(await demo.get(`/api/messages/${ids.customerId}`), 'messages')).toHaveLength(3);
  });
});

describe('life', () => {
  let sandbox: RunningSandbox;
  let demo: Client;
  let ids: DemoIds;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, customers: 10, life: { replyProbability: 1, replyDelayMs: 40, statusStepMs: 30, inboundPerMinute: 0 } });
    demo = await signIn(sandbox.baseUrl);
    ids = await demoIds(demo);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('moves a WhatsApp message SENT -> DELIVERED -> READ, and the customer answers it', async () => {
    const sent = await demo.post(`/api/agents/whatsapp/${ids.whatsapp.agentId}/send`, { customerNumber: '447400100200', payload: { type: 'TEXT', text: 'How can we help?' } });
    const messageId = field(sent.json, 'message_id', 'string');
    const history = await eventually(
      async () => items(await demo.get('/api/messages/447400100200'), 'messages'),
      (messages) => messages.length === 2 && messages.some((message) => message['message_id'] === messageId && message['status'] !== 'SENT' && message['status'] !== 'DELIVERED'),
    );
    const ours = history.find((message) => message['message_id'] === messageId);
    expect(['READ', 'ERROR', 'UNDELIVERABLE']).toContain(ours?.['status']);
    expect(history[0]).toMatchObject({ origin: 'CUSTOMER', agent_id: ids.whatsapp.agentId });
  });

  it('stops SMS at DELIVERED (no read receipts), and some messages end ERROR or UNDELIVERABLE', async () => {
    const sent = await Promise.all(
      Array.from({ length: 120 }, (_, index) =>
        demo.post(`/api/agents/sms/${ids.sms.agentId}/send`, { customerNumber: `1646555${String(1000 + index)}`, payload: { type: 'TEXT', text: 'Order update' } }),
      ),
    );
    const messageIds = new Set(sent.map((response) => field(response.json, 'message_id', 'string')));
    const settled = await eventually(
      async () => sandbox.messages().filter((message) => messageIds.has(message.message_id)),
      (messages) => messages.every((message) => message.status !== 'SENT'),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    const statuses = new Set(sandbox.messages().filter((message) => messageIds.has(message.message_id)).map((message) => message.status));
    expect(statuses.has('READ')).toBe(false);
    expect(statuses.has('DELIVERED')).toBe(true);
    expect(statuses.has('ERROR') || statuses.has('UNDELIVERABLE')).toBe(true);
    expect(settled).toHaveLength(120);
  });

  it('reviews a new WhatsApp template after a while', async () => {
    const created = await demo.post(`/api/agents/whatsapp/${ids.whatsapp.agentId}/templates`, { category: 'UTILITY', language: 'en', name: 'reviewed', body: 'x' });
    const path = `/api/agents/whatsapp/${ids.whatsapp.agentId}/templates/${String(field(field(created.json, 'template', 'object'), 'id', 'string'))}`;
    const reviewed = await eventually(
      async () => field(field((await demo.get(path)).json, 'template', 'object'), 'status', 'string'),
      (status) => status !== 'PENDING',
    );
    expect(['APPROVED', 'REJECTED']).toContain(reviewed);
  });

  it('sends unprompted inbound messages at inboundPerMinute, and close() stops every timer', async () => {
    const timeoutsBefore = process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
    const busy = await startSandbox({ port: 0, customers: 10, life: { inboundPerMinute: 1200, replyProbability: 0 } });
    const initial = busy.messages().length;
    const grown = await eventually(async () => busy.messages().length, (count) => count >= initial + 5);
    expect(grown).toBeGreaterThanOrEqual(initial + 5);
    await busy.close();
    const afterClose = busy.messages().length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(busy.messages().length).toBe(afterClose);
    expect(process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length).toBeLessThanOrEqual(timeoutsBefore);
  });
});
