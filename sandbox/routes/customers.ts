/**
 * Customers (lines 1633-2170) and their message history (lines 3263-3480): list with search and sort over large
 * tables, get by id or phone, create (409 on a known phone), update, delete; history and message deletion.
 */
import { z } from 'zod';
import { chatbotModes } from '../../common/api-decisions';
import { ApiError } from '../api-error';
import type { Api } from '../http';
import { listBody, parseEnumParam, parseOrder, parsePaging, parseSort, textParam, type Paging } from '../listing';
import { createCustomer } from '../messaging';
import { messageOrigins, type Message } from '../model';
import { parsePhone } from '../phone';
import { nowIso } from '../runtime';
import { customerSortFields, type CustomerRecord, type CustomerTable } from '../store';
import { owned, parseInput, requireId } from '../validation';
import { ownedCustomer, scope } from './lookups';

const CreateCustomerSchema = z.object({ phone: z.string().min(1), name: z.string().max(200).optional() });

const UpdateCustomerSchema = z.object({
  chatbot_enabled: z.record(z.string(), z.enum(chatbotModes)).optional(),
  name: z.string().max(200).optional(),
});

/** One page of customers in `sort` order, matching `search` (name or phone) and the name/phone filters. */
export function customerPage(
  customers: CustomerTable,
  options: { sort: (typeof customerSortFields)[number]; direction: 1 | -1; search?: string; name?: string; phone?: string },
  paging: Paging,
): { items: CustomerRecord['customer'][]; total: number } {
  const name = options.name?.toLowerCase();
  const phone = options.phone?.replace(/\D/g, '');
  const page = (records: { length: number }, at: (position: number) => CustomerRecord | undefined) => {
    const items: CustomerRecord['customer'][] = [];
    for (let step = paging.offset; step < Math.min(records.length, paging.offset + paging.limit); step++) {
      const record = at(options.direction === 1 ? step : records.length - 1 - step);
      if (record !== undefined) items.push(record.customer);
    }
    return { items, total: records.length };
  };
  if (options.search === undefined && name === undefined && phone === undefined) {
    const entries = customers.sorted(options.sort);
    return page(entries, (position) => entries[position]?.item);
  }
  if (name === undefined && phone === undefined && options.search !== undefined) {
    const { positions, records } = customers.search(options.sort, options.search.toLowerCase());
    return page(positions, (position) => records[positions[position] ?? -1]);
  }
  const candidates =
    options.search === undefined
      ? customers.sorted(options.sort).map((entry) => entry.item)
      : (() => {
          const { positions, records } = customers.search(options.sort, options.search.toLowerCase());
          return Array.from(positions, (position) => records[position]).filter((record) => record !== undefined);
        })();
  const matching = candidates.filter(
    (record) =>
      (name === undefined || (record.customer.name ?? '').toLowerCase().includes(name)) &&
      (phone === undefined || record.customer.phone.includes(phone)),
  );
  return page(matching, (position) => matching[position]);
}

export function registerCustomerRoutes(api: Api): void {
  const { runtime } = api;

  api.route('customers.list', ({ enterprise, query }) => {
    const paging = parsePaging(query);
    const options = {
      sort: parseSort(query, customerSortFields, 'created'),
      direction: parseOrder(query, 'numeric', 1),
      search: textParam(query, 'search'),
      name: textParam(query, 'name'),
      phone: textParam(query, 'phone'),
    };
    const page = customerPage(enterprise.customers, options, paging);
    return { body: listBody('customers', page.items, page.total, paging) };
  });

  api.route('customers.get', (context) => ({ body: { customer: ownedCustomer(context, context.params['identifier']).customer } }));

  api.route('customers.create', ({ enterprise, body }) => {
    const input = parseInput(CreateCustomerSchema, body);
    const phone = parsePhone(input.phone);
    if (phone === undefined) {
      throw new ApiError(400, 'Invalid phone', `"${input.phone}" is not a phone number in international form`);
    }
    if (enterprise.customers.getByPhone(phone.digits) !== undefined) {
      throw new ApiError(409, 'Customer already exists', `A customer with phone ${phone.digits} already exists`);
    }
    const record = createCustomer(runtime, enterprise, { phone: phone.digits, country: phone.country, ...(input.name === undefined ? {} : { name: input.name }) });
    return { body: { success: true, customer: record.customer } };
  });

  api.route('customers.update', (context) => {
    const id = requireId(context.params['customer_id'], 'customer_id');
    const record = owned(scope(context), 'customer', id, context.enterprise.customers.get(id), 'Customer');
    const input = parseInput(UpdateCustomerSchema, context.body);
    context.enterprise.customers.change(record, (customer) => {
      if (input.name !== undefined) customer.name = input.name;
      if (input.chatbot_enabled !== undefined) customer.chatbot_enabled = { ...customer.chatbot_enabled, ...input.chatbot_enabled };
      customer.modified = nowIso(runtime);
    });
    return {};
  });

  api.route('customers.delete', (context) => {
    const id = requireId(context.params['customer_id'], 'customer_id');
    owned(scope(context), 'customer', id, context.enterprise.customers.get(id), 'Customer');
    for (const message of context.enterprise.messages.forCustomer(id)) runtime.store.markDeleted(message.message_id);
    context.enterprise.messages.removeCustomer(id);
    context.enterprise.customers.remove(id);
    runtime.store.markDeleted(id);
    return { body: { success: true } };
  });

  api.route('messages.history', (context) => {
    const customer = ownedCustomer(context, context.params['identifier']).customer;
    const { query } = context;
    const paging = parsePaging(query);
    const sort = parseSort(query, ['sent', 'created', 'modified'] as const, 'sent');
    const direction = parseOrder(query, 'numeric', -1);
    const agentId = textParam(query, 'agentID');
    const origin = parseEnumParam(query, 'origin', messageOrigins);
    const conversation = context.enterprise.messages.forCustomer(customer._id);
    const matching = conversation.filter(
      (message) => (agentId === undefined || message.agent_id === agentId) && (origin === undefined || message.origin === origin),
    );
    // The conversation is kept in `sent` order; other sorts are rare enough to sort on demand.
    const ordered: Message[] = sort === 'sent' ? matching : [...matching].sort((a, b) => (a[sort] < b[sort] ? -1 : a[sort] > b[sort] ? 1 : 0));
    if (direction === -1) ordered.reverse();
    const items = ordered.slice(paging.offset, paging.offset + paging.limit);
    return { body: listBody('messages', items, ordered.length, paging) };
  });

  api.route('messages.delete', (context) => {
    const id = requireId(context.params['messageID'], 'messageID');
    owned(scope(context), 'message', id, context.enterprise.messages.get(id), 'Message');
    context.enterprise.messages.remove(id);
    runtime.store.markDeleted(id);
    return {};
  });
}
