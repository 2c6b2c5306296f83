/**
 * The WhatsApp template form as the dialog edits it (every field a string or list the inputs bind to), and how it
 * becomes the contract's draft or change: only the examples the body's and header's variables need are sent.
 */
import type { WhatsAppTemplateSummary } from '../../../common/contract/admin';
import {
  templateVariables,
  type WhatsAppButtonType,
  type WhatsAppHeaderType,
  type WhatsAppTemplateCategory,
  type WhatsAppTemplateFields,
} from '../../../common/contract/whatsapp-templates';
import { fillVariables } from '../../../common/payloads/template-variables';

export interface WhatsAppTemplateForm {
  /** The template being edited; a new one when absent. Name, language and category do not change on an edit. */
  editing?: Pick<WhatsAppTemplateSummary, 'id' | 'name'>;
  name: string;
  language: string;
  category: WhatsAppTemplateCategory;
  headerType: WhatsAppHeaderType;
  headerText: string;
  headerExample: string;
  headerMedia: string;
  body: string;
  /** By position: the example of `{{1}}` first. */
  bodyExamples: string[];
  footer: string;
  buttonsType: WhatsAppButtonType;
  /** One quick reply a line. */
  quickReplies: string;
  phoneText: string;
  phoneNumber: string;
  websiteText: string;
  websiteLink: string;
  otpText: string;
  securityRecommendation: boolean;
  /** As typed; empty for none. */
  codeExpirationMinutes: string;
}

export function newTemplateForm(): WhatsAppTemplateForm {
  return {
    name: '',
    language: 'en',
    category: 'MARKETING',
    headerType: 'NONE',
    headerText: '',
    headerExample: '',
    headerMedia: '',
    body: '',
    bodyExamples: [],
    footer: '',
    buttonsType: 'NONE',
    quickReplies: '',
    phoneText: '',
    phoneNumber: '',
    websiteText: '',
    websiteLink: '',
    otpText: 'Copy code',
    securityRecommendation: true,
    codeExpirationMinutes: '',
  };
}

/** The form of a template opened for editing, from its content as the service holds it. */
export function editTemplateForm(template: { id: string; name: string; language: string }, fields: WhatsAppTemplateFields): WhatsAppTemplateForm {
  return {
    editing: { id: template.id, name: template.name },
    name: template.name,
    language: template.language,
    category: fields.category,
    headerType: fields.headerType,
    headerText: fields.headerText ?? '',
    headerExample: fields.headerExample ?? '',
    headerMedia: fields.headerMedia ?? '',
    body: fields.body ?? '',
    bodyExamples: fields.bodyExamples,
    footer: fields.footer ?? '',
    buttonsType: fields.buttonsType,
    quickReplies: fields.quickReplies.join('\n'),
    phoneText: fields.phoneText ?? '',
    phoneNumber: fields.phoneNumber ?? '',
    websiteText: fields.websiteText ?? '',
    websiteLink: fields.websiteLink ?? '',
    otpText: fields.otpText ?? '',
    securityRecommendation: fields.securityRecommendation,
    codeExpirationMinutes: fields.codeExpirationMinutes === undefined ? '' : String(fields.codeExpirationMinutes),
  };
}

/** "Thanks\n\n Later " → ["Thanks", "Later"]. */
export function quickReplyLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** A field's text, or undefined when only blanks were typed. */
function typed(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The content the contract checks: what the category uses, the examples the variables need, numbers as numbers. */
export function templateContent(form: WhatsAppTemplateForm): WhatsAppTemplateFields {
  const variables = templateVariables(form.body).length;
  const textHeader = form.headerType === 'TEXT';
  const mediaHeader = !textHeader && form.headerType !== 'NONE';
  const callToAction = form.buttonsType === 'CTA';
  const minutes = typed(form.codeExpirationMinutes);
  return {
    category: form.category,
    headerType: form.headerType,
    headerText: textHeader ? typed(form.headerText) : undefined,
    headerExample: textHeader ? typed(form.headerExample) : undefined,
    headerMedia: mediaHeader ? typed(form.headerMedia) : undefined,
    body: form.body,
    bodyExamples: Array.from({ length: variables }, (_, index) => form.bodyExamples[index] ?? ''),
    footer: typed(form.footer),
    buttonsType: form.buttonsType,
    quickReplies: form.buttonsType === 'QUICK_REPLY' ? quickReplyLines(form.quickReplies) : [],
    phoneText: callToAction ? typed(form.phoneText) : undefined,
    phoneNumber: callToAction ? typed(form.phoneNumber) : undefined,
    websiteText: callToAction ? typed(form.websiteText) : undefined,
    websiteLink: callToAction ? typed(form.websiteLink) : undefined,
    otpText: typed(form.otpText),
    securityRecommendation: form.securityRecommendation,
    codeExpirationMinutes: minutes === undefined ? undefined : Number(minutes),
  };
}

/** The text with each `{{n}}` shown as its example, or left as written while it has none: what the preview reads. */
export function withExamples(text: string, examples: readonly string[]): string {
  return fillVariables(text, examples.map((example, index) => example.trim() || `{{${index + 1}}}`));
}
