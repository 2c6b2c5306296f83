/**
 * List operations: offset/limit paging with totals, sort and order in each list's own spelling (channels asc/desc,
 * the others 1/-1), search and filters, and the message history's defaults (sent, newest first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../sandbox/index';
import { demoIds, expectError, field, items, startWithClients, type Client, type DemoIds } from './client';

describe('lists', () => {
  let sandbox: RunningSandbox;
  let demo: Client;
  let ids: DemoIds;

  beforeAll(async () => {
    ({ sandbox, demo } = await startWithClients({ customers: 120 }));
    ids = await demoIds(demo);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('pages customers with offset and limit, default 50, with the total of all matches', async () => {
    const first = await demo.get('/api/customers');
    expect(first.json).toMatchObject({ total: 120, offset: 0, limit: 50 });
    expect(items(first, 'customers')).toHaveLength(50);
    const all = items(await demo.get('/api/customers', { query: { limit: 120 } }), 'customers');
    const page = items(await demo.get('/api/customers', { query: { offset: 40, limit: 30 } }), 'customers');
    expect(page.map((customer) => customer['_id'])).toEqual(all.slice(40, 70).map((customer) => customer['_id']));
    expect(items(await demo.get('/api/customers', { query: { offset: 500 } }), 'customers')).toHaveLength(0);
  });

  it('sorts customers by created ascending by default, and by any field in either order', async () => {
    const byDefault = items(await demo.get('/api/customers', { query: { limit: 120 } }), 'customers').map((customer) => String(customer['created']));
    expect(byDefault).toEqual([...byDefault].sort());
    for (const sort of ['name', 'phone', 'last_message_time']) {
      const descending = items(await demo.get('/api/customers', { query: { sort, order: -1, limit: 120 } }), 'customers').map((customer) => String(customer[sort]));
      expect(descending, sort).toEqual([...descending].sort().reverse());
    }
  });

  it('searches customers by part of the name or the phone, case-insensitively, and filters by name and phone', async () => {
    const all = items(await demo.get('/api/customers', { query: { limit: 120 } }), 'customers');
    const sample = all[7] ?? {};
    const lastName = String(sample['name']).split(' ').pop() ?? '';
    const byName = items(await demo.get('/api/customers', { query: { search: lastName.toUpperCase().slice(0, 4), limit: 120 } }), 'customers');
    const expected = all.filter((customer) => `${String(customer['name'])} ${String(customer['phone'])}`.toLowerCase().includes(lastName.toLowerCase().slice(0, 4)));
    expect(byName.map((customer) => customer['_id']).sort()).toEqual(expected.map((customer) => customer['_id']).sort());
    const phonePart = String(sample['phone']).slice(-6);
    expect(items(await demo.get('/api/customers', { query: { search: phonePart } }), 'customers').map((customer) => customer['_id'])).toContain(sample['_id']);
    const filtered = await demo.get('/api/customers', { query: { name: lastName, phone: String(sample['phone']) } });
    expect(items(filtered, 'customers').map((customer) => customer['_id'])).toEqual([sample['_id']]);
    expect(field(filtered.json, 'total', 'number')).toBe(1);
    const searchedPage = await demo.get('/api/customers', { query: { search: 'a', limit: 5, offset: 5, sort: 'name', order: -1 } });
    const searchedAll = items(await demo.get('/api/customers', { query: { search: 'a', limit: 1000, sort: 'name', order: -1 } }), 'customers');
    expect(items(searchedPage, 'customers').map((customer) => customer['_id'])).toEqual(searchedAll.slice(5, 10).map((customer) => customer['_id']));
    expect(field(searchedPage.json, 'total', 'number')).toBe(searchedAll.length);
  });

  it('takes 1/-1 for customers and asc/desc for channels, and says so otherwise', async () => {
    expectError(await demo.get('/api/customers', { query: { order: 'desc' } }), 400);
    expectError(await demo.get('/api/channels', { query: { order: '-1' } }), 400);
    expectError(await demo.get('/api/customers', { query: { sort: 'shoe_size' } }), 400);
    expectError(await demo.get('/api/customers', { query: { limit: 0 } }), 400);
    expectError(await demo.get('/api/customers', { query: { offset: -1 } }), 400);
    const names = items(await demo.get('/api/channels', { query: { sort: 'name', order: 'desc' } }), 'channels').map((channel) => String((channel['config'] as { name: string }).name));
    expect(names).toEqual([...names].sort().reverse());
  });

  it('caps a page at 1000 and says so in limit', async () => {
    const response = await demo.get('/api/customers', { query: { limit: 5000 } });
    expect(field(response.json, 'limit', 'number')).toBe(1000);
  });

  it('filters channels by type, status and name', async () => {
    const whatsapp = items(await demo.get('/api/channels', { query: { type: 'WA' } }), 'channels');
    expect(whatsapp.map((channel) => channel['type'])).toEqual(['WA', 'WA']);
    expect(items(await demo.get('/api/channels', { query: { status: 'ON_APPROVAL' } }), 'channels').map((channel) => channel['_id'])).toEqual([ids.whatsappPending.id]);
    expect(items(await demo.get('/api/channels', { query: { name: 'viber' } }), 'channels').map((channel) => channel['_id'])).toEqual([ids.viber.id]);
    expectError(await demo.get('/api/channels', { query: { type: 'FAX' } }), 400);
  });

  it('answers a history newest first by sent, pages it, and filters by agentID and origin', async () => {
    const history = items(await demo.get(`/api/messages/${ids.customerId}`, { query: { limit: 1000 } }), 'messages');
    const sent = history.map((message) => String(message['sent']));
    expect(sent).toEqual([...sent].sort().reverse());
    const ascending = items(await demo.get(`/api/messages/${ids.customerId}`, { query: { order: 1, limit: 1000 } }), 'messages');
    expect(ascending.map((message) => message['message_id'])).toEqual([...history].reverse().map((message) => message['message_id']));
    const byPhone = items(await demo.get(`/api/messages/${ids.customerPhone}`, { query: { limit: 1000 } }), 'messages');
    expect(byPhone).toEqual(history);
    const agentId = String(history[0]?.['agent_id']);
    const forAgent = items(await demo.get(`/api/messages/${ids.customerId}`, { query: { agentID: agentId, limit: 1000 } }), 'messages');
    expect(forAgent.length).toBeGreaterThan(0);
    expect(forAgent.every((message) => message['agent_id'] === agentId)).toBe(true);
    const fromCustomer = items(await demo.get(`/api/messages/${ids.customerId}`, { query: { origin: 'CUSTOMER', limit: 1000 } }), 'messages');
    expect(fromCustomer.map((message) => message['message_id'])).toEqual(history.filter((message) => message['origin'] === 'CUSTOMER').map((message) => message['message_id']));
  });

  it('lists keyword events, templates and WhatsApp templates with search and filters', async () => {
    const stop = items(await demo.get('/api/keyword_events', { query: { search: 'unsubscribe' } }), 'keyword_events');
    expect(stop.map((event) => (event['config'] as { type: string }).type)).toEqual(['OPT_OUT']);
    const texts = items(await demo.get('/api/templates', { query: { type: 'TEXT_TEMPLATE' } }), 'templates');
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((template) => (template['payload'] as { type: string }).type === 'TEXT_TEMPLATE')).toBe(true);
    expect(items(await demo.get('/api/templates', { query: { search: 'opening' } }), 'templates')).toHaveLength(1);
    const approved = items(await demo.get(`/api/agents/whatsapp/${ids.whatsapp.agentId}/templates`, { query: { status: 'APPROVED' } }), 'templates');
    expect(approved.map((template) => template['name']).sort()).toEqual(['login_code', 'order_update', 'spring_sale']);
    expect(items(await demo.get('/api/media', { query: { type: 'file' } }), 'media').every((entry) => entry['type'] === 'file')).toBe(true);
  });
});
