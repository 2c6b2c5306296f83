/**
 * When the disk lets the cache down. A damaged file (not a database at all, or a real one cut short) is moved
 * aside and rebuilt with a notice, since the server can refill it. A full disk, a read-only file or a path that
 * cannot be opened is reported as a STORAGE error, and nothing already stored is lost or half-written.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCache } from '../../../main/cache/cache';
import { customer, message, minute, t0, tempDir, testCache, unwrap } from './fixtures';

function asideFiles(file: string): string[] {
  return fs.readdirSync(path.dirname(file)).filter((name) => name.startsWith(`${path.basename(file)}.corrupt-`));
}

/** A cache file holding `count` customers with a message each, closed (so its WAL is folded into the file). */
function filledCacheFile(count: number): string {
  const { cache, file } = testCache();
  unwrap(cache.upsertCustomers(Array.from({ length: count }, (_, index) => customer(index + 1))));
  // Each customer's message is their last one, as the server's list says.
  unwrap(
    cache.upsertMessages(Array.from({ length: count }, (_, index) => message(customer(index + 1).id, `m${index}`, t0 + (index + 1) * minute))),
  );
  cache.close();
  return file;
}

describe('a damaged cache file', () => {
  it('moves a file that is not a database aside, starts fresh and says so', () => {
    const file = path.join(tempDir(), 'cache.sqlite');
    const garbage = Buffer.from('this is not an SQLite file, just bytes left by something else '.repeat(200));
    fs.writeFileSync(file, garbage);

    const { cache, notices } = testCache({ file });
    expect(notices).toEqual([{ level: 'warning', message: expect.stringMatching(/damaged and has been rebuilt/) }]);
    const [aside] = asideFiles(file);
    expect(aside).toMatch(/^cache\.sqlite\.corrupt-2024-05-01T09-00-00-000Z$/);
    expect(fs.readFileSync(path.join(path.dirname(file), aside ?? '')).equals(garbage)).toBe(true);
    // The fresh cache works.
    unwrap(cache.upsertCustomers([customer(1)]));
    expect(unwrap(cache.customerPage({ limit: 10 })).items).toHaveLength(1);
  });

  it('rebuilds a real database that was cut short, once SQLite trips over the missing pages', () => {
    const file = filledCacheFile(3000);
    const size = fs.statSync(file).size;
    expect(size).toBeGreaterThan(200_000);
    fs.truncateSync(file, 64 * 1024);

    const { cache, notices } = testCache({ file });
    // Either opening or the first read finds the damage; whichever does, the cache is rebuilt and says so.
    const first = cache.customerPage({ limit: 50 });
    if (!first.ok) expect(first.error).toMatchObject({ code: 'STORAGE', retryable: true, message: expect.stringMatching(/rebuilt/) });
    expect(notices).toEqual([{ level: 'warning', message: expect.stringMatching(/damaged and has been rebuilt/) }]);
    expect(asideFiles(file)).toHaveLength(1);
    expect(unwrap(cache.customerPage({ limit: 50 })).items).toEqual([]);
    unwrap(cache.upsertCustomers([customer(1)]));
    cache.close();

    const { cache: reopened, notices: later } = testCache({ file });
    expect(later).toEqual([]);
    expect(unwrap(reopened.customerPage({ limit: 50 })).items.map((item) => item.id)).toEqual([customer(1).id]);
  });

  it('does not mistake a tampered row for a damaged file: the row is refused, the file stays', () => {
    const { cache, file } = testCache();
    unwrap(cache.upsertCustomers([customer(1)]));
    const tamper = new Database(file);
    tamper.prepare("UPDATE customers SET subscriptions = '{not json' WHERE id = ?").run(customer(1).id);
    tamper.close();
    const page = cache.customerPage({ limit: 10 });
    expect(page.ok ? undefined : page.error).toMatchObject({ code: 'STORAGE', message: expect.stringContaining('subscriptions') });
    expect(asideFiles(file)).toEqual([]);
  });
});

describe('a disk that refuses writes', () => {
  it('reports a path that cannot be opened and leaves what is there alone', () => {
    const dir = tempDir();
    const asDirectory = path.join(dir, 'cache.sqlite');
    fs.mkdirSync(asDirectory);
    fs.writeFileSync(path.join(asDirectory, 'keep.txt'), 'kept');
    const opened = openCache({ file: asDirectory });
    expect(opened.ok ? undefined : opened.error).toMatchObject({ code: 'STORAGE', message: expect.stringContaining(asDirectory) });
    expect(fs.readFileSync(path.join(asDirectory, 'keep.txt'), 'utf8')).toBe('kept');

    const underAFile = path.join(dir, 'plain-file', 'cache.sqlite');
    fs.writeFileSync(path.join(dir, 'plain-file'), 'not a folder');
    const nested = openCache({ file: underAFile });
    expect(nested.ok ? undefined : nested.error).toMatchObject({ code: 'STORAGE', message: expect.stringMatching(/cannot open/) });
  });

  it('keeps answering reads from a write-protected file, and reports every write as STORAGE', () => {
    const file = filledCacheFile(20);
    // What SQLite does with a file the OS will not let it write (root ignores file modes, so open it read-only).
    const { cache, notices } = testCache({ file, connect: (path) => new Database(path, { readonly: true }) });
    expect(notices).toEqual([]);
    expect(unwrap(cache.customerPage({ limit: 50 })).items).toHaveLength(20);

    const write = cache.upsertCustomers([customer(1, { name: 'Changed' }), customer(21)]);
    expect(write.ok ? undefined : write.error).toMatchObject({ code: 'STORAGE', retryable: false, message: expect.stringMatching(/read-only/) });
    const send = cache.enqueueSend({ clientId: 'c1', customerId: customer(1).id, agentId: 'agent-sms', channelType: 'SMS', payload: { type: 'TEXT', text: 'x' } });
    expect(send.ok ? undefined : send.error.code).toBe('STORAGE');
    expect(unwrap(cache.getCustomer(customer(1).id))?.name).toBe('Customer 1');
    expect(unwrap(cache.customerPage({ limit: 50 })).items).toHaveLength(20);
    expect(asideFiles(file)).toEqual([]);
  });

  it('rolls back a batch the disk fills up half-way through: earlier rows intact, none of the batch half-written', () => {
    const file = filledCacheFile(20);
    const { cache } = testCache({
      file,
      connect: (path) => {
        const db = new Database(path);
        // The file may grow by a few pages only: a disk that is nearly full.
        const pages = db.pragma('page_count', { simple: true });
        db.pragma(`max_page_count = ${Number(pages) + 8}`);
        return db;
      },
    });
    const big = Array.from({ length: 2000 }, (_, index) =>
      message(customer(1).id, `big-${index}`, t0 + 100 * minute + index, { payload: { type: 'TEXT', text: `a long message ${'x'.repeat(400)} ${index}` } }),
    );
    const stored = cache.upsertMessages(big);
    expect(stored.ok ? undefined : stored.error).toMatchObject({ code: 'STORAGE', retryable: true, message: expect.stringMatching(/disk is full/) });

    const window = unwrap(cache.messageWindow({ customerId: customer(1).id, limit: 50 }));
    expect(window.items.map((item) => item.key)).toEqual(['m0']);
    expect(unwrap(cache.customerPage({ limit: 50 })).items).toHaveLength(20);
    expect(unwrap(cache.getCustomer(customer(1).id))).toMatchObject({ unreadCount: 1, lastMessagePreview: 'message m0' });
    // Small writes that still fit go through.
    unwrap(cache.saveDraft(customer(1).id, 'still typing'));
    expect(unwrap(cache.getDraft(customer(1).id))?.text).toBe('still typing');
  });
});
