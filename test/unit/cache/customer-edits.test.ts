/**
 * What the agent changes about customers, as the cache keeps it: a rename found by search under the new name only,
 * a chatbot mode beside the others, a customer found by phone, and deletions that take every trace along (search
 * rows, unread totals, list entry, drafts, unsent replies, sync cursors), across a restart too.
 */
import { describe, expect, it } from 'vitest';
import { cursorKeys } from '../../../main/cache/cache';
import { customer, message, minute, t0, testCache, unwrap } from './fixtures';

const maria = customer(1, { name: 'Maria Lopez', phone: '442079460958', lastMessageTime: t0 });
const bob = customer(2, { name: 'Bob Stone', lastMessageTime: t0 - minute });

function seeded() {
  const opened = testCache();
  unwrap(opened.cache.upsertCustomers([maria, bob]));
  return opened;
}

function searchNames(cache: ReturnType<typeof testCache>['cache'], search: string): string[] {
  return unwrap(cache.customerPage({ limit: 10, search })).items.map((item) => item.name ?? '');
}

describe('changing a customer', () => {
  it('renames: search finds the new name and no longer the old one', () => {
    const { cache } = seeded();
    unwrap(cache.changeCustomer(maria.id, { name: 'Maria Garcia' }));
    expect(unwrap(cache.getCustomer(maria.id))?.name).toBe('Maria Garcia');
    expect(searchNames(cache, 'garcia')).toEqual(['Maria Garcia']);
    expect(searchNames(cache, 'lopez')).toEqual([]);
  });

  it('sets one channel\'s chatbot mode and keeps the others', () => {
    const { cache } = testCache();
    unwrap(cache.upsertCustomers([customer(1, { chatbotEnabled: { 'channel-wa': 'DISABLED_AUTO' } })]));
    unwrap(cache.changeCustomer('customer-0001', { chatbot: { channelId: 'channel-sms', mode: 'ENABLED_MANUALLY' } }));
    expect(unwrap(cache.getCustomer('customer-0001'))?.chatbotEnabled).toEqual({ 'channel-wa': 'DISABLED_AUTO', 'channel-sms': 'ENABLED_MANUALLY' });
  });

  it('says NOT_FOUND for a customer the cache does not hold', () => {
    const { cache } = seeded();
    const changed = cache.changeCustomer('nobody', { name: 'X' });
    expect(changed.ok ? 'ok' : changed.error.code).toBe('NOT_FOUND');
  });
});

describe('finding a customer by phone', () => {
  it('finds the exact number only, not a number that contains it', () => {
    const { cache } = seeded();
    unwrap(cache.upsertCustomers([customer(3, { phone: '4420794609581' })]));
    expect(unwrap(cache.customerIdByPhone('442079460958'))).toBe(maria.id);
    expect(unwrap(cache.customerIdByPhone('442079460959'))).toBeNull();
  });
});

describe('deleting a message', () => {
  it('removes it from the thread and the search index, recounts unread and moves the list entry back', () => {
    const { cache } = seeded();
    unwrap(cache.upsertMessages([message(maria.id, 'm-1', t0 - 2 * minute), message(maria.id, 'm-2', t0, { payload: { type: 'TEXT', text: 'kiwi pudding' } })]));
    expect(unwrap(cache.unreadCounts()).messages).toBe(2);
    expect(unwrap(cache.deleteMessage(maria.id, 'm-2'))).toBe('m-2');
    expect(unwrap(cache.messageWindow({ customerId: maria.id, limit: 10 })).items.map((item) => item.key)).toEqual(['m-1']);
    expect(unwrap(cache.searchMessages({ text: 'kiwi', limit: 10 }))).toEqual([]);
    expect(unwrap(cache.unreadCounts())).toMatchObject({ messages: 1, conversations: 1 });
    expect(unwrap(cache.getCustomer(maria.id))).toMatchObject({ unreadCount: 1, lastMessagePreview: 'message m-1' });
  });

  it('keeps its search row from finding a later message that takes the same local id', () => {
    const { cache } = seeded();
    unwrap(cache.upsertMessages([message(maria.id, 'm-1', t0, { payload: { type: 'TEXT', text: 'kiwi pudding' } })]));
    unwrap(cache.deleteMessage(maria.id, 'm-1'));
    unwrap(cache.upsertMessages([message(bob.id, 'm-2', t0, { payload: { type: 'TEXT', text: 'apple pie' } })]));
    expect(unwrap(cache.searchMessages({ text: 'kiwi', limit: 10 }))).toEqual([]);
  });

  it('answers null for a message the cache does not hold, and changes nothing', () => {
    const { cache } = seeded();
    unwrap(cache.upsertMessages([message(maria.id, 'm-1', t0)]));
    expect(unwrap(cache.deleteMessage(maria.id, 'elsewhere'))).toBeNull();
    expect(unwrap(cache.messageWindow({ customerId: maria.id, limit: 10 })).items).toHaveLength(1);
  });
});

describe('deleting a customer', () => {
  it('takes their messages, search rows, unread totals, draft, unsent replies and cursors, and leaves others alone', () => {
    const { cache } = seeded();
    unwrap(cache.upsertMessages([message(maria.id, 'm-1', t0, { payload: { type: 'TEXT', text: 'kiwi pudding' } }), message(bob.id, 'b-1', t0 - minute)]));
    unwrap(cache.enqueueSend({ clientId: 'client-1', customerId: maria.id, agentId: 'agent-sms', channelType: 'SMS', payload: { type: 'TEXT', text: 'On its way' } }));
    unwrap(cache.saveDraft(maria.id, 'half a reply'));
    unwrap(cache.setCursor(cursorKeys.history(maria.id), 'x'));
    unwrap(cache.markHistoryStart(maria.id));

    expect(unwrap(cache.deleteCustomer(maria.id))).toBe(true);

    expect(unwrap(cache.getCustomer(maria.id))).toBeNull();
    expect(unwrap(cache.customerPage({ limit: 10 })).items.map((item) => item.id)).toEqual([bob.id]);
    expect(searchNames(cache, 'maria')).toEqual([]);
    expect(unwrap(cache.customerPage({ limit: 10, search: '2079' })).items).toEqual([]);
    expect(unwrap(cache.searchMessages({ text: 'kiwi', limit: 10 }))).toEqual([]);
    expect(unwrap(cache.unreadCounts())).toMatchObject({ messages: 1, conversations: 1 });
    expect(unwrap(cache.getDraft(maria.id))).toBeNull();
    expect(unwrap(cache.listSends({ customerId: maria.id }))).toEqual([]);
    expect(unwrap(cache.getCursor(cursorKeys.history(maria.id)))).toBeNull();
    expect(unwrap(cache.historyExtent(maria.id)).startReached).toBe(false);
    expect(unwrap(cache.messageWindow({ customerId: bob.id, limit: 10 })).items.map((item) => item.key)).toEqual(['b-1']);
  });

  it('stays deleted after a restart, with the unsent reply gone from the outbox file too', () => {
    const { cache, file } = seeded();
    unwrap(cache.enqueueSend({ clientId: 'client-1', customerId: maria.id, agentId: 'agent-sms', channelType: 'SMS', payload: { type: 'TEXT', text: 'x' } }));
    unwrap(cache.deleteCustomer(maria.id));
    cache.close();
    const reopened = testCache({ file }).cache;
    expect(unwrap(reopened.getCustomer(maria.id))).toBeNull();
    expect(unwrap(reopened.listSends())).toEqual([]);
    reopened.close();
  });

  it('answers false for a customer the cache does not hold', () => {
    const { cache } = seeded();
    expect(unwrap(cache.deleteCustomer('nobody'))).toBe(false);
  });
});
