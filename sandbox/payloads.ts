/**
 * Message payloads each channel type sends, validated kind by kind as the reference lists them (RCS lines
 * 3515-3586, Telegram 4041-4093, Viber 4339-4358, WhatsApp 4472-4527, SMS text only 3925-3927). Type values other
 * than TEXT come from common/api-decisions.
 */
import { z } from 'zod';
import { carouselCardType, payloadTypes, type PayloadType } from '../common/api-decisions';
import type { ChannelType } from './model';

const mediaData = z.object({ mime: z.string().min(1), size: z.number().nonnegative(), uri: z.string().min(1) });
const mediaCategory = z.enum(['VIDEO', 'AUDIO', 'VOICE', 'APPLICATION', 'UNSPECIFIED']);

const TextPayload = z.object({ type: z.literal(payloadTypes.text), text: z.string().min(1) });

const MediaFilePayload = z.object({
  type: z.literal(payloadTypes.mediaFile),
  category: mediaCategory,
  name: z.string().optional(),
  src: mediaData,
  thumbnail: mediaData.optional(),
  preview: mediaData.optional(),
});

const ImagePayload = z.object({
  type: z.literal(payloadTypes.image),
  category: mediaCategory,
  name: z.string().optional(),
  src: mediaData,
  thumbnail: mediaData,
  preview: mediaData,
});

const LocationPayload = z.object({
  type: z.literal(payloadTypes.location),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});

const ContactPayload = z.object({
  type: z.literal(payloadTypes.contact),
  firstname: z.string().min(1),
  lastname: z.string().min(1),
  phone: z.string().min(1),
  email: z.email().optional(),
  country: z.string().optional(),
  country_code: z.string().optional(),
  city: z.string().optional(),
  street: z.string().optional(),
  birthday: z.string().optional(),
});

const CarouselCard = z.object({
  type: z.literal(carouselCardType),
  orientation: z.enum(['CARD_ORIENTATION_UNSPECIFIED', 'VERTICAL', 'HORIZONTAL']).optional(),
  align: z.enum(['THUMBNAIL_IMAGE_ALIGNMENT_UNSPECIFIED', 'LEFT', 'RIGHT']).optional(),
  title: z.string().min(1),
  description: z.string().min(1),
  text: z.string().optional(),
  namespace: z.string().optional(),
  language_code: z.string().optional(),
  // Two "Card media data" variants (lines 3564-3581): with and without a thumbnail.
  media: z
    .object({ tag: z.string().min(1), height: z.enum(['SHORT', 'MEDIUM', 'TALL']).optional(), src: mediaData, thumbnail: mediaData.optional() })
    .optional(),
  suggestions: z.array(z.object({ reply: z.object({ text: z.string().min(1) }) })),
});

const CarouselPayload = z.object({
  type: z.literal(payloadTypes.carousel),
  width: z.enum(['CARD_WIDTH_UNSPECIFIED', 'SMALL', 'MEDIUM']),
  content: z.array(CarouselCard).min(1),
});

/** Lines 3585-3586 and 4092-4093 give the template payload only `template_id`; `type` is optional. */
const TemplatePayload = z.object({ type: z.literal(payloadTypes.template).optional(), template_id: z.string().min(1) });

const CardPayload = z.object({
  type: z.literal(payloadTypes.card),
  template_id: z.string().min(1),
  body_variables: z.array(z.string()).optional(),
  header_variables: z.array(z.string()).optional(),
});

const schemas: Record<PayloadType, z.ZodType> = {
  TEXT: TextPayload,
  MEDIA: MediaFilePayload,
  IMAGE: ImagePayload,
  LOCATION: LocationPayload,
  CONTACT: ContactPayload,
  CAROUSEL: CarouselPayload,
  CARD: CardPayload,
  TEMPLATE: TemplatePayload,
};

export const channelPayloadTypes: Record<Exclude<ChannelType, 'WECHAT'>, readonly PayloadType[]> = {
  SMS: ['TEXT'],
  RCS: ['TEXT', 'MEDIA', 'IMAGE', 'CAROUSEL', 'TEMPLATE'],
  TG: ['TEXT', 'MEDIA', 'IMAGE', 'LOCATION', 'CONTACT', 'TEMPLATE'],
  VI: ['TEXT', 'IMAGE'],
  WA: ['TEXT', 'IMAGE', 'MEDIA', 'LOCATION', 'CONTACT', 'CARD'],
};

export type PayloadCheck =
  | { ok: true; kind: PayloadType | undefined; payload: unknown }
  | { ok: false; message: string; issues?: z.ZodError };

/**
 * Which kind this payload is for this channel type, checked against that kind's schema. WeChat's payload is not
 * specified ("payload body any", line 5507; the example sends null) and passes as it is.
 */
export function checkPayload(channelType: ChannelType, payload: unknown): PayloadCheck {
  if (channelType === 'WECHAT') return { ok: true, kind: undefined, payload };
  const allowed = channelPayloadTypes[channelType];
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return { ok: false, message: 'payload must be an object' };
  }
  const type = 'type' in payload ? payload.type : undefined;
  const kind =
    type === undefined && 'template_id' in payload ? payloadTypes.template : allowed.find((candidate) => candidate === type);
  if (kind === undefined || !allowed.includes(kind)) {
    return { ok: false, message: `payload.type ${JSON.stringify(type)} cannot be sent by a ${channelType} agent; it sends ${allowed.join(', ')}` };
  }
  const parsed = schemas[kind].safeParse(payload);
  if (!parsed.success) return { ok: false, message: `invalid ${kind} payload`, issues: parsed.error };
  return { ok: true, kind, payload };
}
