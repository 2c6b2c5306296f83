/**
 * Customers in the cache: the list the renderer pages through by key (newest conversation first) with search and
 * filters, unread counts and read state, and the writes the sync engine makes from the server's customer list.
 */
import { z } from 'zod';
import type { CustomerPageQuery } from '../../common/contract/cache';
import { CustomerCursor, Timestamp, type Customer, type CustomerRecord, type UnreadCounts } from '../../common/domain';
import { fail, ok, type Result } from '../../common/result';
import { CustomerRow, customerColumns, inConversation, parseRow, parseRows } from './rows';
import { recountUnread } from './customer-edits-store';
import { indexCustomer, reindexCustomer } from './search-index';
import { phoneDigitsOf, planCustomerSearch, searchWordsOf, type CustomerSearchPlan, type CustomerSearchTerm } from './search-query';
import type { Sql } from './sql';

/**
 * How many customers a 1-2 character search looks through per page. Such a prefix matches a large share of all
 * names, so an FTS5 prefix query has to collect and sort tens of thousands of matches per page; walking the recency
 * index and testing each row stops after a page of matches, and this bound caps the walk when matches are rare.
 * Measured by bench/cache.ts (`cache.search_short_p95`, 100k customers, p95): 9.5-15.5 ms for this walk against
 * 23-25 ms for FTS5 prefix queries of the same terms, when each row was tested in JavaScript. Tested inside SQLite
 * on the recency index alone (migration 9), the same terms took 3.2 ms instead of 7.7 (p95, CPU time, on a loaded
 * machine). A page that reaches the bound returns what it found with a cursor to continue, so nothing is skipped,
 * only deferred.
 */
export const shortSearchScanRows = 2000;

export interface CustomerPageItems {
  items: Customer[];
  nextCursor?: CustomerCursor;
}

const recencyOrder = 'ORDER BY c.last_message_time DESC, c.id DESC';

interface Filters {
  where: string[];
  params: Record<string, string | number>;
}

/**
 * Two ways to answer a filtered page, chosen by how many customers the filter lets through. Up to this many, start
 * from those customers and sort them; beyond it, walk the recency index and test each customer until the page is
 * full. Starting from the matches is cheap when they are few and costs a sort of all of them when they are many;
 * walking stops early when matches are dense but would cross the whole list to find a rare one. Counting up to
 * the bound costs at most that many index steps. Measured on 100k customers (3-5 letter name prefixes and phone
 * prefixes, p95): sorting every match 8.6 ms, walking always 18 ms, choosing by this count 3.0 ms.
 */
const denseMatches = 2000;

const Count = z.object({ count: z.number().int().nonnegative() });

/**
 * Phone fragments switch to walking at far fewer matches than denseMatches: their walk tests each customer on the
 * recency index alone (migration 9), about 0.1 µs a customer, where sorting the matches reads each one's row. At
 * 100k customers the two cost about the same near 400 matches. Measured on 3-digit fragments (p95, CPU time): 2.7 ms
 * walking beyond 100 matches, 2.1 ms beyond 400, 3.2 ms beyond 1500.
 */
const denseFragmentMatches = 400;

/** Whether `select` (one column, any rows) yields more than `bound` rows, counting no further than that. */
function isDense(sql: Sql, select: string, params: Record<string, string | number>, bound: number): Result<boolean> {
  const counted = parseRow(Count, sql.statement(`SELECT count(*) AS count FROM (${select} LIMIT ${bound + 1})`).get(params), 'match count');
  return counted.ok ? ok((counted.value?.count ?? 0) > bound) : counted;
}

/**
 * A walk's own test for a restriction: an SQL condition on c that holds for exactly the customers the restriction's
 * select names, cheaper than collecting them, and the number of matches beyond which walking with it pays.
 */
interface WalkTest {
  test: string;
  beyond: number;
}

/** Restricts `where` to the customers `select` names: driving the query from them if few, testing each if many. */
function restrictTo(
  sql: Sql,
  where: string[],
  params: Record<string, string | number>,
  column: string,
  select: string,
  walk?: WalkTest,
): Result<void> {
  const dense = isDense(sql, select, params, walk?.beyond ?? denseMatches);
  if (!dense.ok) return dense;
  if (!dense.value) where.push(`${column} IN (${select})`);
  // The unary + keeps SQLite from driving the query from the IN list, so it walks the recency index instead.
  else where.push(walk?.test ?? `+${column} IN (${select})`);
  return ok(undefined);
}

/**
 * An SQL condition on customer c for one search term, binding what it needs in `params` under names led by `name`:
 * the term starts a word of the name, or, for digits, appears anywhere in the phone number.
 */
function termTest(name: string, params: Record<string, string | number>, term: CustomerSearchTerm): string {
  params[`${name}Word`] = ` ${term.text}`;
  const startsWord = `instr(c.search_words, @${name}Word) > 0`;
  if (!term.digits) return startsWord;
  params[`${name}Digits`] = term.text;
  return `(instr(c.phone_digits, @${name}Digits) > 0 OR ${startsWord})`;
}

/** Restricts `where` to customers with `fragment` (3+ digits) anywhere in their phone or starting a name word. */
function restrictToFragment(sql: Sql, where: string[], params: Record<string, string | number>, fragment: string, name: string): Result<void> {
  // A quoted string is a phrase of its trigrams to the trigram tokenizer: the digits in a row, anywhere.
  params[`${name}Phrase`] = `"${fragment}"`;
  params[`${name}NameWord`] = `name : "${fragment}"*`;
  const select =
    `SELECT rowid FROM customer_phones_fts WHERE customer_phones_fts MATCH @${name}Phrase ` +
    `UNION ALL SELECT rowid FROM customers_fts WHERE customers_fts MATCH @${name}NameWord`;
  const test = termTest(name, params, { text: fragment, digits: true });
  return restrictTo(sql, where, params, 'c.local_id', select, { test, beyond: denseFragmentMatches });
}

/** Restricts `where` to customers who talk to an agent (as a) meeting `agentTest`; unread there, when asked. */
function restrictToChannel(
  sql: Sql,
  where: string[],
  params: Record<string, string | number>,
  agentTest: string,
  unreadOnly: boolean | undefined,
): Result<void> {
  const agentsOf = 'FROM customer_agents ca JOIN agents a ON a.id = ca.agent_id';
  const condition = `${agentTest}${unreadOnly ? ' AND ca.unread_count > 0' : ''}`;
  // Walking, each customer's few agents are looked up by key: cheaper than gathering every member of a big channel.
  const test = `EXISTS (SELECT 1 ${agentsOf} WHERE ca.customer_ref = c.local_id AND ${condition})`;
  return restrictTo(sql, where, params, 'c.local_id', `SELECT ca.customer_ref ${agentsOf} WHERE ${condition}`, { test, beyond: denseMatches });
}

function filtersFor(sql: Sql, query: CustomerPageQuery, plan: CustomerSearchPlan): Result<Filters> {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (query.after) {
    where.push('(c.last_message_time, c.id) < (@afterTime, @afterId)');
    params.afterTime = query.after.time;
    params.afterId = query.after.id;
  }
  if (query.unreadOnly) where.push('c.unread_count > 0');
  if (query.channelId !== undefined) {
    params.channelId = query.channelId;
    const restricted = restrictToChannel(sql, where, params, 'a.channel_id = @channelId', query.unreadOnly);
    if (!restricted.ok) return restricted;
  }
  if (query.channelType !== undefined) {
    params.channelType = query.channelType;
    const ofType = 'a.channel_id IN (SELECT id FROM channels WHERE type = @channelType)';
    const restricted = restrictToChannel(sql, where, params, ofType, query.unreadOnly);
    if (!restricted.ok) return restricted;
  }
  if (plan.kind === 'indexed') {
    if (plan.match !== undefined) {
      params.match = plan.match;
      const restricted = restrictTo(sql, where, params, 'c.local_id', 'SELECT rowid FROM customers_fts WHERE customers_fts MATCH @match');
      if (!restricted.ok) return restricted;
    }
    for (const [index, fragment] of plan.fragments.entries()) {
      const restricted = restrictToFragment(sql, where, params, fragment, `fragment${index}`);
      if (!restricted.ok) return restricted;
    }
    for (const [index, digits] of plan.shortDigits.entries()) where.push(termTest(`digits${index}`, params, { text: digits, digits: true }));
  }
  return ok({ where, params });
}

function whereClause(where: readonly string[]): string {
  return where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
}

function cursorOf(customer: Customer): CustomerCursor {
  return { time: customer.lastMessageTime ?? 0, id: customer.id };
}

function pageOf(rows: Customer[], limit: number): CustomerPageItems {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return rows.length > limit && last ? { items, nextCursor: cursorOf(last) } : { items };
}

export function customerPage(sql: Sql, query: CustomerPageQuery): Result<CustomerPageItems> {
  const plan = planCustomerSearch(query.search);
  const filters = filtersFor(sql, query, plan);
  if (!filters.ok) return filters;
  const { where, params } = filters.value;
  if (plan.kind === 'short') return shortSearchPage(sql, query, where, params, plan.terms);
  const source = `SELECT ${customerColumns} FROM customers c ${whereClause(where)} ${recencyOrder} LIMIT @limit`;
  const rows = parseRows(CustomerRow, sql.statement(source).all({ ...params, limit: query.limit + 1 }), 'customer');
  return rows.ok ? ok(pageOf(rows.value, query.limit)) : rows;
}

/**
 * A page of a 1-2 character search: the newest `shortSearchScanRows` customers the filters let through, each tested
 * inside SQLite, stopping at a page of matches. When the walk ends at its bound short of a page, the cursor is the
 * last customer it looked at, so the next page walks on from there.
 */
function shortSearchPage(
  sql: Sql,
  query: CustomerPageQuery,
  where: string[],
  params: Record<string, string | number>,
  terms: readonly CustomerSearchTerm[],
): Result<CustomerPageItems> {
  const tests = terms.map((term, index) => termTest(`short${index}`, params, term)).join(' AND ');
  const walk = `SELECT c.local_id, ${tests} AS hit FROM customers c ${whereClause(where)} ${recencyOrder} LIMIT @scan`;
  const source =
    `SELECT ${customerColumns} FROM customers c ` +
    `WHERE c.local_id IN (SELECT local_id FROM (${walk}) WHERE hit LIMIT @limit) ${recencyOrder}`;
  const rows = parseRows(CustomerRow, sql.statement(source).all({ ...params, scan: shortSearchScanRows, limit: query.limit + 1 }), 'customer');
  if (!rows.ok) return rows;
  const page = pageOf(rows.value, query.limit);
  if (page.nextCursor) return ok(page);
  const boundarySource = `SELECT c.last_message_time AS time, c.id FROM customers c ${whereClause(where)} ${recencyOrder} LIMIT 1 OFFSET @last`;
  const boundary = parseRow(CustomerCursor, sql.statement(boundarySource).get({ ...params, last: shortSearchScanRows - 1 }), 'customer');
  if (!boundary.ok) return boundary;
  return ok(boundary.value ? { ...page, nextCursor: boundary.value } : page);
}

export function getCustomer(sql: Sql, id: string): Result<Customer | null> {
  return parseRow(CustomerRow, sql.statement(`SELECT ${customerColumns} FROM customers c WHERE c.id = ?`).get(id), 'customer');
}

export interface UpsertOutcome {
  /** Ids that were not in the cache before. */
  created: string[];
  /** Ids whose stored facts differed from the batch. */
  changed: string[];
}

/**
 * Stores the server's view of these customers. Nothing is read back to compare: the insert does nothing for a known
 * id, and each update's WHERE clause matches only when a fact differs, so SQLite's change counts say which is which.
 * Name and phone are updated apart from the rest so that only a real change to them touches the search index.
 */
export function upsertCustomers(sql: Sql, batch: readonly CustomerRecord[]): Result<UpsertOutcome> {
  // Positional parameters, in the column list's order: better-sqlite3 binds an object's named parameters several
  // microseconds slower per row, which a first sync of a large account pays for every customer.
  const insert = sql.statement(
    `INSERT INTO customers (id, name, phone, country, subscriptions, chatbot_enabled, created, modified,
       server_last_message_time, last_message_time, search_words, phone_digits)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, 0), ?, ?)
     ON CONFLICT (id) DO NOTHING`,
  );
  const updateSearchable = sql.statement(
    `UPDATE customers SET name = @name, phone = @phone, search_words = @searchWords, phone_digits = @phoneDigits
     WHERE id = @id AND (name IS NOT @name OR phone IS NOT @phone)`,
  );
  const updateFacts = sql.statement(
    `UPDATE customers SET country = @country, subscriptions = @subscriptions, chatbot_enabled = @chatbotEnabled,
       created = @created, modified = @modified, server_last_message_time = @lastMessageTime,
       last_message_time = max(last_message_time, coalesce(@lastMessageTime, 0))
     WHERE id = @id AND (country IS NOT @country OR subscriptions IS NOT @subscriptions
       OR chatbot_enabled IS NOT @chatbotEnabled OR created IS NOT @created OR modified IS NOT @modified
       OR server_last_message_time IS NOT @lastMessageTime)`,
  );
  const linkAgent = sql.statement('INSERT OR IGNORE INTO customer_agents (customer_ref, agent_id) VALUES (?, ?)');
  const localIdOf = sql.statement('SELECT local_id FROM customers WHERE id = ?').pluck();
  return sql.transaction(() => {
    const outcome: UpsertOutcome = { created: [], changed: [] };
    for (const customer of batch) {
      const row = {
        id: customer.id,
        name: customer.name,
        phone: customer.phone,
        country: customer.country,
        subscriptions: JSON.stringify(customer.subscriptions),
        chatbotEnabled: JSON.stringify(customer.chatbotEnabled),
        created: customer.created,
        modified: customer.modified,
        lastMessageTime: customer.lastMessageTime,
        searchWords: searchWordsOf(customer.name),
        phoneDigits: phoneDigitsOf(customer.phone),
      };
      const inserted = insert.run(
        row.id,
        row.name,
        row.phone,
        row.country,
        row.subscriptions,
        row.chatbotEnabled,
        row.created,
        row.modified,
        row.lastMessageTime,
        row.lastMessageTime,
        row.searchWords,
        row.phoneDigits,
      );
      let localId: unknown = inserted.lastInsertRowid;
      if (inserted.changes > 0) {
        indexCustomer(sql, inserted.lastInsertRowid, customer.name, customer.phone, row.phoneDigits);
        outcome.created.push(customer.id);
      } else {
        const renamed = updateSearchable.run(row).changes > 0;
        if (renamed) reindexCustomer(sql, customer.id);
        if (updateFacts.run(row).changes > 0 || renamed) outcome.changed.push(customer.id);
        localId = localIdOf.get(customer.id);
      }
      if (typeof localId !== 'number' && typeof localId !== 'bigint') return fail('INTERNAL', `Customer ${customer.id} has no local id`);
      for (const agentId of Object.keys(customer.subscriptions)) linkAgent.run(localId, agentId);
    }
    return ok(outcome);
  });
}

const ReadState = z.object({ read_through: Timestamp, newest: Timestamp });

/**
 * Marks the conversation read up to `through` (by default everything the cache holds) and recounts what is left.
 * Read state only moves forward, so a late call with an older position cannot resurrect unread messages.
 */
export function markRead(sql: Sql, customerId: string, through?: number): Result<{ unreadCount: number }> {
  return sql.transaction(() => {
    const state = parseRow(
      ReadState,
      sql
        .statement(
          `SELECT read_through, (SELECT coalesce(max(m.sent), 0) FROM messages m WHERE ${inConversation}) AS newest
           FROM customers WHERE id = @customerId`,
        )
        .get({ customerId }),
      'customer',
    );
    if (!state.ok) return state;
    if (!state.value) return fail('NOT_FOUND', `No customer ${customerId} in the cache`);
    const readThrough = Math.max(state.value.read_through, through ?? state.value.newest);
    sql.statement('UPDATE customers SET read_through = ? WHERE id = ?').run(readThrough, customerId);
    const unreadCount = recountUnread(sql, customerId, readThrough);
    return unreadCount.ok ? ok({ unreadCount: unreadCount.value }) : unreadCount;
  });
}

const Totals = z.object({ conversations: z.number().int().nonnegative(), messages: z.number().int().nonnegative() });
const ChannelUnread = z.object({ channel_id: z.string(), messages: z.number().int().nonnegative() });

/**
 * The unread totals, read from the counters that triggers keep (migration 10): a row per agent, summed by channel,
 * so an agent moved to another channel is counted under its new one.
 */
export function unreadCounts(sql: Sql): Result<UnreadCounts> {
  const totals = parseRow(Totals, sql.statement('SELECT conversations, messages FROM unread_totals').get(), 'unread total');
  if (!totals.ok) return totals;
  const channels = parseRows(
    ChannelUnread,
    sql
      .statement(
        `SELECT a.channel_id, sum(u.messages) AS messages FROM unread_by_agent u JOIN agents a ON a.id = u.agent_id
         WHERE u.messages > 0 GROUP BY a.channel_id`,
      )
      .all(),
    'unread per channel',
  );
  if (!channels.ok) return channels;
  return ok({
    messages: totals.value?.messages ?? 0,
    conversations: totals.value?.conversations ?? 0,
    byChannel: Object.fromEntries(channels.value.map((row) => [row.channel_id, row.messages])),
  });
}

const KnownTime = z.object({ id: z.string(), server_last_message_time: Timestamp.nullable() });

/**
 * The last message time the server reported for each of these customers (absent: not in the cache). Sync reads the
 * server's list newest first and stops at the first customer whose time it already knows.
 */
export function knownLastMessageTimes(sql: Sql, ids: readonly string[]): Result<Record<string, number | null>> {
  const rows = parseRows(
    KnownTime,
    sql.statement('SELECT id, server_last_message_time FROM customers WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)),
    'customer',
  );
  return rows.ok ? ok(Object.fromEntries(rows.value.map((row) => [row.id, row.server_last_message_time]))) : rows;
}
