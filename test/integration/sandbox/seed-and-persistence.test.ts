/**
 * The demo data (deterministic per seed, realistic by default: every channel type, several countries, every
 * payload kind, status and origin) and `dataFile`, which keeps state across restarts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { Client, demoIds, expectError, field, items, signIn } from './client';

function typeOf(payload: unknown): string {
  return typeof payload === 'object' && payload !== null && 'type' in payload ? String(payload.type) : 'none';
}

describe('the default demo', () => {
  let sandbox: RunningSandbox;
  let demo: Client;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    demo = await signIn(sandbox.baseUrl);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('has a few hundred customers from several countries, with valid mobile numbers', async () => {
    const customers = items(await demo.get('/api/customers', { query: { limit: 1000 } }), 'customers');
    expect(customers).toHaveLength(300);
    expect(new Set(customers.map((customer) => customer['country'])).size).toBeGreaterThanOrEqual(8);
    for (const customer of customers) {
      const phone = parsePhoneNumberFromString(`+${String(customer['phone'])}`);
      expect(phone?.isValid(), String(customer['phone'])).toBe(true);
      expect(phone?.country, String(customer['phone'])).toBe(customer['country']);
    }
  });

  it('has channels of every type with agents, SMS with several', async () => {
    const channels = items(await demo.get('/api/channels'), 'channels');
    expect(new Set(channels.map((channel) => channel['type']))).toEqual(new Set(['SMS', 'WA', 'VI', 'TG', 'RCS', 'WECHAT']));
    expect(channels.every((channel) => (channel['agents'] as unknown[]).length > 0)).toBe(true);
    expect(channels.some((channel) => channel['type'] === 'SMS' && (channel['agents'] as unknown[]).length > 1)).toBe(true);
  });

  it('has histories with every payload kind, every status and every origin', () => {
    const messages = sandbox.messages();
    expect(new Set(messages.map((message) => typeOf(message.payload)))).toEqual(new Set(['TEXT', 'IMAGE', 'MEDIA', 'LOCATION', 'CONTACT', 'CAROUSEL', 'CARD', 'TEMPLATE']));
    expect(new Set(messages.map((message) => message.status))).toEqual(new Set(['SENT', 'DELIVERED', 'READ', 'ERROR', 'UNDELIVERABLE', 'CREATED', 'UPLOAD_ERROR']));
    expect(new Set(messages.map((message) => message.origin))).toEqual(new Set(['BOT', 'AGENT', 'CUSTOMER', 'BROADCAST']));
  });

  it('has images with previews and files in the gallery, and the images are real', async () => {
    const media = items(await demo.get('/api/media'), 'media');
    expect(new Set(media.map((entry) => entry['type']))).toEqual(new Set(['image', 'file']));
    const image = media.find((entry) => entry['mime_type'] === 'image/jpeg');
    const bytes = Buffer.from(await (await fetch(String(image?.['url']))).arrayBuffer());
    expect((await sharp(bytes).metadata()).format).toBe('jpeg');
  });

  it('has keyword events of each type, templates, WhatsApp templates in several statuses, link tokens and stories', async () => {
    const events = items(await demo.get('/api/keyword_events'), 'keyword_events');
    expect(new Set(events.map((event) => (event['config'] as { type: string }).type))).toEqual(new Set(['OPT_OUT', 'JOIN', 'HELP']));
    const templates = items(await demo.get('/api/templates'), 'templates');
    expect(new Set(templates.map((template) => (template['payload'] as { type: string }).type)).size).toBe(4);
    const ids = await demoIds(demo);
    expect(new Set(ids.waTemplates.map((template) => template['status'])).size).toBeGreaterThanOrEqual(5);
    expect(field((await demo.get('/api/links/tokens')).json, 'total', 'number')).toBe(3);
    const stories = field((await demo.get('/api/scenarios')).json, 'stories', 'array');
    // The Dialogflow story is hidden: that chatbot is disabled in the settings.
    expect(new Set(stories.map((story) => (story as { origin: string }).origin))).toEqual(new Set(['OWN', 'CHATBOT_COM']));
  });
});

describe('seeding', () => {
  it('gives the same data for the same seed, other data for another, and follows customers and messagesPerCustomer', async () => {
    const snapshot = async (seed: number) => {
      const sandbox = await startSandbox({ port: 0, seed, customers: 25, messagesPerCustomer: 4 });
      try {
        const demo = await signIn(sandbox.baseUrl);
        const customers = items(await demo.get('/api/customers', { query: { limit: 100 } }), 'customers');
        const histories = await Promise.all(customers.map(async (customer) => items(await demo.get(`/api/messages/${String(customer['_id'])}`), 'messages')));
        return {
          customers: customers.map((customer) => [customer['_id'], customer['name'], customer['phone']]),
          // Media URIs in payloads carry the port, which differs between runs.
          messages: histories.map((history) => history.map((message) => [message['message_id'], JSON.stringify(message['payload']).replaceAll(sandbox.baseUrl, ''), message['origin']])),
        };
      } finally {
        await sandbox.close();
      }
    };
    const first = await snapshot(7);
    expect(first.customers).toHaveLength(25);
    expect(first.messages.every((history) => history.length === 4)).toBe(true);
    expect(await snapshot(7)).toEqual(first);
    expect((await snapshot(8)).customers).not.toEqual(first.customers);
  });
});

describe('dataFile', () => {
  const directory = mkdtempSync(join(tmpdir(), 'sandbox-data-'));
  const dataFile = join(directory, 'state.json');

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('keeps customers, messages, media, deletions and tokens across a restart on another port', async () => {
    const first = await startSandbox({ port: 0, customers: 12, dataFile });
    const demo = await signIn(first.baseUrl);
    await demo.post('/api/customers', { phone: '12125550155', name: 'Persistent Pat' });
    const ids = await demoIds(demo);
    const sent = await demo.post(`/api/agents/sms/${ids.sms.agentId}/send`, { customerNumber: '12125550155', payload: { type: 'TEXT', text: 'Saved?' } });
    const form = new FormData();
    form.append('file', new Blob([await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).png().toBuffer()]), 'dot.png');
    const uploaded = await demo.request('POST', '/api/media', { form });
    await demo.delete(`/api/templates/${ids.templateId}`);
    await first.close();

    const second = await startSandbox({ port: 0, dataFile });
    try {
      expect(second.baseUrl).not.toBe(first.baseUrl);
      const again = new Client(second.baseUrl, demo.token);
      expect(field(field((await again.get('/api/customers/12125550155')).json, 'customer', 'object'), 'name', 'string')).toBe('Persistent Pat');
      expect(items(await again.get('/api/messages/12125550155'), 'messages')[0]).toMatchObject({ message_id: field(sent.json, 'message_id', 'string') });
      expect(field((await again.get('/api/customers')).json, 'total', 'number')).toBe(13);
      const media = items(await again.get('/api/media'), 'media').find((entry) => entry['_id'] === field(uploaded.json, '_id', 'string'));
      expect(String(media?.['url']).startsWith(second.baseUrl)).toBe(true);
      expect((await fetch(String(media?.['preview']))).status).toBe(200);
      const image = second.messages().find((message) => typeOf(message.payload) === 'IMAGE');
      expect(JSON.stringify(image?.payload)).toContain(second.baseUrl);
      expectError(await again.get(`/api/templates/${ids.templateId}`), 404);
    } finally {
      await second.close();
    }
  });

  it('refuses to start on a file that is not sandbox data', async () => {
    const broken = join(directory, 'broken.json');
    writeFileSync(broken, JSON.stringify({ hello: 'world' }));
    await expect(startSandbox({ port: 0, dataFile: broken })).rejects.toThrow(/broken\.json/);
  });
});
