/**
 * The 50 operations of the 2-Way API (shared/spec/README.md), and the two media URL forms its examples answer, one
 * row each: method, path template, and zod schemas
 * for the path parameters, query, body and response. The client, the command line and the tests read this table;
 * nothing else spells a path. Line numbers cite shared/spec/000_0f7d2e12e66a10f3.txt.
 */
import { z } from 'zod';
import {
  CHATBOT_COM_EXAMPLE_SPELLING,
  chatbotOriginSpellings,
  keywordEventRequestTypes,
  mediaUrlForms,
} from '../../common/api-decisions';
import {
  ApiAgent,
  ApiChannel,
  ApiCustomer,
  ApiKeywordEvent,
  ApiLinkToken,
  ApiMedia,
  ApiMessage,
  ApiSettings,
  ApiStory,
  ApiTemplate,
  ApiWhatsAppTemplate,
  AuthToken,
  messageOrigins,
  pageFields,
  templateTypes,
} from '../../common/api-types';
import { channelPayloadSchemas } from '../../common/payloads/channels';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** What a successful response carries: JSON to parse, nothing worth reading (204 or `{}`), or a file. */
export type ResponseSpec =
  | { readonly kind: 'json'; readonly schema: z.ZodType }
  | { readonly kind: 'empty' }
  | { readonly kind: 'binary' };

export interface OperationSpec {
  readonly method: HttpMethod;
  readonly path: string;
  /** False only for `auth.login`, the request that obtains the token. */
  readonly authenticated: boolean;
  /** Path parameters; when absent, every `{name}` in the path is a non-empty string. */
  readonly params?: z.ZodType<Record<string, string>>;
  readonly query?: z.ZodType<Record<string, QueryValue | undefined>>;
  readonly body?: z.ZodType;
  /** The body is a file sent as multipart/form-data (`media.upload`). */
  readonly upload?: true;
  readonly response: ResponseSpec;
}

export type QueryValue = string | number | boolean | readonly string[];

const json = <T extends z.ZodType>(schema: T) => ({ kind: 'json', schema }) as const;
const empty = { kind: 'empty' } as const;
const binary = { kind: 'binary' } as const;

// ---- shared pieces -------------------------------------------------------------------------------------------

const offset = z.number().int().nonnegative().optional();
const limit = z.number().int().positive().optional();
/**
 * Every list but channels sorts with 1/-1 (api-decisions `listOrder`), sent as a string like any query value.
 * Query objects are strict so a misspelt parameter is reported instead of silently dropped.
 */
const listOrder = z.enum(['1', '-1']).optional();
const pageQuery = { offset, limit, sort: z.string().optional(), search: z.string().optional() };

/** Either spelling is taken (api-decisions); the enum's is sent. */
const ChatbotOrigin = z
  .enum(chatbotOriginSpellings)
  .transform((origin) => (origin === CHATBOT_COM_EXAMPLE_SPELLING ? 'CHATBOT_COM' : origin));
const Chatbot = z.looseObject({ story_id: z.string().optional(), origin: ChatbotOrigin.optional() });
const KeywordEventsMessages = z.looseObject({
  opt_out_message: z.string().max(160).optional(),
  help_message: z.string().max(160).optional(),
});
const WelcomeMessage = z.string().max(160).optional();
const channelCommon = { _id: z.string().optional(), chatbot: Chatbot.optional(), keyword_events_messages: KeywordEventsMessages.optional(), welcome_message: WelcomeMessage };

const Success = z.looseObject({ success: z.boolean() });

function page<K extends string, T extends z.ZodType>(key: K, item: T) {
  return z.looseObject({ [key]: z.array(item), ...pageFields } as { [P in K]: z.ZodArray<T> } & typeof pageFields);
}

function send<T extends z.ZodType>(payload: T) {
  return z.looseObject({ customerNumber: z.string().min(1), payload });
}
const SentMessage = z.looseObject({ message_id: z.string() });

// ---- request bodies that need more than a line ---------------------------------------------------------------

/** `POST /api/channels`: one config shape per channel type (lines 308-379). */
const ChannelCreate = z.discriminatedUnion('type', [
  z.looseObject({
    ...channelCommon,
    type: z.literal('SMS'),
    vln_quantity: z.number().int().positive().optional(),
    config: z
      .looseObject({
        name: z.string().min(1).max(50),
        region: z.enum(['NA', 'EU', 'ME', 'AP']),
        country: z.string().length(2),
        mw_sender_list_id: z.string().optional(),
        short_code: z.string().optional(),
      })
      .optional(),
  }),
  z.looseObject({
    ...channelCommon,
    type: z.enum(['WA', 'VI', 'WECHAT']),
    config: z.looseObject({ name: z.string().min(1).max(50) }).optional(),
  }),
  z.looseObject({
    ...channelCommon,
    type: z.literal('RCS'),
    config: z
      .looseObject({
        name: z.string().min(1).max(40),
        region: z.enum(['NA', 'EU', 'ME', 'AP']).optional(),
        country: z.array(z.string().length(2)).min(1),
        description: z.string().min(1).max(100),
        color: z.string().regex(/^#[0-9A-Fa-f]{6}$/),
        banner: z.url().optional(),
        logo: z.url(),
        phone: z.string().min(1),
        label_phone: z.string().max(25).optional(),
        website: z.url(),
        label_website: z.string().max(25).optional(),
        email: z.email(),
        label_email: z.string().max(25).optional(),
        privacy: z.url(),
        terms: z.url(),
        category: z.string().optional(),
      })
      .optional(),
  }),
  z.looseObject({
    ...channelCommon,
    type: z.literal('TG'),
    config: z
      .looseObject({ name: z.string().min(1).max(50), bot_name: z.string().min(1), access_token: z.string().min(1) })
      .optional(),
  }),
]);

const ChannelUpdate = z.looseObject({
  chatbot: Chatbot.optional(),
  keyword_events_messages: KeywordEventsMessages.optional(),
  welcome_message: WelcomeMessage,
  config: z.looseObject({ name: z.string().min(1).optional() }).optional(),
});

const ChatbotCredentials = z.looseObject({
  type: z.string(),
  project_id: z.string(),
  private_key_id: z.string(),
  private_key: z.string(),
  client_email: z.string(),
  client_id: z.string(),
  auth_uri: z.string(),
  token_uri: z.string(),
  auth_provider_x509_cert_url: z.string(),
  client_x509_cert_url: z.string(),
});

/** `PATCH /api/settings` (lines 3832-3852). */
const SettingsUpdate = z.looseObject({
  short_links_generation_enabled: z.boolean().optional(),
  notification_settings: z.record(z.string(), z.unknown()).optional(),
  chatbot_settings: z
    .looseObject({
      OWN: z.looseObject({ is_enabled: z.boolean() }).optional(),
      CHATBOT_COM: z.looseObject({ is_enabled: z.boolean(), access_token: z.string().optional() }).optional(),
      DIALOGFLOW: z.looseObject({ is_enabled: z.boolean(), credentials: ChatbotCredentials.nullable() }).optional(),
    })
    .optional(),
});

const WhatsAppHeader = z.looseObject({ type: z.enum(['NONE', 'TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT']), value: z.string() });
const OtpButton = z.looseObject({ type: z.literal('COPY_CODE').optional(), text: z.string().min(1) });
const WhatsAppTemplateOptions = z.looseObject({
  addSecurityRecommendation: z.boolean().optional(),
  codeExpirationMinutes: z.number().optional(),
});

/** `POST .../templates`: a MARKETING/UTILITY payload or an AUTHENTICATION one (lines 4891-4922). */
const WhatsAppTemplateCreate = z.union([
  z.looseObject({
    category: z.enum(['MARKETING', 'UTILITY']),
    language: z.string().min(1),
    name: z.string().min(1),
    body: z.string().min(1),
    body_examples: z.array(z.string()).optional(),
    header_examples: z.array(z.string()).optional(),
    header: WhatsAppHeader.optional(),
    buttons: z
      .looseObject({
        type: z.enum(['CTA', 'QUICK_REPLY']).optional(),
        phone: z.looseObject({ number: z.string().min(1), text: z.string().min(1) }).optional(),
        website: z.looseObject({ link: z.url(), text: z.string().min(1) }).optional(),
        quickReplyBlocks: z.array(z.string()).optional(),
        // Declared `[string]` (line 4910) while the example nests a list (line 4871): accept both.
        CTAOrder: z.array(z.union([z.enum(['PHONE', 'WEBSITE']), z.array(z.enum(['PHONE', 'WEBSITE']))])).optional(),
      })
      .optional(),
    footer: z.string().optional(),
  }),
  z.looseObject({
    category: z.literal('AUTHENTICATION'),
    language: z.string().min(1),
    name: z.string().min(1),
    options: WhatsAppTemplateOptions.optional(),
    buttons: z.looseObject({ otp: OtpButton }),
  }),
]);

/** `PUT .../templates/{template_id}` (lines 5245-5258). */
const WhatsAppTemplateUpdate = z.looseObject({
  body: z.string().optional(),
  body_examples: z.array(z.string()).optional(),
  header_examples: z.array(z.string()).optional(),
  header: WhatsAppHeader.optional(),
  buttons: z.looseObject({ otp: OtpButton.optional() }).optional(),
  footer: z.string().optional(),
  options: WhatsAppTemplateOptions.optional(),
});

/**
 * `POST /api/templates` answers `{template: any}` in its schema (line 5827) but the bare template in its example
 * (lines 5800-5811). Both are accepted and answered as `{template}`.
 */
const TemplateCreated = z.union([
  z.looseObject({ template: ApiTemplate }),
  ApiTemplate.transform((template) => ({ template })),
]);

// ---- the table -----------------------------------------------------------------------------------------------

export const operations = {
  'auth.login': {
    method: 'POST',
    path: '/api/auth',
    authenticated: false,
    body: z.object({ email: z.string().min(1), password: z.string().min(1) }),
    response: json(AuthToken),
  },

  'channels.list': {
    method: 'GET',
    path: '/api/channels',
    authenticated: true,
    // Channels alone sort with asc/desc (line 97; api-decisions `channelsOrder`).
    query: z.strictObject({
      ...pageQuery,
      order: z.enum(['asc', 'desc']).optional(),
      name: z.string().optional(),
      status: z.string().optional(),
      type: z.string().optional(),
    }),
    response: json(page('channels', ApiChannel)),
  },
  'channels.create': {
    method: 'POST',
    path: '/api/channels',
    authenticated: true,
    body: ChannelCreate,
    response: json(z.looseObject({ channel: ApiChannel })),
  },
  'channels.get': {
    method: 'GET',
    path: '/api/channels/{channel_id}',
    authenticated: true,
    response: json(z.looseObject({ channel: ApiChannel })),
  },
  'channels.update': {
    method: 'PATCH',
    path: '/api/channels/{channel_id}',
    authenticated: true,
    body: ChannelUpdate,
    response: json(z.looseObject({ channel: ApiChannel })),
  },
  'channels.delete': { method: 'DELETE', path: '/api/channels/{channel_id}', authenticated: true, response: json(Success) },
  'agents.get': {
    method: 'GET',
    path: '/api/channels/{channel_id}/agents/{agent_id}',
    authenticated: true,
    response: json(ApiAgent),
  },
  'agents.delete': {
    method: 'DELETE',
    path: '/api/channels/{channel_id}/agents/{agent_id}',
    authenticated: true,
    response: json(Success),
  },
  'agents.update': {
    method: 'PATCH',
    path: '/api/channels/{channel_id}/agents/{agent_id}',
    authenticated: true,
    body: z.looseObject({ chatbot: z.looseObject({ story_id: z.string().min(1), origin: ChatbotOrigin }) }),
    response: empty,
  },
  'agents.create': {
    method: 'POST',
    path: '/api/channels/{channel_id}/agents',
    authenticated: true,
    body: z.looseObject({
      type: z.literal('SMS'),
      provider: z.literal('IZONET'),
      vln_quantity: z.number().int().positive(),
    }),
    response: json(z.array(ApiAgent)),
  },
  'channels.setChatbot': {
    method: 'PUT',
    path: '/api/channels/chatbot',
    authenticated: true,
    body: z.looseObject({ story_id: z.string().min(1), origin: ChatbotOrigin.optional() }),
    response: empty,
  },

  'customers.get': {
    method: 'GET',
    path: '/api/customers/{identifier}',
    authenticated: true,
    response: json(z.looseObject({ customer: ApiCustomer })),
  },
  'customers.list': {
    method: 'GET',
    path: '/api/customers',
    authenticated: true,
    query: z.strictObject({ ...pageQuery, order: listOrder, name: z.string().optional(), phone: z.string().optional() }),
    response: json(page('customers', ApiCustomer)),
  },
  'customers.create': {
    method: 'POST',
    path: '/api/customers',
    authenticated: true,
    body: z.looseObject({ phone: z.string().min(1), name: z.string().optional() }),
    response: json(z.looseObject({ success: z.boolean().optional(), customer: ApiCustomer })),
  },
  'customers.update': {
    method: 'PATCH',
    path: '/api/customers/{customer_id}',
    authenticated: true,
    body: z.looseObject({ name: z.string().optional(), chatbot_enabled: z.record(z.string(), z.string()).optional() }),
    response: empty,
  },
  'customers.delete': {
    method: 'DELETE',
    path: '/api/customers/{customer_id}',
    authenticated: true,
    response: json(Success),
  },

  'keywordEvents.list': {
    method: 'GET',
    path: '/api/keyword_events',
    authenticated: true,
    query: z.strictObject({ ...pageQuery, order: listOrder }),
    response: json(page('keyword_events', ApiKeywordEvent)),
  },
  'keywordEvents.create': {
    method: 'POST',
    path: '/api/keyword_events',
    authenticated: true,
    // Requests take the "Opt-out | Join | Help" form (api-decisions).
    body: z.looseObject({
      event: z.enum(keywordEventRequestTypes),
      keywords: z.array(z.string().min(1)).min(1),
      message: z.string().optional(),
    }),
    response: json(z.looseObject({ keyword_event: ApiKeywordEvent })),
  },
  'keywordEvents.get': {
    method: 'GET',
    path: '/api/keyword_events/{event_id}',
    authenticated: true,
    response: json(z.looseObject({ keyword_event: ApiKeywordEvent })),
  },
  'keywordEvents.update': {
    method: 'PATCH',
    path: '/api/keyword_events/{event_id}',
    authenticated: true,
    body: z.looseObject({ keywords: z.array(z.string().min(1)).optional(), message: z.string().optional() }),
    response: empty,
  },
  'keywordEvents.delete': { method: 'DELETE', path: '/api/keyword_events/{event_id}', authenticated: true, response: empty },

  'links.shorten': {
    method: 'POST',
    path: '/api/links/shorten',
    authenticated: true,
    body: z.looseObject({ customerNumber: z.string().min(1), links: z.array(z.string().min(1)).min(1) }),
    response: json(z.looseObject({ links: z.array(z.looseObject({ base: z.string(), short: z.string() })) })),
  },
  'links.tokens': {
    method: 'GET',
    path: '/api/links/tokens',
    authenticated: true,
    response: json(z.looseObject({ links: z.array(ApiLinkToken), total: z.number() })),
  },

  'media.list': {
    method: 'GET',
    path: '/api/media',
    authenticated: true,
    query: z.strictObject({ offset, limit, type: z.enum(['image', 'video', 'file']).optional() }),
    response: json(page('media', ApiMedia)),
  },
  'media.upload': {
    method: 'POST',
    path: '/api/media',
    authenticated: true,
    query: z.strictObject({ messageID: z.string().optional() }),
    upload: true,
    response: json(ApiMedia),
  },
  'media.delete': {
    method: 'DELETE',
    path: '/api/media',
    authenticated: true,
    // `array[string]` (line 3013): sent as one `media_ids=` pair per id, the way URLSearchParams and qs write arrays.
    query: z.strictObject({ media_ids: z.array(z.string().min(1)).min(1) }),
    response: empty,
  },
  'media.get': { method: 'GET', path: mediaUrlForms.file, authenticated: true, response: binary },
  'media.getVariant': {
    method: 'GET',
    path: mediaUrlForms.fileVariant,
    authenticated: true,
    params: z.object({
      enterprise_id: z.string().min(1),
      media_id: z.string().min(1),
      size_type: z.enum(['preview', 'thumbnail']),
    }),
    response: binary,
  },
  // Not among the 50: the URL forms the reference's upload and gallery examples answer (api-decisions).
  'media.getListed': { method: 'GET', path: mediaUrlForms.listed, authenticated: true, response: binary },
  'media.getListedVariant': {
    method: 'GET',
    path: mediaUrlForms.listedVariant,
    authenticated: true,
    params: z.object({ media_id: z.string().min(1), size_type: z.enum(['preview', 'thumbnail']) }),
    response: binary,
  },

  'messages.history': {
    method: 'GET',
    path: '/api/messages/{identifier}',
    authenticated: true,
    query: z.strictObject({
      offset,
      limit,
      sort: z.string().optional(),
      order: listOrder,
      agentID: z.string().optional(),
      origin: z.enum(messageOrigins).optional(),
    }),
    response: json(page('messages', ApiMessage)),
  },
  'messages.delete': { method: 'DELETE', path: '/api/messages/{messageID}', authenticated: true, response: empty },

  'rcs.send': {
    method: 'POST',
    path: '/api/agents/rcs/{agent_id}/send',
    authenticated: true,
    body: send(channelPayloadSchemas.RCS),
    response: json(SentMessage),
  },

  'settings.get': { method: 'GET', path: '/api/settings', authenticated: true, response: json(ApiSettings) },
  'settings.update': { method: 'PATCH', path: '/api/settings', authenticated: true, body: SettingsUpdate, response: empty },

  'sms.send': {
    method: 'POST',
    path: '/api/agents/sms/{agent_id}/send',
    authenticated: true,
    body: send(channelPayloadSchemas.SMS),
    response: json(SentMessage),
  },

  'telegram.send': {
    method: 'POST',
    path: '/api/agents/telegram/{agent_id}/send',
    authenticated: true,
    body: send(channelPayloadSchemas.TG),
    response: json(SentMessage),
  },
  'telegram.configure': {
    method: 'PATCH',
    path: '/api/agents/telegram/{agent_id}',
    authenticated: true,
    body: z.looseObject({
      status: z.enum(['ACTIVE', 'ON_APPROVAL', 'HOLD']),
      config: z.looseObject({ bot_name: z.string().min(1), access_token: z.string().min(1) }),
    }),
    // `success` is boolean or string (lines 4242-4252).
    response: json(z.looseObject({ success: z.union([z.boolean(), z.string()]) })),
  },

  'viber.send': {
    method: 'POST',
    path: '/api/agents/viber/{agent_id}/send',
    authenticated: true,
    body: send(channelPayloadSchemas.VI),
    response: json(SentMessage),
  },

  'whatsapp.send': {
    method: 'POST',
    path: '/api/agents/whatsapp/{agent_id}/send',
    authenticated: true,
    body: send(channelPayloadSchemas.WA),
    response: json(SentMessage),
  },
  'whatsappTemplates.list': {
    method: 'GET',
    path: '/api/agents/whatsapp/{agent_id}/templates',
    authenticated: true,
    query: z.strictObject({ ...pageQuery, order: listOrder, status: z.string().optional() }),
    response: json(page('templates', ApiWhatsAppTemplate)),
  },
  'whatsappTemplates.create': {
    method: 'POST',
    path: '/api/agents/whatsapp/{agent_id}/templates',
    authenticated: true,
    // Lines 4884-4888 list these query parameters on a create; kept so the command line can send them.
    query: z.strictObject({ ...pageQuery, order: listOrder, returnMany: z.boolean().optional() }),
    body: WhatsAppTemplateCreate,
    response: json(z.looseObject({ template: ApiWhatsAppTemplate })),
  },
  'whatsappTemplates.get': {
    method: 'GET',
    path: '/api/agents/whatsapp/{agent_id}/templates/{template_id}',
    authenticated: true,
    response: json(z.looseObject({ template: ApiWhatsAppTemplate, namespace: z.string().nullish() })),
  },
  'whatsappTemplates.update': {
    method: 'PUT',
    path: '/api/agents/whatsapp/{agent_id}/templates/{template_id}',
    authenticated: true,
    body: WhatsAppTemplateUpdate,
    response: empty,
  },
  'whatsappTemplates.activeBroadcast': {
    method: 'GET',
    path: '/api/agents/whatsapp/{agent_id}/templates/active-broadcast',
    authenticated: true,
    // The query is documented only as `oneOf query any` (line 5359): any string parameters pass through.
    query: z.record(z.string(), z.string()),
    response: json(z.looseObject({ isActive: z.boolean() })),
  },
  'whatsappTemplates.delete': {
    method: 'DELETE',
    path: '/api/agents/whatsapp/{agent_id}/templates/{name}',
    authenticated: true,
    response: empty,
  },

  'wechat.send': {
    method: 'POST',
    path: '/api/agents/wechat/{agent_id}/send',
    authenticated: true,
    body: send(channelPayloadSchemas.WECHAT),
    response: json(SentMessage),
  },

  'scenarios.list': {
    method: 'GET',
    path: '/api/scenarios',
    authenticated: true,
    response: json(z.looseObject({ stories: z.array(ApiStory) })),
  },

  'templates.list': {
    method: 'GET',
    path: '/api/templates',
    authenticated: true,
    query: z.strictObject({ ...pageQuery, order: listOrder, type: z.enum(templateTypes).optional() }),
    response: json(page('templates', ApiTemplate)),
  },
  'templates.create': {
    method: 'POST',
    path: '/api/templates',
    authenticated: true,
    body: z.looseObject({ type: z.enum(templateTypes), title: z.string().optional(), text: z.string().optional() }),
    response: json(TemplateCreated),
  },
  'templates.get': {
    method: 'GET',
    path: '/api/templates/{template_id}',
    authenticated: true,
    response: json(z.looseObject({ template: ApiTemplate })),
  },
  'templates.delete': {
    method: 'DELETE',
    path: '/api/templates/{template_id}',
    authenticated: true,
    response: json(Success),
  },
} as const satisfies Record<string, OperationSpec>;

export type Operations = typeof operations;
export type OperationId = keyof Operations;
export const operationIds = Object.keys(operations) as OperationId[];
/** The media URL forms of the reference's examples, fetched as they are given (api-decisions' mediaUrlForms). */
export const listedMediaOperationIds: readonly OperationId[] = ['media.getListed', 'media.getListedVariant'];
/** The 50 operations of the reference's table. */
export const referenceOperationIds = operationIds.filter((id) => !listedMediaOperationIds.includes(id));

export function isOperationId(value: string): value is OperationId {
  return Object.hasOwn(operations, value);
}

// ---- types derived from the table ----------------------------------------------------------------------------

type PathParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PathParamNames<Rest>
  : never;

/** A file on disk to upload; it is streamed, never read whole. */
export interface UploadFile {
  path: string;
  mimeType: string;
  /** The name the service stores; the file's own name when absent. */
  fileName?: string;
}

export interface UploadProgress {
  sentBytes: number;
  totalBytes: number;
}

type PathArg<S extends OperationSpec> = [PathParamNames<S['path']>] extends [never]
  ? { path?: undefined }
  : { path: S extends { params: z.ZodType } ? z.input<S['params']> : { [K in PathParamNames<S['path']>]: string } };

/** No required key: `Record<never, never>` (an empty object) fits it. */
type AllOptional<T> = Record<never, never> extends T ? true : false;

type QueryArg<S extends OperationSpec> = S extends { query: z.ZodType }
  ? AllOptional<z.input<S['query']>> extends true
    ? { query?: z.input<S['query']> }
    : { query: z.input<S['query']> }
  : { query?: undefined };

type BodyArg<S extends OperationSpec> = S extends { body: z.ZodType } ? { body: z.input<S['body']> } : { body?: undefined };

type UploadArg<S extends OperationSpec> = S extends { upload: true }
  ? { file: UploadFile; onProgress?: (progress: UploadProgress) => void }
  : { file?: undefined };

/** The argument of `call(id, args)`, checked per operation. */
export type CallArgs<Id extends OperationId> = PathArg<Operations[Id]> &
  QueryArg<Operations[Id]> &
  BodyArg<Operations[Id]> &
  UploadArg<Operations[Id]> & { signal?: AbortSignal };

/** A file answered by media.get/getVariant: a stream to read once, with its type. */
export interface BinaryBody {
  contentType: string;
  contentLength: number | undefined;
  body: NodeJS.ReadableStream;
}

type ResponseOf<R extends ResponseSpec> = R extends { kind: 'json'; schema: infer T extends z.ZodType }
  ? z.output<T>
  : R extends { kind: 'binary' }
    ? BinaryBody
    : undefined;

/** What a successful `call(id, ...)` answers. */
export type CallResult<Id extends OperationId> = ResponseOf<Operations[Id]['response']>;

/** Whether `call(id)` may omit its argument. */
export type CallArgsTuple<Id extends OperationId> = AllOptional<CallArgs<Id>> extends true
  ? [args?: CallArgs<Id>]
  : [args: CallArgs<Id>];

/** The names in a path template, in order: `/api/x/{a}/{b}` -> ['a', 'b']. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '');
}

/** The schema of an operation's path parameters: its own, or each name a non-empty string. */
export function paramsSchema(spec: OperationSpec): z.ZodType<Record<string, string>> {
  if (spec.params) return spec.params;
  return z.object(Object.fromEntries(pathParamNames(spec.path).map((name) => [name, z.string().min(1)])));
}
