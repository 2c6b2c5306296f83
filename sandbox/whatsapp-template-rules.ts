/**
 * WhatsApp templates: the two create payloads (MARKETING/UTILITY and AUTHENTICATION, lines 4891-4936), the edit
 * payload (lines 5245-5264), the edit limit (line 5209), and how a template is answered: the example's
 * `components` and `preview` (lines 4652-4677) together with the schema's body/header/buttons/footer (4741-4761).
 */
import { z } from 'zod';
import type { WaTemplateView } from './model';

export const waLanguages = 'af sq ar az bn bg ca zh_CN zh_HK zh_TW hr cs da nl en en_GB en_US et fil fi fr ka de el gu ha he hi hu id ga it ja kn kk rw_RW ko ky_KG lo lv lt mk ms ml mr nb fa pl pt_BR pt_PT pa ro ru sr sk sl es es_AR es_ES es_MX sw sv ta te th tr uk ur uz vi zu'.split(' ');

const headerTypes = ['NONE', 'TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT'] as const;
const Header = z.object({ type: z.enum(headerTypes), value: z.string() });
/** The example sends CTAOrder as a list of lists (line 4871) where the schema says a list (line 4910): both. */
const ctaOrder = z.array(z.union([z.enum(['PHONE', 'WEBSITE']), z.array(z.enum(['PHONE', 'WEBSITE']))]));
const Buttons = z.object({
  type: z.enum(['CTA', 'QUICK_REPLY', 'NONE']).optional(),
  phone: z.object({ number: z.string().min(1), text: z.string().min(1) }).optional(),
  website: z.object({ link: z.url(), text: z.string().min(1) }).optional(),
  quickReplyBlocks: z.array(z.string().min(1)).optional(),
  CTAOrder: ctaOrder.optional(),
});
const OtpButtons = z.object({ otp: z.object({ type: z.literal('COPY_CODE').optional(), text: z.string().min(1) }) });
const Options = z.object({
  addSecurityRecommendation: z.boolean().optional(),
  codeExpirationMinutes: z.number().int().min(1).max(90).optional(),
});
const name = z.string().min(1).max(512);
const language = z.enum(waLanguages as [string, ...string[]]);

export const CreateWaTemplateSchema = z.discriminatedUnion('category', [
  z.object({
    category: z.enum(['MARKETING', 'UTILITY']),
    language,
    name,
    body: z.string().min(1),
    body_examples: z.array(z.string()).optional(),
    header_examples: z.array(z.string()).optional(),
    header: Header.optional(),
    buttons: Buttons.optional(),
    footer: z.string().optional(),
  }),
  z.object({ category: z.literal('AUTHENTICATION'), language, name, options: Options.optional(), buttons: OtpButtons }),
]);
export type CreateWaTemplateInput = z.infer<typeof CreateWaTemplateSchema>;

export const UpdateWaTemplateSchema = z.object({
  body: z.string().min(1).optional(),
  body_examples: z.array(z.string()).optional(),
  header_examples: z.array(z.string()).optional(),
  header: Header.optional(),
  buttons: z.union([OtpButtons, Buttons]).optional(),
  footer: z.string().optional(),
  options: Options.optional(),
});
export type UpdateWaTemplateInput = z.infer<typeof UpdateWaTemplateSchema>;

export const EDIT_LIMITS = { perDay: 1, perThirtyDays: 10 } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Why an edit now would break "not more than 1 time in 24 hours or 10 times in 30 days", if it would. */
export function editRefusal(editTimes: readonly number[], now: number): string | undefined {
  if (editTimes.filter((time) => now - time < DAY_MS).length >= EDIT_LIMITS.perDay) {
    return 'A WhatsApp template can be edited once in 24 hours';
  }
  if (editTimes.filter((time) => now - time < 30 * DAY_MS).length >= EDIT_LIMITS.perThirtyDays) {
    return 'A WhatsApp template can be edited 10 times in 30 days';
  }
  return undefined;
}

type TemplateContent = Pick<WaTemplateView, 'body' | 'header' | 'buttons' | 'footer' | 'options'>;

/** The body Meta generates for an authentication template. */
export function authenticationContent(options: z.infer<typeof Options> | undefined, buttons: z.infer<typeof OtpButtons>): TemplateContent {
  const security = options?.addSecurityRecommendation === true ? ' For your security, do not share this code.' : '';
  const minutes = options?.codeExpirationMinutes;
  return {
    body: `{{1}} is your verification code.${security}`,
    footer: minutes === undefined ? null : `This code expires in ${minutes} minutes.`,
    buttons: { type: 'OTP', otp: { type: 'COPY_CODE', ...buttons.otp } },
    ...(options === undefined ? {} : { options }),
  };
}

/** The Graph-API-style components the example answers (lines 4659-4715). */
export function componentsOf(content: TemplateContent): Record<string, unknown>[] {
  const components: Record<string, unknown>[] = [];
  if (content.header !== undefined && content.header.type !== 'NONE') {
    components.push(
      content.header.type === 'TEXT'
        ? { type: 'HEADER', format: 'TEXT', text: content.header.value ?? '' }
        : { type: 'HEADER', format: content.header.type, example: { header_handle: [content.header.value ?? ''] } },
    );
  }
  components.push({ type: 'BODY', text: content.body });
  if (content.footer !== null) components.push({ type: 'FOOTER', text: content.footer });
  const buttons = buttonComponents(content.buttons);
  if (buttons.length > 0) components.push({ type: 'BUTTONS', buttons });
  return components;
}

const ButtonsView = z.object({
  otp: z.object({ text: z.string() }).optional(),
  phone: z.object({ number: z.string(), text: z.string() }).optional(),
  website: z.object({ link: z.string(), text: z.string() }).optional(),
  quickReplyBlocks: z.array(z.string()).optional(),
});

function buttonComponents(buttons: Record<string, unknown> | undefined): Record<string, unknown>[] {
  const parsed = ButtonsView.safeParse(buttons ?? {});
  if (!parsed.success) return [];
  const { otp, phone, website, quickReplyBlocks } = parsed.data;
  const list: Record<string, unknown>[] = [];
  if (otp !== undefined) list.push({ type: 'OTP', otp_type: 'COPY_CODE', text: otp.text });
  for (const text of quickReplyBlocks ?? []) list.push({ type: 'QUICK_REPLY', text });
  if (phone !== undefined) list.push({ type: 'PHONE_NUMBER', text: phone.text, phone_number: phone.number });
  if (website !== undefined) list.push({ type: 'URL', text: website.text, url: website.link });
  return list;
}
