/**
 * One WhatsApp agent's templates (reference lines 4624-5480): listed, narrowed by review status and searched by the
 * service; opened, created, edited and deleted by name, with the active-broadcast check asked before a deletion.
 * The list answers the schema's `body` or the example's `preview` (common/api-types), whichever came. An edit this
 * app made is remembered in the account's cache, so the edit limit (line 5209) is refused before any request.
 */
import { listQuery } from './admin-lists';
import { whatsAppTemplateLimits } from '../../common/api-decisions';
import type { ApiWhatsAppTemplate } from '../../common/api-types';
import type { WhatsAppTemplateSummary } from '../../common/contract/admin';
import {
  whatsAppHeaderTypes,
  type WhatsAppTemplateChange,
  type WhatsAppTemplateDraft,
  type WhatsAppTemplateFields,
} from '../../common/contract/whatsapp-templates';
import { fail, ok } from '../../common/result';
import { z } from 'zod';
import type { Api } from '../api/client';
import type { HandlerTable } from '../ipc/handler-table';
import type { AdminSnapshotStore } from './admin-snapshots';

type WhatsAppTemplateHandlers = Pick<
  HandlerTable,
  | 'admin:whatsapp-templates'
  | 'admin:whatsapp-template'
  | 'admin:create-whatsapp-template'
  | 'admin:update-whatsapp-template'
  | 'admin:whatsapp-template-broadcast'
  | 'admin:delete-whatsapp-template'
>;

const DAY_MS = 24 * 60 * 60 * 1000;

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

type Content = WhatsAppTemplateDraft | WhatsAppTemplateChange;

/** The request body's content part, shared by create and edit (lines 4895-4922, 5244-5258). */
function requestContent(content: Content) {
  return content.category === 'AUTHENTICATION' ? authenticationContent(content) : standardContent(content);
}

function authenticationContent(content: Content) {
  return {
    options: {
      addSecurityRecommendation: content.securityRecommendation,
      ...(content.codeExpirationMinutes === undefined ? {} : { codeExpirationMinutes: content.codeExpirationMinutes }),
    },
    buttons: { otp: { type: 'COPY_CODE' as const, text: content.otpText ?? '' } },
  };
}

function standardContent(content: Content) {
  const header =
    content.headerType === 'NONE'
      ? undefined
      : { type: content.headerType, value: content.headerType === 'TEXT' ? (content.headerText ?? '') : (content.headerMedia ?? '') };
  const headerExample = content.headerType === 'TEXT' && content.headerExample?.trim() ? [content.headerExample.trim()] : [];
  const footer = content.footer?.trim() ?? '';
  return {
    body: content.body ?? '',
    ...(content.bodyExamples.length > 0 ? { body_examples: content.bodyExamples.map((example) => example.trim()) } : {}),
    ...(header === undefined ? {} : { header }),
    ...(headerExample.length > 0 ? { header_examples: headerExample } : {}),
    ...(footer === '' ? {} : { footer }),
    ...requestButtons(content),
  };
}

function requestButtons(content: Content) {
  if (content.buttonsType === 'QUICK_REPLY') {
    return { buttons: { type: 'QUICK_REPLY' as const, quickReplyBlocks: content.quickReplies.map((reply) => reply.trim()) } };
  }
  if (content.buttonsType !== 'CTA') return {};
  const phone = content.phoneNumber ? { number: content.phoneNumber, text: content.phoneText ?? '' } : undefined;
  const website = content.websiteLink ? { link: content.websiteLink, text: content.websiteText ?? '' } : undefined;
  const order = [...(phone ? ['PHONE' as const] : []), ...(website ? ['WEBSITE' as const] : [])];
  return { buttons: { type: 'CTA' as const, ...(phone ? { phone } : {}), ...(website ? { website } : {}), CTAOrder: order } };
}

const TemplateButtons = z.looseObject({
  quickReplyBlocks: z.array(z.string()).optional().catch(undefined),
  phone: z.looseObject({ text: z.string(), number: z.string() }).optional().catch(undefined),
  website: z.looseObject({ text: z.string(), link: z.string() }).optional().catch(undefined),
  otp: z.looseObject({ text: z.string() }).optional().catch(undefined),
});
const TemplateOptions = z.looseObject({
  addSecurityRecommendation: z.boolean().optional().catch(undefined),
  codeExpirationMinutes: z.number().optional().catch(undefined),
});

/**
 * A template's content as the edit form opens with it, from the schema's fields (lines 4741-4761). The service
 * answers no examples, so the form asks for them again. A category outside the create enum (the example's
 * "APPOINTMENT_UPDATE", line 4654) is edited as MARKETING: an edit does not send the category.
 */
function fieldsOf(template: ApiWhatsAppTemplate): WhatsAppTemplateFields {
  const buttons = TemplateButtons.safeParse(template.buttons ?? {}).data ?? {};
  const options = TemplateOptions.safeParse(template['options'] ?? {}).data ?? {};
  const headerType = whatsAppHeaderTypes.find((type) => type === template.header?.type) ?? 'NONE';
  const headerValue = template.header?.value ?? undefined;
  const category = template.category === 'AUTHENTICATION' || template.category === 'UTILITY' ? template.category : 'MARKETING';
  const quickReplies = buttons.quickReplyBlocks ?? [];
  const callToAction = buttons.phone !== undefined || buttons.website !== undefined;
  return {
    category,
    headerType,
    ...(headerValue === undefined ? {} : headerType === 'TEXT' ? { headerText: headerValue } : { headerMedia: headerValue }),
    body: template.body ?? template.preview ?? '',
    bodyExamples: [],
    ...(template.footer ? { footer: template.footer } : {}),
    buttonsType: quickReplies.length > 0 ? 'QUICK_REPLY' : callToAction ? 'CTA' : 'NONE',
    quickReplies,
    ...(buttons.phone ? { phoneText: buttons.phone.text, phoneNumber: buttons.phone.number } : {}),
    ...(buttons.website ? { websiteText: buttons.website.text, websiteLink: buttons.website.link } : {}),
    ...(buttons.otp ? { otpText: buttons.otp.text } : {}),
    securityRecommendation: options.addSecurityRecommendation ?? false,
    ...(options.codeExpirationMinutes === undefined ? {} : { codeExpirationMinutes: options.codeExpirationMinutes }),
  };
}

function editsKey(agentId: string, id: string): string {
  return `admin-whatsapp-template-edits:${agentId}:${id}`;
}

const EditTimes = z.array(z.number());

/** When this app edited the template, within the last 30 days (older edits no longer count). */
function recentEdits(store: AdminSnapshotStore, agentId: string, id: string, now: number): number[] {
  const saved = store.getCursor(editsKey(agentId, id));
  if (!saved.ok || saved.value === null) return [];
  let times: unknown;
  try {
    times = JSON.parse(saved.value.value);
  } catch {
    return [];
  }
  return (EditTimes.safeParse(times).data ?? []).filter((time) => now - time < 30 * DAY_MS);
}

/** Why an edit now breaks line 5209's limit, going by this app's own edits; the service has the final word. */
export function editLimitRefusal(edits: readonly number[], now: number): string | undefined {
  const { editsPerDay, editsPerThirtyDays } = whatsAppTemplateLimits;
  const lastDay = edits.filter((time) => now - time < DAY_MS);
  if (lastDay.length >= editsPerDay) {
    const next = new Date(Math.min(...lastDay) + DAY_MS).toISOString().slice(0, 16).replace('T', ' ');
    return `A WhatsApp template can be changed once in 24 hours; this one can change again after ${next} UTC`;
  }
  if (edits.length >= editsPerThirtyDays) return 'A WhatsApp template can be changed 10 times in 30 days; this one has reached that';
  return undefined;
}

export function whatsAppTemplateHandlers(api: Api, store: AdminSnapshotStore, now: () => number = Date.now): WhatsAppTemplateHandlers {
  return {
    'admin:whatsapp-templates': async ({ agentId, status, ...page }) => {
      const answer = await api.call('whatsappTemplates.list', {
        path: { agent_id: agentId },
        query: { ...listQuery(page), ...(status ? { status } : {}) },
      });
      if (!answer.ok) return answer;
      return ok({ items: answer.value.templates.map(summary), total: answer.value.total });
    },
    'admin:whatsapp-template': async ({ agentId, id }) => {
      const answer = await api.call('whatsappTemplates.get', { path: { agent_id: agentId, template_id: id } });
      if (!answer.ok) return answer;
      const { template } = answer.value;
      return ok({
        id: template.id,
        name: template.name,
        language: template.language ?? '',
        ...(template.status === undefined ? {} : { status: template.status }),
        fields: fieldsOf(template),
      });
    },
    'admin:create-whatsapp-template': async (draft) => {
      const identity = { language: draft.language, name: draft.name };
      const body =
        draft.category === 'AUTHENTICATION'
          ? { ...identity, category: draft.category, ...authenticationContent(draft) }
          : { ...identity, category: draft.category, ...standardContent(draft) };
      const answer = await api.call('whatsappTemplates.create', { path: { agent_id: draft.agentId }, body });
      return answer.ok ? ok(summary(answer.value.template)) : answer;
    },
    'admin:update-whatsapp-template': async (change) => {
      const edits = recentEdits(store, change.agentId, change.id, now());
      const refusal = editLimitRefusal(edits, now());
      if (refusal !== undefined) return fail('VALIDATION', refusal);
      const answer = await api.call('whatsappTemplates.update', {
        path: { agent_id: change.agentId, template_id: change.id },
        body: requestContent(change),
      });
      if (!answer.ok) return answer;
      store.setCursor(editsKey(change.agentId, change.id), JSON.stringify([...edits, now()]));
      return ok({});
    },
    'admin:whatsapp-template-broadcast': async ({ agentId, name }) => {
      // The query is documented only as `oneOf query any` (line 5359): the template is named by `name`, its key.
      const answer = await api.call('whatsappTemplates.activeBroadcast', { path: { agent_id: agentId }, query: { name } });
      return answer.ok ? ok({ isActive: answer.value.isActive }) : answer;
    },
    'admin:delete-whatsapp-template': async ({ agentId, name }) => {
      const answer = await api.call('whatsappTemplates.delete', { path: { agent_id: agentId, name } });
      return answer.ok ? ok({}) : answer;
    },
  };
}
