/**
 * Keyword events (lines 2182-2688): words a customer sends that opt them out, back in, or ask for help. A keyword
 * belongs to one event at a time (409 on create, 400 on update).
 */
import { z } from 'zod';
import { normaliseKeywordEventType } from '../../common/api-decisions';
import { ApiError } from '../api-error';
import type { Api } from '../http';
import { listBody, matchesSearch, parseOrder, parsePaging, parseSort, sortAndPage, textParam } from '../listing';
import type { KeywordEvent } from '../model';
import { newId, nowIso } from '../runtime';
import type { Enterprise } from '../store';
import { owned, parseInput, requireId } from '../validation';
import { scope } from './lookups';

/** "Opt-out" | "Join" | "Help" (line 2284), plus the response spellings (api-decisions). */
const EventTypeSchema = z.string().transform((value, context) => {
  const type = normaliseKeywordEventType(value);
  if (type === undefined) {
    context.addIssue({ code: 'custom', message: 'event must be Opt-out, Join or Help' });
    return z.NEVER;
  }
  return type;
});
const keywords = z.array(z.string().trim().min(1).max(50)).min(1);
/** 160 characters, like the channel's keyword messages (lines 120-121). */
const message = z.string().min(1).max(160);

const CreateSchema = z.object({ event: EventTypeSchema, keywords, message: message.optional() });
const UpdateSchema = z.object({ keywords: keywords.optional(), message: message.optional() });

function assertJoinMessage(type: KeywordEvent['config']['type'], text: string | undefined): void {
  // Line 2280: the message is "only for JOIN keyword event"; the others' messages are set on each channel.
  if (text !== undefined && type !== 'JOIN') {
    throw new ApiError(400, 'Invalid body', 'message: only Join events carry a message; set opt-out and help messages on the channel');
  }
}

function keywordInUse(enterprise: Enterprise, words: string[], except?: string): string | undefined {
  const wanted = new Set(words.map((word) => word.toLowerCase()));
  for (const event of enterprise.keywordEvents.values()) {
    if (event._id === except) continue;
    const clash = event.keywords.find((word) => wanted.has(word.toLowerCase()));
    if (clash !== undefined) return clash;
  }
  return undefined;
}

export function registerKeywordEventRoutes(api: Api): void {
  const { runtime } = api;

  const ownedEvent = (context: Parameters<Parameters<Api['route']>[1]>[0]): KeywordEvent => {
    const id = requireId(context.params['event_id'], 'event_id');
    return owned(scope(context), 'keywordEvent', id, context.enterprise.keywordEvents.get(id), 'Keyword event');
  };

  api.route('keywordEvents.list', ({ enterprise, query }) => {
    const paging = parsePaging(query);
    const sort = parseSort(query, ['created', 'modified', 'type'] as const, 'created');
    const direction = parseOrder(query, 'numeric', 1);
    const search = textParam(query, 'search');
    const matching = [...enterprise.keywordEvents.values()].filter((event) => matchesSearch(search, event.config.type, event.config.message, ...event.keywords));
    const page = sortAndPage(matching, (event) => (sort === 'type' ? event.config.type : event[sort]), direction, paging);
    return { body: listBody('keyword_events', page.items, page.total, paging) };
  });

  api.route('keywordEvents.create', ({ enterprise, body }) => {
    const input = parseInput(CreateSchema, body);
    assertJoinMessage(input.event, input.message);
    const clash = keywordInUse(enterprise, input.keywords);
    if (clash !== undefined) throw new ApiError(409, 'Keyword already used', `The keyword "${clash}" already triggers another event`);
    const now = nowIso(runtime);
    const event: KeywordEvent = {
      _id: newId(runtime),
      keywords: input.keywords,
      config: { type: input.event, ...(input.message === undefined ? {} : { message: input.message }) },
      created: now,
      modified: now,
    };
    runtime.store.register('keywordEvent', enterprise.id, event._id);
    enterprise.keywordEvents.set(event._id, event);
    return { body: { keyword_event: event } };
  });

  api.route('keywordEvents.get', (context) => ({ body: { keyword_event: ownedEvent(context) } }));

  api.route('keywordEvents.update', (context) => {
    const event = ownedEvent(context);
    const input = parseInput(UpdateSchema, context.body);
    assertJoinMessage(event.config.type, input.message);
    if (input.keywords !== undefined) {
      const clash = keywordInUse(context.enterprise, input.keywords, event._id);
      if (clash !== undefined) throw new ApiError(400, 'Keyword already used', `The keyword "${clash}" already triggers another event`);
      event.keywords = input.keywords;
    }
    if (input.message !== undefined) event.config.message = input.message;
    event.modified = nowIso(runtime);
    return {};
  });

  api.route('keywordEvents.delete', (context) => {
    const event = ownedEvent(context);
    context.enterprise.keywordEvents.delete(event._id);
    runtime.store.markDeleted(event._id);
    return { body: {} };
  });
}
