/**
 * The customer channels for one signed-in account: details read from the cache, and the writes (rename, chatbot
 * switch, new customer, delete a customer or a message) made on the service first and then in the cache, with the
 * events that bring every list and thread up to date. Nothing is queued: while the system says it is offline a write
 * is refused at once, and a request that fails leaves the cache as it was. A customer or message the service no
 * longer has (404, 410) is deleted here too and counts as done.
 */
import { chatbotModeSetByAgent, customerUpdateBody } from '../../common/api-decisions';
import type { CustomerDetails, customersChannels } from '../../common/contract/customers';
import type { Customer, CustomerRecord } from '../../common/domain';
import { normalisePhone } from '../../common/phone-number';
import { fail, ok, type InboxError, type Result } from '../../common/result';
import type { Api } from '../api/client';
import type { Cache } from '../cache/cache';
import type { DeletedCustomers } from './deleted-customers';
import type { EventBus } from '../ipc/event-bus';
import type { HandlerTable } from '../ipc/handler-table';
import { customerRecord } from '../remote/map-api';

export type CustomerHandlers = Pick<HandlerTable, keyof typeof customersChannels>;

export interface CustomerHandlerOptions {
  api: Api;
  cache: Cache;
  events: EventBus;
  /** The system's word on the network (`sync:network`): false refuses writes before any request. */
  online: () => boolean;
  /** Told of every customer deleted, so a sync read begun before cannot store them again. */
  deletions?: DeletedCustomers;
}

/** Why a write was refused without trying: said the same way for every write. */
export function offlineRefusal(what: string): Result<never> {
  return fail('NETWORK', `You are offline, so ${what} needs the network. Nothing was changed.`, { retryable: true });
}

/** The service no longer has it: deleting it is already done. */
function isGone(error: InboxError): boolean {
  return error.code === 'NOT_FOUND' || error.code === 'GONE';
}

function cachedCustomer(cache: Cache, id: string): Result<Customer> {
  const found = cache.getCustomer(id);
  if (!found.ok) return found;
  return found.value ? ok(found.value) : fail('NOT_FOUND', `No customer ${id} in the cache`);
}

/** Each of the customer's subscriptions and chatbots, named by the channels and agents the cache knows. */
function detailsOf(cache: Cache, customer: Customer): Result<CustomerDetails> {
  const channels = cache.listChannels();
  if (!channels.ok) return channels;
  const agents = cache.listAgents();
  if (!agents.ok) return agents;
  const channelById = new Map(channels.value.map((channel) => [channel.id, channel]));
  const agentById = new Map(agents.value.map((agent) => [agent.id, agent]));
  const subscriptions = Object.entries(customer.subscriptions).map(([agentId, subscribed]) => {
    const agent = agentById.get(agentId);
    const channel = agent === undefined ? undefined : channelById.get(agent.channelId);
    return { agentId, agentLabel: agent?.label ?? null, channelName: channel?.name ?? null, channelType: channel?.type ?? null, subscribed };
  });
  // A chatbot is per channel: the channels the customer has a mode on, and those of their agents without one.
  const chatbotChannels = new Set(Object.keys(customer.chatbotEnabled));
  for (const { agentId } of subscriptions) {
    const channelId = agentById.get(agentId)?.channelId;
    if (channelId !== undefined) chatbotChannels.add(channelId);
  }
  const chatbots = [...chatbotChannels].map((channelId) => {
    const channel = channelById.get(channelId);
    return { channelId, channelName: channel?.name ?? null, channelType: channel?.type ?? null, mode: customer.chatbotEnabled[channelId] ?? null };
  });
  return ok({ customer, subscriptions, chatbots });
}

export function customerHandlers({ api, cache, events, online, deletions }: CustomerHandlerOptions): CustomerHandlers {
  const customersChanged = (id: string) => events.emit('customers:changed', { ids: [id] });

  return {
    'customers:details': ({ id }) => {
      const found = cache.getCustomer(id);
      if (!found.ok) return found;
      return found.value === null ? ok(null) : detailsOf(cache, found.value);
    },

    'customers:update': async ({ id, name, chatbot }) => {
      if (!online()) return offlineRefusal('changing a customer');
      const change = { ...(name === undefined ? {} : { name }), ...(chatbot === undefined ? {} : { chatbot }) };
      const answer = await api.call('customers.update', { path: { customer_id: id }, body: customerUpdateBody(change) });
      if (!answer.ok) return answer;
      const stored = cache.changeCustomer(id, {
        ...(name === undefined ? {} : { name }),
        ...(chatbot === undefined ? {} : { chatbot: { channelId: chatbot.channelId, mode: chatbotModeSetByAgent(chatbot.enabled) } }),
      });
      if (!stored.ok) return stored;
      customersChanged(id);
      return cachedCustomer(cache, id);
    },

    'customers:create': async ({ phone, name, region }) => {
      const number = normalisePhone(phone, region);
      if (!number.ok) return number;
      const known = cache.customerIdByPhone(number.value.service);
      if (!known.ok) return known;
      if (known.value !== null) {
        const customer = cachedCustomer(cache, known.value);
        return customer.ok ? ok({ customer: customer.value, existing: true }) : customer;
      }
      if (!online()) return offlineRefusal('adding a customer');
      const body = { phone: number.value.service, ...(name === undefined ? {} : { name }) };
      const created = await api.call('customers.create', { body });
      let existing = false;
      let record: CustomerRecord;
      if (created.ok) record = customerRecord(created.value.customer);
      else if (created.error.code === 'CONFLICT') {
        // The service knows the number though the cache does not (yet): that customer is the one to open.
        const fetched = await api.call('customers.get', { path: { identifier: number.value.service } });
        if (!fetched.ok) return fetched;
        record = customerRecord(fetched.value.customer);
        existing = true;
      } else return created;
      const stored = cache.upsertCustomers([record]);
      if (!stored.ok) return stored;
      customersChanged(record.id);
      const customer = cachedCustomer(cache, record.id);
      return customer.ok ? ok({ customer: customer.value, existing }) : customer;
    },

    'customers:delete': async ({ id }) => {
      if (!online()) return offlineRefusal('deleting a customer');
      const answer = await api.call('customers.delete', { path: { customer_id: id } });
      if (!answer.ok && !isGone(answer.error)) return answer;
      deletions?.deleted(id);
      const removed = cache.deleteCustomer(id);
      if (!removed.ok) return removed;
      customersChanged(id);
      events.emit('drafts:changed', { customerId: id, draft: null });
      return ok({ alreadyGone: !answer.ok });
    },

    'messages:delete': async ({ customerId, messageId }) => {
      if (!online()) return offlineRefusal('deleting a message');
      const answer = await api.call('messages.delete', { path: { messageID: messageId } });
      if (!answer.ok && !isGone(answer.error)) return answer;
      const removed = cache.deleteMessage(customerId, messageId);
      if (!removed.ok) return removed;
      events.emit('messages:changed', { customerId, ids: [removed.value ?? messageId] });
      customersChanged(customerId);
      return ok({ alreadyGone: !answer.ok });
    },
  };
}
