/**
 * The 2-Way service's entities as its API returns them (shared/spec/000_0f7d2e12e66a10f3.txt), as zod schemas.
 * Each schema keeps fields the reference does not list (the service may add some) but rejects a listed field of
 * the wrong type, so a response either parses whole or is refused. `.nullish()` marks fields the reference's
 * examples show as null.
 */
import { z } from 'zod';
import { normaliseChatbotOrigin, normaliseKeywordEventType } from './api-decisions';

/** The error body of every documented 4xx (e.g. lines 80-86): all fields optional, since a proxy may answer too. */
export const ApiErrorBody = z.looseObject({
  success: z.boolean().optional(),
  reason: z.string().optional(),
  statusCode: z.number().optional(),
  error: z.string().optional(),
  /** Documented as a string; frameworks that validate bodies often answer a list of messages instead. */
  message: z.union([z.string(), z.array(z.string())]).optional(),
  /** Not in the reference: read when present so a validation error can name its field. */
  field: z.string().optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** `POST /api/auth` (lines 46-49, 62-63): `expires_at` is Unix seconds. */
export const AuthToken = z.looseObject({
  token: z.string().min(1),
  expires_at: z.number(),
});
export type AuthToken = z.infer<typeof AuthToken>;

/** Chatbot origins arrive as "CHATBOT_COM" or "CHATBOT.COM" (see api-decisions); unknown origins pass unchanged. */
const ChatbotOriginField = z.string().transform((value) => normaliseChatbotOrigin(value) ?? value);

export const ChatbotRef = z.looseObject({
  story_id: z.string().nullish(),
  origin: ChatbotOriginField.nullish(),
});

/** An agent (lines 1147-1150): a VLN for SMS, a bot for Telegram; its config differs per channel type. */
export const ApiAgent = z.looseObject({
  _id: z.string(),
  created: z.string().optional(),
  modified: z.string().optional(),
  status: z.string().optional(),
  config: z.record(z.string(), z.unknown()).nullish(),
});
export type ApiAgent = z.infer<typeof ApiAgent>;

/** Channel config is `any` with one shape per channel type (lines 652-699); only shared field types are checked. */
export const ApiChannelConfig = z.looseObject({
  type: z.string().optional(),
  name: z.string().nullish(),
  region: z.string().nullish(),
  /** A string for SMS, a list for RCS (lines 661, 678). */
  country: z.union([z.string(), z.array(z.string())]).nullish(),
  short_code: z.string().nullish(),
  mw_sender_list_id: z.string().nullish(),
  description: z.string().nullish(),
  bot_name: z.string().nullish(),
});

/** A channel (lines 634-652). */
export const ApiChannel = z.looseObject({
  _id: z.string(),
  type: z.string(),
  status: z.string().optional(),
  chatbot: ChatbotRef.nullish(),
  keyword_events_messages: z
    .looseObject({ opt_out_message: z.string().nullish(), help_message: z.string().nullish() })
    .nullish(),
  welcome_message: z.string().nullish(),
  config: ApiChannelConfig.nullish(),
  created: z.string().optional(),
  modified: z.string().optional(),
  agents: z.array(ApiAgent).optional(),
});
export type ApiChannel = z.infer<typeof ApiChannel>;

/** A customer (lines 1684-1695). */
export const ApiCustomer = z.looseObject({
  _id: z.string(),
  phone: z.string(),
  name: z.string().nullish(),
  country: z.string().nullish(),
  telegram_chat_id: z.string().nullish(),
  /** Agent id -> subscribed (false after an opt-out). */
  subscriptions: z.record(z.string(), z.boolean()).optional(),
  /** Channel id -> mode such as "ENABLED_MANUALLY" (line 1658). */
  chatbot_enabled: z.record(z.string(), z.string()).optional(),
  chatbot_notification_received: z.record(z.string(), z.unknown()).optional(),
  created: z.string().optional(),
  modified: z.string().optional(),
  last_message_time: z.string().nullish(),
});
export type ApiCustomer = z.infer<typeof ApiCustomer>;

/** Message origins and statuses (lines 3342-3344), for consumers that narrow the strings below. */
export const messageOrigins = ['BOT', 'AGENT', 'CUSTOMER', 'BROADCAST'] as const;
export const messageStatuses = ['SENT', 'DELIVERED', 'READ', 'ERROR', 'UNDELIVERABLE', 'CREATED', 'UPLOAD_ERROR'] as const;

/**
 * A message (lines 3326-3335). Its payload is any payload kind of any channel, including kinds this app does not
 * send, so only `type` is required here; common/payloads parses the kinds it knows.
 */
export const ApiMessage = z.looseObject({
  message_id: z.string(),
  customer_id: z.string().optional(),
  agent_id: z.string().nullish(),
  payload: z.looseObject({ type: z.string() }),
  origin: z.string().optional(),
  sent: z.string().nullish(),
  created: z.string().optional(),
  modified: z.string().optional(),
  status: z.string().optional(),
});
export type ApiMessage = z.infer<typeof ApiMessage>;

/** A keyword event (lines 2235-2240); its type is normalised per api-decisions, unknown types pass unchanged. */
export const ApiKeywordEvent = z.looseObject({
  _id: z.string(),
  keywords: z.array(z.string()),
  config: z.looseObject({
    type: z.string().transform((value) => normaliseKeywordEventType(value) ?? value),
    message: z.string().nullish(),
  }),
});
export type ApiKeywordEvent = z.infer<typeof ApiKeywordEvent>;

/** A gallery item or an upload's answer (lines 2884-2892, 2960-2967). */
export const ApiMedia = z.looseObject({
  _id: z.string(),
  type: z.string(),
  mime_type: z.string(),
  full_size: z.number(),
  file_name: z.string().nullish(),
  url: z.string(),
  thumbnail: z.string().nullish(),
  preview: z.string().nullish(),
});
export type ApiMedia = z.infer<typeof ApiMedia>;

/** Link tokens usable in text as `{{link:ID}}` (lines 2814-2819). */
export const ApiLinkToken = z.looseObject({
  enabled: z.boolean(),
  id: z.number(),
  name: z.string(),
  url: z.string(),
});

/** Settings (lines 3748-3768). */
export const ApiSettings = z.looseObject({
  short_links_generation_enabled: z.boolean().optional(),
  notification_settings: z.record(z.string(), z.unknown()).nullish(),
  chatbot_settings: z
    .looseObject({
      OWN: z.looseObject({ is_enabled: z.boolean() }).optional(),
      CHATBOT_COM: z.looseObject({ is_enabled: z.boolean(), access_token: z.string().nullish() }).optional(),
      DIALOGFLOW: z
        .looseObject({ is_enabled: z.boolean(), credentials: z.record(z.string(), z.unknown()).nullish() })
        .optional(),
    })
    .optional(),
});
export type ApiSettings = z.infer<typeof ApiSettings>;

/**
 * A WhatsApp (Facebook) template. The schema (lines 4741-4761) lists body/header/buttons/footer while the example
 * (lines 4653-4677) answers preview/components: both are accepted, neither required.
 */
export const ApiWhatsAppTemplate = z.looseObject({
  id: z.string(),
  name: z.string(),
  category: z.string().optional(),
  status: z.string().optional(),
  language: z.string().optional(),
  body: z.string().nullish(),
  header: z.looseObject({ type: z.string(), value: z.string().nullish() }).nullish(),
  buttons: z.record(z.string(), z.unknown()).nullish(),
  footer: z.string().nullish(),
  preview: z.string().nullish(),
  components: z.array(z.looseObject({ type: z.string() })).optional(),
});
export type ApiWhatsAppTemplate = z.infer<typeof ApiWhatsAppTemplate>;

/** A chatbot story (lines 5651-5655). */
export const ApiStory = z.looseObject({
  id: z.string(),
  origin: ChatbotOriginField,
  name: z.string(),
  description: z.string().nullish(),
});
export type ApiStory = z.infer<typeof ApiStory>;

/** The kinds of stored template (`type`, line 5700). */
export const templateTypes = ['CARD_TEMPLATE', 'TEXT_TEMPLATE', 'LIST_TEMPLATE', 'CAROUSEL_TEMPLATE'] as const;
export type TemplateType = (typeof templateTypes)[number];

/** A stored template (`templates: [any]`, line 5742; example lines 5710-5721). */
export const ApiTemplate = z.looseObject({
  _id: z.string(),
  enterprise_id: z.string().optional(),
  user_id: z.string().optional(),
  payload: z.looseObject({ type: z.string(), title: z.string().nullish(), text: z.string().nullish() }),
  created: z.string().optional(),
  modified: z.string().optional(),
});
export type ApiTemplate = z.infer<typeof ApiTemplate>;

/** The paging fields every list answers (e.g. lines 1839-1841). */
export const pageFields = {
  total: z.number(),
  offset: z.number().optional(),
  limit: z.number().optional(),
};
