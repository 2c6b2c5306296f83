/**
 * The channel rules the reference states: types, regions, countries and categories (lines 246-254), name lengths
 * (50, RCS 40), RCS description 100 and labels 25, colour #AABBCC, email and URI fields, and 160-character keyword
 * and welcome messages (lines 120-122).
 */
import { z } from 'zod';
import { normaliseChatbotOrigin } from '../common/api-decisions';
import { channelTypes } from './model';
import { phoneDigits } from './phone';

export const regions = ['NA', 'EU', 'ME', 'AP'] as const;
export const countryCodes = 'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BG BH BI BJ BL BM BN BO BS BT BV BY BZ CC CD CF CG CH CK CM CN CU CV CW CX CY CZ DE DJ DK DM DO DZ EE EG EH ER ET FI FJ FK FM FO GA GD GE GF GG GH GI GL GM GN GP GQ GR GS GU GW GY HK HM HR HT HU ID IE IL IM IO IQ IR IS JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MY MZ NA NC NE NF NL NO NP NR NU NZ OM PF PG PK PM PN PS PT PW QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SO SR SS ST SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW BW BR BF CA CL CO CR EC SV FR GT HN IN CI IT MX NI NG PA PY PE PL PH PR SN ES GB UY US'.split(' ');
export const rcsCategories = [
  'Education', 'Entertainment', 'Finance', 'Food & Drinks', 'Health & Fitness', 'Home & Auto', 'Lifestyle', 'News',
  'Productivity', 'Religion and Spirituality', 'Shopping & Retail', 'Sports', 'Travel', 'Others',
] as const;

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

const country = z.enum(countryCodes as [string, ...string[]]);
const uri = z.url({ protocol: /^https?$/ });
const label = z.string().max(25);
const phone = z.string().refine((value) => phoneDigits(value) !== undefined, 'must be a phone number in international form');

export const SmsConfigSchema = z.object({
  name: z.string().min(1).max(50),
  mw_sender_list_id: z.string().optional(),
  region: z.enum(regions),
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
  region: z.enum(regions).optional(),
  country: z.array(country).min(1),
  description: z.string().min(1).max(100),
  color: z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'must be #AABBCC'),
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
  z.object({ ...channelCommon, type: z.literal('SMS'), vln_quantity: z.number().int().min(1).max(20).optional(), config: SmsConfigSchema.optional() }),
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
