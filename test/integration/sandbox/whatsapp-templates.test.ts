/**
 * WhatsApp templates: both create payloads, review status, the edit limit (once in 24 hours, ten times in 30 days,
 * line 5209), active broadcasts, deletion by name, and sending an approved template as a card.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../sandbox/index';
import { demoIds, expectError, field, items, startWithClients, type Client, type DemoIds } from './client';

const HOUR = 3_600_000;

describe('WhatsApp templates', () => {
  let sandbox: RunningSandbox;
  let demo: Client;
  let ids: DemoIds;
  let base: string;

  beforeAll(async () => {
    // The clock moves by weeks here: tokens must outlive that.
    ({ sandbox, demo } = await startWithClients({ customers: 5, tokenLifetimeSeconds: 365 * 24 * 3600 }));
    ids = await demoIds(demo);
    base = `/api/agents/whatsapp/${ids.whatsapp.agentId}/templates`;
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('creates a MARKETING template as PENDING, with components built from its parts', async () => {
    const response = await demo.post(base, {
      category: 'MARKETING',
      language: 'en_GB',
      name: 'autumn_sale',
      body: 'Autumn sale: {{1}} off',
      header: { type: 'TEXT', value: 'Sale!' },
      footer: 'Reply STOP to opt out',
      buttons: { type: 'QUICK_REPLY', quickReplyBlocks: ['Show me', 'Not now'] },
    });
    expect(response.status, response.text).toBe(200);
    const template = field(response.json, 'template', 'object');
    expect(template).toMatchObject({ status: 'PENDING', category: 'MARKETING', name: 'autumn_sale', preview: 'Autumn sale: {{1}} off', footer: 'Reply STOP to opt out' });
    expect(template['components']).toEqual([
      { type: 'HEADER', format: 'TEXT', text: 'Sale!' },
      { type: 'BODY', text: 'Autumn sale: {{1}} off' },
      { type: 'FOOTER', text: 'Reply STOP to opt out' },
      { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Show me' }, { type: 'QUICK_REPLY', text: 'Not now' }] },
    ]);
    const fetched = await demo.get(`${base}/${String(template['id'])}`);
    expect(field(fetched.json, 'template', 'object')).toEqual(template);
    field(fetched.json, 'namespace', 'string');
  });

  it('creates an AUTHENTICATION template from its options and OTP button', async () => {
    const response = await demo.post(base, {
      category: 'AUTHENTICATION',
      language: 'en',
      name: 'signup_code',
      options: { addSecurityRecommendation: true, codeExpirationMinutes: 5 },
      buttons: { otp: { type: 'COPY_CODE', text: 'Copy' } },
    });
    expect(response.status, response.text).toBe(200);
    const template = field(response.json, 'template', 'object');
    expect(template['body']).toBe('{{1}} is your verification code. For your security, do not share this code.');
    expect(template['footer']).toBe('This code expires in 5 minutes.');
    expect(template['components']).toContainEqual({ type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy' }] });
  });

  it('refuses a second template of the same name, a missing body, and a language not on the list', async () => {
    expectError(await demo.post(base, { category: 'UTILITY', language: 'en', name: 'order_update', body: 'x' }), 400);
    expectError(await demo.post(base, { category: 'UTILITY', language: 'en', name: 'no_body' }), 400);
    expectError(await demo.post(base, { category: 'UTILITY', language: 'klingon', name: 'tlh', body: 'x' }), 400);
  });

  it('allows one edit in 24 hours and ten in 30 days', async () => {
    const created = await demo.post(base, { category: 'UTILITY', language: 'en', name: 'edited_often', body: 'v0' });
    const path = `${base}/${String(field(field(created.json, 'template', 'object'), 'id', 'string'))}`;
    expect((await demo.put(path, { body: 'v1' })).status).toBe(204);
    const tooSoon = await demo.put(path, { body: 'v1b' });
    expectError(tooSoon, 400);
    expect(field(tooSoon.json, 'message', 'string')).toMatch(/once in 24 hours/);
    for (let edit = 2; edit <= 10; edit++) {
      sandbox.advanceClock(25 * HOUR);
      expect((await demo.put(path, { body: `v${edit}` })).status, `edit ${edit}`).toBe(204);
    }
    sandbox.advanceClock(25 * HOUR);
    const eleventh = await demo.put(path, { body: 'v11' });
    expectError(eleventh, 400);
    expect(field(eleventh.json, 'message', 'string')).toMatch(/10 times in 30 days/);
    const template = field((await demo.get(path)).json, 'template', 'object');
    expect(template).toMatchObject({ body: 'v10', preview: 'v10', status: 'PENDING' });
  });

  it('tells whether a template has an active broadcast', async () => {
    const active = await demo.get(`${base}/active-broadcast`, { query: { name: 'spring_sale' } });
    expect(active.json).toEqual({ isActive: true });
    expect((await demo.get(`${base}/active-broadcast`, { query: { name: 'order_update' } })).json).toEqual({ isActive: false });
  });

  it('deletes by name: gone from the list, 410 afterwards', async () => {
    const created = await demo.post(base, { category: 'UTILITY', language: 'en', name: 'short_lived', body: 'bye' });
    const id = String(field(field(created.json, 'template', 'object'), 'id', 'string'));
    expect((await demo.delete(`${base}/short_lived`)).status).toBe(204);
    const names = items(await demo.get(base, { query: { limit: 100 } }), 'templates').map((template) => template['name']);
    expect(names).not.toContain('short_lived');
    expectError(await demo.get(`${base}/${id}`), 410);
    expect(items(await demo.get(base, { query: { status: 'DELETED' } }), 'templates').map((template) => template['name'])).toContain('short_lived');
  });

  it('sends an approved template as a card and records it in the history', async () => {
    const templateId = String(ids.approvedWaTemplate['id']);
    const sent = await demo.post(`/api/agents/whatsapp/${ids.whatsapp.agentId}/send`, {
      customerNumber: '5511961234567',
      payload: { type: 'CARD', template_id: templateId, body_variables: ['Ana', '#7788', 'Friday'] },
    });
    expect(sent.status, sent.text).toBe(200);
    const latest = items(await demo.get('/api/messages/5511961234567'), 'messages')[0];
    expect(latest).toMatchObject({ payload: { type: 'CARD', template_id: templateId } });
  });
});
