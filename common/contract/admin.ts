/**
 * Channels of the Administration area: the account's keyword events, message templates and settings, read from and
 * written to the 2-Way service directly. Writes are never queued: without the network they fail and say so. The
 * drafts' schemas hold the reference's limits, so the form and main check the very same rules before any request.
 * No channel answers a chatbot provider's secret: the settings only say whether one is saved.
 */
import { z } from 'zod';
import {
  KEYWORD_EVENT_MESSAGE_MAX_LENGTH,
  KEYWORD_MAX_LENGTH,
  keywordEventRequestTypes,
  keywordEventTypes,
  TEMPLATE_TITLE_MAX_LENGTH,
} from '../api-decisions';
import { templateTypes } from '../api-types';
import { Agent, Channel, ChannelStatus, ChannelType } from '../domain';
import {
  WhatsAppTemplateByName,
  WhatsAppTemplateChange,
  WhatsAppTemplateDetail,
  WhatsAppTemplateDraft,
  WhatsAppTemplateRef,
} from './whatsapp-templates';
import { channelAdminChannels } from './admin-channels';
import { LibraryMedia, MediaListRequest } from './media';

/** A list request: one page, optionally narrowed by the service's `search`. */
const PageRequest = {
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().min(1).max(100).default(50),
  search: z.string().trim().max(200).optional(),
};

/**
 * When an answer is a saved copy (the service could not be reached): the time it was read from the service. The
 * Administration area's reads are kept in the cache (main/admin/admin-snapshots.ts) so they can be read offline.
 */
const SavedAt = z.number().int().nonnegative().optional();

function pageOf<T extends z.ZodType>(item: T) {
  return z.strictObject({ items: z.array(item), total: z.number().int().nonnegative(), savedAt: SavedAt });
}

const Id = z.string().min(1).max(200);
const ById = z.strictObject({ id: Id });
const Done = z.strictObject({});

// ---- channels -------------------------------------------------------------------------------------------------

/** A channel with its agents (an SMS channel's VLNs, a Telegram bot), as the channel list shows them. */
export const AdminChannel = z.strictObject({ channel: Channel, agents: z.array(Agent) });
export type AdminChannel = z.infer<typeof AdminChannel>;

/** The types the service lists channels by (line 107); ECHO is this app's own. */
export const ListedChannelType = ChannelType.exclude(['ECHO']);
export type ListedChannelType = z.infer<typeof ListedChannelType>;

// ---- WhatsApp templates ---------------------------------------------------------------------------------------

/** The review states a WhatsApp template is listed by (line 4644). */
export const WhatsAppTemplateStatus = z.enum(['APPROVED', 'IN_APPEAL', 'PENDING', 'REJECTED', 'PENDING_DELETION', 'DELETED', 'DISABLED']);
export type WhatsAppTemplateStatus = z.infer<typeof WhatsAppTemplateStatus>;

export const WhatsAppTemplateSummary = z.strictObject({
  id: z.string(),
  name: z.string(),
  category: z.string().optional(),
  language: z.string().optional(),
  status: z.string().optional(),
  body: z.string().optional(),
});
export type WhatsAppTemplateSummary = z.infer<typeof WhatsAppTemplateSummary>;

// ---- keyword events --------------------------------------------------------------------------------------------

export const KeywordEvent = z.strictObject({
  id: z.string(),
  type: z.enum(keywordEventTypes),
  keywords: z.array(z.string()),
  /** The reply a Join event sends; Opt-out and Help replies are set on each channel. */
  message: z.string().optional(),
});
export type KeywordEvent = z.infer<typeof KeywordEvent>;

const Keyword = z
  .string()
  .trim()
  .min(1, 'A keyword cannot be empty')
  .max(KEYWORD_MAX_LENGTH, `A keyword is at most ${KEYWORD_MAX_LENGTH} characters`);

/** Keywords as the service takes them: at least one, none twice (a keyword triggers one event). */
const Keywords = z
  .array(Keyword)
  .min(1, 'Enter at least one keyword')
  .refine((words) => new Set(words.map((word) => word.toLowerCase())).size === words.length, 'A keyword is listed twice');

const KeywordMessage = z
  .string()
  .min(1, 'The message cannot be empty')
  .max(KEYWORD_EVENT_MESSAGE_MAX_LENGTH, `The message is at most ${KEYWORD_EVENT_MESSAGE_MAX_LENGTH} characters`);

export const ONLY_JOIN_HAS_A_MESSAGE = 'Only a Join event sends a message here; opt-out and help replies are set on each channel';

export const KeywordEventDraft = z
  .strictObject({ event: z.enum(keywordEventRequestTypes), keywords: Keywords, message: KeywordMessage.optional() })
  .refine((draft) => draft.message === undefined || draft.event === 'Join', { message: ONLY_JOIN_HAS_A_MESSAGE, path: ['message'] });
export type KeywordEventDraft = z.infer<typeof KeywordEventDraft>;

export const KeywordEventChange = z.strictObject({ id: Id, keywords: Keywords.optional(), message: KeywordMessage.optional() });
export type KeywordEventChange = z.infer<typeof KeywordEventChange>;

/** "stop, Unsubscribe ,," → ["stop", "Unsubscribe"]: the form's comma-separated keywords as the service takes them. */
export function splitKeywords(text: string): string[] {
  return text
    .split(',')
    .map((word) => word.trim())
    .filter((word) => word !== '');
}

// ---- templates -------------------------------------------------------------------------------------------------

export const Template = z.strictObject({
  id: z.string(),
  type: z.string(),
  title: z.string().optional(),
  text: z.string().optional(),
  created: z.string().optional(),
});
export type Template = z.infer<typeof Template>;

export const TemplateDraft = z.strictObject({
  type: z.enum(templateTypes),
  title: z
    .string()
    .trim()
    .min(1, 'Give the template a title')
    .max(TEMPLATE_TITLE_MAX_LENGTH, `The title is at most ${TEMPLATE_TITLE_MAX_LENGTH} characters`),
  text: z.string().trim().min(1, 'Write the template’s text'),
});
export type TemplateDraft = z.infer<typeof TemplateDraft>;

// ---- settings --------------------------------------------------------------------------------------------------

/** The account's settings as the screen shows them: whether each chatbot provider has a secret, never the secret. */
export const AdminSettings = z.strictObject({
  shortLinks: z.boolean(),
  own: z.strictObject({ enabled: z.boolean() }),
  chatbotCom: z.strictObject({ enabled: z.boolean(), hasToken: z.boolean() }),
  dialogflow: z.strictObject({ enabled: z.boolean(), hasCredentials: z.boolean(), projectId: z.string().optional() }),
  savedAt: SavedAt,
});
export type AdminSettings = z.infer<typeof AdminSettings>;

/**
 * The ten fields of Dialogflow's service-account credentials (lines 3884-3893), all required when enabled. The
 * reference types them all as strings; a key file pasted half or from another service is caught here by what
 * Google's key files always hold: an email, a PEM private key and https addresses.
 */
export const DialogflowCredentials = z.strictObject({
  type: z.string().min(1),
  project_id: z.string().min(1),
  private_key_id: z.string().min(1),
  private_key: z.string().includes('PRIVATE KEY'),
  client_email: z.email(),
  client_id: z.string().min(1),
  auth_uri: z.url(),
  token_uri: z.url(),
  auth_provider_x509_cert_url: z.url(),
  client_x509_cert_url: z.url(),
});
export type DialogflowCredentials = z.infer<typeof DialogflowCredentials>;

/**
 * What the agent changed. Line 3795: an enabled provider needs all its fields, so turning chatbot.com on needs a
 * token and Dialogflow credentials; a provider left as it was is not sent, and so keeps its saved secret.
 */
export const SettingsChange = z
  .strictObject({
    shortLinks: z.boolean().optional(),
    own: z.strictObject({ enabled: z.boolean() }).optional(),
    chatbotCom: z
      .strictObject({ enabled: z.boolean(), accessToken: z.string().trim().min(1, 'Enter the chatbot.com access token').max(4096).optional() })
      .refine((change) => !change.enabled || change.accessToken !== undefined, {
        message: 'Enter the chatbot.com access token',
        path: ['accessToken'],
      })
      .optional(),
    dialogflow: z
      .strictObject({ enabled: z.boolean(), credentials: DialogflowCredentials.optional() })
      .refine((change) => !change.enabled || change.credentials !== undefined, {
        message: 'Paste the Dialogflow credentials JSON',
        path: ['credentials'],
      })
      .optional(),
  })
  .refine((change) => Object.keys(change).length > 0, 'Nothing to save');
export type SettingsChange = z.infer<typeof SettingsChange>;

/** The Dialogflow credentials file's text, checked: its JSON and its ten fields, with what is wrong in words. */
export function parseDialogflowCredentials(text: string): { ok: true; value: DialogflowCredentials } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'The credentials are not valid JSON' };
  }
  const parsed = DialogflowCredentials.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const missing = parsed.error.issues.map((issue) => issue.path.join('.')).filter((path) => path !== '');
  return { ok: false, message: missing.length > 0 ? `The credentials lack or mistype: ${missing.join(', ')}` : 'The credentials must be a JSON object' };
}

// ---- the channels ----------------------------------------------------------------------------------------------

export const adminChannels = {
  'admin:channels': {
    input: z.strictObject({ ...PageRequest, type: ListedChannelType.optional(), status: ChannelStatus.optional() }),
    output: pageOf(AdminChannel),
  },
  ...channelAdminChannels,
  /** One WhatsApp agent's templates (lines 4624-4833). */
  'admin:whatsapp-templates': {
    input: z.strictObject({ ...PageRequest, agentId: Id, status: WhatsAppTemplateStatus.optional() }),
    output: pageOf(WhatsAppTemplateSummary),
  },
  'admin:whatsapp-template': { input: WhatsAppTemplateRef, output: WhatsAppTemplateDetail },
  'admin:create-whatsapp-template': { input: WhatsAppTemplateDraft, output: WhatsAppTemplateSummary },
  /** Refused before any request when this app edited the template too recently (line 5209). */
  'admin:update-whatsapp-template': { input: WhatsAppTemplateChange, output: Done },
  /** Whether a broadcast is using the template (line 5352): asked before its deletion is confirmed. */
  'admin:whatsapp-template-broadcast': { input: WhatsAppTemplateByName, output: z.strictObject({ isActive: z.boolean() }) },
  'admin:delete-whatsapp-template': { input: WhatsAppTemplateByName, output: Done },
  /** The media library (lines 2841-3088), a page at a time, of one type or all; kept for offline reading. */
  'admin:media': {
    input: MediaListRequest.extend({ limit: z.number().int().min(1).max(100).default(50) }),
    output: pageOf(LibraryMedia),
  },
  /** Permanent (line 3008): the files go with their thumbnails and previews. At most one page's worth at once. */
  'admin:delete-media': { input: z.strictObject({ ids: z.array(Id).min(1).max(100) }), output: Done },
  'admin:keyword-events': { input: z.strictObject(PageRequest), output: pageOf(KeywordEvent) },
  'admin:create-keyword-event': { input: KeywordEventDraft, output: KeywordEvent },
  'admin:update-keyword-event': { input: KeywordEventChange, output: Done },
  'admin:delete-keyword-event': { input: ById, output: Done },
  'admin:templates': {
    input: z.strictObject({ ...PageRequest, type: z.enum(templateTypes).optional() }),
    output: pageOf(Template),
  },
  'admin:create-template': { input: TemplateDraft, output: Template },
  'admin:delete-template': { input: ById, output: Done },
  'admin:settings': { input: z.strictObject({}), output: AdminSettings },
  /** Answers the settings as the service holds them after the change. */
  'admin:update-settings': { input: SettingsChange, output: AdminSettings },
} as const;

/** The administration channels, answered by the signed-in account (main/admin/admin-handlers.ts). */
export const adminChannelNames = Object.keys(adminChannels) as (keyof typeof adminChannels)[];
