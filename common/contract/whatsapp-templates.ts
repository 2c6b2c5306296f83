/**
 * A WhatsApp template as the Administration form writes it (create, lines 4835-4922; edit, lines 5207-5258), flat
 * so each refusal lands next to its field, and checked here against the reference's enums and the limits decided
 * in api-decisions (whatsAppTemplateLimits): the form and main refuse the very same drafts before any request.
 */
import { z } from 'zod';
import { whatsAppTemplateLimits as limits } from '../api-decisions';

/** Line 4928. */
export const whatsAppTemplateCategories = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export type WhatsAppTemplateCategory = (typeof whatsAppTemplateCategories)[number];

/** Line 4930. */
export const whatsAppTemplateLanguages = [
  'af', 'sq', 'ar', 'az', 'bn', 'bg', 'ca', 'zh_CN', 'zh_HK', 'zh_TW', 'hr', 'cs', 'da', 'nl', 'en', 'en_GB', 'en_US', 'et', 'fil',
  'fi', 'fr', 'ka', 'de', 'el', 'gu', 'ha', 'he', 'hi', 'hu', 'id', 'ga', 'it', 'ja', 'kn', 'kk', 'rw_RW', 'ko', 'ky_KG', 'lo', 'lv',
  'lt', 'mk', 'ms', 'ml', 'mr', 'nb', 'fa', 'pl', 'pt_BR', 'pt_PT', 'pa', 'ro', 'ru', 'sr', 'sk', 'sl', 'es', 'es_AR', 'es_ES',
  'es_MX', 'sw', 'sv', 'ta', 'te', 'th', 'tr', 'uk', 'ur', 'uz', 'vi', 'zu',
] as const;

/** The header types a template is created and edited with (line 5262). */
export const whatsAppHeaderTypes = ['NONE', 'TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT'] as const;
export type WhatsAppHeaderType = (typeof whatsAppHeaderTypes)[number];

/** The buttons a MARKETING or UTILITY template has (line 4906): none, quick replies, or call and website (CTA). */
export const whatsAppButtonTypes = ['NONE', 'QUICK_REPLY', 'CTA'] as const;
export type WhatsAppButtonType = (typeof whatsAppButtonTypes)[number];

const Id = z.string().min(1).max(200);
const optionalText = z.string().optional();

/** Everything a template's content holds, whichever category; the refinement below says what each one needs. */
const contentShape = {
  category: z.enum(whatsAppTemplateCategories),
  headerType: z.enum(whatsAppHeaderTypes).default('NONE'),
  headerText: optionalText,
  headerExample: optionalText,
  /** A media header's file: the service's URL of a file in the media library. */
  headerMedia: optionalText,
  body: optionalText,
  bodyExamples: z.array(z.string()).default([]),
  footer: optionalText,
  buttonsType: z.enum(whatsAppButtonTypes).default('NONE'),
  quickReplies: z.array(z.string()).default([]),
  phoneText: optionalText,
  phoneNumber: optionalText,
  websiteText: optionalText,
  websiteLink: optionalText,
  /** AUTHENTICATION: the copy-code button's text (line 4922). */
  otpText: optionalText,
  securityRecommendation: z.boolean().default(false),
  codeExpirationMinutes: z
    .number({ error: `A code lasts ${limits.codeExpirationMinutes.min} to ${limits.codeExpirationMinutes.max} whole minutes` })
    .optional(),
};

/** The `{{n}}` variables of a text, in order of appearance, each once. */
export function templateVariables(text: string): number[] {
  const seen: number[] = [];
  for (const match of text.matchAll(/\{\{\s*(\d+)\s*\}\}/g)) {
    const number = Number(match[1]);
    if (!seen.includes(number)) seen.push(number);
  }
  return seen;
}

/** Why a text's variables break "{{1}} to {{n}}, in order", if they do. */
function variableOrderProblem(text: string): string | undefined {
  const variables = templateVariables(text);
  const wellNumbered = variables.every((number, index) => number === index + 1);
  return wellNumbered ? undefined : 'Number the variables {{1}}, {{2}}, … in the order they appear';
}

type Issue = { path: string; message: string };

function lengthIssue(path: string, text: string | undefined, max: number, what: string): Issue[] {
  return text !== undefined && [...text].length > max ? [{ path, message: `${what} is at most ${max} characters` }] : [];
}

function required(path: string, text: string | undefined, message: string): Issue[] {
  return text === undefined || text.trim() === '' ? [{ path, message }] : [];
}

function standardIssues(content: z.infer<z.ZodObject<typeof contentShape>>): Issue[] {
  const issues: Issue[] = [...required('body', content.body, 'Write the message body')];
  const body = content.body ?? '';
  issues.push(...lengthIssue('body', body, limits.body, 'The body'));
  const order = variableOrderProblem(body);
  if (order) issues.push({ path: 'body', message: order });
  const variables = templateVariables(body).length;
  if (content.bodyExamples.length !== variables || content.bodyExamples.some((example) => example.trim() === '')) {
    issues.push({ path: 'bodyExamples', message: `Give an example for each of the body’s ${variables} variables` });
  }
  if (content.headerType === 'TEXT') {
    const header = content.headerText ?? '';
    issues.push(...required('headerText', header, 'Write the header, or choose no header'));
    issues.push(...lengthIssue('headerText', header, limits.headerText, 'The header'));
    const headerVariables = templateVariables(header);
    if (headerVariables.length > 1 || (headerVariables.length === 1 && headerVariables[0] !== 1)) {
      issues.push({ path: 'headerText', message: 'A header has at most one variable, {{1}}' });
    } else if (headerVariables.length === 1 && (content.headerExample ?? '').trim() === '') {
      issues.push({ path: 'headerExample', message: 'Give an example for the header’s variable' });
    }
  } else if (content.headerType !== 'NONE') {
    if (!z.url().safeParse(content.headerMedia ?? '').success) issues.push({ path: 'headerMedia', message: 'Choose the header’s file from the media library' });
  }
  issues.push(...lengthIssue('footer', content.footer, limits.footer, 'The footer'));
  if (templateVariables(content.footer ?? '').length > 0) issues.push({ path: 'footer', message: 'A footer cannot have variables' });
  if (content.buttonsType === 'QUICK_REPLY') {
    if (content.quickReplies.length === 0) issues.push({ path: 'quickReplies', message: 'Add at least one quick reply, or choose no buttons' });
    if (content.quickReplies.length > limits.quickReplies) issues.push({ path: 'quickReplies', message: `At most ${limits.quickReplies} quick replies` });
    if (content.quickReplies.some((reply) => reply.trim() === '')) issues.push({ path: 'quickReplies', message: 'A quick reply cannot be empty' });
    if (content.quickReplies.some((reply) => [...reply].length > limits.buttonText)) {
      issues.push({ path: 'quickReplies', message: `A quick reply is at most ${limits.buttonText} characters` });
    }
  }
  if (content.buttonsType === 'CTA') issues.push(...callToActionIssues(content));
  return issues;
}

function callToActionIssues(content: z.infer<z.ZodObject<typeof contentShape>>): Issue[] {
  const hasPhone = (content.phoneText ?? '') !== '' || (content.phoneNumber ?? '') !== '';
  const hasWebsite = (content.websiteText ?? '') !== '' || (content.websiteLink ?? '') !== '';
  if (!hasPhone && !hasWebsite) return [{ path: 'phoneText', message: 'Give a phone button, a website button or both' }];
  const issues: Issue[] = [];
  if (hasPhone) {
    issues.push(...required('phoneText', content.phoneText, 'Give the phone button a text'));
    issues.push(...lengthIssue('phoneText', content.phoneText, limits.buttonText, 'A button’s text'));
    if (!/^\+[1-9]\d{6,14}$/.test(content.phoneNumber ?? '')) issues.push({ path: 'phoneNumber', message: 'Write the number with + and the country code, e.g. +14155550123' });
  }
  if (hasWebsite) {
    issues.push(...required('websiteText', content.websiteText, 'Give the website button a text'));
    issues.push(...lengthIssue('websiteText', content.websiteText, limits.buttonText, 'A button’s text'));
    const link = z.url({ protocol: /^https?$/ }).safeParse(content.websiteLink ?? '');
    if (!link.success) issues.push({ path: 'websiteLink', message: 'Write the full address, starting with https://' });
  }
  return issues;
}

function authenticationIssues(content: z.infer<z.ZodObject<typeof contentShape>>): Issue[] {
  const issues: Issue[] = [...required('otpText', content.otpText, 'Give the copy-code button a text')];
  issues.push(...lengthIssue('otpText', content.otpText, limits.buttonText, 'A button’s text'));
  const minutes = content.codeExpirationMinutes;
  const { min, max } = limits.codeExpirationMinutes;
  if (minutes !== undefined && !(Number.isInteger(minutes) && minutes >= min && minutes <= max)) {
    issues.push({ path: 'codeExpirationMinutes', message: `A code lasts ${min} to ${max} whole minutes` });
  }
  return issues;
}

function checkContent(content: z.infer<z.ZodObject<typeof contentShape>>, context: z.RefinementCtx): void {
  const issues = content.category === 'AUTHENTICATION' ? authenticationIssues(content) : standardIssues(content);
  for (const issue of issues) context.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
}

/** A template's content as the form holds it, unchecked: what the edit form opens with. */
export const WhatsAppTemplateFields = z.strictObject(contentShape);
export type WhatsAppTemplateFields = z.infer<typeof WhatsAppTemplateFields>;

const TemplateName = z
  .string()
  .trim()
  .min(1, 'Give the template a name')
  .max(limits.name, `The name is at most ${limits.name} characters`)
  .refine((name) => !name.includes('/'), 'A name cannot contain a slash');

export const WhatsAppTemplateDraft = z
  .strictObject({ agentId: Id, name: TemplateName, language: z.enum(whatsAppTemplateLanguages, 'Choose a language'), ...contentShape })
  .superRefine(checkContent);
export type WhatsAppTemplateDraft = z.infer<typeof WhatsAppTemplateDraft>;

/** An edit keeps the template's name, language and category (line 5244 takes none of them). */
export const WhatsAppTemplateChange = z.strictObject({ agentId: Id, id: Id, ...contentShape }).superRefine(checkContent);
export type WhatsAppTemplateChange = z.infer<typeof WhatsAppTemplateChange>;

/** One template opened for editing: who it is and its content as the service holds it (examples are not answered). */
export const WhatsAppTemplateDetail = z.strictObject({
  id: z.string(),
  name: z.string(),
  language: z.string(),
  status: z.string().optional(),
  fields: WhatsAppTemplateFields,
});
export type WhatsAppTemplateDetail = z.infer<typeof WhatsAppTemplateDetail>;

export const WhatsAppTemplateRef = z.strictObject({ agentId: Id, id: Id });
export const WhatsAppTemplateByName = z.strictObject({ agentId: Id, name: TemplateName });
