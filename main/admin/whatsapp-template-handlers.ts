/**
 * One WhatsApp agent's templates (reference lines 4624-4833), narrowed by review status and searched by the
 * service. The list answers the schema's `body` or the example's `preview` (common/api-types), whichever came.
 */
import { listQuery } from './admin-lists';
import type { ApiWhatsAppTemplate } from '../../common/api-types';
import type { WhatsAppTemplateSummary } from '../../common/contract/admin';
import { ok } from '../../common/result';
import type { Api } from '../api/client';
import type { HandlerTable } from '../ipc/handler-table';

type WhatsAppTemplateHandlers = Pick<HandlerTable, 'admin:whatsapp-templates'>;

function summary(template: ApiWhatsAppTemplate): WhatsAppTemplateSummary {
  const body = template.body ?? template.preview;
  return {
    id: template.id,
    name: template.name,
    ...(template.category === undefined ? {} : { category: template.category }),
    ...(template.language === undefined ? {} : { language: template.language }),
    ...(template.status === undefined ? {} : { status: template.status }),
    ...(typeof body === 'string' ? { body } : {}),
  };
}

export function whatsAppTemplateHandlers(api: Api): WhatsAppTemplateHandlers {
  return {
    'admin:whatsapp-templates': async ({ agentId, status, ...page }) => {
      const answer = await api.call('whatsappTemplates.list', {
        path: { agent_id: agentId },
        query: { ...listQuery(page), ...(status ? { status } : {}) },
      });
      if (!answer.ok) return answer;
      return ok({ items: answer.value.templates.map(summary), total: answer.value.total });
    },
  };
}
