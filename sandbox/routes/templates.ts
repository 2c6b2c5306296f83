/**
 * Message templates (lines 5683-6037): TEXT, CARD, LIST and CAROUSEL templates an agent picks from.
 */
import { z } from 'zod';
import { templateTypes } from '../../common/api-types';
import type { Api, AuthedContext } from '../http';
import { listBody, matchesSearch, parseEnumParam, parseOrder, parsePaging, parseSort, sortAndPage, textParam } from '../listing';
import type { Template } from '../model';
import { newId, nowIso } from '../runtime';
import { owned, parseInput, requireId } from '../validation';
import { scope } from './lookups';

/**
 * The body is the template's payload (line 5785 vs 5804). The example sends `"type": null` with a title and a text,
 * which is a text template (line 5715), so a missing or null type means TEXT_TEMPLATE.
 */
const CreateTemplateSchema = z.looseObject({
  type: z.enum(templateTypes).nullable().optional(),
  title: z.string().max(200).optional(),
  text: z.string().optional(),
});

function ownedTemplate(context: AuthedContext): Template {
  const id = requireId(context.params['template_id'], 'template_id');
  return owned(scope(context), 'template', id, context.enterprise.templates.get(id), 'Template');
}

export function registerTemplateRoutes(api: Api): void {
  const { runtime } = api;

  api.route('templates.list', ({ enterprise, query }) => {
    const paging = parsePaging(query);
    const sort = parseSort(query, ['created', 'modified', 'title', 'type'] as const, 'created');
    const direction = parseOrder(query, 'numeric', 1);
    const type = parseEnumParam(query, 'type', templateTypes);
    const search = textParam(query, 'search');
    const text = (template: Template, field: string): string | undefined => {
      const value = template.payload[field];
      return typeof value === 'string' ? value : undefined;
    };
    const matching = [...enterprise.templates.values()].filter(
      (template) => (type === undefined || template.payload.type === type) && matchesSearch(search, text(template, 'title'), text(template, 'text')),
    );
    const keyOf = (template: Template) => (sort === 'title' || sort === 'type' ? text(template, sort) : template[sort]);
    const page = sortAndPage(matching, keyOf, direction, paging);
    return { body: listBody('templates', page.items, page.total, paging) };
  });

  api.route('templates.create', ({ enterprise, body }) => {
    const input = parseInput(CreateTemplateSchema, body);
    const now = nowIso(runtime);
    const template: Template = {
      _id: newId(runtime),
      enterprise_id: enterprise.id,
      user_id: enterprise.userId,
      payload: { ...input, type: input.type ?? 'TEXT_TEMPLATE' },
      created: now,
      modified: now,
    };
    runtime.store.register('template', enterprise.id, template._id);
    enterprise.templates.set(template._id, template);
    // The example answers the template itself (line 5800); the schema names it `template` (line 5827): both.
    return { body: { ...template, template } };
  });

  api.route('templates.get', (context) => ({ body: { template: ownedTemplate(context) } }));

  api.route('templates.delete', (context) => {
    const template = ownedTemplate(context);
    context.enterprise.templates.delete(template._id);
    runtime.store.markDeleted(template._id);
    return { body: { success: true } };
  });
}
