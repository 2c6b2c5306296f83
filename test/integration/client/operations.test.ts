/**
 * All 50 operations through the client and session against the real sandbox, in the order an agent's work
 * touches them: every answer must parse whole with the operation table's schema (the client refuses anything else).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiChannel } from '../../../common/api-types';
import type { Result } from '../../../common/result';
import { payloadFromUpload, buildCarousel, buildContact, buildLocation, buildWhatsAppCard } from '../../../common/payloads';
import { ApiClient } from '../../../main/api/client';
import { referenceOperationIds, type OperationId } from '../../../main/api/operations';
import { Session } from '../../../main/session/session';
import { createMemoryVault } from '../../../main/vault/memory-vault';
import { DEMO_ACCOUNT, startSandbox, type RunningSandbox } from '../../../sandbox/index';

let sandbox: RunningSandbox;
let session: Session;
let folder: string;
const called = new Set<OperationId>();

/** The value of a successful result; a failure fails the test with the error's code and message. */
function value<T>(id: OperationId, result: Result<T>): T {
  called.add(id);
  if (!result.ok) throw new Error(`${id} failed: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function bytesOf(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** `/api/media/{enterprise_id}/{media_id}` from a URL the API returned (spec README: use the URLs it returns). */
function mediaPath(url: string): { enterprise_id: string; media_id: string } {
  const [, , , enterprise_id = '', media_id = ''] = new URL(url).pathname.split('/');
  return { enterprise_id, media_id };
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7 });
  folder = await mkdtemp(join(tmpdir(), 'client-int-'));
  session = new Session({ vault: createMemoryVault('integration test') });
  const signedIn = await session.signIn({ ...DEMO_ACCOUNT, baseUrl: sandbox.baseUrl }, { remember: false });
  expect(signedIn.ok).toBe(true);
});

afterAll(async () => {
  session.close();
  await sandbox.close();
  await rm(folder, { recursive: true, force: true });
});

describe('every operation against the sandbox', () => {
  const channels = new Map<string, ApiChannel>();
  const agentOf = (type: string) => {
    const agent = channels.get(type)?.agents?.[0];
    if (!agent) throw new Error(`The sandbox has no ${type} agent`);
    return agent._id;
  };
  let storyId = '';
  let customer = { _id: '', phone: '' };

  it('auth.login answers a token and its expiry', async () => {
    const client = new ApiClient({ baseUrl: sandbox.baseUrl });
    const token = value('auth.login', await client.call('auth.login', { body: DEMO_ACCOUNT }));
    client.close();
    expect(token.token.length).toBeGreaterThan(20);
    expect(token.expires_at * 1000).toBeGreaterThan(Date.now());
  });

  it('channels and agents', async () => {
    const listed = value('channels.list', await session.call('channels.list', { query: { limit: 50, order: 'asc' } }));
    for (const channel of listed.channels) if (!channels.has(channel.type)) channels.set(channel.type, channel);
    expect([...channels.keys()].sort()).toEqual(expect.arrayContaining(['RCS', 'SMS', 'TG', 'VI', 'WA', 'WECHAT']));
    const sms = channels.get('SMS');
    if (!sms) throw new Error('no SMS channel');

    const got = value('channels.get', await session.call('channels.get', { path: { channel_id: sms._id } }));
    expect(got.channel._id).toBe(sms._id);

    const stories = value('scenarios.list', await session.call('scenarios.list'));
    storyId = stories.stories.find((story) => story.origin === 'OWN')?.id ?? '';
    expect(storyId).not.toBe('');

    const created = value(
      'channels.create',
      await session.call('channels.create', { body: { type: 'WA', config: { name: 'Integration WhatsApp' } } }),
    );
    expect(created.channel.type).toBe('WA');
    const updated = value(
      'channels.update',
      await session.call('channels.update', {
        path: { channel_id: created.channel._id },
        body: { welcome_message: 'Hello from the integration test', config: { name: 'Renamed' } },
      }),
    );
    expect(updated.channel.welcome_message).toBe('Hello from the integration test');

    const agentId = agentOf('SMS');
    const agent = value('agents.get', await session.call('agents.get', { path: { channel_id: sms._id, agent_id: agentId } }));
    expect(agent._id).toBe(agentId);
    const added = value(
      'agents.create',
      await session.call('agents.create', { path: { channel_id: sms._id }, body: { type: 'SMS', provider: 'IZONET', vln_quantity: 1 } }),
    );
    const newAgent = added[0]?._id ?? '';
    value(
      'agents.update',
      await session.call('agents.update', {
        path: { channel_id: sms._id, agent_id: newAgent },
        body: { chatbot: { story_id: storyId, origin: 'OWN' } },
      }),
    );
    const removedAgent = value('agents.delete', await session.call('agents.delete', { path: { channel_id: sms._id, agent_id: newAgent } }));
    expect(removedAgent.success).toBe(true);

    value('channels.setChatbot', await session.call('channels.setChatbot', { body: { story_id: storyId, origin: 'OWN' } }));
    const removed = value('channels.delete', await session.call('channels.delete', { path: { channel_id: created.channel._id } }));
    expect(removed.success).toBe(true);
  });

  it('customers', async () => {
    const page = value(
      'customers.list',
      await session.call('customers.list', { query: { limit: 2, sort: 'last_message_time', order: '-1' } }),
    );
    expect(page.customers).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);

    const created = value('customers.create', await session.call('customers.create', { body: { phone: '447700900123', name: 'Integration Test' } }));
    customer = { _id: created.customer._id, phone: created.customer.phone };
    const byId = value('customers.get', await session.call('customers.get', { path: { identifier: customer._id } }));
    const byPhone = await session.call('customers.get', { path: { identifier: customer.phone } });
    expect(byPhone.ok && byPhone.value.customer._id).toBe(byId.customer._id);
    value('customers.update', await session.call('customers.update', { path: { customer_id: customer._id }, body: { name: 'Renamed Customer' } }));
    const renamed = value('customers.get', await session.call('customers.get', { path: { identifier: customer._id } }));
    expect(renamed.customer.name).toBe('Renamed Customer');
  });

  it('media: upload streamed from disk, gallery, the file and its variants, delete', async () => {
    const path = join(folder, 'square.png');
    await sharp({ create: { width: 64, height: 64, channels: 3, background: '#3366cc' } }).png().toFile(path);
    const progress: number[] = [];
    const upload = value(
      'media.upload',
      await session.call('media.upload', { file: { path, mimeType: 'image/png' }, onProgress: ({ sentBytes }) => progress.push(sentBytes) }),
    );
    expect(upload.type).toBe('image');
    expect(progress.at(-1)).toBe(upload.full_size);

    const gallery = value('media.list', await session.call('media.list', { query: { type: 'image', limit: 50 } }));
    expect(gallery.media.some((item) => item._id === upload._id)).toBe(true);

    const file = value('media.get', await session.call('media.get', { path: mediaPath(upload.url) }));
    expect(file.contentType).toContain('image/png');
    expect((await bytesOf(file.body)).length).toBe(upload.full_size);
    const preview = value(
      'media.getVariant',
      await session.call('media.getVariant', { path: { ...mediaPath(upload.url), size_type: 'preview' } }),
    );
    const previewImage = await sharp(await bytesOf(preview.body)).metadata();
    expect(Math.max(previewImage.width ?? 0, previewImage.height ?? 0)).toBeLessThanOrEqual(160);

    // The upload becomes a Viber image message, as the composer would send it.
    const image = payloadFromUpload(upload, 'VI');
    if (!image.ok || image.value.type !== 'IMAGE') throw new Error(image.ok ? 'not an image payload' : image.error.message);
    const sent = value('viber.send', await session.call('viber.send', { path: { agent_id: agentOf('VI') }, body: { customerNumber: customer.phone, payload: image.value } }));
    expect(sent.message_id).not.toBe('');

    value('media.delete', await session.call('media.delete', { query: { media_ids: [upload._id] } }));
    const afterDelete = await session.call('media.get', { path: mediaPath(upload.url) });
    expect(afterDelete.ok).toBe(false);
  });

  it('sends through every channel type, then reads and prunes the history', async () => {
    const to = customer.phone;
    const text = (words: string) => ({ type: 'TEXT' as const, text: words });
    const location = buildLocation(51.5072, -0.1276);
    const contact = buildContact({ firstname: 'Ann', lastname: 'Lee', phone: '447700900456' });
    const carousel = buildCarousel('MEDIUM', [{ title: 'Sneakers', description: 'Red, size 42', replies: ['Buy', 'Later'] }]);
    if (!location.ok || !contact.ok || !carousel.ok) throw new Error('a payload builder failed');
    const templates = value('templates.list', await session.call('templates.list', { query: { limit: 5, order: '1' } }));
    const templateId = templates.templates[0]?._id ?? '';

    const ids = [
      value('sms.send', await session.call('sms.send', { path: { agent_id: agentOf('SMS') }, body: { customerNumber: to, payload: text('SMS hello') } })),
      value('whatsapp.send', await session.call('whatsapp.send', { path: { agent_id: agentOf('WA') }, body: { customerNumber: to, payload: location.value } })),
      value('telegram.send', await session.call('telegram.send', { path: { agent_id: agentOf('TG') }, body: { customerNumber: to, payload: contact.value } })),
      value('rcs.send', await session.call('rcs.send', { path: { agent_id: agentOf('RCS') }, body: { customerNumber: to, payload: carousel.value } })),
      value('wechat.send', await session.call('wechat.send', { path: { agent_id: agentOf('WECHAT') }, body: { customerNumber: to, payload: text('WeChat hello') } })),
    ].map((sent) => sent.message_id);
    const template = await session.call('rcs.send', {
      path: { agent_id: agentOf('RCS') },
      body: { customerNumber: to, payload: { type: 'TEMPLATE', template_id: templateId } },
    });
    expect(template.ok).toBe(true);

    const history = value('messages.history', await session.call('messages.history', { path: { identifier: customer._id }, query: { limit: 50, order: '-1' } }));
    const found = history.messages.map((message) => message.message_id);
    expect(found).toEqual(expect.arrayContaining(ids));

    value('messages.delete', await session.call('messages.delete', { path: { messageID: ids[0] ?? '' } }));
    const pruned = value('messages.history', await session.call('messages.history', { path: { identifier: customer._id } }));
    expect(pruned.messages.map((message) => message.message_id)).not.toContain(ids[0]);
  });

  it('WhatsApp templates, and a card message from an approved one', async () => {
    const agent = agentOf('WA');
    const listed = value('whatsappTemplates.list', await session.call('whatsappTemplates.list', { path: { agent_id: agent }, query: { limit: 50 } }));
    const approved = listed.templates.find((template) => template.status === 'APPROVED');
    if (approved) {
      const card = buildWhatsAppCard({ templateId: approved.id, bodyVariables: ['Ann'] });
      if (!card.ok) throw new Error(card.error.message);
      const sent = await session.call('whatsapp.send', { path: { agent_id: agent }, body: { customerNumber: customer.phone, payload: card.value } });
      expect(sent.ok).toBe(true);
    }

    const name = `integration_${Date.now()}`;
    const created = value(
      'whatsappTemplates.create',
      await session.call('whatsappTemplates.create', {
        path: { agent_id: agent },
        body: { category: 'UTILITY', language: 'en', name, body: 'Your order {{1}} has shipped', body_examples: ['A-1001'] },
      }),
    );
    const got = value('whatsappTemplates.get', await session.call('whatsappTemplates.get', { path: { agent_id: agent, template_id: created.template.id } }));
    expect(got.template.name).toBe(name);
    value(
      'whatsappTemplates.update',
      await session.call('whatsappTemplates.update', { path: { agent_id: agent, template_id: created.template.id }, body: { footer: 'Acme Store' } }),
    );
    const broadcast = value(
      'whatsappTemplates.activeBroadcast',
      await session.call('whatsappTemplates.activeBroadcast', { path: { agent_id: agent } }),
    );
    expect(typeof broadcast.isActive).toBe('boolean');
    value('whatsappTemplates.delete', await session.call('whatsappTemplates.delete', { path: { agent_id: agent, name } }));
  });

  it('keyword events', async () => {
    const listed = value('keywordEvents.list', await session.call('keywordEvents.list', { query: { order: '1' } }));
    expect(listed.keyword_events.map((event) => event.config.type)).toEqual(expect.arrayContaining(['OPT_OUT', 'JOIN', 'HELP']));
    const created = value(
      'keywordEvents.create',
      await session.call('keywordEvents.create', { body: { event: 'Join', keywords: ['integration-join'], message: 'Welcome aboard' } }),
    );
    expect(created.keyword_event.config.type).toBe('JOIN');
    const id = created.keyword_event._id;
    value('keywordEvents.update', await session.call('keywordEvents.update', { path: { event_id: id }, body: { keywords: ['integration-join', 'aboard'] } }));
    const got = value('keywordEvents.get', await session.call('keywordEvents.get', { path: { event_id: id } }));
    expect(got.keyword_event.keywords).toEqual(['integration-join', 'aboard']);
    value('keywordEvents.delete', await session.call('keywordEvents.delete', { path: { event_id: id } }));
  });

  it('links, settings and Telegram configuration', async () => {
    const shortened = value(
      'links.shorten',
      await session.call('links.shorten', { body: { customerNumber: customer.phone, links: ['https://shop.acme.example/spring'] } }),
    );
    expect(shortened.links[0]?.base).toBe('https://shop.acme.example/spring');
    const tokens = value('links.tokens', await session.call('links.tokens'));
    expect(tokens.total).toBe(tokens.links.length);

    const settings = value('settings.get', await session.call('settings.get'));
    const flipped = !settings.short_links_generation_enabled;
    value('settings.update', await session.call('settings.update', { body: { short_links_generation_enabled: flipped } }));
    const reread = value('settings.get', await session.call('settings.get'));
    expect(reread.short_links_generation_enabled).toBe(flipped);

    const configured = value(
      'telegram.configure',
      await session.call('telegram.configure', {
        path: { agent_id: agentOf('TG') },
        body: { status: 'ACTIVE', config: { bot_name: 'IntegrationBot', access_token: '1827085009:AAGcSqLyPTdmnNmWL4-test' } },
      }),
    );
    expect(configured.success).toBeTruthy();
  });

  it('stored templates', async () => {
    const created = value(
      'templates.create',
      await session.call('templates.create', { body: { type: 'TEXT_TEMPLATE', title: 'Integration', text: 'Thanks for waiting!' } }),
    );
    const id = created.template._id;
    const got = value('templates.get', await session.call('templates.get', { path: { template_id: id } }));
    expect(got.template.payload.text).toBe('Thanks for waiting!');
    const removed = value('templates.delete', await session.call('templates.delete', { path: { template_id: id } }));
    expect(removed.success).toBe(true);
  });

  it('customers.delete, and the deleted customer is gone', async () => {
    const removed = value('customers.delete', await session.call('customers.delete', { path: { customer_id: customer._id } }));
    expect(removed.success).toBe(true);
    const again = await session.call('customers.get', { path: { identifier: customer._id } });
    expect(again).toMatchObject({ ok: false, error: { code: 'GONE' } });
  });

  it('called all 50 operations', () => {
    // The sandbox answers the file routes its uploads name; the listed URL forms are tested in test/unit/media.
    expect([...called].sort()).toEqual([...referenceOperationIds].sort());
  });
});
