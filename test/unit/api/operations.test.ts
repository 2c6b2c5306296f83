/**
 * The operation table against the reference: the 50 operations of shared/spec/README.md with their methods and
 * paths, the reference's example requests accepted as bodies, and its example answers accepted as responses.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { channelPayloadSchemas, sendOperationByChannel } from '../../../common/payloads/channels';
import { listedMediaOperationIds, operationIds, operations, paramsSchema, pathParamNames, referenceOperationIds, type OperationId } from '../../../main/api/operations';

/** Copied from shared/spec/README.md's table of all 50 endpoints. */
const reference: Array<[string, string, string]> = [
  ['auth.login', 'POST', '/api/auth'],
  ['channels.list', 'GET', '/api/channels'],
  ['channels.create', 'POST', '/api/channels'],
  ['channels.get', 'GET', '/api/channels/{channel_id}'],
  ['channels.update', 'PATCH', '/api/channels/{channel_id}'],
  ['channels.delete', 'DELETE', '/api/channels/{channel_id}'],
  ['agents.get', 'GET', '/api/channels/{channel_id}/agents/{agent_id}'],
  ['agents.delete', 'DELETE', '/api/channels/{channel_id}/agents/{agent_id}'],
  ['agents.update', 'PATCH', '/api/channels/{channel_id}/agents/{agent_id}'],
  ['agents.create', 'POST', '/api/channels/{channel_id}/agents'],
  ['channels.setChatbot', 'PUT', '/api/channels/chatbot'],
  ['customers.get', 'GET', '/api/customers/{identifier}'],
  ['customers.list', 'GET', '/api/customers'],
  ['customers.create', 'POST', '/api/customers'],
  ['customers.update', 'PATCH', '/api/customers/{customer_id}'],
  ['customers.delete', 'DELETE', '/api/customers/{customer_id}'],
  ['keywordEvents.list', 'GET', '/api/keyword_events'],
  ['keywordEvents.create', 'POST', '/api/keyword_events'],
  ['keywordEvents.get', 'GET', '/api/keyword_events/{event_id}'],
  ['keywordEvents.update', 'PATCH', '/api/keyword_events/{event_id}'],
  ['keywordEvents.delete', 'DELETE', '/api/keyword_events/{event_id}'],
  ['links.shorten', 'POST', '/api/links/shorten'],
  ['links.tokens', 'GET', '/api/links/tokens'],
  ['media.list', 'GET', '/api/media'],
  ['media.upload', 'POST', '/api/media'],
  ['media.delete', 'DELETE', '/api/media'],
  ['media.get', 'GET', '/api/media/{enterprise_id}/{media_id}'],
  ['media.getVariant', 'GET', '/api/media/{enterprise_id}/{media_id}/{size_type}'],
  ['messages.history', 'GET', '/api/messages/{identifier}'],
  ['messages.delete', 'DELETE', '/api/messages/{messageID}'],
  ['rcs.send', 'POST', '/api/agents/rcs/{agent_id}/send'],
  ['settings.get', 'GET', '/api/settings'],
  ['settings.update', 'PATCH', '/api/settings'],
  ['sms.send', 'POST', '/api/agents/sms/{agent_id}/send'],
  ['telegram.send', 'POST', '/api/agents/telegram/{agent_id}/send'],
  ['telegram.configure', 'PATCH', '/api/agents/telegram/{agent_id}'],
  ['viber.send', 'POST', '/api/agents/viber/{agent_id}/send'],
  ['whatsapp.send', 'POST', '/api/agents/whatsapp/{agent_id}/send'],
  ['whatsappTemplates.list', 'GET', '/api/agents/whatsapp/{agent_id}/templates'],
  ['whatsappTemplates.create', 'POST', '/api/agents/whatsapp/{agent_id}/templates'],
  ['whatsappTemplates.get', 'GET', '/api/agents/whatsapp/{agent_id}/templates/{template_id}'],
  ['whatsappTemplates.update', 'PUT', '/api/agents/whatsapp/{agent_id}/templates/{template_id}'],
  ['whatsappTemplates.activeBroadcast', 'GET', '/api/agents/whatsapp/{agent_id}/templates/active-broadcast'],
  ['whatsappTemplates.delete', 'DELETE', '/api/agents/whatsapp/{agent_id}/templates/{name}'],
  ['wechat.send', 'POST', '/api/agents/wechat/{agent_id}/send'],
  ['scenarios.list', 'GET', '/api/scenarios'],
  ['templates.list', 'GET', '/api/templates'],
  ['templates.create', 'POST', '/api/templates'],
  ['templates.get', 'GET', '/api/templates/{template_id}'],
  ['templates.delete', 'DELETE', '/api/templates/{template_id}'],
];

function body(id: OperationId): z.ZodType {
  const spec = operations[id];
  if (!('body' in spec)) throw new Error(`${id} takes no body`);
  return spec.body;
}

function response(id: OperationId): z.ZodType {
  const spec = operations[id];
  if (spec.response.kind !== 'json') throw new Error(`${id} answers no JSON`);
  return spec.response.schema;
}

describe('the operation table', () => {
  it('has exactly the 50 operations of the reference, with their methods and paths', () => {
    expect(referenceOperationIds.map((id) => [id, operations[id].method, operations[id].path])).toEqual(reference);
  });

  it('adds only the media URL forms of the reference’s upload and gallery examples (lines 2866-2868, 2941-2943)', () => {
    expect(operationIds.filter((id) => !referenceOperationIds.includes(id))).toEqual(listedMediaOperationIds);
    expect(listedMediaOperationIds.map((id) => [id, operations[id].method, operations[id].path])).toEqual([
      ['media.getListed', 'GET', '/api/media/{media_id}'],
      ['media.getListedVariant', 'GET', '/api/media/{media_id}/{size_type}'],
    ]);
    expect(paramsSchema(operations['media.getListedVariant']).safeParse({ media_id: 'm', size_type: 'original' }).success).toBe(false);
  });

  it('derives path parameters from the path and refuses empty ones', () => {
    expect(pathParamNames(operations['agents.get'].path)).toEqual(['channel_id', 'agent_id']);
    expect(paramsSchema(operations['agents.get']).safeParse({ channel_id: 'c', agent_id: '' }).success).toBe(false);
    expect(paramsSchema(operations['media.getVariant']).safeParse({ enterprise_id: 'e', media_id: 'm', size_type: 'huge' }).success).toBe(false);
  });

  it('sends each channel type through its operation with that channel’s payloads', () => {
    for (const [channel, id] of Object.entries(sendOperationByChannel)) {
      const sendBody = body(id);
      const text = { customerNumber: '145044111206', payload: { type: 'TEXT', text: 'Hello world' } };
      expect(sendBody.safeParse(text).success, channel).toBe(true);
      const location = { customerNumber: '145044111206', payload: { type: 'LOCATION', latitude: 1, longitude: 2 } };
      const takesLocation = channelPayloadSchemas[channel as keyof typeof channelPayloadSchemas].safeParse(location.payload).success;
      expect(sendBody.safeParse(location).success, channel).toBe(takesLocation);
    }
  });

  it('is the only place auth is skipped', () => {
    expect(operationIds.filter((id) => !operations[id].authenticated)).toEqual(['auth.login']);
  });
});

describe('example requests of the reference are accepted', () => {
  it.each<[OperationId, unknown]>([
    ['channels.create', { _id: '1f704bc5-5055-43eb-a851-c87b6b0bf7b9', chatbot: { story_id: '60197939f14a550007fa0d01', origin: 'CHATBOT.COM' }, keyword_events_messages: { opt_out_message: 'We are so sorry you are leaving. Hope to see you back again.', help_message: "We'll help you as soon as possible." }, welcome_message: 'Welcome to our business! How can we help you?', type: 'SMS', vln_quantity: 1, config: { name: 'Test channel', mw_sender_list_id: 'string', region: 'NA', country: 'AD', short_code: 'string' } }],
    ['channels.update', { chatbot: { story_id: '60197939f14a550007fa0d01', origin: 'OWN' }, welcome_message: 'Welcome to our business! How can we help you?', config: { name: 'Corporate notifications' } }],
    ['agents.create', { type: 'SMS', provider: 'IZONET', vln_quantity: 1 }],
    ['channels.setChatbot', { story_id: 'c8fb5604-7434-4d42-a55d-68b411ad0f30', origin: 'OWN' }],
    ['customers.create', { phone: '145044111206', name: 'John Smith' }],
    ['customers.update', { chatbot_enabled: {}, name: 'John Smith' }],
    ['keywordEvents.create', { event: 'Join', keywords: ['join', 'enter'], message: "You've joined our club" }],
    ['links.shorten', { customerNumber: '3809861675507', links: ['https://www.youtube.com/watch?v=X48VuDVv0do'] }],
    ['settings.update', { short_links_generation_enabled: true, notification_settings: {}, chatbot_settings: { OWN: { is_enabled: true }, CHATBOT_COM: { is_enabled: true, access_token: 'xKmN3jAXu7ssMjdFsU5Cf1hY_29nxeUa' }, DIALOGFLOW: { is_enabled: true, credentials: { type: 'string', project_id: 'string', private_key_id: 'string', private_key: 'string', client_email: 'string', client_id: 'string', auth_uri: 'string', token_uri: 'string', auth_provider_x509_cert_url: 'string', client_x509_cert_url: 'string' } } } }],
    ['telegram.configure', { status: 'ACTIVE', config: { bot_name: 'Bot of bots', access_token: '1827085009:AAGcSqLyPTdmnNmWL4-mdsdsdkYNlYyFrU' } }],
    ['whatsappTemplates.create', { category: 'MARKETING', language: 'af', name: 'Super template', body: 'Hello world!', body_examples: ['body_variable_example_1', 'body_variable_example_2'], header_examples: ['header_variable_example'], header: { type: 'TEXT', value: 'Hello header!' }, buttons: { type: 'CTA', phone: { number: '+145044111206', text: 'CTA text' }, website: { link: 'https://domain.com', text: 'CTA text' }, quickReplyBlocks: ['button_text_1', 'button_text_2'], CTAOrder: [['PHONE', 'WEBSITE']] }, footer: 'Beautiful footer' }],
    ['whatsappTemplates.update', { body: 'Hello world!', body_examples: ['body_variable_example_1'], header_examples: ['header_variable_example'], header: { type: 'TEXT', value: 'Hello header!' }, buttons: { otp: { type: 'COPY_CODE', text: 'Copy Code' } }, footer: 'Beautiful footer', options: { addSecurityRecommendation: true, codeExpirationMinutes: 1 } }],
    ['templates.create', { type: 'TEXT_TEMPLATE', title: 'string', text: 'string' }],
  ])('%s', (id, example) => {
    expect(body(id).safeParse(example).success).toBe(true);
  });

  it('takes the chatbot origin in both of the reference’s spellings and sends the enum’s (lines 243, 286, 789, 1328)', () => {
    const chatbot = (origin: string) => ({ chatbot: { story_id: '60197939f14a550007fa0d01', origin } });
    const smsChannel = { type: 'SMS', vln_quantity: 1, config: { name: 'Test channel', region: 'NA', country: 'AD' } };
    const cases = [
      ['channels.create', (origin: string) => ({ ...smsChannel, ...chatbot(origin) })],
      ['channels.update', chatbot],
      ['agents.update', chatbot],
    ] as const;
    for (const [id, request] of cases) {
      expect(body(id).parse(request('CHATBOT.COM')), id).toMatchObject(chatbot('CHATBOT_COM'));
      expect(body(id).parse(request('CHATBOT_COM')), id).toMatchObject(chatbot('CHATBOT_COM'));
      expect(body(id).safeParse(request('CHATBOT')).success, id).toBe(false);
    }
    expect(body('channels.setChatbot').parse({ story_id: 's', origin: 'CHATBOT.COM' })).toEqual({ story_id: 's', origin: 'CHATBOT_COM' });
  });

  it('refuses an RCS channel without its required config fields', () => {
    expect(body('channels.create').safeParse({ type: 'RCS', config: { name: 'x' } }).success).toBe(false);
  });
});

const channel = { _id: '3dec4223-7900-4842-b5d9-14e1d87885cc', type: 'SMS', chatbot: { story_id: '60197939f14a550007fa0d01', origin: 'CHATBOT.COM' }, keyword_events_messages: { opt_out_message: 'Bye', help_message: 'Help' }, config: { type: 'SMS', name: 'SMS USA', region: 'NA', country: 'US', short_code: null, mw_sender_list_id: null }, created: '2020-11-02T11:48:05.855Z', modified: '2021-02-10T22:35:03.244Z', agents: [{ _id: '2818c969-05ee-43a1-b4eb-06d338f5e256', created: '2020-07-23T11:20:48.444Z', modified: '2020-11-02T11:48:05.853Z', config: { vln: '145044111206' } }] };
const waTemplate = { id: '493480348725846', category: 'APPOINTMENT_UPDATE', status: 'APPROVED', language: 'af', name: 'button_for_demo_1', preview: 'some text', components: [{ type: 'BODY', text: 'some text' }, { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'button 1' }] }] };
const template = { _id: '7899f3f8-e74b-4ed1-abac-0bedda8f5db8', enterprise_id: 'b243b42a-d89f-1381-4cb7-fc7b771beb21', user_id: '7361294a-2ede-e784-b6e6-07e630a2a627', payload: { type: 'TEXT_TEMPLATE', title: 'Some text template', text: 'Good day!' }, created: '2022-08-08T15:05:08.404Z', modified: '2022-08-08T15:05:08.404Z' };

describe('example answers of the reference are accepted', () => {
  it.each<[OperationId, unknown]>([
    ['auth.login', { token: 'eyJ0eXAi.eyJpZCI6.gVIM', expires_at: 1893456000 }],
    ['channels.list', { channels: [channel], total: 1, offset: 0, limit: 50 }],
    ['channels.get', { channel }],
    ['agents.create', [{ _id: '1f704bc5-5055-43eb-a851-c87b6b0bf7b9', created: '2019-08-24T14:15:22Z', modified: '2019-08-24T14:15:22Z', config: {} }]],
    ['customers.create', { success: true, customer: { _id: '4762e0fe-1780-bac2-dccf-b03fc9409a1d', name: 'John Smith', phone: '145044111206', country: 'US', subscriptions: { 'b348d8d2-9114-a701-f6bb-4169aa2a1423': true }, chatbot_enabled: { 'b348d8d2-9114-a701-f6bb-4169aa2a1423': 'ENABLED_MANUALLY' }, created: '2020-07-01T13:22:05.409Z', modified: '2020-07-01T13:22:05.409Z', last_message_time: '2020-07-01T13:22:05.409Z' } }],
    ['keywordEvents.list', { keyword_events: [{ _id: '60126d04-fd92-c822-1aa7-5dbf7b34db41', keywords: ['join', 'enter'], config: { type: 'Join', message: "You've joined our club" } }], total: 1, limit: 50, offset: 0 }],
    ['links.shorten', { links: [{ base: 'https://www.youtube.com/watch?v=X48VuDVv0do', short: 'http://x4p.me/Sw5Tp' }] }],
    ['links.tokens', { links: [{ enabled: true, id: 146746, name: 'Watch this', url: 'https://www.youtube.com/watch?v=X48VuDVv0do' }], total: 1 }],
    ['media.upload', { _id: 'string', type: 'image', mime_type: 'image/png', full_size: 14359, file_name: 'string', url: 'https://omni.mmdsmart.com/api/media/ef9a', thumbnail: 'https://omni.mmdsmart.com/api/media/ef9a/thumbnail', preview: 'https://omni.mmdsmart.com/api/media/ef9a/preview' }],
    ['messages.history', { messages: [{ customer_id: '6de4fc8d', message_id: 'ef9ada80', agent_id: 'bf03f2d3', payload: { type: 'TEXT', text: 'hi' }, origin: 'AGENT', sent: '2020-11-18T15:11:58.240Z', status: 'READ' }], total: 1, limit: 50, offset: 0 }],
    ['rcs.send', { message_id: '1a45bd2c-f94d-4e80-a335-5856b3f232f7' }],
    ['settings.get', { short_links_generation_enabled: true, chatbot_settings: { OWN: { is_enabled: false }, CHATBOT_COM: { is_enabled: true, access_token: 'x' }, DIALOGFLOW: { is_enabled: true, credentials: { type: 'service_account' } } }, notification_settings: {} }],
    ['telegram.configure', { success: true }],
    ['whatsappTemplates.list', { templates: [waTemplate], total: 1, offset: 0, limit: 50 }],
    ['whatsappTemplates.get', { template: waTemplate }],
    ['whatsappTemplates.activeBroadcast', { isActive: true }],
    ['scenarios.list', { stories: [{ id: '12134243434', origin: 'OWN', description: 'Cool chatbot', name: 'test chatbot' }, { id: '343435p5po45', origin: 'CHATBOT_COM', description: null, name: 'New test' }] }],
    ['templates.list', { templates: [template], total: 1, offset: 0, limit: 50 }],
    ['templates.get', { template }],
    ['templates.delete', { success: true }],
  ])('%s', (id, example) => {
    expect(response(id).safeParse(example).success).toBe(true);
  });

  it('normalises the reference’s alias spellings (api-decisions)', () => {
    const listed = response('channels.get').parse({ channel });
    expect(listed).toMatchObject({ channel: { chatbot: { origin: 'CHATBOT_COM' } } });
    const events = response('keywordEvents.list').parse({ keyword_events: [{ _id: 'k', keywords: ['stop'], config: { type: 'Opt-out' } }], total: 1 });
    expect(events).toMatchObject({ keyword_events: [{ config: { type: 'OPT_OUT' } }] });
  });

  it('answers templates.create as {template} whether the service wraps the template or not', () => {
    expect(response('templates.create').parse(template)).toEqual({ template });
    expect(response('templates.create').parse({ template })).toEqual({ template });
  });

  it('refuses a listed field of the wrong type', () => {
    expect(response('links.tokens').safeParse({ links: [{ enabled: 'yes', id: 1, name: 'n', url: 'u' }], total: 1 }).success).toBe(false);
    expect(response('channels.list').safeParse({ channels: [{ ...channel, agents: {} }], total: 1 }).success).toBe(false);
  });
});
