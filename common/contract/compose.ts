/**
 * Channels of the composer's lookups: stored and WhatsApp templates to pick and to show in the thread, link tokens to
 * insert, links to shorten, and when the customer last wrote through an agent (WhatsApp's 24-hour window). Template
 * contents and link tokens are kept in the cache once seen, so a thread shows them offline too.
 */
import { z } from 'zod';
import { templateTypes } from '../api-types';
import { Timestamp } from '../domain';

const Id = z.string().min(1).max(200);

/** A stored template as the customer will see it (lines 5710-5721; the kinds' own fields beyond title and text are kept). */
export const StoredTemplate = z.strictObject({
  id: z.string(),
  type: z.enum(templateTypes).or(z.string()),
  title: z.string().optional(),
  text: z.string().optional(),
});
export type StoredTemplate = z.infer<typeof StoredTemplate>;

/** One button of a WhatsApp template: a quick reply, a phone number to call, a website to open, a code to copy. */
export const WhatsAppTemplateButton = z.strictObject({
  kind: z.enum(['QUICK_REPLY', 'PHONE_NUMBER', 'URL', 'OTHER']),
  text: z.string(),
  /** The number or link it leads to. */
  target: z.string().optional(),
});
export type WhatsAppTemplateButton = z.infer<typeof WhatsAppTemplateButton>;

/**
 * A WhatsApp template's content, read from whichever shape the service answered (the schema's header/body/footer/
 * buttons, lines 4741-4761, or the example's components, lines 4653-4677). `{{n}}` variables stay in the text.
 */
export const WhatsAppTemplate = z.strictObject({
  id: z.string(),
  name: z.string(),
  language: z.string().optional(),
  category: z.string().optional(),
  status: z.string().optional(),
  /** A text header's words; a media header is named by its format (IMAGE, VIDEO, DOCUMENT). */
  header: z.strictObject({ format: z.string(), text: z.string().optional() }).optional(),
  body: z.string(),
  footer: z.string().optional(),
  buttons: z.array(WhatsAppTemplateButton),
});
export type WhatsAppTemplate = z.infer<typeof WhatsAppTemplate>;

/** A link token usable in text as `{{link:ID}}` (lines 2814-2819). */
export const LinkToken = z.strictObject({ id: z.number().int(), name: z.string(), url: z.string(), enabled: z.boolean() });
export type LinkToken = z.infer<typeof LinkToken>;

export const composeChannels = {
  /** Stored templates to pick from, searched by the service (lines 5683-5777). */
  'compose:templates': {
    input: z.strictObject({ search: z.string().trim().max(200).optional() }),
    output: z.strictObject({ items: z.array(StoredTemplate), total: z.number().int().nonnegative() }),
  },
  /** One stored template's content for a message that carries its id: the cache's copy, else the service's. */
  'compose:template': { input: z.strictObject({ id: Id }), output: StoredTemplate.nullable() },
  /** The APPROVED templates of one WhatsApp agent, the only ones that can be sent (lines 4624-4833). */
  'compose:whatsapp-templates': {
    input: z.strictObject({ agentId: Id, search: z.string().trim().max(200).optional() }),
    output: z.strictObject({ items: z.array(WhatsAppTemplate) }),
  },
  /** One WhatsApp template's content for a message that carries its id: the cache's copy, else the service's. */
  'compose:whatsapp-template': { input: z.strictObject({ agentId: Id, id: Id }), output: WhatsAppTemplate.nullable() },
  /** The account's link tokens (lines 2783-2832); the cache's copy when the service cannot be reached. */
  'compose:link-tokens': { input: z.strictObject({}), output: z.strictObject({ items: z.array(LinkToken) }) },
  /** Short links for the customer's links (lines 2698-2780), each with the link it stands for. */
  'compose:shorten-links': {
    input: z.strictObject({ customerId: Id, links: z.array(z.string().min(1).max(2048)).min(1).max(50) }),
    output: z.strictObject({ links: z.array(z.strictObject({ base: z.string(), short: z.string() })) }),
  },
  /** When the customer last wrote through an agent, from every message the cache holds (not only those shown). */
  'compose:last-inbound': {
    input: z.strictObject({ customerId: Id, agentId: Id }),
    output: z.strictObject({ sent: Timestamp.nullable() }),
  },
} as const;

/** The composer's channels, answered by the signed-in account (main/compose/compose-handlers.ts). */
export const composeChannelNames = Object.keys(composeChannels) as (keyof typeof composeChannels)[];
