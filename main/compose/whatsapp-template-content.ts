/**
 * A WhatsApp template as the composer shows it, read from either shape the service may answer: the example's
 * Graph-style `components` (lines 4653-4715) or the schema's `header`/`body`/`footer`/`buttons` (lines 4741-4761).
 * Components win when both came, since they carry each button's kind; unreadable parts are left out, not guessed.
 */
import { z } from 'zod';
import type { ApiWhatsAppTemplate } from '../../common/api-types';
import type { WhatsAppTemplate, WhatsAppTemplateButton } from '../../common/contract/compose';

const text = z.string().optional().catch(undefined);
const Component = z.looseObject({
  type: z.string(),
  format: text,
  text,
  buttons: z
    .array(z.looseObject({ type: z.string(), text: z.string(), phone_number: text, url: text }))
    .optional()
    .catch(undefined),
});

const SchemaButtons = z.looseObject({
  quickReplyBlocks: z.array(z.string()).optional().catch(undefined),
  phone: z.looseObject({ text: z.string(), number: z.string() }).optional().catch(undefined),
  website: z.looseObject({ text: z.string(), link: z.string() }).optional().catch(undefined),
  otp: z.looseObject({ text: z.string() }).optional().catch(undefined),
});

const buttonKinds = ['QUICK_REPLY', 'PHONE_NUMBER', 'URL'] as const;

function buttonKind(type: string): WhatsAppTemplateButton['kind'] {
  return (buttonKinds as readonly string[]).includes(type) ? (type as (typeof buttonKinds)[number]) : 'OTHER';
}

type Content = Pick<WhatsAppTemplate, 'header' | 'body' | 'footer' | 'buttons'>;

function fromComponents(components: readonly unknown[]): Content {
  const parts = components.flatMap((component) => {
    const parsed = Component.safeParse(component);
    return parsed.success ? [parsed.data] : [];
  });
  const header = parts.find((part) => part.type === 'HEADER');
  const footer = parts.find((part) => part.type === 'FOOTER')?.text;
  const format = header?.format ?? 'TEXT';
  return {
    ...(header === undefined ? {} : { header: { format, ...(format === 'TEXT' && header.text !== undefined ? { text: header.text } : {}) } }),
    body: parts.find((part) => part.type === 'BODY')?.text ?? '',
    ...(footer === undefined ? {} : { footer }),
    buttons: parts
      .filter((part) => part.type === 'BUTTONS')
      .flatMap((part) => part.buttons ?? [])
      .map((button) => {
        const target = button.phone_number ?? button.url;
        return { kind: buttonKind(button.type), text: button.text, ...(target === undefined ? {} : { target }) };
      }),
  };
}

function fromSchema(template: ApiWhatsAppTemplate): Content {
  const header = template.header;
  const buttons = SchemaButtons.safeParse(template.buttons ?? {});
  const { quickReplyBlocks = [], phone, website, otp } = buttons.success ? buttons.data : {};
  const footer = template.footer ?? undefined;
  return {
    ...(header === undefined || header === null || header.type === 'NONE'
      ? {}
      : { header: { format: header.type, ...(header.type === 'TEXT' && typeof header.value === 'string' ? { text: header.value } : {}) } }),
    body: template.body ?? template.preview ?? '',
    ...(footer === undefined ? {} : { footer }),
    buttons: [
      ...(otp === undefined ? [] : [{ kind: 'OTHER' as const, text: otp.text }]),
      ...quickReplyBlocks.map((reply) => ({ kind: 'QUICK_REPLY' as const, text: reply })),
      ...(phone === undefined ? [] : [{ kind: 'PHONE_NUMBER' as const, text: phone.text, target: phone.number }]),
      ...(website === undefined ? [] : [{ kind: 'URL' as const, text: website.text, target: website.link }]),
    ],
  };
}

export function whatsAppTemplateContent(template: ApiWhatsAppTemplate): WhatsAppTemplate {
  const content = template.components !== undefined && template.components.length > 0 ? fromComponents(template.components) : fromSchema(template);
  return {
    id: template.id,
    name: template.name,
    ...(template.language === undefined ? {} : { language: template.language }),
    ...(template.category === undefined ? {} : { category: template.category }),
    ...(template.status === undefined ? {} : { status: template.status }),
    ...content,
  };
}
