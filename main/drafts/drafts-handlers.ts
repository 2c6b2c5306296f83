/**
 * The drafts channels: the agent's unsent words per customer, kept in the account's data through the Cache's draft
 * methods and announced with `drafts:changed`, so every window's customer list can mark who has a draft.
 */
import { fail, ok } from '../../common/result';
import type { Cache } from '../cache/cache';
import type { EventBus } from '../ipc/event-bus';
import type { HandlerTable } from '../ipc/handler-table';

type DraftsHandlers = Pick<HandlerTable, 'drafts:get' | 'drafts:save' | 'drafts:list'>;

export function draftsHandlers(cache: Cache, events: EventBus): DraftsHandlers {
  return {
    'drafts:get': ({ customerId }) => cache.getDraft(customerId),
    'drafts:list': () => {
      const drafts = cache.listDrafts();
      return drafts.ok ? ok({ drafts: drafts.value }) : drafts;
    },
    'drafts:save': ({ customerId, text }) => {
      const kept = cache.getDraft(customerId);
      if (!kept.ok) return kept;
      // Saved again on blur, switch and page hide: the same words change nothing and tell no one.
      if ((kept.value?.text ?? '') === text) return ok({});
      const customer = cache.getCustomer(customerId);
      if (!customer.ok) return customer;
      if (customer.value === null) return fail('NOT_FOUND', `No customer ${customerId} in this account`, { field: 'customerId' });
      const saved = cache.saveDraft(customerId, text);
      if (!saved.ok) return saved;
      const draft = cache.getDraft(customerId);
      if (!draft.ok) return draft;
      events.emit('drafts:changed', { customerId, draft: draft.value });
      return ok({});
    },
  };
}
