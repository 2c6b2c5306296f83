/**
 * "Send via": which of the account's agents a customer can be written to through (the ones in their subscriptions,
 * on channels messages can be sent through) and which one sends go through. The agent's choice is remembered per
 * customer in the account's cache (its keyed state, like the history-start mark): it names that account's agents, so
 * it belongs with the account's data and goes when the account is forgotten, and a cache rebuilt after damage only
 * falls back to the default. Preferences (electron-store) are app-wide and re-read whole on every read: wrong for a
 * value per customer.
 */
import type { SendOption, SendOptions } from '../../common/contract/send-via';
import type { Customer } from '../../common/domain';
import { isSendableChannelType } from '../../common/payloads';
import { fail, ok, type Result } from '../../common/result';
import type { Cache } from '../cache/cache';

export function chosenSenderKey(customerId: string): string {
  return `send-via:${customerId}`;
}

/** The customer's agents on sendable channels: every agent of their subscriptions, and the one of their latest message. */
function optionsFor(cache: Cache, customer: Customer): Result<SendOption[]> {
  const agents = cache.listAgents();
  if (!agents.ok) return agents;
  const channels = cache.listChannels();
  if (!channels.ok) return channels;
  const options: SendOption[] = [];
  // Channels in the cache's order (by name), then agents by id: the same customer always shows the same list.
  for (const channel of channels.value) {
    if (!isSendableChannelType(channel.type)) continue;
    for (const agent of agents.value) {
      if (agent.channelId !== channel.id) continue;
      const subscribed = customer.subscriptions[agent.id];
      if (subscribed === undefined && agent.id !== customer.lastAgentId) continue;
      options.push({
        agentId: agent.id,
        channelId: channel.id,
        channelType: channel.type,
        channelName: channel.name,
        agentLabel: agent.label,
        subscribed: subscribed !== false,
      });
    }
  }
  return ok(options);
}

function customerOf(cache: Cache, customerId: string): Result<Customer> {
  const customer = cache.getCustomer(customerId);
  if (!customer.ok) return customer;
  return customer.value === null ? fail('NOT_FOUND', `No customer ${customerId} in this account`, { field: 'customerId' }) : ok(customer.value);
}

/** The options for a customer, with the agent sends go through (see SendOptions.chosenAgentId). */
export function sendOptions(cache: Cache, customerId: string): Result<SendOptions> {
  const customer = customerOf(cache, customerId);
  if (!customer.ok) return customer;
  const options = optionsFor(cache, customer.value);
  if (!options.ok) return options;
  const remembered = cache.getCursor(chosenSenderKey(customerId));
  if (!remembered.ok) return remembered;
  const usable = (agentId: string | null | undefined) => options.value.some((option) => option.agentId === agentId && option.subscribed);
  const candidates = [remembered.value?.value, customer.value.lastAgentId, options.value.find((option) => option.subscribed)?.agentId];
  const chosenAgentId = candidates.find((agentId) => usable(agentId)) ?? null;
  return ok({ options: options.value, chosenAgentId });
}

/** Remembers `agentId` for the customer, once it is one of their options they did not opt out of. */
export function chooseSender(cache: Cache, customerId: string, agentId: string): Result<SendOptions> {
  const before = sendOptions(cache, customerId);
  if (!before.ok) return before;
  const option = before.value.options.find((candidate) => candidate.agentId === agentId);
  if (option === undefined) return fail('VALIDATION', 'This customer cannot be written to through that channel', { field: 'agentId' });
  if (!option.subscribed) return fail('OPTED_OUT', `The customer opted out of ${option.channelName}`, { field: 'agentId' });
  const saved = cache.setCursor(chosenSenderKey(customerId), agentId);
  if (!saved.ok) return saved;
  return sendOptions(cache, customerId);
}

/**
 * Why the outbox must not send to this customer through `agentId`, which it already found in the account: only an
 * opt-out stops it. The service writes to a customer through any agent of the account (and subscribes them to it),
 * so an agent outside their subscriptions is not refused here; "Send via" offers only theirs.
 */
export function optOutRefusal(customer: Customer, agentId: string): string | undefined {
  return customer.subscriptions[agentId] === false ? 'The customer opted out of this channel; they cannot be messaged through it until they write again' : undefined;
}
