/**
 * The customer list as the agent uses it: newest conversation first, paged by key without losing or repeating
 * anyone while sync moves rows, searched by name words or phone digits, filtered by channel and unread, with
 * unread counts that follow what the customer wrote and what the agent read.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { CustomerPageQuery } from '../../../common/contract/cache';
import type { Customer, CustomerCursor } from '../../../common/domain';
import type { Cache } from '../../../main/cache/cache';
import { shortSearchScanRows } from '../../../main/cache/customers-store';
import { customer, message, minute, seedChannels, t0, testCache, unwrap } from './fixtures';

/** A small deterministic generator, so a failing random run can be run again. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function ids(items: readonly Customer[]): string[] {
  return items.map((item) => item.id);
}

/** Every page from the top, following nextCursor, with `between` run after each page. */
function readAllPages(cache: Cache, query: Omit<CustomerPageQuery, 'after'>, between: (page: number) => void = () => {}): string[][] {
  const pages: string[][] = [];
  let after: CustomerCursor | undefined;
  do {
    const page = unwrap(cache.customerPage({ ...query, ...(after ? { after } : {}) }));
    pages.push(ids(page.items));
    after = page.nextCursor;
    between(pages.length);
  } while (after && pages.length < 1000);
  return pages;
}

describe('storing customers', () => {
  it('reports which customers are new, which changed, and stays quiet when the server repeats itself', () => {
    const { cache } = testCache({ memory: true });
    expect(unwrap(cache.upsertCustomers([customer(1), customer(2)]))).toEqual({ created: ['customer-0001', 'customer-0002'], changed: [] });
    expect(unwrap(cache.upsertCustomers([customer(1), customer(2)]))).toEqual({ created: [], changed: [] });
    const renamed = customer(2, { name: 'Renamed Person' });
    const optedOut = customer(1, { subscriptions: { 'agent-sms': false } });
    expect(unwrap(cache.upsertCustomers([optedOut, renamed]))).toEqual({ created: [], changed: ['customer-0001', 'customer-0002'] });
    expect(unwrap(cache.getCustomer('customer-0001'))?.subscriptions).toEqual({ 'agent-sms': false });
    // The search index follows the rename: the new name is found, the old one no longer is.
    expect(ids(unwrap(cache.customerPage({ limit: 10, search: 'renamed' })).items)).toEqual(['customer-0002']);
    expect(ids(unwrap(cache.customerPage({ limit: 10, search: 'customer 2' })).items)).toEqual([]);
  });

  it('remembers the time the server last reported, which sync compares against', () => {
    const { cache } = testCache({ memory: true });
    unwrap(cache.upsertCustomers([customer(1), customer(2, { lastMessageTime: null })]));
    expect(unwrap(cache.knownLastMessageTimes(['customer-0001', 'customer-0002', 'customer-9999']))).toEqual({
      'customer-0001': t0 + minute,
      'customer-0002': null,
    });
  });
});

describe('customer pages', () => {
  it('lists newest conversation first and pages by key to the end', () => {
    const { cache } = testCache({ memory: true });
    unwrap(cache.upsertCustomers(Array.from({ length: 12 }, (_, index) => customer(index + 1))));
    const pages = readAllPages(cache, { limit: 5 });
    expect(pages.map((page) => page.length)).toEqual([5, 5, 2]);
    expect(pages.flat()).toEqual(Array.from({ length: 12 }, (_, index) => customer(12 - index).id));
  });

  it('breaks ties in last message time by id, so equal times neither repeat nor skip across pages', () => {
    const { cache } = testCache({ memory: true });
    unwrap(cache.upsertCustomers(Array.from({ length: 9 }, (_, index) => customer(index + 1, { lastMessageTime: t0 }))));
    const all = readAllPages(cache, { limit: 4 }).flat();
    expect(all).toHaveLength(9);
    expect(new Set(all).size).toBe(9);
  });

  it('keeps its place while sync moves customers: no one seen twice, no untouched customer skipped', () => {
    const { cache } = testCache({ memory: true });
    unwrap(cache.upsertCustomers(Array.from({ length: 30 }, (_, index) => customer(index + 1))));
    const moved = new Set<string>();
    const pages = readAllPages(cache, { limit: 7 }, (page) => {
      // After each page a customer further down writes in and jumps to the top, as sync would report.
      const below = 30 - page * 7 - 3;
      if (below < 1) return;
      const mover = customer(below);
      moved.add(mover.id);
      unwrap(cache.upsertMessages([message(mover.id, `new-${page}`, t0 + 10_000 * minute)]));
    });
    const seen = pages.flat();
    expect(new Set(seen).size).toBe(seen.length);
    const untouched = Array.from({ length: 30 }, (_, index) => customer(30 - index).id).filter((id) => !moved.has(id));
    expect(seen.filter((id) => !moved.has(id))).toEqual(untouched);
    // On the next read from the top, the movers lead.
    expect(ids(unwrap(cache.customerPage({ limit: moved.size })).items).sort()).toEqual([...moved].sort());
  });

  it('filters by channel and by unread, alone and together', () => {
    const { cache } = testCache({ memory: true });
    seedChannels(cache);
    unwrap(
      cache.upsertCustomers([
        customer(1, { subscriptions: { 'agent-sms': true } }),
        customer(2, { subscriptions: {} }),
        customer(3, { subscriptions: {} }),
      ]),
    );
    unwrap(
      cache.upsertMessages([
        message('customer-0002', 'wa-in', t0 + 100 * minute, { agentId: 'agent-wa' }),
        message('customer-0003', 'sms-out', t0 + 100 * minute, { origin: 'AGENT' }),
        message('customer-0003', 'wa-in-2', t0 + 101 * minute, { agentId: 'agent-wa' }),
      ]),
    );
    const page = (query: { channelId?: string; unreadOnly?: boolean }) => ids(unwrap(cache.customerPage({ limit: 10, ...query })).items);
    expect(page({ channelId: 'channel-sms' })).toEqual(['customer-0003', 'customer-0001']);
    expect(page({ channelId: 'channel-wa' })).toEqual(['customer-0003', 'customer-0002']);
    expect(page({ unreadOnly: true })).toEqual(['customer-0003', 'customer-0002']);
    // Customer 3 is unread on WhatsApp only; its SMS conversation holds only the agent's message.
    expect(page({ channelId: 'channel-sms', unreadOnly: true })).toEqual([]);
    expect(page({ channelId: 'channel-wa', unreadOnly: true })).toEqual(['customer-0003', 'customer-0002']);
    expect(page({ channelId: 'no-such-channel' })).toEqual([]);
    // Searches of every kind keep to the filters.
    const search = (query: { channelId?: string; unreadOnly?: boolean; search: string }) => ids(unwrap(cache.customerPage({ limit: 10, ...query })).items);
    expect(search({ search: 'cu', unreadOnly: true })).toEqual(['customer-0003', 'customer-0002']);
    expect(search({ search: '55', channelId: 'channel-sms' })).toEqual(['customer-0003', 'customer-0001']);
    expect(search({ search: '0002', channelId: 'channel-wa', unreadOnly: true })).toEqual(['customer-0002']);
    expect(search({ search: '0002', channelId: 'channel-sms' })).toEqual([]);
  });

  it('filters a channel with thousands of customers the same way as a small one', () => {
    const { cache } = testCache({ memory: true });
    seedChannels(cache);
    const many = Array.from({ length: 2100 }, (_, index) =>
      customer(index + 1, { subscriptions: index % 700 === 0 ? { 'agent-wa': true } : { 'agent-sms': true } }),
    );
    unwrap(cache.upsertCustomers(many));
    const smsPages = readAllPages(cache, { limit: 200, channelId: 'channel-sms' });
    expect(smsPages.flat()).toHaveLength(2097);
    expect(ids(unwrap(cache.customerPage({ limit: 10, channelId: 'channel-wa' })).items)).toEqual([
      'customer-1401',
      'customer-0701',
      'customer-0001',
    ]);
  });
});

describe('customer search', () => {
  function searchCache() {
    const { cache } = testCache({ memory: true });
    unwrap(
      cache.upsertCustomers([
        customer(1, { name: 'Maria Gonzalez', phone: '15550101234' }),
        customer(2, { name: 'Mario Rossi', phone: '393471234567' }),
        customer(3, { name: 'José Müller', phone: '4915112345678' }),
        customer(4, { name: "Seán O'Brien", phone: '353851234567' }),
        customer(5, { name: null, phone: '15559876543' }),
      ]),
    );
    return (search: string) => ids(unwrap(cache.customerPage({ limit: 50, search })).items);
  }

  it('matches word prefixes of names, all words required, newest first', () => {
    const search = searchCache();
    expect(search('mar')).toEqual(['customer-0002', 'customer-0001']);
    expect(search('mari gonz')).toEqual(['customer-0001']);
    expect(search('gonzalez maria')).toEqual(['customer-0001']);
    expect(search('ria')).toEqual([]);
  });

  it('ignores case and accents both ways', () => {
    const search = searchCache();
    expect(search('JOSE mull')).toEqual(['customer-0003']);
    expect(search('múl')).toEqual(['customer-0003']);
    expect(search('sean')).toEqual(['customer-0004']);
  });

  it('finds phone numbers by their leading digits, however they are typed', () => {
    const search = searchCache();
    expect(search('1555')).toEqual(['customer-0005', 'customer-0001']);
    expect(search('+1 (555) 010-12')).toEqual(['customer-0001']);
    expect(search('+49 151')).toEqual(['customer-0003']);
  });

  it('finds a phone number by any run of its digits, as the README promises', () => {
    const { cache } = testCache({ memory: true });
    unwrap(
      cache.upsertCustomers([
        customer(1, { name: 'Ana Houston', phone: '+1 713 287 5671' }),
        customer(2, { name: 'Ben Frisco', phone: '14155556604' }),
        customer(3, { name: 'Suite 287', phone: '442079460000' }),
      ]),
    );
    const search = (text: string) => ids(unwrap(cache.customerPage({ limit: 50, search: text })).items);
    expect(search('6604')).toEqual(['customer-0002']);
    expect(search('32875')).toEqual(['customer-0001']);
    expect(search('287 5671')).toEqual(['customer-0001']);
    expect(search('(713) 287-5671')).toEqual(['customer-0001']);
    // Digits also still find a name word they start.
    expect(search('287')).toEqual(['customer-0003', 'customer-0001']);
    expect(search('ana 567')).toEqual(['customer-0001']);
    expect(search('ben 567')).toEqual([]);
    // One or two digits match anywhere too, so every digit typed narrows the list.
    expect(search('66')).toEqual(['customer-0002']);
    expect(search('ben 60')).toEqual(['customer-0002']);
    expect(search('99999')).toEqual([]);
  });

  it('pages a phone fragment that thousands of customers share exactly like a rare one', () => {
    const { cache } = testCache({ memory: true });
    const total = 2500;
    // Every phone holds "1555"; only every 500th holds "98765".
    unwrap(cache.upsertCustomers(Array.from({ length: total }, (_, index) => customer(index + 1, { phone: `1555${index % 500 === 0 ? '98765' : '00000'}${index}` }))));
    expect(readAllPages(cache, { limit: 200, search: '1555' }).flat()).toEqual(Array.from({ length: total }, (_, index) => customer(total - index).id));
    expect(readAllPages(cache, { limit: 2, search: '8765' }).flat()).toEqual(['customer-2001', 'customer-1501', 'customer-1001', 'customer-0501', 'customer-0001']);
  });

  it('finds a renamed phone number by its new digits only', () => {
    const { cache } = testCache({ memory: true });
    unwrap(cache.upsertCustomers([customer(1, { phone: '17132875671' })]));
    unwrap(cache.upsertCustomers([customer(1, { phone: '14155556604' })]));
    const search = (text: string) => ids(unwrap(cache.customerPage({ limit: 50, search: text })).items);
    expect(search('5556604')).toEqual(['customer-0001']);
    expect(search('32875')).toEqual([]);
    expect(search('56')).toEqual(['customer-0001']);
    expect(search('71')).toEqual([]);
  });

  it.each([
    ['a double quote', '"mar'],
    ['an asterisk', 'mar*'],
    ['parentheses', '(mar)'],
    ['FTS5 operators', 'mar OR NOT rossi'],
    ['a column filter', 'name:mar'],
    ['NEAR and a caret', 'NEAR(mar ^rossi)'],
    ['an apostrophe', "o'bri"],
    ['only punctuation', '"*()-:^'],
  ])('takes %s as plain text, never as query syntax', (_, input) => {
    const search = searchCache();
    expect(() => search(input)).not.toThrow();
  });

  it('reads quotes, asterisks and operators as the words around them', () => {
    const search = searchCache();
    expect(search('"mar')).toEqual(['customer-0002', 'customer-0001']);
    expect(search('(mario)')).toEqual(['customer-0002']);
    expect(search('mar OR NOT')).toEqual([]);
    expect(search("o'bri")).toEqual(['customer-0004']);
    expect(search('"*()-:^')).toHaveLength(5);
  });

  it('answers one or two characters by word start too', () => {
    const search = searchCache();
    expect(search('m')).toEqual(['customer-0003', 'customer-0002', 'customer-0001']);
    expect(search('Ro')).toEqual(['customer-0002']);
    expect(search('o')).toEqual(['customer-0004']);
    expect(search('é')).toEqual([]);
    expect(search('39')).toEqual(['customer-0002']);
    expect(search('o b')).toEqual(['customer-0004']);
  });

  it('pages a search that matches thousands of customers exactly like one that matches a few', () => {
    const { cache } = testCache({ memory: true });
    const total = 2500;
    unwrap(cache.upsertCustomers(Array.from({ length: total }, (_, index) => customer(index + 1, { name: index % 500 === 0 ? 'Rare Name' : 'Common Name' }))));
    const everyone = readAllPages(cache, { limit: 200, search: 'name' }).flat();
    expect(everyone).toEqual(Array.from({ length: total }, (_, index) => customer(total - index).id));
    expect(readAllPages(cache, { limit: 2, search: 'rare' }).flat()).toEqual(['customer-2001', 'customer-1501', 'customer-1001', 'customer-0501', 'customer-0001']);
  });

  it('continues a short search past its scan bound instead of dropping matches further down', () => {
    const { cache } = testCache({ memory: true });
    const total = shortSearchScanRows * 2 + 10;
    // Only the two oldest customers match "zq"; everyone newer is someone else.
    unwrap(
      cache.upsertCustomers(
        Array.from({ length: total }, (_, index) => customer(index + 1, { name: index < 2 ? `Zqa Person ${index}` : `Other ${index}` })),
      ),
    );
    const pages = readAllPages(cache, { limit: 50, search: 'zq' });
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.flat()).toEqual(['customer-0002', 'customer-0001']);
  });
});

describe('unread counts', () => {
  it('counts messages from customers, per conversation and per channel, until the agent reads them', () => {
    const { cache } = testCache({ memory: true });
    seedChannels(cache);
    unwrap(cache.upsertCustomers([customer(1), customer(2)]));
    unwrap(
      cache.upsertMessages([
        message('customer-0001', 'a1', t0 + 10 * minute),
        message('customer-0001', 'a2', t0 + 11 * minute, { agentId: 'agent-wa' }),
        message('customer-0001', 'a3', t0 + 12 * minute, { origin: 'AGENT' }),
        message('customer-0002', 'b1', t0 + 10 * minute),
      ]),
    );
    expect(unwrap(cache.unreadCounts())).toEqual({ messages: 3, conversations: 2, byChannel: { 'channel-sms': 2, 'channel-wa': 1 } });
    expect(unwrap(cache.getCustomer('customer-0001'))?.unreadCount).toBe(2);

    // Sync delivering the same messages again counts nothing twice.
    unwrap(cache.upsertMessages([message('customer-0001', 'a1', t0 + 10 * minute)]));
    expect(unwrap(cache.unreadCounts()).messages).toBe(3);

    expect(unwrap(cache.markRead('customer-0001', t0 + 10 * minute))).toEqual({ unreadCount: 1 });
    expect(unwrap(cache.markRead('customer-0001'))).toEqual({ unreadCount: 0 });
    // A late call with an older position does not bring read messages back.
    expect(unwrap(cache.markRead('customer-0001', t0))).toEqual({ unreadCount: 0 });
    expect(unwrap(cache.unreadCounts())).toEqual({ messages: 1, conversations: 1, byChannel: { 'channel-sms': 1 } });

    // What the customer writes after the agent read counts again; an old message arriving late does not.
    unwrap(
      cache.upsertMessages([
        message('customer-0001', 'a4', t0 + 20 * minute),
        message('customer-0001', 'a0', t0 + 5 * minute),
      ]),
    );
    expect(unwrap(cache.getCustomer('customer-0001'))?.unreadCount).toBe(1);
  });

  it('keeps the unread totals equal to a recount through a random run of syncs, reads, sends and deletions', () => {
    const { cache, file } = testCache();
    seedChannels(cache);
    // A second connection, as another process would hold: it recounts, and deletes customers the way SQLite's
    // cascades would for any future caller, which the totals must follow too.
    const raw = new Database(file);
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
    const recount = () => {
      const totals = raw
        .prepare('SELECT count(*) AS conversations, coalesce(sum(unread_count), 0) AS messages FROM customers WHERE unread_count > 0')
        .get() as { conversations: number; messages: number };
      const channels = raw
        .prepare(
          `SELECT a.channel_id, sum(ca.unread_count) AS messages FROM customer_agents ca JOIN agents a ON a.id = ca.agent_id
           WHERE ca.unread_count > 0 GROUP BY a.channel_id`,
        )
        .all() as { channel_id: string; messages: number }[];
      return { ...totals, byChannel: Object.fromEntries(channels.map((row) => [row.channel_id, row.messages])) };
    };
    const random = seededRandom(9);
    const below = (count: number) => Math.floor(random() * count);
    const agents = ['agent-sms', 'agent-wa', 'agent-unknown'];
    const origins = ['CUSTOMER', 'CUSTOMER', 'AGENT', 'BOT'] as const;
    let nextCustomer = 1;
    let nextMessage = 1;
    let nextSend = 1;
    const known: string[] = [];
    const someone = () => known[below(known.length)];
    const operations = [
      () => {
        const batch = Array.from({ length: 1 + below(3) }, () => customer(nextCustomer++, { lastMessageTime: t0 + below(100) * minute }));
        unwrap(cache.upsertCustomers(batch));
        known.push(...batch.map((stored) => stored.id));
      },
      () => {
        const batch = Array.from({ length: 1 + below(6) }, () => someone()).flatMap((customerId) => {
          if (customerId === undefined) return [];
          // Now and then the server repeats a message it sent before.
          const id = random() < 0.2 && nextMessage > 1 ? `m${below(nextMessage)}` : `m${nextMessage++}`;
          return [message(customerId, id, t0 + below(200) * minute, { agentId: agents[below(agents.length)], origin: origins[below(origins.length)] })];
        });
        const stored = cache.upsertMessages(batch);
        // A repeated id may name another customer's message; sync would not send that, and the cache refuses it whole.
        if (!stored.ok) expect(stored.error.code).toBeDefined();
      },
      () => {
        const customerId = someone();
        if (customerId !== undefined) unwrap(cache.markRead(customerId, random() < 0.5 ? undefined : t0 + below(200) * minute));
      },
      () => {
        const customerId = someone();
        if (customerId === undefined) return;
        const clientId = `send-${nextSend++}`;
        unwrap(cache.enqueueSend({ clientId, customerId, agentId: 'agent-sms', channelType: 'SMS', payload: { type: 'TEXT', text: clientId } }));
        if (random() < 0.5) {
          unwrap(cache.updateSend(clientId, { state: 'sent', messageId: `server-${clientId}` }));
          unwrap(cache.upsertMessages([message(customerId, `server-${clientId}`, t0 + below(200) * minute, { origin: 'AGENT' })]));
        } else {
          unwrap(cache.updateSend(clientId, { state: 'failed' }));
          unwrap(cache.discardSend(clientId));
        }
      },
      () => {
        const customerId = known.splice(below(known.length), 1)[0];
        if (customerId !== undefined) raw.prepare('DELETE FROM customers WHERE id = ?').run(customerId);
      },
    ];
    for (let step = 0; step < 200; step += 1) {
      const operation = operations[below(operations.length)];
      operation?.();
      expect(unwrap(cache.unreadCounts()), `after step ${step}`).toEqual(recount());
    }
    expect(recount().messages).toBeGreaterThan(0);
    raw.close();
    // Each step commits to a file and reads it back twice; a loaded machine needs more than the default 5 s.
  }, 60_000);

  it('reports reading an unknown customer as not found', () => {
    const { cache } = testCache({ memory: true });
    const read = cache.markRead('nobody');
    expect(read.ok ? undefined : read.error.code).toBe('NOT_FOUND');
  });
});
