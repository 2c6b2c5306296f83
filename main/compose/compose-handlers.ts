/**
 * The composer's lookups for one signed-in account: stored and WhatsApp templates to pick from, one template's content
 * for a message that carries its id, link tokens, short links and the customer's last inbound message. What a thread
 * needs to show (template contents, link tokens) is kept in the cache once seen, so it shows offline too.
 */
import { z } from 'zod';
import type { ApiTemplate } from '../../common/api-types';
import { LinkToken, StoredTemplate, WhatsAppTemplate, type composeChannels } from '../../common/contract/compose';
import { parseUnknown } from '../../common/parse';
import { fail, ok, type Result } from '../../common/result';
import { listQuery } from '../admin/admin-lists';
import type { Api } from '../api/client';
import type { Cache } from '../cache/cache';
import type { HandlerTable } from '../ipc/handler-table';
import { whatsAppTemplateContent } from './whatsapp-template-content';

export type ComposeHandlers = Pick<HandlerTable, keyof typeof composeChannels>;

/** How many templates a pick list shows; the search box finds the others. */
const PICK_LIST_SIZE = 100;

/**
 * Keys of what is kept in the cache's keyed state (`sync_cursors`, beside the history-start marks): a stored template
 * cannot be changed on the service (only created and deleted, lines 5683-6037), so its kept copy stays right; a
 * WhatsApp template's copy is refreshed each time its agent's list is read.
 */
export const lookupKeys = {
  template: (id: string) => `lookup:template:${id}`,
  whatsAppTemplate: (agentId: string, id: string) => `lookup:whatsapp-template:${agentId}:${id}`,
  linkTokens: 'lookup:link-tokens',
} as const;

function storedTemplate(template: ApiTemplate): StoredTemplate {
  const { type, title, text } = template.payload;
  return { id: template._id, type, ...(typeof title === 'string' ? { title } : {}), ...(typeof text === 'string' ? { text } : {}) };
}

/** Whether a failed lookup means the thing is not there (as opposed to the service being out of reach). */
function isMissing(error: { code: string }): boolean {
  return error.code === 'NOT_FOUND' || error.code === 'GONE';
}

export function composeHandlers(options: { api: Api; cache: Cache }): ComposeHandlers {
  const { api, cache } = options;

  function keep(key: string, value: unknown): void {
    // A copy that cannot be kept (full disk) only costs the offline view; the answer still goes out.
    cache.setCursor(key, JSON.stringify(value));
  }

  function kept<T extends z.ZodType>(key: string, schema: T): z.infer<T> | undefined {
    const cursor = cache.getCursor(key);
    if (!cursor.ok || cursor.value === null) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(cursor.value.value);
    } catch {
      return undefined;
    }
    const parsed = parseUnknown(schema, json, { code: 'STORAGE', what: 'kept lookup' });
    return parsed.ok ? parsed.value : undefined;
  }

  /** The cache's copy first; otherwise the service's answer, kept. A thing the service no longer has is null. */
  async function lookUp<T>(key: string, schema: z.ZodType<T>, fetch: () => Promise<Result<T>>): Promise<Result<T | null>> {
    const copy = kept(key, schema);
    if (copy !== undefined) return ok(copy);
    const fetched = await fetch();
    if (!fetched.ok) return isMissing(fetched.error) ? ok(null) : fetched;
    keep(key, fetched.value);
    return ok(fetched.value);
  }

  return {
    'compose:templates': async ({ search }) => {
      const answer = await api.call('templates.list', { query: listQuery({ offset: 0, limit: PICK_LIST_SIZE, search }) });
      if (!answer.ok) return answer;
      const items = answer.value.templates.map(storedTemplate);
      for (const template of items) keep(lookupKeys.template(template.id), template);
      return ok({ items, total: answer.value.total });
    },
    'compose:template': ({ id }) =>
      lookUp(lookupKeys.template(id), StoredTemplate, async () => {
        const answer = await api.call('templates.get', { path: { template_id: id } });
        return answer.ok ? ok(storedTemplate(answer.value.template)) : answer;
      }),
    'compose:whatsapp-templates': async ({ agentId, search }) => {
      const answer = await api.call('whatsappTemplates.list', {
        path: { agent_id: agentId },
        query: { ...listQuery({ offset: 0, limit: PICK_LIST_SIZE, search }), status: 'APPROVED' },
      });
      if (!answer.ok) return answer;
      // Asked for APPROVED only; a service that ignores the filter still gets nothing else offered.
      const items = answer.value.templates.filter((template) => template.status === undefined || template.status === 'APPROVED').map(whatsAppTemplateContent);
      for (const template of items) keep(lookupKeys.whatsAppTemplate(agentId, template.id), template);
      return ok({ items });
    },
    'compose:whatsapp-template': ({ agentId, id }) =>
      lookUp(lookupKeys.whatsAppTemplate(agentId, id), WhatsAppTemplate, async () => {
        const answer = await api.call('whatsappTemplates.get', { path: { agent_id: agentId, template_id: id } });
        return answer.ok ? ok(whatsAppTemplateContent(answer.value.template)) : answer;
      }),
    'compose:link-tokens': async () => {
      const answer = await api.call('links.tokens');
      if (answer.ok) {
        const items = answer.value.links.map(({ id, name, url, enabled }) => ({ id, name, url, enabled }));
        keep(lookupKeys.linkTokens, items);
        return ok({ items });
      }
      const copy = kept(lookupKeys.linkTokens, z.array(LinkToken));
      return copy === undefined ? answer : ok({ items: copy });
    },
    'compose:shorten-links': async ({ customerId, links }) => {
      const customer = cache.getCustomer(customerId);
      if (!customer.ok) return customer;
      if (customer.value === null) return fail('NOT_FOUND', 'This customer is not in the inbox any more');
      const answer = await api.call('links.shorten', { body: { customerNumber: customer.value.phone, links } });
      return answer.ok ? ok({ links: answer.value.links.map(({ base, short }) => ({ base, short })) }) : answer;
    },
    'compose:last-inbound': ({ customerId, agentId }) => {
      const sent = cache.lastInboundAt(customerId, agentId);
      return sent.ok ? ok({ sent: sent.value }) : sent;
    },
  };
}
