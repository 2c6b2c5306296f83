/**
 * The channel list of the Administration area (reference lines 87-275), narrowed by type and status and searched
 * by the service, and one channel's details, creation (one body per type, lines 276-379), change (lines 780-814)
 * and deletion. Channels of a type this app does not know are left out, as the inbox's sync leaves them out; a
 * bot's access token, should the service answer one, never leaves main.
 */
import { channelsOrder, normaliseChatbotOrigin } from '../../common/api-decisions';
import { ChatbotRef, type ApiAgent, type ApiChannel } from '../../common/api-types';
import type { AdminChannel } from '../../common/contract/admin';
import type { ChannelChange, ChannelDetails, ChannelDraft, ChatbotChoice } from '../../common/contract/admin-channels';
import { fail, ok, type Result } from '../../common/result';
import type { Api } from '../api/client';
import type { HandlerTable } from '../ipc/handler-table';
import { channelRecords } from '../remote/map-api';

type ChannelHandlers = Pick<
  HandlerTable,
  'admin:channels' | 'admin:channel' | 'admin:create-channel' | 'admin:update-channel' | 'admin:delete-channel'
>;

/** The config fields a channel's details show: the reference's plain ones (lines 656-699), no secret among them. */
const shownConfigFields = [
  'region', 'country', 'short_code', 'mw_sender_list_id', 'bot_name', 'description', 'color', 'category', 'phone',
  'label_phone', 'website', 'label_website', 'email', 'label_email', 'privacy', 'terms', 'logo', 'banner',
] as const;

export function chatbotChoice(value: unknown): ChatbotChoice | null {
  const parsed = ChatbotRef.safeParse(value);
  if (!parsed.success || !parsed.data.story_id || !parsed.data.origin) return null;
  const origin = normaliseChatbotOrigin(parsed.data.origin);
  return origin === undefined ? null : { storyId: parsed.data.story_id, origin };
}

function shownConfig(config: ApiChannel['config']): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const field of shownConfigFields) {
    const value: unknown = config?.[field];
    if (typeof value === 'string' && value !== '') shown[field] = value;
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string') && value.length > 0) shown[field] = value.join(', ');
  }
  return shown;
}

export function channelDetails(channel: ApiChannel): Result<ChannelDetails> {
  const records = channelRecords(channel);
  if (records === null) return fail('BAD_RESPONSE', `The service answered a channel of unknown type "${channel.type}"`);
  const apiAgents = new Map((channel.agents ?? []).map((agent: ApiAgent) => [agent._id, agent]));
  return ok({
    channel: records.channel,
    agents: records.agents.map((agent) => {
      const apiAgent = apiAgents.get(agent.id);
      return { ...agent, status: apiAgent?.status ?? null, chatbot: chatbotChoice(apiAgent?.['chatbot']) };
    }),
    welcomeMessage: channel.welcome_message ?? null,
    optOutMessage: channel.keyword_events_messages?.opt_out_message ?? null,
    helpMessage: channel.keyword_events_messages?.help_message ?? null,
    chatbot: chatbotChoice(channel.chatbot),
    config: shownConfig(channel.config),
  });
}

/** The `POST /api/channels` body of a draft: its type and its type's config (lines 308-379). */
export function channelCreateBody(draft: ChannelDraft) {
  switch (draft.type) {
    case 'SMS':
      return {
        type: draft.type,
        vln_quantity: draft.vlnQuantity,
        config: { name: draft.name, region: draft.region, country: draft.country, ...(draft.shortCode ? { short_code: draft.shortCode } : {}) },
      };
    case 'RCS': {
      const { type, name, countries, ...rest } = draft;
      const optional = { ...(rest.banner ? { banner: rest.banner } : {}), ...(rest.category ? { category: rest.category } : {}) };
      return {
        type,
        config: {
          name,
          country: countries,
          description: rest.description,
          color: rest.color,
          logo: rest.logo,
          phone: rest.phone,
          website: rest.website,
          email: rest.email,
          privacy: rest.privacy,
          terms: rest.terms,
          ...optional,
        },
      };
    }
    case 'TG':
      return { type: draft.type, config: { name: draft.name, bot_name: draft.botName, access_token: draft.accessToken } };
    default:
      return { type: draft.type, config: { name: draft.name } };
  }
}

/** The `PATCH` body: only what changed; the opt-out and help messages travel together as the reference nests them. */
function channelPatch(change: ChannelChange) {
  const messages = {
    ...(change.optOutMessage === undefined ? {} : { opt_out_message: change.optOutMessage }),
    ...(change.helpMessage === undefined ? {} : { help_message: change.helpMessage }),
  };
  return {
    ...(change.name === undefined ? {} : { config: { name: change.name } }),
    ...(change.welcomeMessage === undefined ? {} : { welcome_message: change.welcomeMessage }),
    ...(Object.keys(messages).length > 0 ? { keyword_events_messages: messages } : {}),
    ...(change.chatbot === undefined ? {} : { chatbot: { story_id: change.chatbot.storyId, origin: change.chatbot.origin } }),
  };
}

export function channelHandlers(api: Api): ChannelHandlers {
  return {
    'admin:channels': async ({ offset, limit, search, type, status }) => {
      const answer = await api.call('channels.list', {
        query: {
          offset,
          limit,
          sort: 'created',
          order: channelsOrder('ascending'),
          ...(search ? { search } : {}),
          ...(type ? { type } : {}),
          ...(status ? { status } : {}),
        },
      });
      if (!answer.ok) return answer;
      const items = answer.value.channels.map(channelRecords).filter((records): records is AdminChannel => records !== null);
      return ok({ items, total: answer.value.total });
    },
    'admin:channel': async ({ id }) => {
      const answer = await api.call('channels.get', { path: { channel_id: id } });
      return answer.ok ? channelDetails(answer.value.channel) : answer;
    },
    'admin:create-channel': async (draft) => {
      const answer = await api.call('channels.create', { body: channelCreateBody(draft) });
      return answer.ok ? channelDetails(answer.value.channel) : answer;
    },
    'admin:update-channel': async (change) => {
      const answer = await api.call('channels.update', { path: { channel_id: change.id }, body: channelPatch(change) });
      return answer.ok ? channelDetails(answer.value.channel) : answer;
    },
    'admin:delete-channel': async ({ id }) => {
      const answer = await api.call('channels.delete', { path: { channel_id: id } });
      return answer.ok ? ok({}) : answer;
    },
  };
}
