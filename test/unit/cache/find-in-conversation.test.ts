/**
 * Find in conversation and the list's channel-type filter, answered by the cache: one customer's matching messages in
 * thread order (through the search index, or row by row for 1-2 character words), and customers by channel type.
 */
import { describe, expect, it } from 'vitest';
import { maxFindMatches } from '../../../common/contract/cache';
import { customer, message, minute, seedChannels, t0, testCache, unwrap } from './fixtures';

const maria = customer(1, { name: 'Maria' });
const omar = customer(2, { name: 'Omar' });

function text(body: string) {
  return { payload: { type: 'TEXT' as const, text: body } };
}

function conversationCache() {
  const { cache } = testCache({ memory: true });
  unwrap(cache.upsertCustomers([maria, omar]));
  unwrap(
    cache.upsertMessages([
      message(maria.id, 'm1', t0 + 1 * minute, text('Where is my parcel?')),
      message(maria.id, 'm2', t0 + 2 * minute, text('Your parcel left the depot')),
      message(maria.id, 'm3', t0 + 3 * minute, text('Thanks! Is it on its way?')),
      message(maria.id, 'm4', t0 + 4 * minute, text('Parcels arrive by noon')),
      message(omar.id, 'o1', t0 + 5 * minute, text('My parcel is late')),
    ]),
  );
  return cache;
}

describe('find in conversation', () => {
  it('answers the open customer’s matching messages oldest first, word prefixes and accents folded', () => {
    const cache = conversationCache();
    const found = unwrap(cache.findInConversation({ customerId: maria.id, text: 'PÁRCEL' }));
    expect(found).toEqual({
      matches: [
        { sent: t0 + 1 * minute, key: 'm1' },
        { sent: t0 + 2 * minute, key: 'm2' },
        { sent: t0 + 4 * minute, key: 'm4' },
      ],
      truncated: false,
    });
    expect(unwrap(cache.findInConversation({ customerId: maria.id, text: 'parcel depot' })).matches.map((match) => match.key)).toEqual(['m2']);
    expect(unwrap(cache.findInConversation({ customerId: omar.id, text: 'parcel' })).matches.map((match) => match.key)).toEqual(['o1']);
  });

  it('finds 1-2 character words at the start of a word in this conversation only', () => {
    const cache = conversationCache();
    expect(unwrap(cache.findInConversation({ customerId: maria.id, text: 'is' })).matches.map((match) => match.key)).toEqual(['m1', 'm3']);
    expect(unwrap(cache.findInConversation({ customerId: maria.id, text: 'my' })).matches.map((match) => match.key)).toEqual(['m1']);
    expect(unwrap(cache.findInConversation({ customerId: omar.id, text: 'is' })).matches.map((match) => match.key)).toEqual(['o1']);
  });

  it('finds nothing for blank input or FTS syntax, and no error for quotes or operators', () => {
    const cache = conversationCache();
    expect(unwrap(cache.findInConversation({ customerId: maria.id, text: '   ' }))).toEqual({ matches: [], truncated: false });
    expect(unwrap(cache.findInConversation({ customerId: maria.id, text: '"parcel" (depot*' })).matches.map((match) => match.key)).toEqual([
      'm2',
    ]);
    expect(unwrap(cache.findInConversation({ customerId: 'nobody', text: 'parcel' })).matches).toEqual([]);
  });

  it('keeps the newest matches when there are more than it answers, and says so', () => {
    const { cache } = testCache({ memory: true });
    unwrap(cache.upsertCustomers([maria]));
    const count = maxFindMatches + 5;
    const messages = Array.from({ length: count }, (_, index) =>
      message(maria.id, `m${String(index).padStart(5, '0')}`, t0 + index * minute, text(`refund number ${index}`)),
    );
    unwrap(cache.upsertMessages(messages));
    const found = unwrap(cache.findInConversation({ customerId: maria.id, text: 'refund' }));
    expect(found.truncated).toBe(true);
    expect(found.matches).toHaveLength(maxFindMatches);
    expect(found.matches[0]?.key).toBe('m00005');
    expect(found.matches.at(-1)?.key).toBe(`m${String(count - 1).padStart(5, '0')}`);
  });

  it('reads the conversation row by row when a word is too common in the whole cache for the index to pay off', () => {
    const { cache } = testCache({ memory: true });
    unwrap(cache.upsertCustomers([maria, omar]));
    const elsewhere = Array.from({ length: 5200 }, (_, index) => message(omar.id, `o${String(index).padStart(5, '0')}`, t0 + index * minute, text(`order ${index} placed`)));
    unwrap(cache.upsertMessages(elsewhere));
    const count = maxFindMatches + 3;
    const mine = Array.from({ length: count }, (_, index) =>
      message(maria.id, `m${String(index).padStart(5, '0')}`, t0 + index * minute, text(index % 2 === 0 ? `Órders placed ${index}` : `placed nothing ${index}`)),
    );
    unwrap(cache.upsertMessages(mine));
    const few = unwrap(cache.findInConversation({ customerId: maria.id, text: 'orders placed 1000' }));
    expect(few).toEqual({ matches: [{ sent: t0 + 1000 * minute, key: 'm01000' }], truncated: false });
    const many = unwrap(cache.findInConversation({ customerId: maria.id, text: 'ORDER placed' }));
    expect(many.truncated).toBe(false);
    expect(many.matches).toHaveLength(Math.ceil(count / 2));
    expect(many.matches[0]?.key).toBe('m00000');
    expect(unwrap(cache.findInConversation({ customerId: omar.id, text: 'order' }))).toMatchObject({ truncated: true });
  });

  it('finds a rare word in a long conversation through the index, and opens a window around it with more on both sides', () => {
    const { cache } = testCache({ memory: true });
    unwrap(cache.upsertCustomers([maria]));
    const messages = Array.from({ length: 5200 }, (_, index) =>
      message(maria.id, `m${String(index).padStart(4, '0')}`, t0 + index * minute, text(index === 1200 ? 'the invoice you asked for' : `line ${index}`)),
    );
    unwrap(cache.upsertMessages(messages));
    const [match] = unwrap(cache.findInConversation({ customerId: maria.id, text: 'invoice' })).matches;
    expect(match?.key).toBe('m1200');
    const window = unwrap(cache.messageWindow({ customerId: maria.id, around: match?.key ?? '', limit: 50 }));
    expect(window.items.map((item) => item.key)).toContain('m1200');
    expect(window.items).toHaveLength(50);
    expect(window.hasOlder).toBe(true);
    expect(window.hasNewer).toBe(true);
  });
});

describe('filter by channel type', () => {
  it('lists customers who talk to any channel of the type, unread ones alone when asked', () => {
    const { cache } = testCache({ memory: true });
    seedChannels(cache);
    unwrap(cache.upsertCustomers([customer(1, { subscriptions: {} }), customer(2, { subscriptions: {} }), customer(3, { subscriptions: {} })]));
    unwrap(
      cache.upsertMessages([
        message('customer-0001', 'sms-out', t0 + 100 * minute, { origin: 'AGENT' }),
        message('customer-0002', 'wa-in', t0 + 101 * minute, { agentId: 'agent-wa' }),
        message('customer-0003', 'sms-in', t0 + 102 * minute),
      ]),
    );
    const ids = (query: { channelType: 'SMS' | 'WA' | 'TG'; unreadOnly?: boolean }) =>
      unwrap(cache.customerPage({ limit: 10, ...query })).items.map((item) => item.id);
    expect(ids({ channelType: 'SMS' })).toEqual(['customer-0003', 'customer-0001']);
    expect(ids({ channelType: 'WA' })).toEqual(['customer-0002']);
    expect(ids({ channelType: 'SMS', unreadOnly: true })).toEqual(['customer-0003']);
    expect(ids({ channelType: 'TG' })).toEqual([]);
  });
});
