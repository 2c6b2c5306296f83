/**
 * Cache benchmarks: ingest of 100k customers and 1M messages through the cache's own write path (search indexes
 * included), then p95 latencies of the reads the renderer makes and of a one-customer update, each next to the
 * naive way where one exists, measured in the same run on the same data. Run alone: `npx tsx bench/cache.ts`.
 * INBOX_BENCH_CACHE_SCALE=0.2 shrinks the data (customers and messages alike) for a quicker look while working;
 * the figures named for 100k customers and reported as such come from the full size only.
 */
import Database from 'better-sqlite3';
import Conf from 'conf';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CustomerCursor, type CustomerRecord, type MessageRecord } from '../common/domain';
import type { Result } from '../common/result';
import { openCache, type Cache } from '../main/cache/cache';
import { percentile, timeRuns, type BenchFigure, type BenchFigures } from './figures';

const scale = Number(process.env.INBOX_BENCH_CACHE_SCALE ?? '1');
if (!(scale > 0 && scale <= 1)) throw new Error('INBOX_BENCH_CACHE_SCALE must be a number above 0, at most 1');
const customerCount = Math.round(100_000 * scale);
const messageCount = Math.round(1_000_000 * scale);
/** One conversation long enough for the window benchmark; the rest of the messages spread over everyone else. */
const longHistory = Math.round(10_000 * scale);
/** Sync writes what one page or a few histories bring; a thousand rows per transaction. */
const batchSize = 1000;
const runs = 200;
const warmUpRuns = 20;
/** The naive baselines are slow by construction; they still get the minimum of 100 measured runs. */
const baselineRuns = 100;
const baselineWarmUpRuns = 3;
const pageSize = 50;

/** A small deterministic generator, so every run measures the same data. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

const random = seededRandom(20240601);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const hex = (digits: number) => Array.from({ length: digits }, () => Math.floor(random() * 16).toString(16)).join('');
/** Ids shaped like the service's (random UUIDs), so indexes see the same scattered inserts as in real use. */
const uuidLike = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;

const syllables = ['an', 'bel', 'cor', 'da', 'el', 'fin', 'gar', 'ha', 'is', 'jo', 'ka', 'lin', 'mar', 'nor', 'ol', 'pe',
  'qui', 'ro', 'sa', 'tor', 'ul', 'va', 'wen', 'xi', 'ya', 'zor', 'é', 'mi', 'lu', 'ste'];
const makeName = () => Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(syllables)).join('');
const capitalised = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
const firstNames = Array.from({ length: 400 }, makeName);
const lastNames = Array.from({ length: 2000 }, makeName);
const words = ['hello', 'order', 'delivery', 'tomorrow', 'thanks', 'refund', 'invoice', 'question', 'please', 'status',
  'package', 'address', 'payment', 'appointment', 'confirm', 'cancel', 'today', 'morning', 'help', 'account'];
/** The account's channels, stored first as sync does: two SMS numbers, WhatsApp and Telegram. */
const channels = [
  { id: uuidLike(), type: 'SMS' as const, agents: [uuidLike(), uuidLike()] },
  { id: uuidLike(), type: 'WA' as const, agents: [uuidLike()] },
  { id: uuidLike(), type: 'TG' as const, agents: [uuidLike()] },
];
const agents = channels.flatMap((channel) => channel.agents);
const origins = ['CUSTOMER', 'AGENT', 'BOT', 'CUSTOMER'] as const;
const start = Date.UTC(2024, 0, 1);

function makeCustomer(): CustomerRecord {
  return {
    id: uuidLike(),
    name: `${capitalised(pick(firstNames))} ${capitalised(pick(lastNames))}`,
    phone: `1${Math.floor(2_000_000_000 + random() * 7_999_999_999)}`,
    country: 'US',
    subscriptions: { [pick(agents)]: true },
    chatbotEnabled: {},
    created: start,
    modified: start,
    lastMessageTime: start + Math.floor(random() * 10_000_000_000),
  };
}

function makeMessage(customerId: string, sent: number): MessageRecord {
  return {
    messageId: uuidLike(),
    customerId,
    agentId: pick(agents),
    origin: pick(origins),
    status: 'DELIVERED',
    sent,
    modified: null,
    payload: { type: 'TEXT', text: Array.from({ length: 3 + Math.floor(random() * 10) }, () => pick(words)).join(' ') },
  };
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** p95 in milliseconds of `work` over `count` runs after `warmUp` unmeasured ones; `work` gets the run number. */
async function p95(work: (run: number) => unknown, count = runs, warmUp = warmUpRuns): Promise<number> {
  let run = 0;
  return percentile(await timeRuns(() => work(run++), count, warmUp), 95);
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

function compared(value: number, unit: string, baseline: number): BenchFigure {
  return { value: round(value), unit, baseline: round(baseline), ratio: round(value / baseline, 6) };
}

/**
 * Writes everything through the cache's own upserts. Only the upserts are timed: making up the data is the
 * benchmark's work, not the cache's.
 */
function ingest(cache: Cache): { customers: CustomerRecord[]; seconds: number; cpuSeconds: number } {
  let spent = 0;
  let cpu = 0;
  const timed = <T>(write: () => Result<T>) => {
    const began = performance.now();
    const cpuBefore = process.cpuUsage();
    unwrap(write());
    const cpuUsed = process.cpuUsage(cpuBefore);
    cpu += (cpuUsed.user + cpuUsed.system) / 1000;
    spent += performance.now() - began;
  };
  timed(() =>
    cache.replaceChannels(
      channels.map((channel) => ({ id: channel.id, type: channel.type, name: channel.type, status: 'ACTIVE', created: start, modified: start })),
      channels.flatMap((channel) =>
        channel.agents.map((id) => ({ id, channelId: channel.id, label: null, created: start, modified: start })),
      ),
    ),
  );
  const customers: CustomerRecord[] = [];
  for (let first = 0; first < customerCount; first += batchSize) {
    const batch = Array.from({ length: Math.min(batchSize, customerCount - first) }, makeCustomer);
    timed(() => cache.upsertCustomers(batch));
    customers.push(...batch);
  }
  let batch: MessageRecord[] = [];
  const add = (message: MessageRecord) => {
    batch.push(message);
    if (batch.length < batchSize) return;
    const full = batch;
    timed(() => cache.upsertMessages(full));
    batch = [];
  };
  const [long, ...others] = customers;
  if (!long) throw new Error('no customers generated');
  for (let sequence = 0; sequence < longHistory; sequence += 1) add(makeMessage(long.id, start + sequence * 60_000));
  const perCustomer = (messageCount - longHistory) / others.length;
  let written = longHistory;
  others.forEach((customer, index) => {
    // Spread evenly, so the total comes out exact however the division falls.
    const until = Math.round((index + 1) * perCustomer) + longHistory;
    const newest = customer.lastMessageTime ?? start;
    for (let sequence = 0; written < until; sequence += 1, written += 1) add(makeMessage(customer.id, newest - sequence * 3_600_000));
  });
  const rest = batch;
  if (rest.length > 0) timed(() => cache.upsertMessages(rest));
  return { customers, seconds: spent / 1000, cpuSeconds: cpu / 1000 };
}

/** Search terms as agents type them: the first letters of a real name word, or the first 4-6 digits of a phone. */
function searchTerms(customers: readonly CustomerRecord[], count: number, letters: 'short' | 'indexed'): string[] {
  return Array.from({ length: count }, () => {
    const customer = pick(customers);
    const word = pick((customer.name ?? 'a').split(' '));
    if (letters === 'short') return word.slice(0, 1 + Math.floor(random() * 2));
    if (random() < 0.25) return customer.phone.slice(0, 4 + Math.floor(random() * 3));
    return word.slice(0, 3 + Math.floor(random() * 3));
  });
}

async function searchFigures(cache: Cache, raw: Database.Database, customers: readonly CustomerRecord[]): Promise<BenchFigures> {
  const terms = searchTerms(customers, runs + warmUpRuns, 'indexed');
  const term = (run: number) => terms[run % terms.length] ?? '';
  const indexed = await p95((run) => unwrap(cache.customerPage({ limit: pageSize, search: term(run) })));
  const likeScan = raw.prepare(
    `SELECT * FROM customers WHERE name LIKE @pattern OR phone LIKE @pattern
     ORDER BY last_message_time DESC, id DESC LIMIT ${pageSize}`,
  );
  const scan = await p95((run) => likeScan.all({ pattern: `%${term(run)}%` }), baselineRuns, baselineWarmUpRuns);

  // 1-2 characters: the bounded walk the cache uses, next to what an FTS5 prefix query costs for the same terms.
  const shortTerms = searchTerms(customers, runs + warmUpRuns, 'short');
  const shortTerm = (run: number) => shortTerms[run % shortTerms.length] ?? 'a';
  const short = await p95((run) => unwrap(cache.customerPage({ limit: pageSize, search: shortTerm(run) })));
  const ftsPrefix = raw.prepare(
    `SELECT * FROM customers WHERE local_id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH @match)
     ORDER BY last_message_time DESC, id DESC LIMIT ${pageSize}`,
  );
  const ftsShort = await p95((run) => ftsPrefix.all({ match: `"${shortTerm(run)}"*` }), baselineRuns, baselineWarmUpRuns);

  // Any run of digits from anywhere in a customer's number, next to a LIKE scan of the phones for the same digits.
  const fragments = Array.from({ length: runs + warmUpRuns }, () => {
    const phone = pick(customers).phone;
    const length = 4 + Math.floor(random() * 4);
    const from = Math.floor(random() * (phone.length - length + 1));
    return phone.slice(from, from + length);
  });
  const fragment = (run: number) => fragments[run % fragments.length] ?? '';
  const phoneFragment = await p95((run) => unwrap(cache.customerPage({ limit: pageSize, search: fragment(run) })));
  const likePhones = raw.prepare(`SELECT * FROM customers WHERE phone LIKE @pattern ORDER BY last_message_time DESC, id DESC LIMIT ${pageSize}`);
  const phoneScan = await p95((run) => likePhones.all({ pattern: `%${fragment(run)}%` }), baselineRuns, baselineWarmUpRuns);
  return {
    'cache.search_p95': compared(indexed, 'ms', scan),
    'cache.search_short_p95': compared(short, 'ms', ftsShort),
    'cache.search_phone_fragment_p95': compared(phoneFragment, 'ms', phoneScan),
  };
}

async function deepPageFigure(cache: Cache, raw: Database.Database): Promise<BenchFigure> {
  const depth = Math.floor(customerCount * 0.9);
  // Setup only: the key of the row 90% of the way down, as a user who scrolled there holds it.
  const boundary = CustomerCursor.parse(
    raw
      .prepare('SELECT last_message_time AS time, id FROM customers ORDER BY last_message_time DESC, id DESC LIMIT 1 OFFSET ?')
      .get(depth - 1),
  );
  const byKey = await p95(() => unwrap(cache.customerPage({ limit: pageSize, after: boundary })));
  const byOffset = raw.prepare(`SELECT * FROM customers ORDER BY last_message_time DESC, id DESC LIMIT ${pageSize} OFFSET ?`);
  const offset = await p95(() => byOffset.all(depth), baselineRuns, baselineWarmUpRuns);
  return compared(byKey, 'ms', offset);
}

/**
 * The list's channel filters: a first page of one channel type's conversations (all of them or unread ones), next
 * to the same page unfiltered.
 */
async function channelFilterFigure(cache: Cache): Promise<BenchFigure> {
  const types = channels.map((channel) => channel.type);
  const filtered = await p95((run) =>
    unwrap(cache.customerPage({ limit: pageSize, channelType: types[run % types.length] ?? 'SMS', unreadOnly: run % 2 === 1 })),
  );
  const unfiltered = await p95(() => unwrap(cache.customerPage({ limit: pageSize })));
  return compared(filtered, 'ms', unfiltered);
}

/**
 * Find in conversation over the long history, for words that each appear in about a third of its messages (the
 * worst case: the most matches to place), next to a LIKE scan of the same conversation's text.
 */
async function findFigure(cache: Cache, raw: Database.Database, customerId: string): Promise<BenchFigure> {
  const word = (run: number) => words[run % words.length] ?? 'order';
  const found = await p95((run) => unwrap(cache.findInConversation({ customerId, text: word(run) })));
  const likeScan = raw.prepare(
    `SELECT sent, sort_key FROM messages WHERE customer_ref = (SELECT local_id FROM customers WHERE id = @customerId)
       AND text LIKE @pattern ORDER BY sent DESC, sort_key DESC LIMIT 1001`,
  );
  const scan = await p95((run) => likeScan.all({ customerId, pattern: `%${word(run)}%` }), baselineRuns, baselineWarmUpRuns);
  return compared(found, 'ms', scan);
}

async function updateFigure(cache: Cache, customers: readonly CustomerRecord[], dir: string): Promise<BenchFigure> {
  const changed = (run: number): CustomerRecord => {
    const customer = customers[(run * 7919) % customers.length] as CustomerRecord;
    return { ...customer, name: `${customer.name ?? ''} ${run}`, modified: start + run };
  };
  const sqlite = await p95((run) => unwrap(cache.upsertCustomers([changed(run)])));
  // electron-store keeps everything in one JSON file through `conf`: every change re-reads and rewrites it whole.
  const store = new Conf<{ customers: Record<string, CustomerRecord> }>({ cwd: dir, configName: 'electron-store-baseline' });
  store.set('customers', Object.fromEntries(customers.map((customer) => [customer.id, customer])));
  const conf = await p95(
    (run) => {
      const customer = changed(run);
      store.set(`customers.${customer.id}`, customer);
    },
    baselineRuns,
    baselineWarmUpRuns,
  );
  return compared(sqlite, 'ms', conf);
}

export async function benchCache(): Promise<BenchFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-cache-bench-'));
  try {
    const file = path.join(dir, 'cache.sqlite');
    const cache = unwrap(openCache({ file }));
    const { customers, seconds, cpuSeconds } = ingest(cache);
    const longHistoryId = customers[0]?.id ?? '';
    const raw = new Database(file, { readonly: true });
    const figures: BenchFigures = {
      'cache.ingest_100k_customers_1m_messages': { value: round(seconds, 2), unit: 's' },
      // The same ingest in CPU seconds of this process: on a shared machine the wall time also holds others' work.
      'cache.ingest_cpu': { value: round(cpuSeconds, 2), unit: 's' },
      ...(await searchFigures(cache, raw, customers)),
      'cache.window_p95': {
        value: round(await p95(() => unwrap(cache.messageWindow({ customerId: longHistoryId, limit: pageSize })))),
        unit: 'ms',
      },
      'cache.page_deep_p95': await deepPageFigure(cache, raw),
      'cache.filter_channel_type_p95': await channelFilterFigure(cache),
      'cache.find_in_conversation_p95': await findFigure(cache, raw, longHistoryId),
      // The totals beside the list and on the app's icon, read again after every change to the list; nearly every
      // one of these customers has unread messages, the worst case.
      'cache.unread_counts_p95': { value: round(await p95(() => unwrap(cache.unreadCounts()), baselineRuns, baselineWarmUpRuns)), unit: 'ms' },
    };
    raw.close();
    figures['cache.update_p95'] = await updateFigure(cache, customers, dir);
    cache.close();
    return figures;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [name, figure] of Object.entries(await benchCache())) {
    const comparison = figure.baseline === undefined ? '' : `  (baseline ${figure.baseline} ${figure.unit}, ratio ${figure.ratio})`;
    console.log(`${name}: ${figure.value} ${figure.unit}${comparison}`);
  }
}
