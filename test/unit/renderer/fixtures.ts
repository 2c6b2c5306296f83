/** Customers and messages as main's cache hands them to the renderer, built with only what a test cares about. */
import type { ChannelInput } from '../../../common/contract';
import type { Customer, Message, MessagePayload } from '../../../common/domain';
import { ok } from '../../../common/result';

type CustomerPageQueryInput = ChannelInput<'customers:page'>;

export const fixedNow = new Date(2025, 2, 14, 15, 30).getTime();

export function makeCustomer(index: number, overrides: Partial<Customer> = {}): Customer {
  return {
    id: `c${String(index).padStart(5, '0')}`,
    name: `Customer ${index}`,
    phone: `4477009${String(index).padStart(5, '0')}`,
    country: 'GB',
    subscriptions: { a1: true },
    chatbotEnabled: {},
    created: fixedNow - 86_400_000 * 30,
    modified: null,
    lastMessageTime: fixedNow - index * 60_000,
    lastMessagePreview: `Last words of customer ${index}`,
    unreadCount: 0,
    lastAgentId: 'a1',
    lastChannelType: 'SMS',
    ...overrides,
  };
}

export function makeCustomers(from: number, count: number): Customer[] {
  return Array.from({ length: count }, (_, offset) => makeCustomer(from + offset));
}

let messageSerial = 0;

export function makeMessage(overrides: Partial<Message> & { payload?: MessagePayload } = {}): Message {
  messageSerial += 1;
  const key = overrides.key ?? `m${String(messageSerial).padStart(6, '0')}`;
  return {
    messageId: key,
    key,
    clientId: null,
    customerId: 'c00001',
    agentId: 'a1',
    origin: 'CUSTOMER',
    status: 'DELIVERED',
    sent: fixedNow - 3_600_000,
    modified: null,
    payload: { type: 'TEXT', text: `Message ${key}` },
    outbox: null,
    ...overrides,
  };
}

/**
 * Answers `customers:page` from a list the way main's cache does: newest first, by key, filtered by search words
 * (name or phone prefix) and unread-only, with a next cursor while rows remain.
 */
export function servePages(all: () => readonly Customer[], freshness: { lastSyncedAt: number | null } = { lastSyncedAt: fixedNow - 120_000 }) {
  return (query: CustomerPageQueryInput) => {
    const search = query.search?.toLowerCase();
    const rows = all().filter(
      (customer) =>
        (!query.unreadOnly || customer.unreadCount > 0) &&
        (search === undefined ||
          `${customer.name ?? ''} ${customer.phone}`.toLowerCase().split(/\s+/).some((word) => word.startsWith(search))),
    );
    const start = query.after === undefined ? 0 : rows.findIndex((row) => row.id === query.after?.id) + 1;
    const items = rows.slice(start, start + (query.limit ?? 50));
    const last = items.at(-1);
    const more = start + items.length < rows.length && last !== undefined;
    return ok({ items, freshness, ...(more ? { nextCursor: { time: last.lastMessageTime ?? 0, id: last.id } } : {}) });
  };
}
