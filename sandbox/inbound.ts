/**
 * A customer writing in, as the control API, the in-process handle and simulated customers make them: find the
 * enterprise, the customer (by id or phone, created if new) and the agent they write to.
 */
import { ApiError } from './api-error';
import { customerForAddress, receiveFromCustomer, type Conversation } from './messaging';
import { channelTypes, type ChannelType, type Message } from './model';
import type { SandboxRuntime } from './runtime';
import type { CustomerRecord, Enterprise } from './store';
import { isId } from './validation';

export interface InboundInput {
  email?: string;
  /** Customer `_id` or phone number. */
  customer: string;
  text: string;
  /** SMS, WA, VI, TG, RCS, WECHAT, or sms, whatsapp, viber, telegram, rcs, wechat. */
  channelType?: string;
}

const channelTypeAliases: Record<string, ChannelType> = { sms: 'SMS', whatsapp: 'WA', viber: 'VI', telegram: 'TG', rcs: 'RCS', wechat: 'WECHAT' };

export function normaliseChannelType(value: string): ChannelType | undefined {
  const upper = value.toUpperCase();
  return channelTypes.find((type) => type === upper) ?? channelTypeAliases[value.toLowerCase()];
}

export function enterpriseFor(runtime: SandboxRuntime, email: string | undefined): Enterprise {
  const enterprise =
    email === undefined ? runtime.store.enterpriseByEmail(runtime.options.accounts[0]?.email ?? '') : runtime.store.enterpriseByEmail(email);
  if (enterprise === undefined) throw new ApiError(404, 'Unknown account', `No sandbox account ${email ?? ''}`);
  return enterprise;
}

/** The agent a customer writes to: the channel type's agent they know, else the one they last talked to. */
function conversationFor(enterprise: Enterprise, customer: CustomerRecord, type: ChannelType | undefined): Omit<Conversation, 'customer'> {
  const known = new Set(Object.keys(customer.customer.subscriptions));
  const history = enterprise.messages.forCustomer(customer.customer._id);
  const lastAgent = history[history.length - 1]?.agent_id;
  const channels = [...enterprise.channels.values()].filter((channel) => channel.agents.length > 0 && (type === undefined || channel.type === type));
  const candidates = channels.flatMap((channel) => channel.agents.map((agent) => ({ channel, agent, enterprise })));
  const chosen =
    candidates.find((candidate) => type === undefined && candidate.agent._id === lastAgent) ??
    candidates.find((candidate) => known.has(candidate.agent._id)) ??
    candidates.find((candidate) => candidate.channel.status === 'ACTIVE') ??
    candidates[0];
  if (chosen === undefined) throw new ApiError(400, 'No agent', `The account has no ${type ?? ''} channel with an agent`);
  return chosen;
}

export function injectInbound(runtime: SandboxRuntime, input: InboundInput): Message {
  const enterprise = enterpriseFor(runtime, input.email);
  const type = input.channelType === undefined ? undefined : normaliseChannelType(input.channelType);
  if (input.channelType !== undefined && type === undefined) throw new ApiError(400, 'Unknown channelType', `Unknown channel type ${input.channelType}`);
  let customer = isId(input.customer) ? enterprise.customers.get(input.customer) : undefined;
  if (customer === undefined && isId(input.customer)) throw new ApiError(404, 'Customer not found', `No customer ${input.customer}`);
  customer ??= customerForAddress(runtime, enterprise, input.customer, type ?? 'SMS');
  if (customer === undefined) throw new ApiError(400, 'Invalid customer', `"${input.customer}" is neither a customer id nor a phone number`);
  const conversation = conversationFor(enterprise, customer, type);
  return receiveFromCustomer(runtime, { ...conversation, customer }, { type: 'TEXT', text: input.text });
}
