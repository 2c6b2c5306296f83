/**
 * History older than the cache holds, fetched when the agent scrolls past the oldest message: the service pages a
 * customer's messages newest first by offset, so the next older page starts at the number of the service's messages
 * the cache already holds. The start of the conversation is claimed only when the service proves it, and the cache
 * remembers that (it survives restarts).
 */
import type { LoadOlderResult } from '../../common/contract/conversation';
import type { MessageCursor, MessageRecord } from '../../common/domain';
import { fail, ok, type Result } from '../../common/result';
import type { Cache } from '../cache/cache';
import type { DeletedCustomers } from '../customers/deleted-customers';
import type { Remote } from '../remote/remote';

export interface OlderHistoryOptions {
  remote: Remote;
  cache: Cache;
  /** Messages asked for beyond the overlap; the renderer's window is 50. */
  pageSize?: number;
  /**
   * Messages re-asked from the newer side of the next page. Messages arriving meanwhile (or a sync that has not
   * fetched the newest ones yet) shift the service's offsets; dedupe by message id makes an overlap harmless where
   * a gap would lose messages for good.
   */
  overlap?: number;
  /** Pages one call may read while they bring nothing older (all overlap): then it answers, and may be asked again. */
  maxPages?: number;
  /** Customers deleted while a page was on its way: their pages are not stored. */
  deletions?: DeletedCustomers;
  onMessagesChanged?: (customerId: string, keys: string[]) => void;
  onCustomersChanged?: (ids: string[]) => void;
  signal?: AbortSignal;
}

export const olderPageDefaults = { pageSize: 50, overlap: 5, maxPages: 8 } as const;

function isOlder(message: MessageRecord, than: MessageCursor): boolean {
  return message.sent < than.sent || (message.sent === than.sent && message.messageId < than.key);
}

/**
 * Fetches pages older than the cache's oldest message from the service into the cache until one brings an older
 * message or the service's `total` (or an empty page) shows the start was reached. A short page proves nothing:
 * the service may cap `limit` (its answer echoes the limit it used, reference line 3305).
 */
export async function loadOlderHistory(options: OlderHistoryOptions, customerId: string): Promise<Result<LoadOlderResult>> {
  const { remote, cache } = options;
  const pageSize = options.pageSize ?? olderPageDefaults.pageSize;
  const overlap = options.overlap ?? olderPageDefaults.overlap;
  const maxPages = options.maxPages ?? olderPageDefaults.maxPages;
  const ticket = options.deletions?.beginRead();
  const extent = cache.historyExtent(customerId);
  if (!extent.ok) return extent;
  if (extent.value.startReached) return ok({ added: 0, reachedStart: true });
  const oldest = extent.value.oldest;
  let offset = Math.max(0, extent.value.fetched - overlap);
  const limit = pageSize + overlap;
  const changedKeys: string[] = [];
  let added = 0;
  let reachedStart = false;
  for (let pages = 0; pages < maxPages; pages++) {
    const page = await remote.history(customerId, { offset, limit, ...(options.signal ? { signal: options.signal } : {}) });
    if (!page.ok) return page;
    if (ticket !== undefined && options.deletions?.deletedSince(ticket, customerId) === true) {
      return fail('NOT_FOUND', 'This customer was deleted, so their older messages were not kept');
    }
    const stored = cache.upsertMessages(page.value.items);
    if (!stored.ok) return stored;
    changedKeys.push(...(stored.value.byCustomer[customerId] ?? []));
    added += stored.value.created.length;
    const received = page.value.items.length + page.value.skipped;
    offset += received;
    reachedStart = received === 0 || offset >= page.value.total;
    const created = new Set(stored.value.created);
    const broughtOlder = page.value.items.some((message) => created.has(message.messageId) && (oldest === null || isOlder(message, oldest)));
    if (reachedStart || broughtOlder) break;
  }
  if (reachedStart) {
    const marked = cache.markHistoryStart(customerId);
    if (!marked.ok) return marked;
  }
  // What is older than the oldest message held is history the agent is reading back through, not news: it must not
  // raise the unread count (a conversation never fetched has no oldest, and its newest page counts as sync's would).
  if (oldest !== null && added > 0) {
    const read = cache.markRead(customerId, oldest.sent - 1);
    if (!read.ok) return read;
  }
  if (changedKeys.length > 0) options.onMessagesChanged?.(customerId, changedKeys);
  // Messages the cache did not hold can move the list entry (its unread count), as sync's own fetches do.
  if (added > 0) options.onCustomersChanged?.([customerId]);
  return ok({ added, reachedStart });
}

