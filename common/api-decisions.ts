/**
 * Every decision about a gap or contradiction in the 2-Way API reference (shared/spec/000_0f7d2e12e66a10f3.txt),
 * made once. The client, the sandbox and the cache all import these instead of deciding again. Line numbers cite
 * the reference; docs/api/reference.txt is a verbatim copy of it, so the line numbers hold there too.
 */

/**
 * Payload `type` values. The reference names only "TEXT" (e.g. line 3504) and gives every other payload kind's
 * `type` as `any` (lines 3520, 3536, 3552, 3586; 4077-4092; 4476-4523). We use the upper-case names of the kinds
 * the reference lists, in the same style as "TEXT".
 */
export const payloadTypes = {
  text: 'TEXT',
  mediaFile: 'MEDIA',
  image: 'IMAGE',
  location: 'LOCATION',
  contact: 'CONTACT',
  carousel: 'CAROUSEL',
  /** A WhatsApp template with variables (line 4523, "Card message payload"). */
  card: 'CARD',
  /** A stored template by id (lines 3585, 4092). */
  template: 'TEMPLATE',
} as const;
export type PayloadType = (typeof payloadTypes)[keyof typeof payloadTypes];
export const payloadTypeValues = Object.values(payloadTypes) as [PayloadType, ...PayloadType[]];

/** Card media inside a carousel has `type: any` too (line 3562); its cards use this value. */
export const carouselCardType = 'CARD' as const;

/**
 * `POST /api/media` is "multipart/form-data" (line 2926) but names no field. We send and accept the file under
 * `file`, the name nearly every multipart upload API uses, so a client built from the reference guesses it first.
 */
export const mediaUploadField = 'file';

/**
 * Media URLs. The file routes are `/api/media/{enterprise_id}/{media_id}` and `…/{size_type}` (lines 3089, 3172),
 * yet the upload and gallery examples answer `https://omni.mmdsmart.com/api/media/{id}`, `…/{id}/thumbnail` and
 * `…/{id}/preview` (lines 2866-2868, 2941-2943), with no enterprise. We take all four forms wherever a media URI
 * arrives (upload answers, the gallery, message payloads: common/media-url.ts) and fetch each by the very path it
 * names (the listed forms through operations media.getListed and media.getListedVariant), and only from the
 * service the account signed in to, whatever host the URI names.
 */
export const mediaUrlForms = {
  file: '/api/media/{enterprise_id}/{media_id}',
  fileVariant: '/api/media/{enterprise_id}/{media_id}/{size_type}',
  listed: '/api/media/{media_id}',
  listedVariant: '/api/media/{media_id}/{size_type}',
} as const;

/** The upload limit and accepted types (lines 2963, 2973). */
export const MAX_MEDIA_BYTES = 50 * 1024 * 1024;
export const acceptedMediaMimeTypes = [
  'image/png', 'image/jpeg', 'image/jpg', 'image/gif', 'image/svg+xml', 'image/svg', 'video/mp4', 'video/m4v',
  'video/mpeg', 'video/h263', 'video/mpeg4', 'video/webm', 'video/ogg', 'video/3gpp', 'application/x-zip-compressed',
  'application/zip', 'application/pdf', 'application/xml', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint',
  'application/msword', 'application/ogg', 'application/xhtml+xml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation', 'audio/aac', 'audio/x-aac',
  'audio/ogg', 'audio/mp3', 'audio/mpeg', 'text/html', 'text/csv', 'text/xml', 'image/webp',
  'application/octet-stream',
] as const;

/**
 * How large a file each channel type carries, per kind. The reference states only the service's 50 MB (line 2963),
 * and a file the customer's app refuses would be uploaded and queued only to fail at the carrier. We take each
 * platform's published cap for what the app sends: WhatsApp (Cloud API media) images 5 MB, videos and audio 16 MB,
 * documents 100 MB; Viber images 1 MB (the smallest of its per-device limits); Telegram (Bot API) photos 10 MB,
 * other files 50 MB; RCS (RBM) files 100 MB. Anything larger than the service's 50 MB is refused before these.
 */
export const maxMediaBytesByChannel = {
  WA: { image: 5 * 1024 * 1024, video: 16 * 1024 * 1024, audio: 16 * 1024 * 1024, file: 100 * 1024 * 1024 },
  VI: { image: 1024 * 1024 },
  TG: { image: 10 * 1024 * 1024, video: 50 * 1024 * 1024, audio: 50 * 1024 * 1024, file: 50 * 1024 * 1024 },
  RCS: { image: 100 * 1024 * 1024, video: 100 * 1024 * 1024, audio: 100 * 1024 * 1024, file: 100 * 1024 * 1024 },
} as const satisfies Partial<Record<string, Partial<Record<'image' | 'video' | 'audio' | 'file', number>>>>;

/**
 * An upload answers `url`, `thumbnail`, `preview` as URL strings and `full_size`, `mime_type` (lines 2940-2948),
 * while a send payload wants `src`/`thumbnail`/`preview` as `{mime, size, uri}` (lines 3524-3534). The derived
 * images' sizes are not reported: we send the original's mime for all three and size 0 for the derived ones,
 * which the sandbox accepts; the service only needs the URIs to fetch them.
 */
export const DERIVED_IMAGE_SIZE_UNKNOWN = 0;

/**
 * Keyword event types: requests take "Opt-out" | "Join" | "Help" (line 2283), responses answer
 * "OPT_OUT" | "JOIN" | "HELP" (spec README), and the example answers "Join" (line 2296). We send the request form,
 * accept all of them in responses, and normalise to the response form internally.
 */
export const keywordEventRequestTypes = ['Opt-out', 'Join', 'Help'] as const;
export const keywordEventTypes = ['OPT_OUT', 'JOIN', 'HELP'] as const;
export type KeywordEventType = (typeof keywordEventTypes)[number];
const keywordEventAliases: Record<string, KeywordEventType> = {
  'Opt-out': 'OPT_OUT', OPT_OUT: 'OPT_OUT', 'opt-out': 'OPT_OUT',
  Join: 'JOIN', JOIN: 'JOIN', join: 'JOIN',
  Help: 'HELP', HELP: 'HELP', help: 'HELP',
};
export function normaliseKeywordEventType(value: string): KeywordEventType | undefined {
  return keywordEventAliases[value];
}
export function keywordEventRequestType(type: KeywordEventType): (typeof keywordEventRequestTypes)[number] {
  return type === 'OPT_OUT' ? 'Opt-out' : type === 'JOIN' ? 'Join' : 'Help';
}

/**
 * Keyword event limits. The reference states none (lines 2276-2280), so we take the nearest it does state: a reply
 * sent after a keyword is at most 160 characters, like the channel's opt-out and help replies (lines 173-174); one
 * keyword is a word a customer types, at most 50 characters; a message belongs only to a Join event (line 2280:
 * the others' replies are set on each channel).
 */
export const KEYWORD_MAX_LENGTH = 50;
export const KEYWORD_EVENT_MESSAGE_MAX_LENGTH = 160;

/**
 * Template limits. The create body lists `type`, `title` and `text` with no rules (lines 5785-5804); a template
 * without a title cannot be picked by name, so we ask for one, at most 200 characters, and for some text.
 */
export const TEMPLATE_TITLE_MAX_LENGTH = 200;

/**
 * Chatbot origin: the enum says CHATBOT_COM (lines 243, 514, 703, 944, 1579), while the reference's own request
 * examples (lines 286, 789, 1328) and a response example (line 400) say "CHATBOT.COM". Accept both, on requests as
 * on responses, and normalise to the enum: requests are sent with CHATBOT_COM.
 */
export const chatbotOrigins = ['OWN', 'CHATBOT_COM', 'DIALOGFLOW'] as const;
export type ChatbotOrigin = (typeof chatbotOrigins)[number];
/** The spelling of CHATBOT_COM in the reference's examples. */
export const CHATBOT_COM_EXAMPLE_SPELLING = 'CHATBOT.COM';
export const chatbotOriginSpellings = [...chatbotOrigins, CHATBOT_COM_EXAMPLE_SPELLING] as const;
export function normaliseChatbotOrigin(value: string): ChatbotOrigin | undefined {
  if (value === CHATBOT_COM_EXAMPLE_SPELLING) return 'CHATBOT_COM';
  return (chatbotOrigins as readonly string[]).includes(value) ? (value as ChatbotOrigin) : undefined;
}

/**
 * A customer's chatbot mode per channel (`chatbot_enabled`, lines 1655-1660 and 1999): the examples show
 * "ENABLED_MANUALLY" and "DISABLED_AUTO" and no enum. We read the four pairings of ENABLED/DISABLED with
 * MANUALLY/AUTO (the sandbox accepts the same four); an agent's switch always writes a MANUALLY mode, since it is a
 * person's choice, and AUTO is what the service decides by itself.
 */
export const chatbotModes = ['ENABLED_MANUALLY', 'ENABLED_AUTO', 'DISABLED_MANUALLY', 'DISABLED_AUTO'] as const;
export type ChatbotMode = (typeof chatbotModes)[number];
export function chatbotModeSetByAgent(enabled: boolean): ChatbotMode {
  return enabled ? 'ENABLED_MANUALLY' : 'DISABLED_MANUALLY';
}

/**
 * The body of a customer update (lines 2003-2013): `name` and `chatbot_enabled`, nothing else. A customer's
 * subscriptions (agent id -> subscribed, line 1834) are not among them, so the API cannot opt anyone in or out: a
 * customer opts back in by writing again ("until he sends any message again", line 2319) or with a Join keyword.
 * The app shows each subscription and says so, and never sends `subscriptions`.
 */
export function customerUpdateBody(change: { name?: string; chatbot?: { channelId: string; enabled: boolean } }): {
  name?: string;
  chatbot_enabled?: Record<string, ChatbotMode>;
} {
  return {
    ...(change.name === undefined ? {} : { name: change.name }),
    ...(change.chatbot === undefined ? {} : { chatbot_enabled: { [change.chatbot.channelId]: chatbotModeSetByAgent(change.chatbot.enabled) } }),
  };
}

/**
 * Phone numbers are sent as the reference writes them: international digits without "+" (`"145044111206"`, lines
 * 1651 and 1892); the E.164 form "+442079460958" is sent as "442079460958".
 */
export function servicePhone(e164: string): string {
  return e164.replace(/^\+/, '');
}

/**
 * Which origin a message sent through an agent's send route gets: the reference lists the origins (line 3342) but
 * does not say. We take AGENT ("Entity that created a message", line 3331: the agent's channel sent it), as the
 * sandbox records it; BOT and BROADCAST are the service's own senders, CUSTOMER the customer.
 */
export const AGENT_SEND_ORIGIN = 'AGENT';

/** Sort order: channels take "asc"/"desc" (line 97); every other list takes 1/-1 (e.g. customers, line 1775). */
export type SortDirection = 'ascending' | 'descending';
export function channelsOrder(direction: SortDirection): 'asc' | 'desc' {
  return direction === 'ascending' ? 'asc' : 'desc';
}
export function listOrder(direction: SortDirection): '1' | '-1' {
  return direction === 'ascending' ? '1' : '-1';
}

/**
 * How long a text message may be, per channel type. The reference states no limit on a TEXT payload's `text` on any
 * channel (lines 3925-3927 for SMS, and the same two fields on the other send routes), and a 900,000-character
 * message must not be queued only to be refused or cut by a carrier. We take each platform's own published cap,
 * counted in characters (code points): SMS as the 1,600 characters carriers split into at most ten-odd concatenated
 * parts, WhatsApp 4,096 (Cloud API text body), Viber 1,000 (business messages), RCS 3,072 (RBM text), Telegram 4,096
 * (Bot API message text), WeChat 2,048 (customer-service text). The sandbox, following the reference, sets none.
 */
export const maxTextLengthByChannel = { SMS: 1600, WA: 4096, VI: 1000, RCS: 3072, TG: 4096, WECHAT: 2048 } as const;

/**
 * WhatsApp template limits. The create and edit bodies (lines 4889-4922, 5244-5258) give fields and enums, no
 * lengths, and the service relays templates to Meta, whose refusal only comes back after the round trip (502,
 * line 4957). We check Meta's published rules first: body 1,024 characters, a text header 60, footer 60, a
 * button's text 25, at most 10 quick replies; variables `{{1}}`…`{{n}}` in order, one example each
 * (`body_examples`, `header_examples`, lines 4896-4897), at most one in a text header, none in the footer; a name
 * (the "primary key", line 4894, and the delete path, line 5424) at most 512 characters with no slash; a code lasts
 * 1 to 90 minutes (`codeExpirationMinutes`, line 4918). Line 5209: an edit at most once in 24 hours and 10 times
 * in 30 days. CTA buttons are ordered by `CTAOrder` as the schema's flat list (line 4910), not the example's nested one.
 */
export const whatsAppTemplateLimits = {
  name: 512,
  body: 1024,
  headerText: 60,
  footer: 60,
  buttonText: 25,
  quickReplies: 10,
  codeExpirationMinutes: { min: 1, max: 90 },
  editsPerDay: 1,
  editsPerThirtyDays: 10,
} as const;

/** The service's base URL (spec README); the app's default when signing in to a real account. */
export const DEFAULT_BASE_URL = 'https://omni.mmdsmart.com';

/**
 * A kilobyte of the RCS image limits ("no larger than 220 KB", "50 KB", lines 353-354) is not defined. We take the
 * stricter 1,000 bytes, so an image the app accepts is accepted whichever the service means.
 */
export const KILOBYTE = 1000;

/**
 * How many VLNs one request adds to an SMS channel (`vln_quantity`, lines 318 and 1451): a number with no bounds.
 * We take 1 to 20 a request, as the sandbox does: numbers are bought from a provider, and a typo of 200 must not be.
 */
export const MIN_VLN_QUANTITY = 1;
export const MAX_VLN_QUANTITY = 20;

/**
 * Renaming a channel (`config.name`, line 814) states no limit; creating one does (50 characters, RCS 40, lines
 * 322 and 346). A rename keeps its type's creation limit, so no channel gets a name it could not have been made with.
 *
 * An SMS short code is "digit sequences, shorter than telephone numbers" (line 324) with no length: we take 3 to 8
 * digits, the range operators assign.
 */
export const SHORT_CODE_PATTERN = /^\d{3,8}$/;
