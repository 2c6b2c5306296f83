/**
 * The template channels over the 2-Way service (reference lines 5683-6037): a page of templates of one type or all,
 * create and delete (the service has no way to change a template).
 */
import type { ApiTemplate } from '../../common/api-types';
import type { Template } from '../../common/contract/admin';
import { ok } from '../../common/result';
import type { Api } from '../api/client';
import type { HandlerTable } from '../ipc/handler-table';
import { listQuery } from './admin-lists';

type TemplateHandlers = Pick<HandlerTable, 'admin:templates' | 'admin:create-template' | 'admin:delete-template'>;

function template(stored: ApiTemplate): Template {
  const { title, text, type } = stored.payload;
  return {
    id: stored._id,
    type,
    ...(typeof title === 'string' ? { title } : {}),
    ...(typeof text === 'string' ? { text } : {}),
    ...(stored.created === undefined ? {} : { created: stored.created }),
  };
}

export function templateHandlers(api: Api): TemplateHandlers {
  return {
    'admin:templates': async ({ type, ...page }) => {
      const answer = await api.call('templates.list', { query: { ...listQuery(page), ...(type ? { type } : {}) } });
      if (!answer.ok) return answer;
      return ok({ items: answer.value.templates.map(template), total: answer.value.total });
    },
    'admin:create-template': async (draft) => {
      const answer = await api.call('templates.create', { body: draft });
      return answer.ok ? ok(template(answer.value.template)) : answer;
    },
    'admin:delete-template': async ({ id }) => {
      const answer = await api.call('templates.delete', { path: { template_id: id } });
      return answer.ok ? ok({}) : answer;
    },
  };
}
