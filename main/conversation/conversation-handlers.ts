/**
 * The conversation channels: older history fetched from the service into the cache as the agent scrolls up, and
 * marking a conversation read, which moves the cache's read state forward and tells every list holding that customer
 * to re-read it, so the unread badge and the window title follow at once.
 */
import type { MarkReadRequest } from '../../common/contract/conversation';
import { fail, ok, type Result } from '../../common/result';
import type { Cache } from '../cache/cache';
import type { DeletedCustomers } from '../customers/deleted-customers';
import type { EventBus } from '../ipc/event-bus';
import type { HandlerTable } from '../ipc/handler-table';
import type { Remote } from '../remote/remote';
import { loadOlderHistory } from './older-history';

type ConversationHandlers = Pick<HandlerTable, 'conversation:mark-read' | 'conversation:load-older'>;

/** The `sent` time a mark-read request reaches: a time as given, a message key (or server id) looked up. */
function readThrough(cache: Cache, request: MarkReadRequest): Result<number | undefined> {
  const { through, customerId } = request;
  if (through === undefined || typeof through === 'number') return ok(through);
  const window = cache.messageWindow({ customerId, around: through, limit: 2 });
  if (!window.ok) return window;
  const message = window.value.items.find((item) => item.key === through || item.messageId === through);
  return message ? ok(message.sent) : fail('NOT_FOUND', `No message ${through} in this conversation`);
}

export function conversationHandlers(cache: Cache, events: EventBus, remote: Remote, deletions?: DeletedCustomers): ConversationHandlers {
  return {
    'conversation:load-older': ({ customerId }) =>
      loadOlderHistory(
        {
          remote,
          cache,
          ...(deletions ? { deletions } : {}),
          onMessagesChanged: (id, ids) => events.emit('messages:changed', { customerId: id, ids }),
          onCustomersChanged: (ids) => events.emit('customers:changed', { ids }),
        },
        customerId,
      ),
    'conversation:mark-read': (request) => {
      const through = readThrough(cache, request);
      if (!through.ok) return through;
      const marked = cache.markRead(request.customerId, through.value);
      if (marked.ok) events.emit('customers:changed', { ids: [request.customerId] });
      return marked;
    },
  };
}
