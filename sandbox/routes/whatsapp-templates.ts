/**
 * WhatsApp templates of a WhatsApp agent (lines 4624-5480). The service relays these to Meta: when the agent's
 * WhatsApp channel is not ACTIVE, the upstream call fails and the operations that document it answer 502.
 */
import { ApiError } from '../api-error';
import type { Api, AuthedContext } from '../http';
import { listBody, matchesSearch, parseEnumParam, parseOrder, parsePaging, parseSort, sortAndPage, textParam } from '../listing';
import { waTemplateStatuses, type Agent, type Channel, type WaTemplateRecord, type WaTemplateView } from '../model';
import { nowIso, type SandboxRuntime } from '../runtime';
import { gone, notFound, parseInput } from '../validation';
import {
  CreateWaTemplateSchema,
  UpdateWaTemplateSchema,
  authenticationContent,
  componentsOf,
  editRefusal,
  type CreateWaTemplateInput,
} from '../whatsapp-template-rules';
import { ownedAgentOfType } from './lookups';

/** Meta's template ids are long digit strings ("493480348725846", line 4653). */
export function waTemplateId(runtime: SandboxRuntime): string {
  return `${runtime.random.int(1, 9)}${runtime.random.digits(14)}`;
}

export function buildWaTemplate(runtime: SandboxRuntime, input: CreateWaTemplateInput, status: WaTemplateView['status']): WaTemplateView {
  const now = nowIso(runtime);
  const content =
    input.category === 'AUTHENTICATION'
      ? authenticationContent(input.options, input.buttons)
      : {
          body: input.body,
          footer: input.footer ?? null,
          ...(input.header === undefined ? {} : { header: input.header }),
          ...(input.buttons === undefined ? {} : { buttons: input.buttons }),
        };
  return {
    id: waTemplateId(runtime),
    category: input.category,
    status,
    language: input.language,
    name: input.name,
    preview: content.body,
    components: componentsOf(content),
    ...content,
    created: now,
    modified: now,
  };
}

function whatsappAgent(context: AuthedContext): { agent: Agent; channel: Channel } {
  return ownedAgentOfType(context, context.params['agent_id'], 'WA');
}

/** The Meta call behind the operation fails while the WhatsApp Business account is not active. */
function assertUpstreamAvailable(channel: Channel): void {
  if (channel.status !== 'ACTIVE') {
    throw new ApiError(
      502,
      'WhatsApp upstream error',
      `Meta rejected the request: the WhatsApp Business account of channel "${channel.config.name}" is ${channel.status}`,
    );
  }
}

function templatesOf(context: AuthedContext, agent: Agent): WaTemplateRecord[] {
  return context.enterprise.waTemplates.filter((record) => record.agentId === agent._id);
}

function findTemplate(context: AuthedContext, agent: Agent, match: (record: WaTemplateRecord) => boolean, label: string): WaTemplateRecord {
  const matching = templatesOf(context, agent).filter(match);
  const live = matching.find((record) => record.template.status !== 'DELETED');
  if (live !== undefined) return live;
  throw matching.length > 0 ? gone(context.op, 'WhatsApp template', label) : notFound(context.op, 'WhatsApp template', label);
}

const sortFields = ['created', 'modified', 'name', 'status', 'category', 'language'] as const;

export function registerWhatsappTemplateRoutes(api: Api): void {
  const { runtime } = api;

  api.route('whatsappTemplates.list', (context) => {
    const { agent, channel } = whatsappAgent(context);
    assertUpstreamAvailable(channel);
    const { query } = context;
    const paging = parsePaging(query);
    const sort = parseSort(query, sortFields, 'created');
    const direction = parseOrder(query, 'numeric', 1);
    const status = parseEnumParam(query, 'status', waTemplateStatuses);
    const search = textParam(query, 'search');
    const matching = templatesOf(context, agent)
      .map((record) => record.template)
      .filter((template) => (status === undefined ? template.status !== 'DELETED' : template.status === status))
      .filter((template) => matchesSearch(search, template.name, template.body));
    const page = sortAndPage(matching, (template) => template[sort], direction, paging);
    return { body: listBody('templates', page.items, page.total, paging) };
  });

  api.route('whatsappTemplates.create', (context) => {
    const { agent, channel } = whatsappAgent(context);
    const input = parseInput(CreateWaTemplateSchema, context.body);
    assertUpstreamAvailable(channel);
    const taken = templatesOf(context, agent).some((record) => record.template.name === input.name && record.template.status !== 'DELETED');
    if (taken) throw new ApiError(400, 'Template name taken', `Agent ${agent._id} already has a template named "${input.name}"`);
    const template = buildWaTemplate(runtime, input, 'PENDING');
    context.enterprise.waTemplates.push({ agentId: agent._id, template, editTimes: [], activeBroadcast: false });
    runtime.onTemplateSubmitted?.(template);
    return { body: { template } };
  });

  api.route('whatsappTemplates.activeBroadcast', (context) => {
    const { agent } = whatsappAgent(context);
    const wanted = textParam(context.query, 'name') ?? textParam(context.query, 'template_id') ?? textParam(context.query, 'id');
    const records = templatesOf(context, agent).filter(
      (record) => wanted === undefined || record.template.name === wanted || record.template.id === wanted,
    );
    return { body: { isActive: records.some((record) => record.activeBroadcast) } };
  });

  api.route('whatsappTemplates.get', (context) => {
    const { agent, channel } = whatsappAgent(context);
    const id = context.params['template_id'] ?? '';
    assertUpstreamAvailable(channel);
    const record = findTemplate(context, agent, (candidate) => candidate.template.id === id, id);
    return { body: { template: record.template, namespace: `sandbox_${agent._id.slice(0, 8)}` } };
  });

  api.route('whatsappTemplates.update', (context) => {
    const { agent, channel } = whatsappAgent(context);
    const id = context.params['template_id'] ?? '';
    const input = parseInput(UpdateWaTemplateSchema, context.body);
    assertUpstreamAvailable(channel);
    const record = findTemplate(context, agent, (candidate) => candidate.template.id === id, id);
    const now = runtime.clock.now();
    const refusal = editRefusal(record.editTimes, now);
    if (refusal !== undefined) throw new ApiError(400, 'Edit limit reached', refusal);
    const template = record.template;
    if (input.body !== undefined) template.body = input.body;
    if (input.header !== undefined) template.header = input.header;
    if (input.footer !== undefined) template.footer = input.footer;
    if (input.options !== undefined) template.options = input.options;
    if (input.buttons !== undefined) {
      const buttons: Record<string, unknown> = 'otp' in input.buttons ? { type: 'OTP', otp: { type: 'COPY_CODE', ...input.buttons.otp } } : input.buttons;
      template.buttons = buttons;
    }
    template.preview = template.body;
    template.components = componentsOf(template);
    // Meta reviews an edited template again.
    template.status = 'PENDING';
    template.modified = nowIso(runtime);
    record.editTimes.push(now);
    runtime.onTemplateSubmitted?.(template);
    return {};
  });

  api.route('whatsappTemplates.delete', (context) => {
    const { agent } = whatsappAgent(context);
    const name = context.params['name'] ?? '';
    const record = findTemplate(context, agent, (candidate) => candidate.template.name === name, name);
    record.template.status = 'DELETED';
    record.template.modified = nowIso(runtime);
    record.activeBroadcast = false;
    return {};
  });

}
