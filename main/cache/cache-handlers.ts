/**
 * The contract's cache channels, answered from SQLite at once: a page of customers, a window of a conversation,
 * unread counts, each with how fresh it is. Nothing here waits on the network; sync refreshes in the background.
 */
import type { HandlerTable } from '../ipc/handler-table';
import { ok } from '../../common/result';
import type { Cache } from './cache';

type CacheHandlers = Pick<
  HandlerTable,
  'customers:page' | 'customers:get' | 'messages:window' | 'inbox:unread' | 'messages:find' | 'inbox:channels'
>;

export function cacheHandlers(cache: Cache): CacheHandlers {
  return {
    'customers:page': (query) => {
      const page = cache.customerPage(query);
      if (!page.ok) return page;
      const freshness = cache.freshness();
      return freshness.ok ? ok({ ...page.value, freshness: freshness.value }) : freshness;
    },
    'messages:window': (query) => {
      const window = cache.messageWindow(query);
      if (!window.ok) return window;
      const freshness = cache.freshness(query.customerId);
      return freshness.ok ? ok({ ...window.value, freshness: freshness.value }) : freshness;
    },
    'customers:get': ({ id }) => cache.getCustomer(id),
    'inbox:unread': () => cache.unreadCounts(),
    'messages:find': (query) => cache.findInConversation(query),
    'inbox:channels': () => cache.listChannels(),
  };
}
