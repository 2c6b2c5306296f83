/**
 * `--data FILE`: the whole state as JSON (media bytes beside it in FILE.media/), written when something changed
 * and on close, read back at start. Media URLs inside messages are rewritten when the port changed.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { chatbotOrigins, keywordEventTypes } from '../common/api-decisions';
import { parseUnknown } from '../common/parse';
import { channelStatuses, channelTypes, messageOrigins, messageStatuses, waTemplateStatuses, type MediaRecord } from './model';
import type { SandboxRuntime } from './runtime';
import { SettingsSchema } from './settings-schema';
import { Enterprise, Store } from './store';

const stringRecord = z.record(z.string(), z.unknown());
const Chatbot = z.object({ story_id: z.string(), origin: z.enum(chatbotOrigins) });
const Agent = z.object({ _id: z.string(), created: z.string(), modified: z.string(), config: stringRecord, chatbot: Chatbot.optional(), status: z.enum(channelStatuses).optional() });
const Channel = z.object({
  _id: z.string(),
  type: z.enum(channelTypes),
  status: z.enum(channelStatuses),
  chatbot: Chatbot.optional(),
  keyword_events_messages: z.object({ opt_out_message: z.string().optional(), help_message: z.string().optional() }).optional(),
  welcome_message: z.string().optional(),
  config: z.looseObject({ name: z.string(), type: z.enum(channelTypes) }),
  created: z.string(),
  modified: z.string(),
  agents: z.array(Agent),
});
const Customer = z.object({
  _id: z.string(),
  name: z.string().optional(),
  phone: z.string(),
  country: z.string(),
  subscriptions: z.record(z.string(), z.boolean()),
  chatbot_enabled: z.record(z.string(), z.string()),
  chatbot_notification_received: z.record(z.string(), z.boolean()),
  telegram_chat_id: z.string().optional(),
  created: z.string(),
  modified: z.string(),
  last_message_time: z.string(),
});
const Message = z.object({
  message_id: z.string(),
  customer_id: z.string(),
  agent_id: z.string(),
  payload: z.unknown(),
  origin: z.enum(messageOrigins),
  sent: z.string(),
  created: z.string(),
  modified: z.string(),
  status: z.enum(messageStatuses),
});
const KeywordEvent = z.object({
  _id: z.string(),
  keywords: z.array(z.string()),
  config: z.object({ type: z.enum(keywordEventTypes), message: z.string().optional() }),
  created: z.string(),
  modified: z.string(),
});
const Template = z.object({
  _id: z.string(),
  enterprise_id: z.string(),
  user_id: z.string(),
  payload: z.looseObject({ type: z.string() }),
  created: z.string(),
  modified: z.string(),
});
const WaTemplate = z.object({
  agentId: z.string(),
  editTimes: z.array(z.number()),
  activeBroadcast: z.boolean(),
  template: z.object({
    id: z.string(),
    category: z.string(),
    status: z.enum(waTemplateStatuses),
    language: z.string(),
    name: z.string(),
    preview: z.string(),
    components: z.array(stringRecord),
    body: z.string(),
    header: z.object({ type: z.string(), value: z.string().nullable() }).optional(),
    buttons: stringRecord.optional(),
    footer: z.string().nullable(),
    options: stringRecord.optional(),
    created: z.string(),
    modified: z.string(),
  }),
});
const Media = z.object({
  _id: z.string(),
  type: z.enum(['image', 'video', 'file']),
  mime_type: z.string(),
  full_size: z.number(),
  file_name: z.string().optional(),
  message_id: z.string().optional(),
  created: z.string(),
  variantMime: z.string().optional(),
});
const EnterpriseSnapshot = z.object({
  id: z.string(),
  userId: z.string(),
  email: z.string(),
  password: z.string(),
  settings: SettingsSchema,
  channels: z.array(Channel),
  customers: z.array(Customer),
  messages: z.array(Message),
  keywordEvents: z.array(KeywordEvent),
  templates: z.array(Template),
  waTemplates: z.array(WaTemplate),
  media: z.array(Media),
  linkTokens: z.array(z.object({ enabled: z.boolean(), id: z.number(), name: z.string(), url: z.string() })),
  shortLinks: z.array(z.object({ code: z.string(), base: z.string(), customerNumber: z.string(), created: z.string() })),
  stories: z.array(z.object({ id: z.string(), origin: z.enum(chatbotOrigins), description: z.string().nullable(), name: z.string() })),
});
const Snapshot = z.object({
  version: z.literal(1),
  baseUrl: z.string(),
  secret: z.string(),
  tokens: z.object({ next: z.number(), firstValidToken: z.number() }),
  /** Ids of deleted entities (live ones are registered again from the entities themselves). */
  deleted: z.array(z.tuple([z.string(), z.string(), z.string()])),
  enterprises: z.array(EnterpriseSnapshot),
});

/** The data file holds every account's password and the token secret: its owner's only. */
const PRIVATE_FILE_MODE = 0o600;
const PRIVATE_FOLDER_MODE = 0o700;

function mediaDirectory(file: string): string {
  return `${file}.media`;
}

export function saveSnapshot(runtime: SandboxRuntime, file: string): void {
  const { store } = runtime;
  const directory = mediaDirectory(file);
  mkdirSync(directory, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  // An earlier release made it readable by everyone; closing the folder covers the media files already in it.
  chmodSync(directory, PRIVATE_FOLDER_MODE);
  const keep = new Set<string>();
  const enterprises = [...store.enterprises.values()].map((enterprise) => {
    const media = [...enterprise.media.values()].map(({ bytes, preview, thumbnail, ...meta }) => {
      for (const [suffix, data] of [['', bytes], ['.preview', preview], ['.thumbnail', thumbnail]] as const) {
        if (data === undefined) continue;
        const name = `${meta._id}${suffix}`;
        keep.add(name);
        if (!existsSync(join(directory, name))) writeFileSync(join(directory, name), data, { mode: PRIVATE_FILE_MODE });
      }
      return meta;
    });
    return {
      id: enterprise.id,
      userId: enterprise.userId,
      email: enterprise.email,
      password: enterprise.password,
      settings: enterprise.settings,
      channels: [...enterprise.channels.values()],
      customers: [...enterprise.customers.values()].map((record) => record.customer),
      messages: [...enterprise.messages.values()],
      keywordEvents: [...enterprise.keywordEvents.values()],
      templates: [...enterprise.templates.values()],
      waTemplates: enterprise.waTemplates,
      media,
      linkTokens: enterprise.linkTokens,
      shortLinks: [...enterprise.shortLinks.values()],
      stories: enterprise.stories,
    };
  });
  for (const name of readdirSync(directory)) if (!keep.has(name)) rmSync(join(directory, name), { force: true });
  const deleted = [...store.registry.entries()].filter(([, entry]) => entry.deleted).map(([id, entry]) => [id, entry.kind, entry.enterpriseId]);
  const snapshot = { version: 1, baseUrl: runtime.baseUrl, secret: runtime.secret, tokens: runtime.tokens, deleted, enterprises };
  const temporary = `${file}.tmp`;
  rmSync(temporary, { force: true });
  writeFileSync(temporary, JSON.stringify(snapshot), { mode: PRIVATE_FILE_MODE });
  renameSync(temporary, file);
  store.dirty = false;
}

const entityKinds = ['channel', 'agent', 'customer', 'message', 'keywordEvent', 'template', 'media', 'enterprise'] as const;

/** Loads FILE into a new store; undefined when there is no file yet. Throws when it is not a sandbox data file. */
export function loadSnapshot(runtime: SandboxRuntime, file: string): Store | undefined {
  if (!existsSync(file)) return undefined;
  const oldText = readFileSync(file, 'utf8');
  const first = parseUnknown(z.object({ baseUrl: z.string() }), JSON.parse(oldText), { what: 'sandbox data file' });
  // Media URLs point at the old port: move them to this run's base URL.
  const text = first.ok && first.value.baseUrl !== '' ? oldText.split(first.value.baseUrl).join(runtime.baseUrl) : oldText;
  const parsed = parseUnknown(Snapshot, JSON.parse(text), { what: 'sandbox data file' });
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error.message}`);
  const snapshot = parsed.value;
  runtime.secret = snapshot.secret;
  runtime.tokens = { ...snapshot.tokens };
  const store = new Store();
  const directory = mediaDirectory(file);
  for (const saved of snapshot.enterprises) {
    const enterprise = new Enterprise(saved.id, saved.userId, saved.email, saved.password, saved.settings);
    store.addEnterprise(enterprise);
    const register = (kind: (typeof entityKinds)[number], id: string) => store.register(kind, enterprise.id, id);
    for (const channel of saved.channels) {
      enterprise.channels.set(channel._id, channel);
      register('channel', channel._id);
      for (const agent of channel.agents) register('agent', agent._id);
    }
    for (const customer of saved.customers) {
      enterprise.customers.add(customer);
      register('customer', customer._id);
    }
    for (const message of saved.messages) {
      enterprise.messages.add(message);
      register('message', message.message_id);
    }
    for (const event of saved.keywordEvents) {
      enterprise.keywordEvents.set(event._id, event);
      register('keywordEvent', event._id);
    }
    for (const template of saved.templates) {
      enterprise.templates.set(template._id, template);
      register('template', template._id);
    }
    enterprise.waTemplates.push(...saved.waTemplates);
    for (const meta of saved.media) {
      const read = (suffix: string) => (existsSync(join(directory, `${meta._id}${suffix}`)) ? readFileSync(join(directory, `${meta._id}${suffix}`)) : undefined);
      const bytes = read('');
      if (bytes === undefined) continue;
      const preview = read('.preview');
      const thumbnail = read('.thumbnail');
      const media: MediaRecord = { ...meta, bytes, ...(preview === undefined ? {} : { preview }), ...(thumbnail === undefined ? {} : { thumbnail }) };
      enterprise.media.set(media._id, media);
      register('media', media._id);
    }
    enterprise.linkTokens = saved.linkTokens;
    for (const link of saved.shortLinks) enterprise.shortLinks.set(link.code, link);
    enterprise.stories = saved.stories;
  }
  for (const [id, kind, enterpriseId] of snapshot.deleted) {
    const entityKind = entityKinds.find((candidate) => candidate === kind);
    if (entityKind !== undefined) store.registry.set(id, { kind: entityKind, enterpriseId, deleted: true });
  }
  store.dirty = false;
  return store;
}
