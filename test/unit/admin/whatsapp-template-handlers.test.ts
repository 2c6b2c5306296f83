/**
 * WhatsApp template authoring against a real sandbox: create (both payload kinds), open, edit and delete send the
 * reference's requests and bodies (read back from the sandbox's request log); an edit within 24 hours of this app's
 * last one is refused before any request; the deletion's active-broadcast check names the template. And the
 * Administration area's reads are kept: with the service out of reach, the last copy comes back with its time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { adminHandlers, type AdminHandlers } from '../../../main/admin/admin-handlers';
import type { Session } from '../../../main/session/session';
import { memoryCache, requestsSince as requestsOf, signedInSession, value } from './admin-test-setup';
import { snapshotKey } from '../../../main/admin/admin-snapshots';
import type { Cache } from '../../../main/cache/cache';

let sandbox: RunningSandbox;
let session: Session;
let admin: AdminHandlers;
let agentId: string;
let clock = Date.now();
let store: Cache;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 8, control: true, customers: 1, messagesPerCustomer: 1, life: false });
  session = await signedInSession(sandbox, 'whatsapp template test');
  store = memoryCache(() => clock);
  admin = adminHandlers(session, { store, mode: 'browser' });
  const whatsApp = value(await admin['admin:channels']({ offset: 0, limit: 50, type: 'WA', status: 'ACTIVE' }));
  const agent = whatsApp.items.flatMap(({ agents }) => agents)[0];
  if (agent === undefined) throw new Error('The sandbox has no active WhatsApp agent');
  agentId = agent.id;
});

afterAll(async () => {
  session.close();
  await sandbox.close();
});

function requestsSince(at: number) {
  return requestsOf(sandbox, at);
}

const marketing = {
  category: 'MARKETING',
  language: 'en',
  name: 'test_spring_offer',
  headerType: 'TEXT',
  headerText: 'Hello {{1}}',
  headerExample: 'Ann',
  body: 'Your code {{1}} saves {{2}} today.',
  bodyExamples: ['SPRING', '20%'],
  footer: 'Reply STOP to opt out',
  buttonsType: 'CTA',
  quickReplies: [],
  phoneText: 'Call us',
  phoneNumber: '+14155550123',
  websiteText: 'Shop',
  websiteLink: 'https://shop.example.com/sale',
  securityRecommendation: false,
} as const;

describe('WhatsApp template authoring', () => {
  it('creates, opens, edits once, refuses a second edit the same day without a request, and deletes by name', async () => {
    const start = sandbox.requestLog().length;
    const created = value(await admin['admin:create-whatsapp-template']({ agentId, ...marketing, bodyExamples: [...marketing.bodyExamples], quickReplies: [] }));
    expect(created).toMatchObject({ name: 'test_spring_offer', status: 'PENDING' });
    const [create] = requestsSince(start);
    expect(create).toMatchObject({ method: 'POST', path: `/api/agents/whatsapp/${agentId}/templates` });
    expect(create?.body).toEqual({
      category: 'MARKETING',
      language: 'en',
      name: 'test_spring_offer',
      body: 'Your code {{1}} saves {{2}} today.',
      body_examples: ['SPRING', '20%'],
      header: { type: 'TEXT', value: 'Hello {{1}}' },
      header_examples: ['Ann'],
      footer: 'Reply STOP to opt out',
      buttons: {
        type: 'CTA',
        phone: { number: '+14155550123', text: 'Call us' },
        website: { link: 'https://shop.example.com/sale', text: 'Shop' },
        CTAOrder: ['PHONE', 'WEBSITE'],
      },
    });

    const opened = value(await admin['admin:whatsapp-template']({ agentId, id: created.id }));
    expect(opened.fields).toMatchObject({ category: 'MARKETING', headerType: 'TEXT', headerText: 'Hello {{1}}', buttonsType: 'CTA', phoneNumber: '+14155550123' });

    const editStart = sandbox.requestLog().length;
    const change = { agentId, id: created.id, ...opened.fields, body: 'Your code {{1}} saves more today.', bodyExamples: ['SPRING'], headerExample: 'Ann' };
    value(await admin['admin:update-whatsapp-template'](change));
    const [edit] = requestsSince(editStart);
    expect(edit).toMatchObject({ method: 'PUT', path: `/api/agents/whatsapp/${agentId}/templates/${created.id}` });
    expect(edit?.body).toMatchObject({ body: 'Your code {{1}} saves more today.', body_examples: ['SPRING'], header: { type: 'TEXT', value: 'Hello {{1}}' } });

    clock += 60 * 60 * 1000;
    const againStart = sandbox.requestLog().length;
    const again = await admin['admin:update-whatsapp-template'](change);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toMatch(/once in 24 hours/);
    expect(requestsSince(againStart)).toEqual([]);

    const deleteStart = sandbox.requestLog().length;
    expect(value(await admin['admin:whatsapp-template-broadcast']({ agentId, name: 'test_spring_offer' }))).toEqual({ isActive: false });
    value(await admin['admin:delete-whatsapp-template']({ agentId, name: 'test_spring_offer' }));
    expect(requestsSince(deleteStart).map((entry) => `${entry.method} ${entry.url}`)).toEqual([
      `GET /api/agents/whatsapp/${agentId}/templates/active-broadcast?name=test_spring_offer`,
      `DELETE /api/agents/whatsapp/${agentId}/templates/test_spring_offer`,
    ]);
  });

  it('creates an authentication template with the OTP button and its options only', async () => {
    const start = sandbox.requestLog().length;
    value(
      await admin['admin:create-whatsapp-template']({
        agentId,
        category: 'AUTHENTICATION',
        language: 'en_US',
        name: 'test_login_code',
        headerType: 'NONE',
        bodyExamples: [],
        buttonsType: 'NONE',
        quickReplies: [],
        otpText: 'Copy code',
        securityRecommendation: true,
        codeExpirationMinutes: 10,
      }),
    );
    expect(requestsSince(start)[0]?.body).toEqual({
      category: 'AUTHENTICATION',
      language: 'en_US',
      name: 'test_login_code',
      options: { addSecurityRecommendation: true, codeExpirationMinutes: 10 },
      buttons: { otp: { type: 'COPY_CODE', text: 'Copy code' } },
    });
  });
});

describe('saved copies for offline reading', () => {
  it('answers the last copy of a list with the time it was read while the service is out of reach', async () => {
    clock = Date.UTC(2026, 0, 5, 9, 30);
    const online = value(await admin['admin:keyword-events']({ offset: 0, limit: 50 }));
    expect(online.savedAt).toBeUndefined();
    const fault = sandbox.addFault({ path: '/api/keyword_events', kind: 'reset-before' });
    try {
      const offline = value(await admin['admin:keyword-events']({ offset: 0, limit: 50 }));
      expect(offline).toEqual({ ...online, savedAt: Date.UTC(2026, 0, 5, 9, 30) });
      // Another query was never read: nothing to show but the failure.
      const unseen = await admin['admin:keyword-events']({ offset: 0, limit: 50, search: 'never read' });
      expect(unseen.ok).toBe(false);
    } finally {
      sandbox.removeFault(fault);
    }
  });

  it('keeps the settings without any secret', async () => {
    value(await admin['admin:settings']({}));
    const fault = sandbox.addFault({ path: '/api/settings', kind: 'reset-before' });
    try {
      const offline = value(await admin['admin:settings']({}));
      expect(offline.savedAt).toBeTypeOf('number');
      const kept = store.getCursor(snapshotKey('admin:settings', {}));
      expect(kept.ok && kept.value?.value).toMatch(/hasToken/);
      expect(kept.ok && kept.value?.value).not.toMatch(/access_token|private_key|credentials"/);
    } finally {
      sandbox.removeFault(fault);
    }
  });
});
