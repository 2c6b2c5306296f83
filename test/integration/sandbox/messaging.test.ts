/**
 * Sends and inbound messages: each channel type sends exactly the payload kinds the reference lists for it, a send
 * lands in the history and moves the customer to the top of the list, and the STOP / START / HELP keywords drive
 * the opt-out flow (refused sends until the customer writes again).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTED_OUT_REASON, type RunningSandbox } from '../../../sandbox/index';
import { demoIds, expectError, field, items, startWithClients, type Client, type DemoIds } from './client';

const media = (mime: string) => ({ mime, size: 1024, uri: `https://cdn.example.com/file.${mime.split('/')[1] ?? 'bin'}` });

function samplePayloads(ids: DemoIds): Record<string, unknown> {
  return {
    TEXT: { type: 'TEXT', text: 'Hello there' },
    MEDIA: { type: 'MEDIA', category: 'APPLICATION', name: 'invoice.pdf', src: media('application/pdf') },
    IMAGE: { type: 'IMAGE', category: 'UNSPECIFIED', name: 'photo.jpg', src: media('image/jpeg'), thumbnail: { ...media('image/jpeg'), size: 0 }, preview: { ...media('image/jpeg'), size: 0 } },
    LOCATION: { type: 'LOCATION', latitude: 52.52, longitude: 13.405 },
    CONTACT: { type: 'CONTACT', firstname: 'Ada', lastname: 'Lovelace', phone: '447400123456', email: 'ada@example.com' },
    CAROUSEL: {
      type: 'CAROUSEL',
      width: 'MEDIUM',
      content: [{ type: 'CARD', title: 'Runner', description: 'From $79', media: { tag: 'runner', src: media('image/jpeg') }, suggestions: [{ reply: { text: 'Buy' } }] }],
    },
    TEMPLATE: { type: 'TEMPLATE', template_id: ids.templateId },
    CARD: { type: 'CARD', template_id: String(ids.approvedWaTemplate['id']), body_variables: ['Ada', '#1234', 'Friday'] },
  };
}

/** The payload kinds of each send operation (RCS 3515-3586, Telegram 4041-4093, Viber 4339-4358, WhatsApp 4472-4527). */
const kindsByChannel: Record<string, { kind: string; agent: (ids: DemoIds) => string; accepts: string[] }> = {
  sms: { kind: 'sms', agent: (ids) => ids.sms.agentId, accepts: ['TEXT'] },
  rcs: { kind: 'rcs', agent: (ids) => ids.rcs.agentId, accepts: ['TEXT', 'MEDIA', 'IMAGE', 'CAROUSEL', 'TEMPLATE'] },
  telegram: { kind: 'telegram', agent: (ids) => ids.telegram.agentId, accepts: ['TEXT', 'MEDIA', 'IMAGE', 'LOCATION', 'CONTACT', 'TEMPLATE'] },
  viber: { kind: 'viber', agent: (ids) => ids.viber.agentId, accepts: ['TEXT', 'IMAGE'] },
  whatsapp: { kind: 'whatsapp', agent: (ids) => ids.whatsapp.agentId, accepts: ['TEXT', 'IMAGE', 'MEDIA', 'LOCATION', 'CONTACT', 'CARD'] },
};

describe('sending', () => {
  let sandbox: RunningSandbox;
  let demo: Client;
  let ids: DemoIds;

  beforeAll(async () => {
    ({ sandbox, demo } = await startWithClients({ customers: 40 }));
    ids = await demoIds(demo);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  for (const [name, channel] of Object.entries(kindsByChannel)) {
    it(`${name} sends ${channel.accepts.join(', ')} and refuses every other payload kind`, async () => {
      const payloads = samplePayloads(ids);
      for (const [kind, payload] of Object.entries(payloads)) {
        const response = await demo.post(`/api/agents/${channel.kind}/${channel.agent(ids)}/send`, { customerNumber: '12125550142', payload });
        if (channel.accepts.includes(kind)) {
          expect(response.status, `${kind}: ${response.text}`).toBe(200);
          field(response.json, 'message_id', 'string');
        } else {
          expectError(response, 400);
        }
      }
    });
  }

  it('accepts a template payload given only its template_id (lines 3585-3586)', async () => {
    const response = await demo.post(`/api/agents/telegram/${ids.telegram.agentId}/send`, { customerNumber: '12125550142', payload: { template_id: ids.templateId } });
    expect(response.status, response.text).toBe(200);
  });

  it('refuses a template that does not exist, and a WhatsApp template that is not approved', async () => {
    expectError(await demo.post(`/api/agents/rcs/${ids.rcs.agentId}/send`, { customerNumber: '12125550142', payload: { type: 'TEMPLATE', template_id: crypto.randomUUID() } }), 400);
    const pending = ids.waTemplates.find((template) => template['status'] === 'PENDING');
    expectError(await demo.post(`/api/agents/whatsapp/${ids.whatsapp.agentId}/send`, { customerNumber: '12125550142', payload: { type: 'CARD', template_id: String(pending?.['id']) } }), 400);
  });

  it('refuses an agent of another channel type on a send route', async () => {
    expectError(await demo.post(`/api/agents/sms/${ids.whatsapp.agentId}/send`, { customerNumber: '12125550142', payload: { type: 'TEXT', text: 'x' } }), 400);
  });

  it('refuses a customerNumber that is not a phone number, except on WeChat, which addresses WeChat ids', async () => {
    expectError(await demo.post(`/api/agents/sms/${ids.sms.agentId}/send`, { customerNumber: 'bob', payload: { type: 'TEXT', text: 'x' } }), 400);
    const wechat = await demo.post(`/api/agents/wechat/${ids.wechat.agentId}/send`, { customerNumber: 'wxid_bob42', payload: { type: 'TEXT', text: 'x' } });
    expect(wechat.status).toBe(200);
    expect(field(field((await demo.get('/api/customers/wxid_bob42')).json, 'customer', 'object'), 'phone', 'string')).toBe('wxid_bob42');
  });

  it('stores a send in the history (AGENT, SENT, newest first), creates a new customer and puts them first by last message', async () => {
    const sent = await demo.post(`/api/agents/sms/${ids.sms.agentId}/send`, { customerNumber: '+1 (212) 555-0177', payload: { type: 'TEXT', text: 'Your order shipped' } });
    const messageId = field(sent.json, 'message_id', 'string');
    const history = items(await demo.get('/api/messages/12125550177'), 'messages');
    expect(history[0]).toMatchObject({ message_id: messageId, origin: 'AGENT', status: 'SENT', agent_id: ids.sms.agentId, payload: { type: 'TEXT', text: 'Your order shipped' } });
    const latest = items(await demo.get('/api/customers', { query: { sort: 'last_message_time', order: -1, limit: 1 } }), 'customers')[0];
    expect(latest).toMatchObject({ phone: '12125550177', country: 'US', last_message_time: history[0]?.['sent'] });
    expect(sandbox.messages().filter((message) => message.message_id === messageId)).toHaveLength(1);
  });

  it('keeps statuses still and sends no replies when life is off', async () => {
    const sent = await demo.post(`/api/agents/whatsapp/${ids.whatsapp.agentId}/send`, { customerNumber: '12125550188', payload: { type: 'TEXT', text: 'Hello?' } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const history = items(await demo.get('/api/messages/12125550188'), 'messages');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ message_id: field(sent.json, 'message_id', 'string'), status: 'SENT' });
  });
});

describe('keywords and opting out', () => {
  let sandbox: RunningSandbox;
  let demo: Client;
  let ids: DemoIds;
  const phone = '447400777888';

  const send = (agentId: string, kind = 'sms') => demo.post(`/api/agents/${kind}/${agentId}/send`, { customerNumber: phone, payload: { type: 'TEXT', text: 'Special offer!' } });
  const subscriptions = async () => field(field((await demo.get(`/api/customers/${phone}`)).json, 'customer', 'object'), 'subscriptions', 'object');

  beforeAll(async () => {
    ({ sandbox, demo } = await startWithClients({ customers: 10 }));
    ids = await demoIds(demo);
    expect((await send(ids.smsUk.agentId)).status).toBe(200);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('STOP opts the customer out of that agent, answers the channel’s opt-out message, and refuses sends with a clear reason', async () => {
    await sandbox.injectInbound({ customer: phone, text: 'STOP', channelType: 'SMS' });
    expect((await subscriptions())[ids.smsUk.agentId]).toBe(false);
    const history = items(await demo.get(`/api/messages/${phone}`, { query: { limit: 2 } }), 'messages');
    expect(history[0]).toMatchObject({ origin: 'BOT', payload: { type: 'TEXT', text: expect.stringMatching(/unsubscribed/) } });
    expect(history[1]).toMatchObject({ origin: 'CUSTOMER', payload: { text: 'STOP' } });
    const refused = await send(ids.smsUk.agentId);
    expectError(refused, 403);
    expect(field(refused.json, 'reason', 'string')).toBe(OPTED_OUT_REASON);
    expect(field(refused.json, 'message', 'string')).toMatch(/until they write again/);
  });

  it('still lets other agents message the customer', async () => {
    expect((await send(ids.whatsapp.agentId, 'whatsapp')).status).toBe(200);
  });

  it('re-subscribes the customer when they write anything again', async () => {
    await sandbox.injectInbound({ customer: phone, text: 'Actually, one more question', channelType: 'sms' });
    expect((await subscriptions())[ids.smsUk.agentId]).toBe(true);
    expect((await send(ids.smsUk.agentId)).status).toBe(200);
  });

  it('START (a Join keyword) subscribes and answers the Join event’s message; HELP answers the channel’s help message', async () => {
    await sandbox.injectInbound({ customer: phone, text: 'stop', channelType: 'SMS' });
    await sandbox.injectInbound({ customer: phone, text: ' Start ', channelType: 'SMS' });
    expect((await subscriptions())[ids.smsUk.agentId]).toBe(true);
    let latest = items(await demo.get(`/api/messages/${phone}`, { query: { limit: 1, origin: 'BOT' } }), 'messages')[0];
    expect(latest).toMatchObject({ payload: { text: 'Welcome back! You will receive our updates again.' } });
    await sandbox.injectInbound({ customer: phone, text: 'help', channelType: 'SMS' });
    latest = items(await demo.get(`/api/messages/${phone}`, { query: { limit: 1, origin: 'BOT' } }), 'messages')[0];
    expect(latest).toMatchObject({ payload: { text: expect.stringMatching(/^Acme Store support/) } });
  });

  it('fires keyword events created through the API, and stops firing deleted ones', async () => {
    const created = await demo.post('/api/keyword_events', { event: 'Opt-out', keywords: ['basta'] });
    const eventId = String(field(field(created.json, 'keyword_event', 'object'), '_id', 'string'));
    await sandbox.injectInbound({ customer: phone, text: 'BASTA', channelType: 'SMS' });
    expect((await subscriptions())[ids.smsUk.agentId]).toBe(false);
    await sandbox.injectInbound({ customer: phone, text: 'hello again', channelType: 'SMS' });
    await demo.delete(`/api/keyword_events/${eventId}`);
    await sandbox.injectInbound({ customer: phone, text: 'basta', channelType: 'SMS' });
    expect((await subscriptions())[ids.smsUk.agentId]).toBe(true);
  });

  it('creates the customer of an inbound message from an unknown number', async () => {
    const { message_id } = await sandbox.injectInbound({ customer: '+49 151 23456789', text: 'Hallo!', channelType: 'whatsapp' });
    const customer = field((await demo.get('/api/customers/4915123456789')).json, 'customer', 'object');
    expect(customer['country']).toBe('DE');
    expect(items(await demo.get('/api/messages/4915123456789'), 'messages')[0]).toMatchObject({ message_id, origin: 'CUSTOMER', agent_id: ids.whatsapp.agentId });
  });
});
