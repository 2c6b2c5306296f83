/**
 * Unsent messages and drafts survive a damaged cache: they live in a file of their own (main/cache/durable.ts), so
 * rebuilding the cache (a damaged header, a damaged page of the messages table, found at start or while running)
 * leaves them, says how many were kept, and shows each unsent message in its thread again once sync has brought
 * its customer back. A damaged outbox file is moved aside with every row that can still be read kept, and said so.
 * The files are real SQLite files in a temp folder, damaged by overwriting their bytes.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NewSend } from '../../../main/cache/cache';
import { outboxFileFor } from '../../../main/cache/durable';
import { migrate } from '../../../main/cache/migrations';
import { customer, message, minute, seedChannels, t0, tempDir, testCache, unwrap } from './fixtures';

const maria = customer(1);
const bob = customer(2);
const others = Array.from({ length: 300 }, (_, index) => customer(index + 3));

function send(clientId: string, customerId = maria.id): NewSend {
  return { clientId, customerId, agentId: 'agent-sms', channelType: 'SMS', payload: { type: 'TEXT', text: `unsent ${clientId}` } };
}

/**
 * A closed cache with 302 customers and 3,000 messages (the messages table spans many pages), three queued sends
 * (two to Maria, one to Bob), one send already delivered, and two drafts.
 */
function accountWithUnsentWords(): string {
  const { cache, file } = testCache();
  seedChannels(cache);
  unwrap(cache.upsertCustomers([maria, bob, ...others]));
  const history = [maria, bob, ...others].flatMap((who, index) =>
    Array.from({ length: 10 }, (_, n) => message(who.id, `m-${index}-${n}`, t0 + n * minute, { payload: { type: 'TEXT', text: `${'words '.repeat(10)}${n}` } })),
  );
  unwrap(cache.upsertMessages(history));
  unwrap(cache.enqueueSend(send('delivered')));
  unwrap(cache.updateSend('delivered', { state: 'sent', messageId: 'server-delivered' }));
  unwrap(cache.enqueueSend(send('unsent-1')));
  unwrap(cache.enqueueSend(send('unsent-2', bob.id)));
  unwrap(cache.enqueueSend(send('unsent-3')));
  unwrap(cache.saveDraft(maria.id, 'Half a thought for Maria'));
  unwrap(cache.saveDraft(bob.id, 'And one for Bob'));
  cache.close();
  return file;
}

function overwrite(file: string, offset: number, length: number): void {
  const handle = fs.openSync(file, 'r+');
  fs.writeSync(handle, Buffer.alloc(length, 0x5a), 0, length, offset);
  fs.closeSync(handle);
}

/** A page of the messages table's b-tree, not its root: found by a read that walks the table, not at open. */
function messagesLeafPage(file: string): { offset: number; size: number } {
  const db = new Database(file, { readonly: true });
  const size = Number(db.pragma('page_size', { simple: true }));
  const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = 'messages' AND pagetype = 'leaf' ORDER BY pageno").pluck().all();
  db.close();
  const page = pages[Math.floor(pages.length / 2)];
  if (typeof page !== 'number') throw new Error('the messages table has no leaf page');
  return { offset: (page - 1) * size, size };
}

function damageMessagesPage(file: string): void {
  const { offset, size } = messagesLeafPage(file);
  overwrite(file, offset, size);
}

function asideFiles(file: string): string[] {
  return fs.readdirSync(path.dirname(file)).filter((name) => name.startsWith(`${path.basename(file)}.corrupt-`));
}

function unsentIds(cache: ReturnType<typeof testCache>['cache']) {
  return unwrap(cache.listSends({ states: ['queued', 'sending', 'unknown', 'failed'] })).map((item) => [item.clientId, item.state]);
}

const keptAll = [
  ['unsent-1', 'queued'],
  ['unsent-2', 'queued'],
  ['unsent-3', 'queued'],
];

/** After the rebuild: the sends and drafts are all there, and the threads show the unsent messages once sync refills. */
function expectEverythingKept(cache: ReturnType<typeof testCache>['cache']): void {
  expect(unsentIds(cache)).toEqual(keptAll);
  expect(unwrap(cache.getDraft(maria.id))?.text).toBe('Half a thought for Maria');
  expect(unwrap(cache.getDraft(bob.id))?.text).toBe('And one for Bob');
  // Nothing starts before the cache knows whom to send to.
  expect(unwrap(cache.claimNextSend(maria.id))).toBeNull();

  unwrap(cache.upsertCustomers([maria, bob]));
  const thread = unwrap(cache.messageWindow({ customerId: maria.id, limit: 10 })).items;
  expect(thread.map((item) => [item.key, item.outbox?.state])).toEqual([
    ['unsent-1', 'queued'],
    ['unsent-3', 'queued'],
  ]);
  expect(unwrap(cache.messageWindow({ customerId: bob.id, limit: 10 })).items.map((item) => item.key)).toEqual(['unsent-2']);
  // And they leave in their order, each once: the first claim is the oldest, and delivering it attaches its id.
  expect(unwrap(cache.claimNextSend(maria.id))?.clientId).toBe('unsent-1');
  unwrap(cache.updateSend('unsent-1', { state: 'sent', messageId: 'server-1' }));
  expect(unwrap(cache.messageWindow({ customerId: maria.id, limit: 10 })).items.map((item) => item.messageId)).toEqual(['server-1', null]);
  expect(unwrap(cache.claimNextSend(maria.id))?.clientId).toBe('unsent-3');
}

const rebuiltWithCounts = { level: 'warning', message: expect.stringMatching(/damaged and has been rebuilt.*3 unsent messages and 2 drafts were kept/) };

describe('a damaged cache keeps the unsent messages and drafts', () => {
  it('a damaged header: the cache is rebuilt at open, every send and draft is kept and counted', () => {
    const file = accountWithUnsentWords();
    overwrite(file, 0, 100);

    const { cache, notices } = testCache({ file });
    expect(notices).toEqual([rebuiltWithCounts]);
    expect(asideFiles(file)).toHaveLength(1);
    expect(unwrap(cache.customerPage({ limit: 10 })).items).toEqual([]);
    expectEverythingKept(cache);
  });

  it('a damaged page of the messages table, found by the first read after start', () => {
    const file = accountWithUnsentWords();
    damageMessagesPage(file);

    const { cache, notices } = testCache({ file });
    const read = cache.messageWindow({ customerId: customer(150).id, limit: 50 });
    const first = read.ok ? cache.searchMessages({ text: 'words', limit: 5000 }) : read;
    expect(first.ok ? undefined : first.error).toMatchObject({ code: 'STORAGE', retryable: true, message: expect.stringMatching(/rebuilt/) });
    expect(notices).toEqual([rebuiltWithCounts]);
    expectEverythingKept(cache);
  });

  it('a damaged page of the messages table, found while running after sends and drafts were written', () => {
    const file = accountWithUnsentWords();
    const { cache, notices } = testCache({ file });
    unwrap(cache.saveDraft(maria.id, 'Half a thought for Maria'));
    // Another process damages the file under the running app: its cached pages no longer match the disk.
    const other = new Database(file);
    other.pragma('wal_checkpoint(TRUNCATE)');
    damageMessagesPage(file);
    other.prepare("INSERT INTO sync_cursors (key, value, updated_at) VALUES ('poke', '', 0)").run();
    other.close();

    const search = cache.searchMessages({ text: 'words', limit: 5000 });
    expect(search.ok ? undefined : search.error).toMatchObject({ code: 'STORAGE', message: expect.stringMatching(/rebuilt/) });
    expect(notices).toEqual([rebuiltWithCounts]);
    expectEverythingKept(cache);
    cache.close();
    // The next start finds nothing wrong and says nothing.
    const { notices: later } = testCache({ file });
    expect(later).toEqual([]);
  });

  it('keeps the files owner-only', () => {
    const file = accountWithUnsentWords();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(outboxFileFor(file)).mode & 0o777).toBe(0o600);
  });
});

/** Sends the outbox file lost, found again through their pending messages: checked against the history first. */
const readopted = [
  ['unsent-1', 'unknown'],
  ['unsent-2', 'unknown'],
  ['unsent-3', 'unknown'],
];

describe('a damaged outbox file', () => {
  it('with a damaged header is moved aside and said so, and the app goes on with a fresh one', () => {
    const file = accountWithUnsentWords();
    const outbox = outboxFileFor(file);
    overwrite(outbox, 0, 100);

    const { cache, notices } = testCache({ file });
    expect(notices).toEqual([
      {
        level: 'error',
        message: expect.stringMatching(
          /unsent messages and drafts .* was damaged\. 0 unsent messages and 0 drafts could be read.*3 more unsent messages were found in the cache/,
        ),
      },
    ]);
    expect(asideFiles(outbox)).toHaveLength(1);
    expect(asideFiles(file)).toEqual([]);
    // The cache itself was not touched, and new sends work.
    expect(unwrap(cache.customerPage({ limit: 500 })).items).toHaveLength(302);
    unwrap(cache.enqueueSend(send('after')));
    expect(unsentIds(cache)).toEqual([...readopted, ['after', 'queued']]);
  });

  it('with a damaged page keeps every send it can still read, finds the others through the cache, and says how many', () => {
    const { cache, file } = testCache();
    seedChannels(cache);
    unwrap(cache.upsertCustomers([maria]));
    for (let index = 0; index < 200; index += 1) unwrap(cache.enqueueSend(send(`send-${String(index).padStart(3, '0')}`)));
    cache.close();
    const outbox = outboxFileFor(file);
    const db = new Database(outbox, { readonly: true });
    const size = Number(db.pragma('page_size', { simple: true }));
    const leaves = db.prepare("SELECT pageno FROM dbstat WHERE name = 'outbox' AND pagetype = 'leaf' ORDER BY pageno").pluck().all();
    db.close();
    expect(leaves.length).toBeGreaterThan(4);
    const middle = leaves[Math.floor(leaves.length / 2)];
    if (typeof middle !== 'number') throw new Error('no leaf page');
    overwrite(outbox, (middle - 1) * size, size);

    const { cache: reopened, notices } = testCache({ file });
    // Opening (which reads the unsettled sends) or the first read that reaches the damaged page finds it.
    const first = reopened.listSends();
    if (!first.ok) expect(first.error).toMatchObject({ code: 'STORAGE', message: expect.stringMatching(/unsent messages was damaged/) });
    const sends = unwrap(reopened.listSends());
    const kept = sends.filter((item) => item.state === 'queued').map((item) => item.clientId);
    expect(kept.length).toBeGreaterThan(150);
    expect(kept.length).toBeLessThan(200);
    // Still in the order they were queued.
    expect(kept).toEqual([...kept].sort());
    // The rest were found through their pending messages, to be looked for in the history before going again.
    const found = sends.filter((item) => item.state === 'unknown').map((item) => item.clientId);
    expect([...kept, ...found].sort()).toEqual(Array.from({ length: 200 }, (_, index) => `send-${String(index).padStart(3, '0')}`));
    expect(notices).toEqual([
      {
        level: 'error',
        message: expect.stringContaining(
          `was damaged. ${kept.length} unsent messages and 0 drafts could be read from it and were kept; anything else in it ` +
            `could not be read. ${found.length} more unsent messages were found in the cache`,
        ),
      },
    ]);
    expect(asideFiles(outbox)).toHaveLength(1);
  });

  it('damaged while running is found, moved aside and salvaged, and the cache is left alone', () => {
    const file = accountWithUnsentWords();
    const { cache, notices } = testCache({ file });
    const outbox = outboxFileFor(file);
    const other = new Database(file);
    other.prepare('ATTACH DATABASE ? AS durable').run(outbox);
    other.pragma('durable.wal_checkpoint(TRUNCATE)');
    other.close();
    overwrite(outbox, 0, 100);
    const poke = new Database(outbox);
    expect(() => poke.pragma('user_version')).toThrow();
    poke.close();

    const read = cache.listSends();
    expect(read.ok ? undefined : read.error).toMatchObject({ code: 'STORAGE', message: expect.stringMatching(/unsent messages was damaged/) });
    expect(notices).toEqual([{ level: 'error', message: expect.stringMatching(/unsent messages and drafts .* was damaged.*3 more unsent messages/) }]);
    expect(asideFiles(outbox)).toHaveLength(1);
    expect(asideFiles(file)).toEqual([]);
    expect(unwrap(cache.customerPage({ limit: 500 })).items).toHaveLength(302);
    unwrap(cache.enqueueSend(send('after')));
    expect(unsentIds(cache)).toEqual([...readopted, ['after', 'queued']]);
  });
});

describe('a crash between the two files', () => {
  it('does not bring back a discarded send whose pending message outlived it', () => {
    const { cache, file } = testCache();
    seedChannels(cache);
    unwrap(cache.upsertCustomers([maria]));
    unwrap(cache.enqueueSend(send('discarded')));
    cache.close();
    // What a crash between the commits of a discard can leave: the send gone from the outbox file, its message not.
    const torn = new Database(outboxFileFor(file));
    torn.prepare("DELETE FROM outbox WHERE client_id = 'discarded'").run();
    torn.close();

    const { cache: reopened, notices } = testCache({ file });
    expect(notices).toEqual([]);
    expect(unwrap(reopened.listSends())).toEqual([]);
  });
});

describe('upgrading from a cache that held the outbox', () => {
  it('moves its sends and drafts into the outbox file in one go and empties the old tables', () => {
    const file = path.join(tempDir(), 'cache.sqlite');
    const old = new Database(file);
    migrate(old);
    old.exec(`
      INSERT INTO customers (id, phone) VALUES ('customer-0001', '15550000001');
      INSERT INTO outbox (client_id, customer_id, agent_id, channel_type, payload, state, attempts, next_attempt_at, created_at)
        VALUES ('old-1', 'customer-0001', 'agent-sms', 'SMS', '{"type":"TEXT","text":"first"}', 'queued', 0, ${t0}, ${t0}),
               ('old-2', 'customer-0001', 'agent-sms', 'SMS', '{"type":"TEXT","text":"second"}', 'failed', 1, ${t0}, ${t0 + 1});
      INSERT INTO drafts (customer_id, text, updated_at) VALUES ('customer-0001', 'Half a thought', ${t0});
    `);
    old.close();

    const { cache } = testCache({ file });
    expect(unwrap(cache.listSends()).map((item) => [item.clientId, item.state])).toEqual([
      ['old-1', 'queued'],
      ['old-2', 'failed'],
    ]);
    expect(unwrap(cache.getDraft('customer-0001'))?.text).toBe('Half a thought');
    // Their pending messages are back in the thread too.
    expect(unwrap(cache.messageWindow({ customerId: 'customer-0001', limit: 10 })).items.map((item) => item.key)).toEqual(['old-1', 'old-2']);
    cache.close();
    const check = new Database(file, { readonly: true });
    expect(check.prepare('SELECT (SELECT count(*) FROM outbox) + (SELECT count(*) FROM drafts)').pluck().get()).toBe(0);
    check.close();
  });
});
