/**
 * The cache's schema, as an ordered list of migrations. The database's `PRAGMA user_version` says how many have run;
 * opening runs the rest, each in its own transaction, so a file from any earlier release reaches today's schema and
 * a crash mid-way leaves it at the last complete step. Never edit a migration that has shipped: append a new one.
 */
import type { Database } from 'better-sqlite3';
import { phoneDigitsOf, searchWordsOf } from './search-query';

interface Migration {
  readonly description: string;
  readonly up: (db: Database) => void;
}

export const migrations: readonly Migration[] = [
  {
    description: 'channels, agents, customers, messages and sync cursors',
    up: (db) =>
      db.exec(`
        CREATE TABLE channels (
          id TEXT PRIMARY KEY,
          type TEXT NOT NULL,
          name TEXT NOT NULL,
          status TEXT,
          created INTEGER,
          modified INTEGER
        );
        CREATE TABLE agents (
          id TEXT PRIMARY KEY,
          channel_id TEXT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
          label TEXT,
          created INTEGER,
          modified INTEGER
        );
        CREATE INDEX agents_by_channel ON agents(channel_id);

        -- last_message_time orders the list (0 when there is none); server_last_message_time is what the server
        -- last said, which sync compares against, since local sends move last_message_time ahead of the server.
        CREATE TABLE customers (
          local_id INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          name TEXT,
          phone TEXT NOT NULL,
          country TEXT,
          subscriptions TEXT NOT NULL DEFAULT '{}',
          chatbot_enabled TEXT NOT NULL DEFAULT '{}',
          created INTEGER,
          modified INTEGER,
          server_last_message_time INTEGER,
          last_message_time INTEGER NOT NULL DEFAULT 0,
          last_message_preview TEXT,
          unread_count INTEGER NOT NULL DEFAULT 0,
          read_through INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX customers_by_recency ON customers(last_message_time, id);
        CREATE INDEX customers_unread_by_recency ON customers(last_message_time, id) WHERE unread_count > 0;

        -- Which agents a customer talks to (from messages and subscriptions): the channel filter and per-channel
        -- unread counts. No foreign key to agents: messages may name an agent before the channel list is synced.
        CREATE TABLE customer_agents (
          customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
          agent_id TEXT NOT NULL,
          unread_count INTEGER NOT NULL DEFAULT 0,
          PRIMARY KEY (customer_id, agent_id)
        ) WITHOUT ROWID;
        CREATE INDEX customer_agents_by_agent ON customer_agents(agent_id);
        CREATE INDEX customer_agents_unread ON customer_agents(agent_id) WHERE unread_count > 0;

        -- A row is a server message (message_id), a send this app made (client_id), or both once the server answers.
        -- sort_key is the message's stable identity in the thread (a send keeps its client id even once the server
        -- names it) and breaks ties between equal sent times; computed, so it costs no storage and no extra index.
        -- Message ids are unique per customer rather than globally (the service's ids are UUIDs, so no weaker in
        -- practice): sync writes one customer's history at a time, and an index led by the customer takes those
        -- inserts side by side, where a bare message-id index scatters them over the whole file. Measured on 300k
        -- messages: 30 s instead of 50 s.
        CREATE TABLE messages (
          local_id INTEGER PRIMARY KEY,
          message_id TEXT,
          client_id TEXT,
          sort_key TEXT GENERATED ALWAYS AS (coalesce(client_id, message_id)) VIRTUAL,
          customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
          agent_id TEXT NOT NULL,
          origin TEXT NOT NULL,
          status TEXT NOT NULL,
          sent INTEGER NOT NULL,
          modified INTEGER,
          payload TEXT NOT NULL,
          text TEXT NOT NULL DEFAULT '',
          CHECK (message_id IS NOT NULL OR client_id IS NOT NULL),
          UNIQUE (customer_id, message_id)
        );
        CREATE INDEX messages_by_conversation ON messages(customer_id, sent, sort_key);
        -- Partial: nearly every message comes from the server and has no client id to index.
        CREATE UNIQUE INDEX messages_by_client_id ON messages(client_id) WHERE client_id IS NOT NULL;

        CREATE TABLE sync_cursors (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL,
          updated_at INTEGER NOT NULL
        );
      `),
  },
  {
    description: 'full-text search over customer names and phones and over message text',
    // Contentless tables (the text lives in customers and messages), kept in step by main/cache/search-index.ts
    // rather than triggers: an INSERT whose trigger writes to FTS5 opens a statement savepoint, and FTS5 flushes
    // its pending terms at every savepoint, so triggers made one index segment per row. Measured on 100k
    // customers: no index 0.5 s, manual sync 1.5 s, triggers 3.4 s (CPU time). contentless_delete lets a row be
    // removed by rowid alone.
    up: (db) =>
      db.exec(`
        CREATE VIRTUAL TABLE customers_fts USING fts5(
          name, phone, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
        );
        INSERT INTO customers_fts(rowid, name, phone) SELECT local_id, name, phone FROM customers;

        CREATE VIRTUAL TABLE messages_fts USING fts5(
          text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
        );
        INSERT INTO messages_fts(rowid, text) SELECT local_id, text FROM messages;
      `),
  },
  {
    description: 'outbox and drafts',
    up: (db) =>
      db.exec(`
        -- seq orders sends per customer; a client id is the send's identity from the moment the agent presses Send.
        CREATE TABLE outbox (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          client_id TEXT NOT NULL UNIQUE,
          customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
          agent_id TEXT NOT NULL,
          channel_type TEXT NOT NULL,
          payload TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'unknown')),
          attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at INTEGER NOT NULL,
          last_error TEXT,
          message_id TEXT,
          created_at INTEGER NOT NULL
        );
        CREATE INDEX outbox_by_customer ON outbox(customer_id, seq);
        CREATE INDEX outbox_open ON outbox(state, next_attempt_at) WHERE state <> 'sent';

        CREATE TABLE drafts (
          customer_id TEXT PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
          text TEXT NOT NULL,
          updated_at INTEGER NOT NULL
        );
      `),
  },
  {
    description: 'media files cached on disk, for the size-capped LRU',
    up: (db) =>
      db.exec(`
        CREATE TABLE media (
          id TEXT PRIMARY KEY,
          url TEXT NOT NULL,
          mime TEXT NOT NULL,
          size INTEGER NOT NULL,
          local_path TEXT,
          last_used_at INTEGER NOT NULL
        );
        CREATE INDEX media_by_last_use ON media(last_used_at) WHERE local_path IS NOT NULL;
      `),
  },
  {
    description: 'a prebuilt three-letter prefix index for customer search',
    // A three-letter prefix (what a search starts with) then reads one prebuilt list instead of merging the lists
    // of every word that starts with it: counting its matches on 100k customers took 0.2-0.3 ms instead of 0.8
    // (p95). FTS5 options are fixed at creation, so the table is rebuilt from the rows it indexes.
    up: (db) =>
      db.exec(`
        DROP TABLE customers_fts;
        CREATE VIRTUAL TABLE customers_fts USING fts5(
          name, phone, content='', contentless_delete=1, prefix='3', tokenize='unicode61 remove_diacritics 2'
        );
        INSERT INTO customers_fts(rowid, name, phone) SELECT local_id, name, phone FROM customers;
      `),
  },
  {
    description: 'messages and customer-agent links refer to customers by local id; message search keeps no positions',
    // Both cut the cost of writing a message, which is what a first sync of a large account spends its time on
    // (bench/cache.ts, cache.ingest_100k_customers_1m_messages). The indexes of messages and of customer_agents were
    // led by the customer's UUID: 36 random bytes in every entry, so every sync batch dirtied pages all over five
    // indexes and each commit wrote them all to the WAL. Led by the customer's local id (numbered in the order sync
    // stores the customer list, which is the order it fetches histories in), entries are smaller and a batch lands
    // on a few neighbouring pages. Message search only asks whether every word starts some word of a message
    // (main/cache/search-query.ts), never for a phrase or a NEAR, so its index keeps no positions (detail=none).
    // Local ids are kept, so the search index's rowids still name the same messages. Measured with bench/cache.ts's
    // data at 30k customers and 300k messages: 21.7 s of CPU before, 8.2 s after; the full 100k/1M ingest 36 s.
    up: (db) =>
      db.exec(`
        CREATE TABLE messages_by_ref (
          local_id INTEGER PRIMARY KEY,
          message_id TEXT,
          client_id TEXT,
          sort_key TEXT GENERATED ALWAYS AS (coalesce(client_id, message_id)) VIRTUAL,
          customer_ref INTEGER NOT NULL REFERENCES customers(local_id) ON DELETE CASCADE,
          agent_id TEXT NOT NULL,
          origin TEXT NOT NULL,
          status TEXT NOT NULL,
          sent INTEGER NOT NULL,
          modified INTEGER,
          payload TEXT NOT NULL,
          text TEXT NOT NULL DEFAULT '',
          CHECK (message_id IS NOT NULL OR client_id IS NOT NULL),
          UNIQUE (customer_ref, message_id)
        );
        INSERT INTO messages_by_ref (local_id, message_id, client_id, customer_ref, agent_id, origin, status, sent, modified, payload, text)
          SELECT m.local_id, m.message_id, m.client_id, c.local_id, m.agent_id, m.origin, m.status, m.sent, m.modified, m.payload, m.text
          FROM messages m JOIN customers c ON c.id = m.customer_id ORDER BY m.local_id;
        DROP TABLE messages;
        ALTER TABLE messages_by_ref RENAME TO messages;
        CREATE INDEX messages_by_conversation ON messages(customer_ref, sent, sort_key);
        CREATE UNIQUE INDEX messages_by_client_id ON messages(client_id) WHERE client_id IS NOT NULL;

        CREATE TABLE customer_agents_by_ref (
          customer_ref INTEGER NOT NULL REFERENCES customers(local_id) ON DELETE CASCADE,
          agent_id TEXT NOT NULL,
          unread_count INTEGER NOT NULL DEFAULT 0,
          PRIMARY KEY (customer_ref, agent_id)
        ) WITHOUT ROWID;
        INSERT INTO customer_agents_by_ref (customer_ref, agent_id, unread_count)
          SELECT c.local_id, ca.agent_id, ca.unread_count FROM customer_agents ca JOIN customers c ON c.id = ca.customer_id;
        DROP TABLE customer_agents;
        ALTER TABLE customer_agents_by_ref RENAME TO customer_agents;
        CREATE INDEX customer_agents_by_agent ON customer_agents(agent_id);
        CREATE INDEX customer_agents_unread ON customer_agents(agent_id) WHERE unread_count > 0;

        DROP TABLE messages_fts;
        CREATE VIRTUAL TABLE messages_fts USING fts5(
          text, content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 2'
        );
        INSERT INTO messages_fts(rowid, text) SELECT local_id, text FROM messages;
      `),
  },
  {
    description: "the agent of each conversation's newest message, kept with the customer",
    // Every customer row a page shows names the channel of its conversation (main/cache/rows.ts). Finding it from
    // the messages cost two walks of the conversation index and two reads of a message row per customer, scattered
    // over the whole file: 3.5 of a search page's 4.8 ms (p50, 100k customers, 1M messages). Kept current by
    // every write that moves the list entry (bumpConversation, discardSend).
    up: (db) =>
      db.exec(`
        ALTER TABLE customers ADD COLUMN last_agent_id TEXT;
        UPDATE customers SET last_agent_id = (
          SELECT m.agent_id FROM messages m WHERE m.customer_ref = customers.local_id ORDER BY m.sent DESC, m.sort_key DESC LIMIT 1
        );
      `),
  },
  {
    description: 'covering indexes for the unread totals',
    // The inbox reads its unread totals (`inbox:unread`, the app's badge) after every change to the list. Summing
    // unread counts through indexes that did not hold them read a table row per unread conversation and per unread
    // customer-agent link: 644 ms on 100k customers with 1M messages (bench/cache.ts's data, nearly all unread),
    // 62 ms with the counts in the indexes.
    up: (db) =>
      db.exec(`
        CREATE INDEX customers_unread_totals ON customers(unread_count) WHERE unread_count > 0;
        DROP INDEX customer_agents_unread;
        CREATE INDEX customer_agents_unread ON customer_agents(agent_id, unread_count) WHERE unread_count > 0;
      `),
  },
  {
    description: 'phone search by any part of the number; folded name words kept for one- and two-character search',
    // A trigram index over the phone's digits alone answers a fragment of 3+ digits as a phrase of its trigrams,
    // wherever it sits in the number. search_words and phone_digits let a walk down the recency index test each
    // customer inside SQLite (main/cache/customers-store.ts): the walk used to bring every row into JavaScript to
    // fold its name there. The folding is the app's own (main/cache/search-query.ts), registered for this step.
    // The recency index carries both columns, so that walk never reads a table row: 2000 customers tested in 0.2 ms
    // instead of 2.1 (p50, 100k customers, CPU time).
    up: (db) => {
      db.function('inbox_search_words', { deterministic: true }, (name: unknown) => searchWordsOf(typeof name === 'string' ? name : null));
      db.function('inbox_phone_digits', { deterministic: true }, (phone: unknown) => phoneDigitsOf(typeof phone === 'string' ? phone : ''));
      db.exec(`
        ALTER TABLE customers ADD COLUMN search_words TEXT NOT NULL DEFAULT '';
        ALTER TABLE customers ADD COLUMN phone_digits TEXT NOT NULL DEFAULT '';
        UPDATE customers SET search_words = inbox_search_words(name), phone_digits = inbox_phone_digits(phone);
        DROP INDEX customers_by_recency;
        CREATE INDEX customers_by_recency ON customers(last_message_time, id, search_words, phone_digits);
        CREATE VIRTUAL TABLE customer_phones_fts USING fts5(digits, content='', contentless_delete=1, tokenize='trigram');
        INSERT INTO customer_phones_fts (rowid, digits) SELECT local_id, phone_digits FROM customers;
      `);
    },
  },
  {
    description: 'unread totals kept as counters',
    // The inbox reads its unread totals after every run of list changes; summing them over the covering indexes of
    // migration 8 still read an index entry per unread conversation: 40-70 ms with 100k unread, blocking main's
    // event loop. Triggers keep the sums as every write changes a count, whichever write it is (sync, mark-read, a
    // cascade from a deleted customer), in the same transaction. Unlike FTS5 (migration 2), a plain table costs a
    // trigger little. The index of unread counts served only the old sums.
    up: (db) =>
      db.exec(`
        DROP INDEX customers_unread_totals;
        CREATE TABLE unread_totals (
          only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
          conversations INTEGER NOT NULL,
          messages INTEGER NOT NULL
        );
        INSERT INTO unread_totals (only_row, conversations, messages)
          SELECT 1, count(*), coalesce(sum(unread_count), 0) FROM customers WHERE unread_count > 0;
        CREATE TABLE unread_by_agent (
          agent_id TEXT PRIMARY KEY,
          messages INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO unread_by_agent (agent_id, messages)
          SELECT agent_id, sum(unread_count) FROM customer_agents WHERE unread_count > 0 GROUP BY agent_id;

        CREATE TRIGGER customers_unread_inserted AFTER INSERT ON customers WHEN new.unread_count > 0 BEGIN
          UPDATE unread_totals SET conversations = conversations + 1, messages = messages + new.unread_count;
        END;
        CREATE TRIGGER customers_unread_updated AFTER UPDATE OF unread_count ON customers
        WHEN max(new.unread_count, 0) <> max(old.unread_count, 0) BEGIN
          UPDATE unread_totals SET conversations = conversations + (new.unread_count > 0) - (old.unread_count > 0),
            messages = messages + max(new.unread_count, 0) - max(old.unread_count, 0);
        END;
        CREATE TRIGGER customers_unread_deleted AFTER DELETE ON customers WHEN old.unread_count > 0 BEGIN
          UPDATE unread_totals SET conversations = conversations - 1, messages = messages - old.unread_count;
        END;

        CREATE TRIGGER customer_agents_unread_inserted AFTER INSERT ON customer_agents WHEN new.unread_count > 0 BEGIN
          INSERT INTO unread_by_agent (agent_id, messages) VALUES (new.agent_id, new.unread_count)
            ON CONFLICT (agent_id) DO UPDATE SET messages = messages + excluded.messages;
        END;
        CREATE TRIGGER customer_agents_unread_updated AFTER UPDATE OF agent_id, unread_count ON customer_agents
        WHEN new.agent_id IS NOT old.agent_id OR max(new.unread_count, 0) <> max(old.unread_count, 0) BEGIN
          UPDATE unread_by_agent SET messages = messages - max(old.unread_count, 0) WHERE agent_id = old.agent_id;
          INSERT INTO unread_by_agent (agent_id, messages) VALUES (new.agent_id, max(new.unread_count, 0))
            ON CONFLICT (agent_id) DO UPDATE SET messages = messages + excluded.messages;
        END;
        CREATE TRIGGER customer_agents_unread_deleted AFTER DELETE ON customer_agents WHEN old.unread_count > 0 BEGIN
          UPDATE unread_by_agent SET messages = messages - old.unread_count WHERE agent_id = old.agent_id;
        END;
      `),
  },
];

export const latestSchemaVersion = migrations.length;

export function schemaVersion(db: Database): number {
  const version: unknown = db.pragma('user_version', { simple: true });
  if (typeof version !== 'number' || !Number.isInteger(version)) throw new Error(`Unreadable user_version: ${String(version)}`);
  return version;
}

/** Runs the migrations after the file's version, up to `target` (the latest by default; tests stop earlier). */
export function migrate(db: Database, target: number = latestSchemaVersion): void {
  for (let version = schemaVersion(db); version < target; version += 1) {
    const migration = migrations[version];
    if (!migration) throw new Error(`No migration to schema version ${version + 1}`);
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
