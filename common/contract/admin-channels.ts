/**
 * Channels of the Administration area for channels, their agents and chatbot stories: one channel's details,
 * creating one per type with the reference's fields, changing its name, messages and chatbot story, deleting it;
 * adding SMS numbers, deleting an agent, an agent's chatbot story, a Telegram bot's configuration; and the chatbot
 * stories to pick by name. The drafts hold the reference's limits, so the forms and main check the same rules
 * before any request. No channel answers a bot's access token.
 */
import { z } from 'zod';
import { MAX_VLN_QUANTITY, MIN_VLN_QUANTITY, SHORT_CODE_PATTERN, chatbotOrigins } from '../api-decisions';
import {
  CHANNEL_MESSAGE_MAX_LENGTH,
  CHANNEL_NAME_MAX_LENGTH,
  RCS_CHANNEL_NAME_MAX_LENGTH,
  RCS_DESCRIPTION_MAX_LENGTH,
  RCS_MIN_CONTRAST_WITH_WHITE,
  channelCountryCodes,
  channelRegions,
  contrastWithWhite,
  isHexColour,
  rcsCategories,
} from '../channel-config';
import { Agent, Channel } from '../domain';

const Id = z.string().min(1).max(200);
const Done = z.strictObject({});

/** A chatbot story as a channel or agent refers to it: its id and the chatbot service it belongs to. */
export const ChatbotChoice = z.strictObject({ storyId: Id, origin: z.enum(chatbotOrigins) });
export type ChatbotChoice = z.infer<typeof ChatbotChoice>;

/** A chatbot story of an enabled chatbot (lines 5602-5660), picked by its name. */
export const ChatbotStory = ChatbotChoice.extend({ name: z.string(), description: z.string().optional() });
export type ChatbotStory = z.infer<typeof ChatbotStory>;

/** The statuses a Telegram agent can be given (line 4232). */
export const telegramAgentStatuses = ['ACTIVE', 'ON_APPROVAL', 'HOLD'] as const;

export const AgentDetails = Agent.extend({ status: z.string().nullable(), chatbot: ChatbotChoice.nullable() });
export type AgentDetails = z.infer<typeof AgentDetails>;

/** One channel as its details show it. `config` holds the config's plain fields, never a secret. */
export const ChannelDetails = z.strictObject({
  channel: Channel,
  agents: z.array(AgentDetails),
  welcomeMessage: z.string().nullable(),
  optOutMessage: z.string().nullable(),
  helpMessage: z.string().nullable(),
  chatbot: ChatbotChoice.nullable(),
  config: z.record(z.string(), z.string()),
});
export type ChannelDetails = z.infer<typeof ChannelDetails>;

// ---- the drafts ------------------------------------------------------------------------------------------------

function channelName(max: number) {
  return z.string().trim().min(1, 'Give the channel a name').max(max, `The name is at most ${max} characters`);
}

const ChannelMessage = (what: string) =>
  z.string().trim().max(CHANNEL_MESSAGE_MAX_LENGTH, `The ${what} is at most ${CHANNEL_MESSAGE_MAX_LENGTH} characters`);

const Country = z.enum(channelCountryCodes, 'Choose a country from the list');
const WebAddress = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${what}`)
    .pipe(z.url({ protocol: /^https?$/, error: `The ${what} must be a web address starting with https://` }));

/** The RCS brand colour: `#AABBCC` that white text can be read on (line 352). */
export const RcsColour = z
  .string()
  .trim()
  .refine(isHexColour, 'Write the colour as # and six hex digits, for example #1A4F8B')
  .refine((colour) => !isHexColour(colour) || contrastWithWhite(colour) >= RCS_MIN_CONTRAST_WITH_WHITE, {
    message: `White text on this colour is too faint: the contrast must be at least ${RCS_MIN_CONTRAST_WITH_WHITE}:1`,
  });

/** A customer-facing phone number in international form (line 355). */
const RcsPhone = z
  .string()
  .trim()
  .regex(/^\+[1-9][\d\s\-().]{6,20}$/, 'Enter the phone number with its country code, for example +1 202 555 0143');

const SmsDraft = z.strictObject({
  type: z.literal('SMS'),
  name: channelName(CHANNEL_NAME_MAX_LENGTH),
  region: z.enum(channelRegions, 'Choose a region'),
  country: Country,
  shortCode: z.string().trim().regex(SHORT_CODE_PATTERN, 'A short code is 3 to 8 digits').optional(),
  vlnQuantity: z
    .number('Enter how many numbers to get')
    .int('Enter a whole number of numbers')
    .min(MIN_VLN_QUANTITY, `Get at least ${MIN_VLN_QUANTITY} number`)
    .max(MAX_VLN_QUANTITY, `At most ${MAX_VLN_QUANTITY} numbers at a time`),
});

const NamedDraft = z.strictObject({ type: z.enum(['WA', 'VI', 'WECHAT']), name: channelName(CHANNEL_NAME_MAX_LENGTH) });

const RcsDraft = z.strictObject({
  type: z.literal('RCS'),
  name: channelName(RCS_CHANNEL_NAME_MAX_LENGTH),
  description: z
    .string()
    .trim()
    .min(1, 'Describe the channel')
    .max(RCS_DESCRIPTION_MAX_LENGTH, `The description is at most ${RCS_DESCRIPTION_MAX_LENGTH} characters`),
  color: RcsColour,
  countries: z.array(Country).min(1, 'Choose at least one country'),
  /** The uploaded images' addresses; the files were checked against rcsImageRules before they were uploaded. */
  logo: z.url('Choose the logo image'),
  banner: z.url().optional(),
  phone: RcsPhone,
  website: WebAddress('website'),
  email: z.email('Enter an email address such as help@example.com'),
  privacy: WebAddress('privacy policy address'),
  terms: WebAddress('terms of service address'),
  category: z.enum(rcsCategories).optional(),
});

const TelegramDraft = z.strictObject({
  type: z.literal('TG'),
  name: channelName(CHANNEL_NAME_MAX_LENGTH),
  botName: z.string().trim().min(1, 'Enter the bot’s name').max(200, 'The bot’s name is at most 200 characters'),
  accessToken: z.string().trim().min(1, 'Enter the access token Telegram issued').max(4096),
});

/** A new channel, one shape per type (lines 308-379). */
export const ChannelDraft = z.discriminatedUnion('type', [SmsDraft, NamedDraft, RcsDraft, TelegramDraft]);
export type ChannelDraft = z.infer<typeof ChannelDraft>;
export type RcsChannelDraft = z.infer<typeof RcsDraft>;

/** What the agent changed on a channel (lines 806-814); the name keeps its type's limit (api-decisions). */
export const ChannelChange = z
  .strictObject({
    id: Id,
    /** The channel's type, for its name's limit. */
    type: Channel.shape.type,
    name: z.string().trim().min(1, 'Give the channel a name').optional(),
    welcomeMessage: ChannelMessage('welcome message').optional(),
    optOutMessage: ChannelMessage('opt-out message').optional(),
    helpMessage: ChannelMessage('help message').optional(),
    chatbot: ChatbotChoice.optional(),
  })
  .superRefine((change, context) => {
    const max = change.type === 'RCS' ? RCS_CHANNEL_NAME_MAX_LENGTH : CHANNEL_NAME_MAX_LENGTH;
    if (change.name !== undefined && change.name.length > max) {
      context.addIssue({ code: 'custom', path: ['name'], message: `The name is at most ${max} characters` });
    }
  });
export type ChannelChange = z.infer<typeof ChannelChange>;

export const AgentsRequest = z.strictObject({ channelId: Id, vlnQuantity: SmsDraft.shape.vlnQuantity });

export const AgentRef = z.strictObject({ channelId: Id, agentId: Id });

export const TelegramConfiguration = z.strictObject({
  agentId: Id,
  status: z.enum(telegramAgentStatuses),
  botName: TelegramDraft.shape.botName,
  accessToken: TelegramDraft.shape.accessToken,
});
export type TelegramConfiguration = z.infer<typeof TelegramConfiguration>;

export const channelAdminChannels = {
  'admin:channel': { input: z.strictObject({ id: Id }), output: ChannelDetails },
  'admin:create-channel': { input: ChannelDraft, output: ChannelDetails },
  'admin:update-channel': { input: ChannelChange, output: ChannelDetails },
  'admin:delete-channel': { input: z.strictObject({ id: Id }), output: Done },
  /** Adds VLNs to an SMS channel (lines 1433-1470). */
  'admin:add-numbers': { input: AgentsRequest, output: Done },
  'admin:delete-agent': { input: AgentRef, output: Done },
  'admin:set-agent-chatbot': { input: AgentRef.extend({ chatbot: ChatbotChoice }), output: Done },
  /** A Telegram bot's status, name and token (lines 4190-4240); the token goes to the service and nowhere else. */
  'admin:configure-telegram': { input: TelegramConfiguration, output: Done },
  'admin:chatbot-stories': { input: z.strictObject({}), output: z.strictObject({ items: z.array(ChatbotStory) }) },
  /** One chatbot story on every channel (lines 1559-1580). */
  'admin:set-chatbot-everywhere': { input: ChatbotChoice, output: Done },
} as const;
