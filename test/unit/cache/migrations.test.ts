/**
 * Upgrading: a cache file written by any earlier schema version opens at the latest one with everything it held
 * intact and usable (search finds customers stored before search existed), and a file from a newer app is refused
 * untouched rather than guessed at.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCache } from '../../../main/cache/cache';
import { latestSchemaVersion, migrate, schemaVersion } from '../../../main/cache/migrations';
import { t0, tempDir, testCache, unwrap } from './fixtures';

/** What an app at schema `version` could have stored, written with that version's own tables. */
function seedAt(db: Database.Database, version: number): void {
  // From version 6 on, messages and customer-agent links name the customer by local id.
  const customerColumn = version >= 6 ? 'customer_ref' : 'customer_id';
  const customerValue = version >= 6 ? "(SELECT local_id FROM customers WHERE id = 'customer-1')" : "'customer-1'";
  if (version >= 1) {
    db.exec(`
      INSERT INTO channels (id, type, name, status, created, modified) VALUES ('channel-sms', 'SMS', 'SMS USA', 'ACTIVE', ${t0}, ${t0});
      INSERT INTO agents (id, channel_id, label, created, modified) VALUES ('agent-sms', 'channel-sms', '145044111206', ${t0}, ${t0});
      INSERT INTO customers (id, name, phone, country, subscriptions, chatbot_enabled, created, modified,
        server_last_message_time, last_message_time, last_message_preview, unread_count, read_through)
        VALUES ('customer-1', 'Zoë Quartermain', '447700900123', 'GB', '{"agent-sms":true}', '{}', ${t0}, ${t0},
        ${t0 + 1000}, ${t0 + 1000}, 'Where is my parcel?', 1, 0);
      INSERT INTO customer_agents (${customerColumn}, agent_id, unread_count) VALUES (${customerValue}, 'agent-sms', 1);
      INSERT INTO messages (message_id, ${customerColumn}, agent_id, origin, status, sent, modified, payload, text)
        VALUES ('message-1', ${customerValue}, 'agent-sms', 'CUSTOMER', 'DELIVERED', ${t0 + 1000}, NULL,
        '{"type":"TEXT","text":"Where is my parcel?"}', 'Where is my parcel?');
      INSERT INTO sync_cursors (key, value, updated_at) VALUES ('customers', 'complete', ${t0 + 2000});
    `);
  }
  if (version >= 3) {
    db.exec(`
      INSERT INTO outbox (client_id, customer_id, agent_id, channel_type, payload, state, attempts, next_attempt_at,
        created_at) VALUES ('client-1', 'customer-1', 'agent-sms', 'SMS', '{"type":"TEXT","text":"On its way"}',
        'queued', 0, ${t0}, ${t0});
      INSERT INTO messages (client_id, ${customerColumn}, agent_id, origin, status, sent, payload, text)
        VALUES ('client-1', ${customerValue}, 'agent-sms', 'AGENT', 'CREATED', ${t0 + 3000},
        '{"type":"TEXT","text":"On its way"}', 'On its way');
      INSERT INTO drafts (customer_id, text, updated_at) VALUES ('customer-1', 'Half a thought', ${t0});
    `);
  }
  if (version >= 4) {
    db.exec(`INSERT INTO media (id, url, mime, size, local_path, last_used_at)
      VALUES ('media-0', '/api/media/0', 'image/jpeg', 2048, '/cache/media-0', ${t0})`);
  }
  if (version >= 9) {
    // From version 9 on, the app kept each customer's folded name words and phone digits, and indexed the digits.
    db.exec(`
      UPDATE customers SET search_words = ' zoe quartermain', phone_digits = '447700900123';
      INSERT INTO customer_phones_fts (rowid, digits) SELECT local_id, phone_digits FROM customers;
    `);
  }
  if (version >= 2) {
    // From version 2 on, the app indexed every row it wrote.
    db.exec(`
      INSERT INTO customers_fts (rowid, name, phone) SELECT local_id, name, phone FROM customers;
      INSERT INTO messages_fts (rowid, text) SELECT local_id, text FROM messages;
    `);
  }
}

describe('migrations', () => {
  it.each(Array.from({ length: latestSchemaVersion }, (_, version) => version))(
    'upgrades a cache file at schema version %i to the latest with its data intact',
    (version) => {
      const file = path.join(tempDir(), 'cache.sqlite');
      const old = new Database(file);
      migrate(old, version);
      expect(schemaVersion(old)).toBe(version);
      seedAt(old, version);
      old.close();

      const { cache } = testCache({ file });
      const page = unwrap(cache.customerPage({ limit: 50 }));
      if (version === 0) {
        expect(page.items).toEqual([]);
      } else {
        expect(page.items).toEqual([
          expect.objectContaining({
            id: 'customer-1',
            name: 'Zoë Quartermain',
            phone: '447700900123',
            subscriptions: { 'agent-sms': true },
            unreadCount: 1,
            lastMessagePreview: 'Where is my parcel?',
            // Kept on the customer row from version 7; an older file gets it from its messages.
            lastAgentId: 'agent-sms',
            lastChannelType: 'SMS',
          }),
        ]);
        // Indexes added after the rows were written still find them.
        expect(unwrap(cache.customerPage({ limit: 50, search: 'zoe quart' })).items.map((item) => item.id)).toEqual(['customer-1']);
        expect(unwrap(cache.customerPage({ limit: 50, search: '4477009' })).items.map((item) => item.id)).toEqual(['customer-1']);
        // Any part of the phone number, and one or two characters, from version 9 on.
        expect(unwrap(cache.customerPage({ limit: 50, search: '7009001' })).items.map((item) => item.id)).toEqual(['customer-1']);
        expect(unwrap(cache.customerPage({ limit: 50, search: 'qu' })).items.map((item) => item.id)).toEqual(['customer-1']);
        expect(unwrap(cache.customerPage({ limit: 50, search: '23' })).items.map((item) => item.id)).toEqual(['customer-1']);
        expect(unwrap(cache.searchMessages({ text: 'parc', limit: 10 })).map((found) => found.key)).toEqual(['message-1']);
        expect(unwrap(cache.getCursor('customers'))).toEqual({ value: 'complete', updatedAt: t0 + 2000 });
        expect(unwrap(cache.unreadCounts())).toEqual({ messages: 1, conversations: 1, byChannel: { 'channel-sms': 1 } });
      }
      const window = unwrap(cache.messageWindow({ customerId: 'customer-1', limit: 50 }));
      if (version >= 3) {
        expect(window.items.map((item) => [item.key, item.outbox?.state ?? null])).toEqual([
          ['message-1', null],
          ['client-1', 'queued'],
        ]);
        expect(unwrap(cache.getDraft('customer-1'))?.text).toBe('Half a thought');
      } else if (version >= 1) {
        expect(window.items.map((item) => item.key)).toEqual(['message-1']);
      }
      if (version >= 4) expect(unwrap(cache.mediaOnDiskByLastUse(10)).map((media) => [media.id, media.localPath])).toEqual([['media-0', '/cache/media-0']]);
      // Everything the newest schema added works on the upgraded file.
      unwrap(cache.rememberMedia({ id: 'media-1', url: '/api/media/1', mime: 'image/png', size: 10, localPath: null, lastUsedAt: t0 }));
      cache.close();
      const reopened = new Database(file, { readonly: true });
      expect(schemaVersion(reopened)).toBe(latestSchemaVersion);
      reopened.close();
    },
  );

  it('refuses a file written by a newer version of the app and leaves it as it was', () => {
    const file = path.join(tempDir(), 'cache.sqlite');
    const newer = new Database(file);
    migrate(newer);
    newer.pragma(`user_version = ${latestSchemaVersion + 1}`);
    newer.close();
    const before = fs.readFileSync(file);

    const opened = openCache({ file });
    expect(opened.ok).toBe(false);
    expect(opened.ok ? undefined : opened.error).toMatchObject({ code: 'STORAGE', message: expect.stringMatching(/newer version/) });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
