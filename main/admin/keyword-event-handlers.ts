/**
 * The keyword event channels over the 2-Way service (reference lines 2182-2688): a page of events, create, change
 * and delete. The events' types come back in the response spelling (OPT_OUT/JOIN/HELP) whatever the service answers.
 */
import { keywordEventTypes, type KeywordEventType } from '../../common/api-decisions';
import type { ApiKeywordEvent } from '../../common/api-types';
import type { KeywordEvent } from '../../common/contract/admin';
import { fail, ok, type Result } from '../../common/result';
import type { Api } from '../api/client';
import type { HandlerTable } from '../ipc/handler-table';
import { listQuery } from './admin-lists';

type KeywordEventHandlers = Pick<
  HandlerTable,
  'admin:keyword-events' | 'admin:create-keyword-event' | 'admin:update-keyword-event' | 'admin:delete-keyword-event'
>;

function isKeywordEventType(type: string): type is KeywordEventType {
  return (keywordEventTypes as readonly string[]).includes(type);
}

function keywordEvent(event: ApiKeywordEvent): Result<KeywordEvent> {
  const { type, message } = event.config;
  if (!isKeywordEventType(type)) return fail('BAD_RESPONSE', `The service answered a keyword event of unknown type "${type}"`);
  return ok({ id: event._id, type, keywords: event.keywords, ...(typeof message === 'string' ? { message } : {}) });
}

export function keywordEventHandlers(api: Api): KeywordEventHandlers {
  return {
    'admin:keyword-events': async (request) => {
      const answer = await api.call('keywordEvents.list', { query: listQuery(request) });
      if (!answer.ok) return answer;
      const items: KeywordEvent[] = [];
      for (const event of answer.value.keyword_events) {
        const mapped = keywordEvent(event);
        if (!mapped.ok) return mapped;
        items.push(mapped.value);
      }
      return ok({ items, total: answer.value.total });
    },
    'admin:create-keyword-event': async (draft) => {
      const answer = await api.call('keywordEvents.create', { body: draft });
      return answer.ok ? keywordEvent(answer.value.keyword_event) : answer;
    },
    'admin:update-keyword-event': async ({ id, ...change }) => {
      const answer = await api.call('keywordEvents.update', { path: { event_id: id }, body: change });
      return answer.ok ? ok({}) : answer;
    },
    'admin:delete-keyword-event': async ({ id }) => {
      const answer = await api.call('keywordEvents.delete', { path: { event_id: id } });
      return answer.ok ? ok({}) : answer;
    },
  };
}
