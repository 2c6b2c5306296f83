/**
 * The channel rules the reference states: types, regions, countries and categories (lines 246-254), name lengths
 * (50, RCS 40), RCS description 100 and labels 25, colour #AABBCC readable under white text, email and URI fields,
 * and 160-character keyword and welcome messages (lines 120-122). The enumerations and limits are common/channel-config's.
 */
import { z } from 'zod';
import { MAX_VLN_QUANTITY, MIN_VLN_QUANTITY, normaliseChatbotOrigin } from '../common/api-decisions';
import { RCS_MIN_CONTRAST_WITH_WHITE, channelCountryCodes, channelRegions, contrastWithWhite, rcsCategories } from '../common/channel-config';
import { channelTypes } from './model';
import { phoneDigits } from './phone';

/** Accepts the enum and the examples' "CHATBOT.COM" (api-decisions), answers the enum. */
export const ChatbotOriginSchema = z.string().transform((value, context) => {
  const origin = normaliseChatbotOrigin(value);
  if (origin === undefined) {
    context.addIssue({ code: 'custom', message: 'origin must be OWN, CHATBOT_COM (or "CHATBOT.COM") or DIALOGFLOW' });
    return z.NEVER;
  }
  return origin;
});

export const ChatbotSchema = z.object({ story_id: z.string().min(1), origin: ChatbotOriginSchema });

const shortMessage = z.string().max(160);
export const KeywordEventsMessagesSchema = z.object({
  opt_out_message: shortMessage.optional(),
  help_message: shortMessage.optional(),
});

const country = z.enum(channelCountryCodes);
const uri = z.url({ protocol: /^https?$/ });
const label = z.string().max(25);
const phone = z.string().refine((value) => phoneDigits(value) !== undefined, 'must be a phone number in international form');

export const SmsConfigSchema = z.object({
  name: z.string().min(1).max(50),
  mw_sender_list_id: z.string().optional(),
  region: z.enum(channelRegions),
  country,
  short_code: z.string().nullable().optional(),
});
export const NamedConfigSchema = z.object({ name: z.string().min(1).max(50) });
export const TelegramConfigSchema = z.object({
  name: z.string().min(1).max(50),
  bot_name: z.string().min(1),
  access_token: z.string().min(1),
});
export const RcsConfigSchema = z.object({
  name: z.string().min(1).max(40),
  region: z.enum(channelRegions).optional(),
  country: z.array(country).min(1),
  description: z.string().min(1).max(100),
  color: z
    .string()
    .regex(/^#[0-9A-Fa-f]{6}$/, 'must be #AABBCC')
    .refine((colour) => contrastWithWhite(colour) >= RCS_MIN_CONTRAST_WITH_WHITE, `must have a contrast of at least ${RCS_MIN_CONTRAST_WITH_WHITE} on white`),
  banner: uri.optional(),
  logo: uri,
  phone,
  label_phone: label.optional(),
  website: uri,
  label_website: label.optional(),
  email: z.email(),
  label_email: label.optional(),
  privacy: uri,
  terms: uri,
  category: z.enum(rcsCategories).optional(),
});

const channelCommon = {
  _id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID').optional(),
  chatbot: ChatbotSchema.optional(),
  keyword_events_messages: KeywordEventsMessagesSchema.optional(),
  welcome_message: shortMessage.optional(),
};

/** POST /api/channels (lines 276-344): one payload per type. */
export const CreateChannelSchema = z.discriminatedUnion('type', [
  z.object({ ...channelCommon, type: z.literal('SMS'), vln_quantity: z.number().int().min(MIN_VLN_QUANTITY).max(MAX_VLN_QUANTITY).optional(), config: SmsConfigSchema.optional() }),
  z.object({ ...channelCommon, type: z.enum(['WA', 'VI', 'WECHAT']), config: NamedConfigSchema.optional() }),
  z.object({ ...channelCommon, type: z.literal('RCS'), config: RcsConfigSchema.optional() }),
  z.object({ ...channelCommon, type: z.literal('TG'), config: TelegramConfigSchema.optional() }),
]);
export type CreateChannelInput = z.infer<typeof CreateChannelSchema>;

/** PATCH /api/channels/{channel_id} (lines 806-814); the name keeps its type's limit. */
export const UpdateChannelSchema = z.object({
  chatbot: ChatbotSchema.optional(),
  keyword_events_messages: KeywordEventsMessagesSchema.optional(),
  welcome_message: shortMessage.optional(),
  config: z.object({ name: z.string().min(1).max(50).optional() }).optional(),
});

export const ChannelTypeSchema = z.enum(channelTypes);
