/**
 * Conversations as the thread shows them: messages stored once however often sync brings them, windows of the
 * newest or around a message or either side of a position in a stable order, the customer's list entry following
 * the newest message, and search over message text.
 */
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../common/domain';
import type { Cache } from '../../../main/cache/cache';
import { customer, message, minute, t0, testCache, unwrap } from './fixtures';

const maria = customer(1, { name: 'Maria' });

function keys(items: readonly Message[]): string[] {
  return items.map((item) => item.key);
}

/** The key of the n-th message (from 1) of `conversation`. */
const nth = (n: number) => `m${String(n).padStart(3, '0')}`;
const range = (from: number, count: number) => Array.from({ length: count }, (_, index) => nth(from + index));

/** A conversation of `count` messages, one a minute, keyed m001, m002, ... */
function conversation(count: number): Cache {
  const { cache } = testCache({ memory: true });
  unwrap(cache.upsertCustomers([maria]));
  const messages = Array.from({ length: count }, (_, index) => message(maria.id, nth(index + 1), t0 + (index + 1) * minute));
  unwrap(cache.upsertMessages(messages));
  return cache;
}

describe('storing messages', () => {
  it('stores a message once, however often sync brings it, and tells new from changed', () => {
    const { cache } = testCache({ memory: true });
    unwrap(cache.upsertCustomers([maria]));
    const first = message(maria.id, 'm1', t0 + minute, { origin: 'AGENT', status: 'SENT' });
    const second = message(maria.id, 'm2', t0 + 2 * minute);
    expect(unwrap(cache.upsertMessages([first, second]))).toEqual({
      created: ['m1', 'm2'],
      changed: [],
      byCustomer: { [maria.id]: ['m1', 'm2'] },
    });
    expect(unwrap(cache.upsertMessages([first, second]))).toEqual({ created: [], changed: [], byCustomer: {} });
    const delivered = { ...first, status: 'READ' as const, modified: t0 + 3 * minute };
    expect(unwrap(cache.upsertMessages([delivered, second]))).toEqual({ created: [], changed: ['m1'], byCustomer: { [maria.id]: ['m1'] } });
    const window = unwrap(cache.messageWindow({ customerId: maria.id, limit: 50 }));
    expect(window.items.map((item) => [item.key, item.status])).toEqual([
      ['m1', 'READ'],
      ['m2', 'DELIVERED'],
    ]);
  });

  it('re-indexes a message whose payload changed, so search finds the new text only', () => {
    const { cache } = testCache({ memory: true });
    unwrap(cache.upsertCustomers([maria]));
    unwrap(cache.upsertMessages([message(maria.id, 'm1', t0, { payload: { type: 'TEXT', text: 'original wording' } })]));
    const edited = message(maria.id, 'm1', t0, { payload: { type: 'TEXT', text: 'corrected wording' } });
    expect(unwrap(cache.upsertMessages([edited])).changed).toEqual(['m1']);
    expect(keys(unwrap(cache.searchMessages({ text: 'corr', limit: 10 })))).toEqual(['m1']);
    expect(keys(unwrap(cache.searchMessages({ text: 'orig', limit: 10 })))).toEqual([]);
  });

  it('writes nothing from a batch that names a customer the cache does not hold', () => {
    const { cache } = testCache({ memory: true });
    unwrap(cache.upsertCustomers([maria]));
    const stored = cache.upsertMessages([message(maria.id, 'm1', t0), message('stranger', 'm2', t0)]);
    expect(stored.ok ? undefined : stored.error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('stranger') });
    expect(unwrap(cache.messageWindow({ customerId: maria.id, limit: 50 })).items).toEqual([]);
  });

  it("moves the customer's list entry to the newest message, never back to an older one", () => {
    const { cache } = testCache({ memory: true });
    unwrap(cache.upsertCustomers([maria, customer(2)]));
    unwrap(
      cache.upsertMessages([
        message(maria.id, 'photo', t0 + 500 * minute, { payload: { type: 'IMAGE', src: { mime: 'image/png', size: 1, uri: '/x' } } }),
      ]),
    );
    let entry = unwrap(cache.getCustomer(maria.id));
    expect(entry).toMatchObject({ lastMessageTime: t0 + 500 * minute, lastMessagePreview: '[image]' });
    expect(unwrap(cache.customerPage({ limit: 1 })).items[0]?.id).toBe(maria.id);

    unwrap(cache.upsertMessages([message(maria.id, 'older', t0 + 400 * minute, { payload: { type: 'TEXT', text: 'earlier' } })]));
    entry = unwrap(cache.getCustomer(maria.id));
    expect(entry).toMatchObject({ lastMessageTime: t0 + 500 * minute, lastMessagePreview: '[image]' });
  });
});

describe('conversation windows', () => {
  it('gives the newest messages, oldest first, and says there are older ones', () => {
    const cache = conversation(120);
    const window = unwrap(cache.messageWindow({ customerId: maria.id, limit: 50 }));
    expect(keys(window.items)).toEqual(range(71, 50));
    expect(window).toMatchObject({ hasOlder: true, hasNewer: false });
  });

  it('scrolls back page by page to the first message, and forward again to the newest', () => {
    const cache = conversation(120);
    const seen: string[] = [];
    let window = unwrap(cache.messageWindow({ customerId: maria.id, limit: 50 }));
    seen.unshift(...keys(window.items));
    while (window.hasOlder) {
      const oldest = window.items[0];
      if (!oldest) throw new Error('an empty window claimed older messages');
      window = unwrap(cache.messageWindow({ customerId: maria.id, limit: 50, before: { sent: oldest.sent, key: oldest.key } }));
      seen.unshift(...keys(window.items));
    }
    expect(seen).toEqual(range(1, 120));
    expect(window.hasNewer).toBe(true);

    const newestOfFirst = window.items.at(-1);
    if (!newestOfFirst) throw new Error('no first page');
    const forward = unwrap(cache.messageWindow({ customerId: maria.id, limit: 50, after: { sent: newestOfFirst.sent, key: newestOfFirst.key } }));
    expect(forward.items[0]?.key).toBe('m021');
    expect(forward).toMatchObject({ hasOlder: true, hasNewer: true });
  });

  it('centres on a message, and fills from the other side near either end', () => {
    const cache = conversation(120);
    const middle = unwrap(cache.messageWindow({ customerId: maria.id, limit: 10, around: 'm060' }));
    expect(keys(middle.items)).toEqual(range(56, 10));
    expect(middle).toMatchObject({ hasOlder: true, hasNewer: true });

    const nearStart = unwrap(cache.messageWindow({ customerId: maria.id, limit: 10, around: 'm002' }));
    expect(keys(nearStart.items)).toEqual(range(1, 10));
    expect(nearStart).toMatchObject({ hasOlder: false, hasNewer: true });

    const nearEnd = unwrap(cache.messageWindow({ customerId: maria.id, limit: 10, around: 'm119' }));
    expect(keys(nearEnd.items)).toEqual(range(111, 10));
    expect(nearEnd).toMatchObject({ hasOlder: true, hasNewer: false });
  });

  it('reports a message that is not in the conversation as not found', () => {
    const cache = conversation(3);
    const window = cache.messageWindow({ customerId: maria.id, limit: 10, around: 'm999' });
    expect(window.ok ? undefined : window.error.code).toBe('NOT_FOUND');
  });

  it('orders messages sent in the same millisecond by key, the same way every time and across pages', () => {
    const { cache } = testCache({ memory: true });
    unwrap(cache.upsertCustomers([maria]));
    unwrap(cache.upsertMessages(['c', 'a', 'e', 'b', 'd'].map((key) => message(maria.id, key, t0))));
    const all = keys(unwrap(cache.messageWindow({ customerId: maria.id, limit: 50 })).items);
    expect(all).toEqual(['a', 'b', 'c', 'd', 'e']);
    const newestTwo = unwrap(cache.messageWindow({ customerId: maria.id, limit: 2 }));
    expect(keys(newestTwo.items)).toEqual(['d', 'e']);
    const before = unwrap(cache.messageWindow({ customerId: maria.id, limit: 2, before: { sent: t0, key: 'd' } }));
    expect(keys(before.items)).toEqual(['b', 'c']);
  });

  it('gives an empty window for a conversation with no messages', () => {
    const { cache } = testCache({ memory: true });
    unwrap(cache.upsertCustomers([maria]));
    expect(unwrap(cache.messageWindow({ customerId: maria.id, limit: 50 }))).toEqual({ items: [], hasOlder: false, hasNewer: false, startReached: false });
  });
});

describe('message search', () => {
  it('finds messages by word prefixes, newest first, across or within a conversation', () => {
    const { cache } = testCache({ memory: true });
    unwrap(cache.upsertCustomers([maria, customer(2)]));
    unwrap(
      cache.upsertMessages([
        message(maria.id, 'm1', t0, { payload: { type: 'TEXT', text: 'Where is my parcel?' } }),
        message(maria.id, 'm2', t0 + minute, { payload: { type: 'TEXT', text: 'Parcel arrived, thanks!' } }),
        message('customer-0002', 'x1', t0 + 2 * minute, { payload: { type: 'TEXT', text: 'My parcel is late' } }),
        message(maria.id, 'm3', t0 + 3 * minute, { payload: { type: 'IMAGE', name: 'parcel-photo.jpg' } }),
      ]),
    );
    expect(keys(unwrap(cache.searchMessages({ text: 'parc', limit: 10 })))).toEqual(['m3', 'x1', 'm2', 'm1']);
    expect(keys(unwrap(cache.searchMessages({ text: 'parcel arr', customerId: maria.id, limit: 10 })))).toEqual(['m2']);
    expect(keys(unwrap(cache.searchMessages({ text: '"parcel" (late*', limit: 10 })))).toEqual(['x1']);
    expect(unwrap(cache.searchMessages({ text: 'pa', limit: 10 }))).toEqual([]);
  });

  it('answers a word SQLite would split into a phrase with a clear error, not a crash', () => {
    const { cache } = testCache({ memory: true });
    unwrap(cache.upsertCustomers([maria]));
    unwrap(cache.upsertMessages([message(maria.id, 'm1', t0, { payload: { type: 'TEXT', text: 'parcel' } })]));
    // U+19B0 is a letter to JavaScript and a separator to SQLite's tokenizer.
    const result = cache.searchMessages({ text: 'par\u19b0cel', limit: 10 });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/cannot look up/) } });
    expect(keys(unwrap(cache.searchMessages({ text: 'parcel', limit: 10 })))).toEqual(['m1']);
  });
});
