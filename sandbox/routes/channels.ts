/**
 * Channels and their agents (reference lines 87-1633): list, create, get, update, delete; agents get, create,
 * update, delete; one chatbot story on every channel; and the Telegram agent's configuration.
 */
import { getCountryCallingCode, isSupportedCountry } from 'libphonenumber-js/max';
import { z } from 'zod';
import { MAX_VLN_QUANTITY, MIN_VLN_QUANTITY } from '../../common/api-decisions';
import { ApiError } from '../api-error';
import {
  ChannelTypeSchema,
  ChatbotOriginSchema,
  ChatbotSchema,
  CreateChannelSchema,
  UpdateChannelSchema,
  type CreateChannelInput,
} from '../channel-rules';
import type { Api, AuthedContext } from '../http';
import { listBody, matchesSearch, parseEnumParam, parseOrder, parsePaging, parseSort, sortAndPage, textParam } from '../listing';
import { channelStatuses, type Agent, type Channel, type ChannelType } from '../model';
import { newId, nowIso, type SandboxRuntime } from '../runtime';
import type { Enterprise } from '../store';
import { notFound, owned, parseInput, requireId } from '../validation';
import { ownedAgentOfType, ownedChannel, scope } from './lookups';

/** A virtual long number: the country's calling code and enough digits for an international number. */
export function virtualNumber(runtime: SandboxRuntime, country: string): string {
  // Countries without numbering metadata (e.g. AQ, BV) get a US number, as an SMS provider would assign.
  const code = isSupportedCountry(country) ? getCountryCallingCode(country) : '1';
  return `${code}${runtime.random.int(2, 9)}${runtime.random.digits(11 - code.length)}`;
}

export function newAgent(runtime: SandboxRuntime, enterprise: Enterprise, config: Record<string, unknown>): Agent {
  const now = nowIso(runtime);
  const agent: Agent = { _id: newId(runtime), created: now, modified: now, config };
  runtime.store.register('agent', enterprise.id, agent._id);
  return agent;
}

/** What an agent of each type looks like: a VLN for SMS, the bot for Telegram, the sender for the others. */
export function agentConfigFor(runtime: SandboxRuntime, channel: Pick<Channel, 'type' | 'config'>): Record<string, unknown> {
  const country = typeof channel.config['country'] === 'string' ? channel.config['country'] : 'US';
  switch (channel.type) {
    case 'SMS':
      return { vln: virtualNumber(runtime, country) };
    case 'TG':
      return { bot_name: channel.config['bot_name'] ?? `${channel.config.name.replace(/\W+/g, '')}Bot` };
    case 'WA':
      return { phone_number: virtualNumber(runtime, 'US'), display_name: channel.config.name };
    case 'VI':
      return { sender_name: channel.config.name };
    case 'RCS':
      return { agent_name: channel.config.name };
    case 'WECHAT':
      return { app_id: `wx${runtime.random.hex(16)}` };
  }
}

function channelConfig(input: CreateChannelInput): Channel['config'] {
  const type: ChannelType = input.type;
  switch (input.type) {
    case 'SMS': {
      const config = input.config ?? { name: 'SMS channel', region: 'NA' as const, country: 'US' };
      return { ...config, short_code: config.short_code ?? null, mw_sender_list_id: config.mw_sender_list_id ?? null, type };
    }
    case 'TG': {
      // The bot's access token is a secret: it is kept, but not echoed back in channel answers.
      const { access_token: _secret, ...config } = input.config ?? { name: 'Telegram channel', bot_name: 'SandboxBot', access_token: '' };
      return { ...config, type };
    }
    default:
      return { ...(input.config ?? { name: `${type} channel` }), type };
  }
}

export function createChannel(runtime: SandboxRuntime, enterprise: Enterprise, input: CreateChannelInput, status: Channel['status'] = 'ACTIVE'): Channel {
  const now = nowIso(runtime);
  const channel: Channel = {
    _id: input._id ?? newId(runtime),
    type: input.type,
    status,
    ...(input.chatbot === undefined ? {} : { chatbot: input.chatbot }),
    ...(input.keyword_events_messages === undefined ? {} : { keyword_events_messages: input.keyword_events_messages }),
    ...(input.welcome_message === undefined ? {} : { welcome_message: input.welcome_message }),
    config: channelConfig(input),
    created: now,
    modified: now,
    agents: [],
  };
  runtime.store.register('channel', enterprise.id, channel._id);
  const agentCount = input.type === 'SMS' ? (input.vln_quantity ?? 1) : 1;
  for (let count = 0; count < agentCount; count++) channel.agents.push(newAgent(runtime, enterprise, agentConfigFor(runtime, channel)));
  enterprise.channels.set(channel._id, channel);
  return channel;
}

const channelSortFields = ['created', 'modified', 'name', 'type', 'status'] as const;

const CreateAgentsSchema = z.object({
  type: z.literal('SMS'),
  provider: z.literal('IZONET'),
  vln_quantity: z.number().int().min(MIN_VLN_QUANTITY).max(MAX_VLN_QUANTITY),
});

const UpdateAgentSchema = z.object({ chatbot: ChatbotSchema });

const SetChatbotSchema = z.object({ story_id: z.string().min(1), origin: ChatbotOriginSchema.optional() });

const ConfigureTelegramSchema = z.object({
  status: z.enum(['ACTIVE', 'ON_APPROVAL', 'HOLD']),
  config: z.object({ bot_name: z.string().min(1), access_token: z.string().min(1) }),
});

function agentInChannel(context: AuthedContext): { channel: Channel; agent: Agent } {
  const channel = ownedChannel(context, context.params['channel_id']);
  const agentId = requireId(context.params['agent_id'], 'agent_id');
  const agent = channel.agents.find((candidate) => candidate._id === agentId);
  if (agent !== undefined) return { channel, agent };
  // Another of our channels' agents is simply not in this channel.
  if (context.enterprise.agent(agentId) !== undefined) throw notFound(context.op, 'Agent', agentId);
  return { channel, agent: owned<Agent>(scope(context), 'agent', agentId, undefined, 'Agent') };
}

export function registerChannelRoutes(api: Api): void {
  const { runtime } = api;

  api.route('channels.list', ({ enterprise, query }) => {
    const paging = parsePaging(query);
    const direction = parseOrder(query, 'words', 1);
    const sort = parseSort(query, channelSortFields, 'created');
    const status = parseEnumParam(query, 'status', channelStatuses);
    const type = parseEnumParam(query, 'type', ChannelTypeSchema.options);
    const name = textParam(query, 'name');
    const search = textParam(query, 'search');
    const matching = [...enterprise.channels.values()].filter(
      (channel) =>
        (status === undefined || channel.status === status) &&
        (type === undefined || channel.type === type) &&
        matchesSearch(name, channel.config.name) &&
        matchesSearch(search, channel.config.name, channel.type, channel.status),
    );
    const keyOf = (channel: Channel) => (sort === 'name' ? channel.config.name : channel[sort]);
    const page = sortAndPage(matching, keyOf, direction, paging);
    return { body: listBody('channels', page.items, page.total, paging) };
  });

  api.route('channels.create', ({ enterprise, body }) => {
    const input = parseInput(CreateChannelSchema, body);
    if (input._id !== undefined && runtime.store.registry.has(input._id)) {
      throw new ApiError(409, 'Channel already exists', `A channel with _id ${input._id} already exists`);
    }
    const name = (input.config?.name ?? '').toLowerCase();
    if (name !== '' && [...enterprise.channels.values()].some((channel) => channel.config.name.toLowerCase() === name)) {
      throw new ApiError(409, 'Channel name taken', `A channel named "${input.config?.name ?? ''}" already exists`);
    }
    return { body: { channel: createChannel(runtime, enterprise, input) } };
  });

  api.route('channels.get', (context) => ({ body: { channel: ownedChannel(context, context.params['channel_id']) } }));

  api.route('channels.update', (context) => {
    const channel = ownedChannel(context, context.params['channel_id']);
    const input = parseInput(UpdateChannelSchema, context.body);
    const newName = input.config?.name;
    if (newName !== undefined && channel.type === 'RCS' && newName.length > 40) {
      throw new ApiError(400, 'Invalid body', 'config.name: an RCS channel name has at most 40 characters');
    }
    if (input.chatbot !== undefined) channel.chatbot = input.chatbot;
    if (input.keyword_events_messages !== undefined) {
      channel.keyword_events_messages = { ...channel.keyword_events_messages, ...input.keyword_events_messages };
    }
    if (input.welcome_message !== undefined) channel.welcome_message = input.welcome_message;
    if (newName !== undefined) channel.config.name = newName;
    channel.modified = nowIso(runtime);
    return { body: { channel } };
  });

  api.route('channels.delete', (context) => {
    const channel = ownedChannel(context, context.params['channel_id']);
    context.enterprise.channels.delete(channel._id);
    runtime.store.markDeleted(channel._id);
    for (const agent of channel.agents) runtime.store.markDeleted(agent._id);
    return { body: { success: true } };
  });

  api.route('agents.get', (context) => ({ body: agentInChannel(context).agent }));

  api.route('agents.delete', (context) => {
    const { channel, agent } = agentInChannel(context);
    channel.agents = channel.agents.filter((candidate) => candidate !== agent);
    channel.modified = nowIso(runtime);
    runtime.store.markDeleted(agent._id);
    return { body: { success: true } };
  });

  api.route('agents.update', (context) => {
    const { agent } = agentInChannel(context);
    agent.chatbot = parseInput(UpdateAgentSchema, context.body).chatbot;
    agent.modified = nowIso(runtime);
    return {};
  });

  api.route('agents.create', (context) => {
    const channel = ownedChannel(context, context.params['channel_id']);
    const input = parseInput(CreateAgentsSchema, context.body);
    if (channel.type !== 'SMS') {
      throw new ApiError(409, 'Only SMS channels have several agents', `A ${channel.type} channel has exactly one agent`);
    }
    const created = Array.from({ length: input.vln_quantity }, () => newAgent(runtime, context.enterprise, agentConfigFor(runtime, channel)));
    channel.agents.push(...created);
    channel.modified = nowIso(runtime);
    return { body: created };
  });

  api.route('channels.setChatbot', ({ enterprise, body }) => {
    const input = parseInput(SetChatbotSchema, body);
    const now = nowIso(runtime);
    for (const channel of enterprise.channels.values()) {
      channel.chatbot = { story_id: input.story_id, origin: input.origin ?? channel.chatbot?.origin ?? 'OWN' };
      channel.modified = now;
    }
    return {};
  });

  api.route('telegram.configure', (context) => {
    const { agent, channel } = ownedAgentOfType(context, context.params['agent_id'], 'TG');
    const input = parseInput(ConfigureTelegramSchema, context.body);
    const now = nowIso(runtime);
    agent.status = input.status;
    agent.config = { ...agent.config, bot_name: input.config.bot_name };
    agent.modified = now;
    channel.status = input.status;
    channel.config = { ...channel.config, bot_name: input.config.bot_name };
    channel.modified = now;
    return { body: { success: true } };
  });

}
