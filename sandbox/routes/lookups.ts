/**
 * Finding the caller's own channels, agents and customers by the ids and identifiers in a request path.
 */
import { ApiError } from '../api-error';
import type { AuthedContext } from '../http';
import type { Agent, Channel, ChannelType } from '../model';
import { phoneDigits } from '../phone';
import type { CustomerRecord } from '../store';
import { isId, notFound, owned, requireId } from '../validation';

export function scope(context: AuthedContext) {
  return { op: context.op, store: context.runtime.store, enterprise: context.enterprise };
}

export function ownedChannel(context: AuthedContext, channelId: string | undefined): Channel {
  const id = requireId(channelId, 'channel_id');
  return owned(scope(context), 'channel', id, context.enterprise.channels.get(id), 'Channel');
}

export function ownedAgent(context: AuthedContext, agentId: string | undefined): { agent: Agent; channel: Channel } {
  const id = requireId(agentId, 'agent_id');
  return owned(scope(context), 'agent', id, context.enterprise.agent(id), 'Agent');
}

/** The agent behind `/api/agents/{kind}/{agent_id}/...`, which must be of that kind's channel type. */
export function ownedAgentOfType(context: AuthedContext, agentId: string | undefined, type: ChannelType) {
  const found = ownedAgent(context, agentId);
  if (found.channel.type !== type) {
    throw new ApiError(400, 'Wrong agent type', `Agent ${found.agent._id} belongs to a ${found.channel.type} channel, not ${type}`);
  }
  return found;
}

/**
 * `{identifier}`: a customer `_id` or phone number (lines 1640, 3276); a WeChat customer's "phone" is their WeChat
 * id (see messaging.customerForAddress), found as it is.
 */
export function ownedCustomer(context: AuthedContext, identifier: string | undefined): CustomerRecord {
  const value = identifier ?? '';
  if (isId(value)) return owned(scope(context), 'customer', value, context.enterprise.customers.get(value), 'Customer');
  const digits = phoneDigits(value);
  const customer = context.enterprise.customers.getByPhone(digits ?? value.trim());
  if (customer !== undefined) return customer;
  if (digits === undefined) throw new ApiError(400, 'Invalid identifier', `"${value}" is neither a customer id nor a phone number`);
  throw notFound(context.op, 'Customer', value);
}
