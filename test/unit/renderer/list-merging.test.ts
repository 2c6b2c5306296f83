/** How pages of customers and windows of messages join without losing or repeating anyone. */
import { describe, expect, it } from 'vitest';
import { appendPage, replaceHead } from '../../../renderer/features/customers/customer-pages';
import { prependOlder, replaceNewest } from '../../../renderer/features/conversation/message-window';
import { fixedNow, makeCustomer, makeCustomers, makeMessage } from './fixtures';

const ids = (rows: ReadonlyArray<{ id: string }>) => rows.map((row) => row.id);

describe('customer pages', () => {
  it('appends a page without repeating a customer who moved between two reads', () => {
    const rows = makeCustomers(1, 3);
    expect(ids(appendPage(rows, [makeCustomer(3), makeCustomer(4)]))).toEqual(['c00001', 'c00002', 'c00003', 'c00004']);
  });

  it('replaces the head, keeps deeper rows in place and lists a customer who moved up once', () => {
    const loaded = makeCustomers(1, 10);
    const moved = makeCustomer(8, { lastMessageTime: fixedNow });
    const head = [moved, ...makeCustomers(1, 4)];
    const merged = replaceHead(loaded, head, false);
    expect(ids(merged.rows)).toEqual(['c00008', 'c00001', 'c00002', 'c00003', 'c00004', 'c00005', 'c00006', 'c00007', 'c00009', 'c00010']);
    expect(merged.keptDeeperRows).toBe(true);
  });

  it('takes the head alone when it is the whole list', () => {
    const merged = replaceHead(makeCustomers(1, 10), makeCustomers(1, 4), true);
    expect(ids(merged.rows)).toEqual(['c00001', 'c00002', 'c00003', 'c00004']);
    expect(merged.keptDeeperRows).toBe(false);
  });
});

describe('conversation windows', () => {
  it('puts an older window in front and skips messages already shown', () => {
    const shown = [makeMessage({ key: 'b', sent: 2 }), makeMessage({ key: 'c', sent: 3 })];
    const older = [makeMessage({ key: 'a', sent: 1 }), makeMessage({ key: 'b', sent: 2 })];
    expect(prependOlder(shown, older).map((message) => message.key)).toEqual(['a', 'b', 'c']);
  });

  it('replaces the newest span with a fresh read and keeps what is older', () => {
    const shown = [makeMessage({ key: 'a', sent: 1 }), makeMessage({ key: 'b', sent: 2, status: 'SENT' })];
    const fresh = [makeMessage({ key: 'b', sent: 2, status: 'READ' }), makeMessage({ key: 'c', sent: 3 })];
    const merged = replaceNewest(shown, fresh);
    expect(merged.items.map((message) => [message.key, message.status])).toEqual([
      ['a', 'DELIVERED'],
      ['b', 'READ'],
      ['c', 'DELIVERED'],
    ]);
    expect(merged.keptOlder).toBe(true);
    expect(replaceNewest(shown, []).items).toEqual([]);
  });
});
