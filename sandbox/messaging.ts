/**
 * What happens when a message moves: an agent's send (refused while the customer is opted out), a customer's
 * inbound message (which re-subscribes them, and fires a keyword event when it is one of the keywords), and the
 * bookkeeping both share (the customer's last_message_time and subscriptions).
 */
import { ApiError, OPTED_OUT_REASON } from './api-error';
import type { Agent, Channel, KeywordEvent, Message, MessageOrigin, MessageStatus } from './model';
import { parsePhone } from './phone';
import { newId, nowIso, type SandboxRuntime } from './runtime';
import type { CustomerRecord, Enterprise } from './store';

export interface Conversation {
  enterprise: Enterprise;
  channel: Channel;
  agent: Agent;
  customer: CustomerRecord;
}

/**
 * The customer a send addresses. Phone numbers are normalised to digits; WeChat addresses customers by their
 * WeChat id rather than a phone (its send's `customerNumber` example is "string", line 5497), so a WeChat id that is
 * not a phone number names a customer whose `phone` is that id and whose country is unknown ("ZZ", the CLDR code
 * for an unknown region).
 */
export function customerForAddress(
  runtime: SandboxRuntime,
  enterprise: Enterprise,
  address: string,
  channelType: Channel['type'],
): CustomerRecord | undefined {
  const phone = parsePhone(address);
  const key = phone?.digits ?? (channelType === 'WECHAT' ? address.trim() : undefined);
  if (key === undefined || key === '') return undefined;
  const existing = enterprise.customers.getByPhone(key);
  if (existing !== undefined) return existing;
  return createCustomer(runtime, enterprise, { phone: key, country: phone?.country ?? 'ZZ' });
}

export function createCustomer(
  runtime: SandboxRuntime,
  enterprise: Enterprise,
  input: { phone: string; country: string; name?: string },
): CustomerRecord {
  const now = nowIso(runtime);
  const id = newId(runtime);
  runtime.store.register('customer', enterprise.id, id);
  return enterprise.customers.add({
    _id: id,
    ...(input.name === undefined ? {} : { name: input.name }),
    phone: input.phone,
    country: input.country,
    subscriptions: {},
    chatbot_enabled: {},
    chatbot_notification_received: {},
    created: now,
    modified: now,
    last_message_time: now,
  });
}

function record(
  runtime: SandboxRuntime,
  conversation: Conversation,
  payload: unknown,
  origin: MessageOrigin,
  status: MessageStatus,
): Message {
  const now = nowIso(runtime);
  const message: Message = {
    message_id: newId(runtime),
    customer_id: conversation.customer.customer._id,
    agent_id: conversation.agent._id,
    payload,
    origin,
    sent: now,
    created: now,
    modified: now,
    status,
  };
  runtime.store.register('message', conversation.enterprise.id, message.message_id);
  conversation.enterprise.messages.add(message);
  conversation.enterprise.customers.change(conversation.customer, (customer) => {
    customer.last_message_time = now;
    if (conversation.channel.type === 'TG' && customer.telegram_chat_id === undefined) {
      customer.telegram_chat_id = String(runtime.random.int(100_000_000, 999_999_999));
    }
  });
  return message;
}

export function isOptedOut(conversation: Pick<Conversation, 'agent' | 'customer'>): boolean {
  return conversation.customer.customer.subscriptions[conversation.agent._id] === false;
}

/** An agent's (or bot's, or broadcast's) message to the customer. */
export function sendToCustomer(
  runtime: SandboxRuntime,
  conversation: Conversation,
  payload: unknown,
  origin: MessageOrigin = 'AGENT',
): Message {
  if (isOptedOut(conversation)) {
    throw new ApiError(
      403,
      OPTED_OUT_REASON,
      `Customer ${conversation.customer.customer.phone} opted out of this agent; they cannot be messaged until they write again`,
    );
  }
  return deliver(runtime, conversation, payload, origin);
}

function deliver(runtime: SandboxRuntime, conversation: Conversation, payload: unknown, origin: MessageOrigin): Message {
  const message = record(runtime, conversation, payload, origin, 'SENT');
  conversation.enterprise.customers.change(conversation.customer, (customer) => {
    customer.subscriptions[conversation.agent._id] ??= true;
  });
  runtime.onOutbound?.(conversation.enterprise, conversation.channel, message);
  return message;
}

function keywordEventFor(enterprise: Enterprise, text: string): KeywordEvent | undefined {
  const word = text.trim().toLowerCase();
  for (const event of enterprise.keywordEvents.values()) {
    if (event.keywords.some((keyword) => keyword.toLowerCase() === word)) return event;
  }
  return undefined;
}

function textOf(payload: unknown): string | undefined {
  if (payload === null || typeof payload !== 'object' || !('text' in payload)) return undefined;
  return typeof payload.text === 'string' ? payload.text : undefined;
}

/**
 * A customer's message. Writing re-subscribes them (line 2319: opted out "until he sends any message again"),
 * except when the message is an opt-out keyword; keyword events answer with their configured message.
 */
export function receiveFromCustomer(runtime: SandboxRuntime, conversation: Conversation, payload: unknown): Message {
  const message = record(runtime, conversation, payload, 'CUSTOMER', 'DELIVERED');
  const text = textOf(payload);
  const event = text === undefined ? undefined : keywordEventFor(conversation.enterprise, text);
  const channelMessages = conversation.channel.keyword_events_messages ?? {};
  const answer =
    event?.config.type === 'OPT_OUT'
      ? channelMessages.opt_out_message
      : event?.config.type === 'HELP'
        ? channelMessages.help_message
        : event?.config.type === 'JOIN'
          ? (event.config.message ?? conversation.channel.welcome_message)
          : undefined;
  conversation.enterprise.customers.change(conversation.customer, (customer) => {
    customer.subscriptions[conversation.agent._id] = true;
  });
  if (answer !== undefined && answer !== '') deliver(runtime, conversation, { type: 'TEXT', text: answer }, 'BOT');
  if (event?.config.type === 'OPT_OUT') {
    conversation.enterprise.customers.change(conversation.customer, (customer) => {
      customer.subscriptions[conversation.agent._id] = false;
    });
  }
  return message;
}

export function setStatus(runtime: SandboxRuntime, message: Message, status: MessageStatus): void {
  message.status = status;
  message.modified = nowIso(runtime);
  runtime.store.dirty = true;
}
