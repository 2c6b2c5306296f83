/**
 * Component tests of the Administration area: the app signed in with a fake bridge whose admin channels keep their
 * data in memory as the service would, and the way in (the header's "Administration" button).
 */
import { fireEvent, render, screen } from '@testing-library/svelte';
import { expect } from 'vitest';
import type { AdminChannel, AdminSettings, KeywordEvent, Template, WhatsAppTemplateSummary } from '../../../common/contract/admin';
import type { SessionStatus } from '../../../common/contract/session';
import App from '../../../renderer/App.svelte';
import { FakeBridge, ok } from './fake-bridge';

const signedIn: SessionStatus = { state: 'signed-in', email: 'lead@example.com', baseUrl: 'https://omni.mmdsmart.com', isSandbox: false };

export interface AdminData {
  channels: AdminChannel[];
  /** By WhatsApp agent id. */
  whatsAppTemplates: Record<string, WhatsAppTemplateSummary[]>;
  keywordEvents: KeywordEvent[];
  templates: Template[];
  settings: AdminSettings;
}

export function adminData(): AdminData {
  return {
    channels: [
      {
        channel: { id: 'ch-sms', type: 'SMS', name: 'SMS USA', status: 'ACTIVE', created: null, modified: null },
        agents: [{ id: 'ag-1', channelId: 'ch-sms', label: '145044111206', created: null, modified: null }],
      },
      {
        channel: { id: 'ch-wa', type: 'WA', name: 'WhatsApp support', status: 'ON_APPROVAL', created: null, modified: null },
        agents: [{ id: 'ag-wa', channelId: 'ch-wa', label: '+44 7700 900123', created: null, modified: null }],
      },
    ],
    whatsAppTemplates: {
      'ag-wa': [
        { id: 'wt-1', name: 'order_shipped', category: 'UTILITY', language: 'en_US', status: 'APPROVED', body: 'Your order {{1}} is on its way.' },
        { id: 'wt-2', name: 'spring_sale', category: 'MARKETING', language: 'en_US', status: 'PENDING', body: 'Spring sale: {{1}} off.' },
      ],
    },
    keywordEvents: [{ id: 'ke-1', type: 'OPT_OUT', keywords: ['stop', 'unsubscribe'] }],
    templates: [{ id: 'tpl-1', type: 'TEXT_TEMPLATE', title: 'Greeting', text: 'Good day!' }],
    settings: {
      shortLinks: true,
      own: { enabled: false },
      chatbotCom: { enabled: true, hasToken: true },
      dialogflow: { enabled: false, hasCredentials: false },
    },
  };
}

/** A signed-in app whose admin channels answer from `data`, like the service. */
export function adminBridge(data: AdminData = adminData()): FakeBridge {
  let next = 1;
  return new FakeBridge({
    'app:info': () => ok({ name: '2-Way Inbox', version: '1.0.0', mode: 'electron', platform: 'linux' }),
    'session:status': () => ok(signedIn),
    'vault:status': () => ok({ backend: 'keychain', persistent: true }),
    'customers:page': () => ok({ items: [], freshness: { lastSyncedAt: null } }),
    'inbox:unread': () => ok({ messages: 0, conversations: 0, byChannel: {} }),
    'sync:status': () => ok({ state: 'online' }),
    'sync:focus': () => ok({}),
    'admin:channels': ({ type, status }) => {
      const items = data.channels.filter(({ channel }) => (type === undefined || channel.type === type) && (status === undefined || channel.status === status));
      return ok({ items, total: items.length });
    },
    'admin:whatsapp-templates': ({ agentId, status }) => {
      const items = (data.whatsAppTemplates[agentId] ?? []).filter((template) => status === undefined || template.status === status);
      return ok({ items, total: items.length });
    },
    'admin:keyword-events': () => ok({ items: data.keywordEvents, total: data.keywordEvents.length }),
    'admin:create-keyword-event': (draft) => {
      const type = draft.event === 'Opt-out' ? 'OPT_OUT' : draft.event === 'Join' ? 'JOIN' : 'HELP';
      const event: KeywordEvent = { id: `ke-new-${next++}`, type, keywords: draft.keywords, ...(draft.message ? { message: draft.message } : {}) };
      data.keywordEvents = [...data.keywordEvents, event];
      return ok(event);
    },
    'admin:update-keyword-event': ({ id, keywords, message }) => {
      data.keywordEvents = data.keywordEvents.map((event) =>
        event.id === id ? { ...event, ...(keywords ? { keywords } : {}), ...(message ? { message } : {}) } : event,
      );
      return ok({});
    },
    'admin:delete-keyword-event': ({ id }) => {
      data.keywordEvents = data.keywordEvents.filter((event) => event.id !== id);
      return ok({});
    },
    'admin:templates': ({ type }) => {
      const items = data.templates.filter((template) => type === undefined || template.type === type);
      return ok({ items, total: items.length });
    },
    'admin:create-template': (draft) => {
      const template: Template = { id: `tpl-new-${next++}`, ...draft };
      data.templates = [...data.templates, template];
      return ok(template);
    },
    'admin:delete-template': ({ id }) => {
      data.templates = data.templates.filter((template) => template.id !== id);
      return ok({});
    },
    'admin:settings': () => ok(data.settings),
    'admin:update-settings': (change) => {
      const { settings } = data;
      data.settings = {
        shortLinks: change.shortLinks ?? settings.shortLinks,
        own: change.own ?? settings.own,
        chatbotCom: change.chatbotCom
          ? { enabled: change.chatbotCom.enabled, hasToken: change.chatbotCom.accessToken !== undefined || settings.chatbotCom.hasToken }
          : settings.chatbotCom,
        dialogflow: change.dialogflow
          ? { enabled: change.dialogflow.enabled, hasCredentials: change.dialogflow.credentials !== undefined }
          : settings.dialogflow,
      };
      return ok(data.settings);
    },
  });
}

/** Renders the app and opens the Administration area, then one of its tabs (none: the first, Channels). */
export async function openAdministration(bridge: FakeBridge, tab: string | null = 'Keyword events'): Promise<void> {
  render(App, { bridge });
  await fireEvent.click(await screen.findByRole('button', { name: 'Administration' }));
  expect(await screen.findByRole('heading', { name: 'Administration' })).toBeInTheDocument();
  if (tab !== null) await fireEvent.click(screen.getByRole('tab', { name: tab }));
}

/**
 * The admin channels the bridge was asked, in order: what "no request" is checked against. The area opens on the
 * Channels tab, whose first read is left out so each section's test lists its own calls.
 */
export function adminCalls(bridge: FakeBridge): string[] {
  const calls = bridge.calls.map((call) => call.channel).filter((channel) => channel.startsWith('admin:'));
  return calls[0] === 'admin:channels' ? calls.slice(1) : calls;
}

/** Makes the system report offline (or online again) as `navigator.onLine` does. */
export function setOnline(online: boolean): void {
  Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => online });
}
