/**
 * The API's response shapes mapped onto the cache's records, in one place: ISO dates become epoch milliseconds,
 * `_id` becomes `id`, absent fields become null, and a record the cache cannot hold is reported, not guessed at.
 */
import type { ApiAgent, ApiChannel, ApiCustomer, ApiMessage } from '../../common/api-types';
import {
  ChannelStatus,
  ChannelType,
  MessageOrigin,
  MessageStatus,
  type Agent,
  type Channel,
  type CustomerRecord,
  type MessageRecord,
} from '../../common/domain';

/** Epoch milliseconds of an ISO date-time, or null when absent or unreadable. */
export function timeOf(iso: string | null | undefined): number | null {
  if (iso === null || iso === undefined) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) || ms < 0 ? null : ms;
}

export function customerRecord(customer: ApiCustomer): CustomerRecord {
  return {
    id: customer._id,
    name: customer.name ?? null,
    phone: customer.phone,
    country: customer.country ?? null,
    subscriptions: customer.subscriptions ?? {},
    chatbotEnabled: customer.chatbot_enabled ?? {},
    created: timeOf(customer.created),
    modified: timeOf(customer.modified),
    lastMessageTime: timeOf(customer.last_message_time),
  };
}

/**
 * The agent id stored for a message that names none. The reference types `agent_id` as a string (line 3327) but
 * the client accepts null (common/api-types); the cache needs some id, and this one matches no real agent.
 */
export const NO_AGENT_ID = 'none';

/**
 * A message as the cache stores it, or null when it cannot be shown truthfully: no known origin (lines 3331, 3342)
 * or no time at all. A missing status is read as SENT, the state every message the service reports has reached.
 * `customerId` is the conversation the history was asked for: every message in it belongs there, so that id is
 * stored even if the message spells its customer another way, and a conversation cannot split in two.
 */
export function messageRecord(message: ApiMessage, customerId: string): MessageRecord | null {
  const origin = MessageOrigin.safeParse(message.origin);
  const status = MessageStatus.safeParse(message.status ?? 'SENT');
  const sent = timeOf(message.sent) ?? timeOf(message.created);
  if (!origin.success || !status.success || sent === null) return null;
  return {
    messageId: message.message_id,
    customerId,
    agentId: message.agent_id ?? NO_AGENT_ID,
    origin: origin.data,
    status: status.data,
    sent,
    modified: timeOf(message.modified),
    payload: message.payload,
  };
}

/** Config fields that name an agent to a person, per channel type (SMS VLN, Telegram bot, sender names). */
const agentLabelFields = ['vln', 'phone_number', 'bot_name', 'display_name', 'sender_name', 'agent_name', 'name'] as const;

function agentLabel(agent: ApiAgent): string | null {
  for (const field of agentLabelFields) {
    const value = agent.config?.[field];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return null;
}

/** A channel and its agents, or null for a channel type the app does not know. */
export function channelRecords(channel: ApiChannel): { channel: Channel; agents: Agent[] } | null {
  const type = ChannelType.safeParse(channel.type);
  if (!type.success) return null;
  const status = ChannelStatus.safeParse(channel.status);
  return {
    channel: {
      id: channel._id,
      type: type.data,
      name: channel.config?.name ?? type.data,
      status: status.success ? status.data : null,
      created: timeOf(channel.created),
      modified: timeOf(channel.modified),
    },
    agents: (channel.agents ?? []).map((agent) => ({
      id: agent._id,
      channelId: channel._id,
      label: agentLabel(agent),
      created: timeOf(agent.created),
      modified: timeOf(agent.modified),
    })),
  };
}
