/**
 * Every error status each operation documents in the reference, produced the way a client would run into it:
 * 400 malformed input, 401 no or bad token, 403 another enterprise's entity, 404 an unknown id, 409 a duplicate,
 * 410 a deleted entity, 406 short links switched off, 502 a WhatsApp account Meta has not approved yet.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../sandbox/index';
import { operations, type OperationId } from '../../../sandbox/operations';
import { demoIds, expectError, field, items, startWithClients, type ApiResponse, type Client, type DemoIds } from './client';

interface World {
  demo: Client;
  other: Client;
  ids: DemoIds;
  otherIds: DemoIds;
}

type Scenario = (world: World) => Promise<ApiResponse>;

const unknownId = () => randomUUID();
const channelConfigs: Record<string, Record<string, unknown>> = {
  SMS: { name: 'Temp SMS', region: 'NA', country: 'US' },
  WA: { name: 'Temp WA' },
  VI: { name: 'Temp VI' },
  WECHAT: { name: 'Temp WeChat' },
  TG: { name: 'Temp TG', bot_name: 'TempBot', access_token: '1:abc' },
  RCS: {
    name: 'Temp RCS',
    country: ['GB'],
    description: 'Temporary',
    color: '#123456',
    logo: 'https://example.com/logo.jpg',
    phone: '+447400123456',
    website: 'https://example.com',
    email: 'rcs@example.com',
    privacy: 'https://example.com/privacy',
    terms: 'https://example.com/terms',
  },
};

async function createChannel(client: Client, type: string): Promise<{ id: string; agentIds: string[] }> {
  const response = await client.post('/api/channels', { type, config: { ...channelConfigs[type], name: `Temp ${type} ${randomUUID().slice(0, 8)}` }, ...(type === 'SMS' ? { vln_quantity: 2 } : {}) });
  expect(response.status, response.text).toBe(201);
  const channel = field(response.json, 'channel', 'object');
  return { id: String(channel['_id']), agentIds: (channel['agents'] as { _id: string }[]).map((agent) => agent._id) };
}

/** An agent whose channel was deleted. */
async function deletedAgent(client: Client, type: string): Promise<string> {
  const channel = await createChannel(client, type);
  expect((await client.delete(`/api/channels/${channel.id}`)).status).toBe(200);
  return channel.agentIds[0] ?? '';
}

async function deletedChannel(client: Client): Promise<string> {
  const channel = await createChannel(client, 'SMS');
  await client.delete(`/api/channels/${channel.id}`);
  return channel.id;
}

async function deletedCustomer(client: Client): Promise<string> {
  const response = await client.post('/api/customers', { phone: `1212555${String(Math.floor(Math.random() * 10000)).padStart(4, '0')}` });
  const id = String(field(field(response.json, 'customer', 'object'), '_id', 'string'));
  await client.delete(`/api/customers/${id}`);
  return id;
}

async function deletedKeywordEvent(client: Client): Promise<string> {
  const response = await client.post('/api/keyword_events', { event: 'Help', keywords: [`assist-${randomUUID().slice(0, 6)}`] });
  const id = String(field(field(response.json, 'keyword_event', 'object'), '_id', 'string'));
  await client.delete(`/api/keyword_events/${id}`);
  return id;
}

async function deletedWaTemplate(world: World): Promise<{ id: string; name: string }> {
  const base = `/api/agents/whatsapp/${world.ids.whatsapp.agentId}/templates`;
  const name = `temp_${randomUUID().slice(0, 8)}`;
  const created = await world.demo.post(base, { category: 'UTILITY', language: 'en', name, body: 'Temporary' });
  const id = String(field(field(created.json, 'template', 'object'), 'id', 'string'));
  expect((await world.demo.delete(`${base}/${name}`)).status).toBe(204);
  return { id, name };
}

const sendBody = (payload: unknown = { type: 'TEXT', text: 'Hello' }) => ({ customerNumber: '12125550123', payload });

function sendScenarios(kind: string, type: string, agent: (ids: DemoIds) => string, badPayload: unknown): Record<number, Scenario> {
  const path = (agentId: string) => `/api/agents/${kind}/${agentId}/send`;
  return {
    400: (w) => w.demo.post(path(agent(w.ids)), sendBody(badPayload)),
    401: (w) => w.demo.post(path(agent(w.ids)), sendBody(), { token: null }),
    403: (w) => w.demo.post(path(agent(w.otherIds)), sendBody()),
    404: (w) => w.demo.post(path(unknownId()), sendBody()),
    410: async (w) => w.demo.post(path(await deletedAgent(w.demo, type)), sendBody()),
  };
}

const waTemplates = (agentId: string) => `/api/agents/whatsapp/${agentId}/templates`;
const waCreateBody = () => ({ category: 'MARKETING', language: 'en', name: `t_${randomUUID().slice(0, 8)}`, body: 'Hello {{1}}' });

const scenarios: Record<OperationId, Record<number, Scenario>> = {
  'auth.login': { 401: (w) => w.demo.post('/api/auth', { email: 'agent@demo.2way.test', password: 'wrong' }, { token: null }) },
  'channels.list': { 401: (w) => w.demo.get('/api/channels', { token: null }) },
  'channels.create': {
    400: (w) => w.demo.post('/api/channels', { type: 'RCS', config: { name: 'Missing the required RCS fields' } }),
    401: (w) => w.demo.post('/api/channels', { type: 'WA', config: { name: 'x' } }, { token: null }),
    409: (w) => w.demo.post('/api/channels', { type: 'SMS', config: { name: 'SMS USA', region: 'NA', country: 'US' } }),
  },
  'channels.get': {
    400: (w) => w.demo.get('/api/channels/not-a-uuid'),
    401: (w) => w.demo.get(`/api/channels/${w.ids.sms.id}`, { token: null }),
    403: (w) => w.demo.get(`/api/channels/${w.otherIds.sms.id}`),
    404: (w) => w.demo.get(`/api/channels/${unknownId()}`),
    410: async (w) => w.demo.get(`/api/channels/${await deletedChannel(w.demo)}`),
  },
  'channels.update': {
    400: (w) => w.demo.patch(`/api/channels/${w.ids.sms.id}`, { config: { name: 'x'.repeat(51) } }),
    401: (w) => w.demo.patch(`/api/channels/${w.ids.sms.id}`, { welcome_message: 'Hi' }, { token: null }),
    403: (w) => w.demo.patch(`/api/channels/${w.otherIds.sms.id}`, { welcome_message: 'Hi' }),
    404: (w) => w.demo.patch(`/api/channels/${unknownId()}`, { welcome_message: 'Hi' }),
  },
  'channels.delete': {
    400: (w) => w.demo.delete('/api/channels/42'),
    401: (w) => w.demo.delete(`/api/channels/${w.ids.sms.id}`, { token: null }),
    403: (w) => w.demo.delete(`/api/channels/${w.otherIds.sms.id}`),
    404: (w) => w.demo.delete(`/api/channels/${unknownId()}`),
    410: async (w) => w.demo.delete(`/api/channels/${await deletedChannel(w.demo)}`),
  },
  'agents.get': {
    400: (w) => w.demo.get(`/api/channels/${w.ids.sms.id}/agents/nope`),
    401: (w) => w.demo.get(`/api/channels/${w.ids.sms.id}/agents/${w.ids.sms.agentId}`, { token: null }),
    403: (w) => w.demo.get(`/api/channels/${w.otherIds.sms.id}/agents/${w.otherIds.sms.agentId}`),
    404: (w) => w.demo.get(`/api/channels/${w.ids.sms.id}/agents/${unknownId()}`),
    410: async (w) => {
      const channel = await createChannel(w.demo, 'SMS');
      await w.demo.delete(`/api/channels/${channel.id}/agents/${channel.agentIds[1] ?? ''}`);
      return w.demo.get(`/api/channels/${channel.id}/agents/${channel.agentIds[1] ?? ''}`);
    },
  },
  'agents.delete': {
    400: (w) => w.demo.delete(`/api/channels/${w.ids.sms.id}/agents/nope`),
    401: (w) => w.demo.delete(`/api/channels/${w.ids.sms.id}/agents/${w.ids.sms.agentId}`, { token: null }),
    403: (w) => w.demo.delete(`/api/channels/${w.otherIds.sms.id}/agents/${w.otherIds.sms.agentId}`),
    404: (w) => w.demo.delete(`/api/channels/${w.ids.sms.id}/agents/${unknownId()}`),
    410: async (w) => {
      const channel = await createChannel(w.demo, 'SMS');
      await w.demo.delete(`/api/channels/${channel.id}/agents/${channel.agentIds[1] ?? ''}`);
      return w.demo.delete(`/api/channels/${channel.id}/agents/${channel.agentIds[1] ?? ''}`);
    },
  },
  'agents.update': {
    400: (w) => w.demo.patch(`/api/channels/${w.ids.sms.id}/agents/${w.ids.sms.agentId}`, { chatbot: { story_id: 'x' } }),
    401: (w) => w.demo.patch(`/api/channels/${w.ids.sms.id}/agents/${w.ids.sms.agentId}`, { chatbot: { story_id: 'x', origin: 'OWN' } }, { token: null }),
    403: (w) => w.demo.patch(`/api/channels/${w.otherIds.sms.id}/agents/${w.otherIds.sms.agentId}`, { chatbot: { story_id: 'x', origin: 'OWN' } }),
    404: (w) => w.demo.patch(`/api/channels/${w.ids.sms.id}/agents/${unknownId()}`, { chatbot: { story_id: 'x', origin: 'OWN' } }),
    410: async (w) => {
      const channel = await createChannel(w.demo, 'SMS');
      await w.demo.delete(`/api/channels/${channel.id}/agents/${channel.agentIds[1] ?? ''}`);
      return w.demo.patch(`/api/channels/${channel.id}/agents/${channel.agentIds[1] ?? ''}`, { chatbot: { story_id: 'x', origin: 'OWN' } });
    },
  },
  'agents.create': {
    400: (w) => w.demo.post(`/api/channels/${w.ids.sms.id}/agents`, { type: 'SMS', provider: 'IZONET', vln_quantity: 0 }),
    401: (w) => w.demo.post(`/api/channels/${w.ids.sms.id}/agents`, { type: 'SMS', provider: 'IZONET', vln_quantity: 1 }, { token: null }),
    403: (w) => w.demo.post(`/api/channels/${w.otherIds.sms.id}/agents`, { type: 'SMS', provider: 'IZONET', vln_quantity: 1 }),
    409: (w) => w.demo.post(`/api/channels/${w.ids.whatsapp.id}/agents`, { type: 'SMS', provider: 'IZONET', vln_quantity: 1 }),
    410: async (w) => w.demo.post(`/api/channels/${await deletedChannel(w.demo)}/agents`, { type: 'SMS', provider: 'IZONET', vln_quantity: 1 }),
  },
  'channels.setChatbot': {
    400: (w) => w.demo.put('/api/channels/chatbot', { origin: 'OWN' }),
    401: (w) => w.demo.put('/api/channels/chatbot', { story_id: 'x' }, { token: null }),
  },
  'customers.get': {
    400: (w) => w.demo.get('/api/customers/abc'),
    401: (w) => w.demo.get(`/api/customers/${w.ids.customerId}`, { token: null }),
    403: (w) => w.demo.get(`/api/customers/${w.otherIds.customerId}`),
    404: (w) => w.demo.get(`/api/customers/${unknownId()}`),
    410: async (w) => w.demo.get(`/api/customers/${await deletedCustomer(w.demo)}`),
  },
  'customers.list': { 401: (w) => w.demo.get('/api/customers', { token: null }) },
  'customers.create': {
    400: (w) => w.demo.post('/api/customers', { phone: '12' }),
    401: (w) => w.demo.post('/api/customers', { phone: '12125550999' }, { token: null }),
    409: (w) => w.demo.post('/api/customers', { phone: w.ids.customerPhone }),
  },
  'customers.update': {
    400: (w) => w.demo.patch(`/api/customers/${w.ids.customerId}`, { chatbot_enabled: { [w.ids.sms.id]: 'SOMETIMES' } }),
    401: (w) => w.demo.patch(`/api/customers/${w.ids.customerId}`, { name: 'x' }, { token: null }),
    403: (w) => w.demo.patch(`/api/customers/${w.otherIds.customerId}`, { name: 'x' }),
    404: (w) => w.demo.patch(`/api/customers/${unknownId()}`, { name: 'x' }),
  },
  'customers.delete': {
    400: (w) => w.demo.delete('/api/customers/12125550123'),
    401: (w) => w.demo.delete(`/api/customers/${w.ids.customerId}`, { token: null }),
    403: (w) => w.demo.delete(`/api/customers/${w.otherIds.customerId}`),
    404: (w) => w.demo.delete(`/api/customers/${unknownId()}`),
    410: async (w) => w.demo.delete(`/api/customers/${await deletedCustomer(w.demo)}`),
  },
  'keywordEvents.list': {},
  'keywordEvents.create': {
    400: (w) => w.demo.post('/api/keyword_events', { event: 'Sing', keywords: ['la'] }),
    401: (w) => w.demo.post('/api/keyword_events', { event: 'Help', keywords: ['sos'] }, { token: null }),
    409: (w) => w.demo.post('/api/keyword_events', { event: 'Opt-out', keywords: ['STOP'] }),
  },
  'keywordEvents.get': {
    400: (w) => w.demo.get('/api/keyword_events/1'),
    401: (w) => w.demo.get(`/api/keyword_events/${w.ids.keywordEventId}`, { token: null }),
    403: (w) => w.demo.get(`/api/keyword_events/${w.otherIds.keywordEventId}`),
    404: (w) => w.demo.get(`/api/keyword_events/${unknownId()}`),
    410: async (w) => w.demo.get(`/api/keyword_events/${await deletedKeywordEvent(w.demo)}`),
  },
  'keywordEvents.update': {
    400: (w) => w.demo.patch(`/api/keyword_events/${w.ids.keywordEventId}`, { keywords: [] }),
    401: (w) => w.demo.patch(`/api/keyword_events/${w.ids.keywordEventId}`, { keywords: ['x'] }, { token: null }),
    403: (w) => w.demo.patch(`/api/keyword_events/${w.otherIds.keywordEventId}`, { keywords: ['x'] }),
    404: (w) => w.demo.patch(`/api/keyword_events/${unknownId()}`, { keywords: ['x'] }),
    410: async (w) => w.demo.patch(`/api/keyword_events/${await deletedKeywordEvent(w.demo)}`, { keywords: ['x'] }),
  },
  'keywordEvents.delete': {
    400: (w) => w.demo.delete('/api/keyword_events/1'),
    401: (w) => w.demo.delete(`/api/keyword_events/${w.ids.keywordEventId}`, { token: null }),
    403: (w) => w.demo.delete(`/api/keyword_events/${w.otherIds.keywordEventId}`),
    404: (w) => w.demo.delete(`/api/keyword_events/${unknownId()}`),
    410: async (w) => w.demo.delete(`/api/keyword_events/${await deletedKeywordEvent(w.demo)}`),
  },
  'links.shorten': {
    400: (w) => w.demo.post('/api/links/shorten', { customerNumber: '12125550123', links: ['not a link'] }),
    401: (w) => w.demo.post('/api/links/shorten', { customerNumber: '12125550123', links: ['https://a.example'] }, { token: null }),
    406: async (w) => {
      await w.demo.patch('/api/settings', { short_links_generation_enabled: false });
      const response = await w.demo.post('/api/links/shorten', { customerNumber: '12125550123', links: ['https://a.example'] });
      await w.demo.patch('/api/settings', { short_links_generation_enabled: true });
      return response;
    },
  },
  'links.tokens': { 401: (w) => w.demo.get('/api/links/tokens', { token: null }) },
  'media.list': { 401: (w) => w.demo.get('/api/media', { token: null }) },
  'media.upload': {
    400: (w) => {
      const form = new FormData();
      form.append('file', new Blob([]), 'empty.png');
      return w.demo.request('POST', '/api/media', { form });
    },
    401: (w) => {
      const form = new FormData();
      form.append('file', new Blob(['%PDF-1.4']), 'a.pdf');
      return w.demo.request('POST', '/api/media', { form, token: null });
    },
  },
  'media.delete': {
    400: (w) => w.demo.delete('/api/media'),
    401: (w) => w.demo.delete('/api/media', { query: { media_ids: w.ids.mediaId }, token: null }),
    403: (w) => w.demo.delete('/api/media', { query: { media_ids: w.otherIds.mediaId } }),
    404: (w) => w.demo.delete('/api/media', { query: { media_ids: unknownId() } }),
  },
  'media.get': {
    400: (w) => w.demo.get(`${new URL(w.ids.mediaUrl).pathname.replace(/[^/]+$/, '')}not-an-id`),
    401: (w) => w.demo.get(new URL(w.ids.mediaUrl).pathname, { token: 'garbage' }),
    403: (w) => w.demo.get(new URL(w.otherIds.mediaUrl).pathname),
    404: (w) => w.demo.get(`${new URL(w.ids.mediaUrl).pathname.replace(/[^/]+$/, '')}${unknownId()}`),
  },
  'media.getVariant': {
    400: (w) => w.demo.get(`${new URL(w.ids.mediaUrl).pathname}/huge`),
    401: (w) => w.demo.get(`${new URL(w.ids.mediaUrl).pathname}/preview`, { token: 'garbage' }),
    403: (w) => w.demo.get(`${new URL(w.otherIds.mediaUrl).pathname}/preview`),
    404: (w) => w.demo.get(`${new URL(w.ids.mediaUrl).pathname.replace(/[^/]+$/, '')}${unknownId()}/thumbnail`),
  },
  'messages.history': {
    400: (w) => w.demo.get(`/api/messages/${w.ids.customerId}`, { query: { origin: 'ROBOT' } }),
    401: (w) => w.demo.get(`/api/messages/${w.ids.customerId}`, { token: null }),
    403: (w) => w.demo.get(`/api/messages/${w.otherIds.customerId}`),
    404: (w) => w.demo.get(`/api/messages/${unknownId()}`),
    410: async (w) => w.demo.get(`/api/messages/${await deletedCustomer(w.demo)}`),
  },
  'messages.delete': {
    400: (w) => w.demo.delete('/api/messages/abc'),
    401: (w) => w.demo.delete(`/api/messages/${w.ids.messageId}`, { token: null }),
    403: (w) => w.demo.delete(`/api/messages/${w.otherIds.messageId}`),
    404: (w) => w.demo.delete(`/api/messages/${unknownId()}`),
  },
  'rcs.send': sendScenarios('rcs', 'RCS', (ids) => ids.rcs.agentId, { type: 'LOCATION', latitude: 1, longitude: 2 }),
  'sms.send': sendScenarios('sms', 'SMS', (ids) => ids.sms.agentId, { type: 'IMAGE' }),
  'telegram.send': sendScenarios('telegram', 'TG', (ids) => ids.telegram.agentId, { type: 'LOCATION', latitude: 91, longitude: 0 }),
  'viber.send': sendScenarios('viber', 'VI', (ids) => ids.viber.agentId, { type: 'CONTACT', firstname: 'A', lastname: 'B', phone: '1' }),
  'whatsapp.send': sendScenarios('whatsapp', 'WA', (ids) => ids.whatsapp.agentId, { type: 'TEXT' }),
  'wechat.send': {
    ...sendScenarios('wechat', 'WECHAT', (ids) => ids.wechat.agentId, null),
    400: (w) => w.demo.post(`/api/agents/wechat/${w.ids.wechat.agentId}/send`, { payload: { type: 'TEXT', text: 'no customerNumber' } }),
  },
  'settings.get': { 401: (w) => w.demo.get('/api/settings', { token: null }) },
  'settings.update': {
    400: (w) => w.demo.patch('/api/settings', { chatbot_settings: { CHATBOT_COM: { is_enabled: true } } }),
    401: (w) => w.demo.patch('/api/settings', {}, { token: null }),
  },
  'telegram.configure': {
    400: (w) => w.demo.patch(`/api/agents/telegram/${w.ids.telegram.agentId}`, { status: 'PAUSED', config: { bot_name: 'B', access_token: 't' } }),
    401: (w) => w.demo.patch(`/api/agents/telegram/${w.ids.telegram.agentId}`, {}, { token: null }),
    403: (w) => w.demo.patch(`/api/agents/telegram/${w.otherIds.telegram.agentId}`, { status: 'ACTIVE', config: { bot_name: 'B', access_token: 't' } }),
    404: (w) => w.demo.patch(`/api/agents/telegram/${unknownId()}`, { status: 'ACTIVE', config: { bot_name: 'B', access_token: 't' } }),
    410: async (w) => w.demo.patch(`/api/agents/telegram/${await deletedAgent(w.demo, 'TG')}`, { status: 'ACTIVE', config: { bot_name: 'B', access_token: 't' } }),
  },
  'whatsappTemplates.list': {
    400: (w) => w.demo.get(waTemplates(w.ids.whatsapp.agentId), { query: { status: 'MAYBE' } }),
    401: (w) => w.demo.get(waTemplates(w.ids.whatsapp.agentId), { token: null }),
    403: (w) => w.demo.get(waTemplates(w.otherIds.whatsapp.agentId)),
    410: async (w) => w.demo.get(waTemplates(await deletedAgent(w.demo, 'WA'))),
    502: (w) => w.demo.get(waTemplates(w.ids.whatsappPending.agentId)),
  },
  'whatsappTemplates.create': {
    400: (w) => w.demo.post(waTemplates(w.ids.whatsapp.agentId), { ...waCreateBody(), category: 'PROMO' }),
    401: (w) => w.demo.post(waTemplates(w.ids.whatsapp.agentId), waCreateBody(), { token: null }),
    403: (w) => w.demo.post(waTemplates(w.otherIds.whatsapp.agentId), waCreateBody()),
    410: async (w) => w.demo.post(waTemplates(await deletedAgent(w.demo, 'WA')), waCreateBody()),
    502: (w) => w.demo.post(waTemplates(w.ids.whatsappPending.agentId), waCreateBody()),
  },
  'whatsappTemplates.get': {
    400: (w) => w.demo.get(`${waTemplates(w.ids.whatsapp.agentId)}/999`),
    401: (w) => w.demo.get(`${waTemplates(w.ids.whatsapp.agentId)}/${String(w.ids.approvedWaTemplate['id'])}`, { token: null }),
    403: (w) => w.demo.get(`${waTemplates(w.otherIds.whatsapp.agentId)}/${String(w.otherIds.approvedWaTemplate['id'])}`),
    410: async (w) => w.demo.get(`${waTemplates(w.ids.whatsapp.agentId)}/${(await deletedWaTemplate(w)).id}`),
    502: (w) => w.demo.get(`${waTemplates(w.ids.whatsappPending.agentId)}/123456789012345`),
  },
  'whatsappTemplates.update': {
    400: (w) => w.demo.put(`${waTemplates(w.ids.whatsapp.agentId)}/${String(w.ids.approvedWaTemplate['id'])}`, { header: { type: 'GIF', value: 'x' } }),
    401: (w) => w.demo.put(`${waTemplates(w.ids.whatsapp.agentId)}/${String(w.ids.approvedWaTemplate['id'])}`, { body: 'x' }, { token: null }),
    403: (w) => w.demo.put(`${waTemplates(w.otherIds.whatsapp.agentId)}/${String(w.otherIds.approvedWaTemplate['id'])}`, { body: 'x' }),
    410: async (w) => w.demo.put(`${waTemplates(w.ids.whatsapp.agentId)}/${(await deletedWaTemplate(w)).id}`, { body: 'x' }),
    502: (w) => w.demo.put(`${waTemplates(w.ids.whatsappPending.agentId)}/123456789012345`, { body: 'x' }),
  },
  'whatsappTemplates.activeBroadcast': {
    400: (w) => w.demo.get('/api/agents/whatsapp/x/templates/active-broadcast'),
    401: (w) => w.demo.get(`${waTemplates(w.ids.whatsapp.agentId)}/active-broadcast`, { token: null }),
  },
  'whatsappTemplates.delete': {
    400: (w) => w.demo.delete(`${waTemplates(w.ids.whatsapp.agentId)}/no_such_template`),
    401: (w) => w.demo.delete(`${waTemplates(w.ids.whatsapp.agentId)}/order_update`, { token: null }),
    410: async (w) => w.demo.delete(`${waTemplates(w.ids.whatsapp.agentId)}/${(await deletedWaTemplate(w)).name}`),
  },
  'scenarios.list': { 401: (w) => w.demo.get('/api/scenarios', { token: null }) },
  'templates.list': {
    400: (w) => w.demo.get('/api/templates', { query: { type: 'POSTCARD_TEMPLATE' } }),
    401: (w) => w.demo.get('/api/templates', { token: null }),
  },
  'templates.create': {
    400: (w) => w.demo.post('/api/templates', { type: 'POSTCARD_TEMPLATE', title: 'x' }),
    401: (w) => w.demo.post('/api/templates', { type: 'TEXT_TEMPLATE', title: 'x' }, { token: null }),
  },
  'templates.get': {
    400: (w) => w.demo.get('/api/templates/7'),
    401: (w) => w.demo.get(`/api/templates/${w.ids.templateId}`, { token: null }),
    403: (w) => w.demo.get(`/api/templates/${w.otherIds.templateId}`),
    404: (w) => w.demo.get(`/api/templates/${unknownId()}`),
  },
  'templates.delete': {
    400: (w) => w.demo.delete('/api/templates/7'),
    401: (w) => w.demo.delete(`/api/templates/${w.ids.templateId}`, { token: null }),
    403: (w) => w.demo.delete(`/api/templates/${w.otherIds.templateId}`),
    404: (w) => w.demo.delete(`/api/templates/${unknownId()}`),
  },
};

describe('documented error statuses', () => {
  let sandbox: RunningSandbox;
  const world = {} as World;

  beforeAll(async () => {
    const started = await startWithClients();
    sandbox = started.sandbox;
    world.demo = started.demo;
    world.other = started.other;
    world.ids = await demoIds(world.demo);
    world.otherIds = await demoIds(world.other);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('has a scenario for every error status every operation documents, and none it does not', () => {
    for (const [id, operation] of Object.entries(operations)) {
      expect(Object.keys(scenarios[id as OperationId]).map(Number).sort(), id).toEqual([...operation.errors].sort());
    }
  });

  for (const [id, operation] of Object.entries(operations)) {
    for (const status of operation.errors) {
      it(`${id} (${operation.method} ${operation.path}) answers ${status}`, async () => {
        const scenario = scenarios[id as OperationId][status];
        if (scenario === undefined) throw new Error('missing scenario');
        expectError(await scenario(world), status);
      });
    }
  }

  it('answers 401 on the keyword events list too, though the reference lists only 200 (line 2226)', async () => {
    expectError(await world.demo.get('/api/keyword_events', { token: null }), 401);
  });

  it('gives every error the documented shape, including unknown routes and malformed JSON', async () => {
    expectError(await world.demo.get('/api/nothing-here'), 404);
    const malformed = await fetch(new URL('/api/customers', world.demo.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: world.demo.token ?? '' },
      body: '{"phone": ',
    });
    expectError({ status: malformed.status, headers: malformed.headers, text: '', json: await malformed.json() }, 400);
    expect(items(await world.demo.get('/api/customers', { query: { limit: 1 } }), 'customers')).toHaveLength(1);
  });
});
