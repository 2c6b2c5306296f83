/**
 * The payload of every kind a send operation takes (shared/spec lines 3516-3586, 3925-3927, 4042-4093,
 * 4340-4358, 4473-4527), as zod schemas. The `type` values come from common/api-decisions.ts, which decides the
 * ones the reference leaves as `any`.
 */
import { z } from 'zod';
import { carouselCardType, payloadTypes } from '../api-decisions';

const requiredText = z.string().refine((value) => value.trim().length > 0, 'must not be empty');

/** A file the service can fetch: full size, thumbnail or preview (lines 3523-3534). */
export const MediaRef = z.object({
  mime: z.string().min(1),
  size: z.number().int().nonnegative(),
  uri: z.string().min(1),
});
export type MediaRef = z.infer<typeof MediaRef>;

/** Media and image categories (line 3590); the reference gives one list for both kinds. */
export const mediaCategories = ['VIDEO', 'AUDIO', 'VOICE', 'APPLICATION', 'UNSPECIFIED'] as const;
export const MediaCategory = z.enum(mediaCategories);
export type MediaCategory = z.infer<typeof MediaCategory>;

export const TextPayload = z.object({
  type: z.literal(payloadTypes.text),
  text: requiredText,
});
export type TextPayload = z.infer<typeof TextPayload>;

const fileFields = { category: MediaCategory, name: z.string().optional(), src: MediaRef };

/** A file of any accepted type; thumbnail and preview are optional (lines 3519-3534). */
export const MediaFilePayload = z.object({
  type: z.literal(payloadTypes.mediaFile),
  ...fileFields,
  thumbnail: MediaRef.optional(),
  preview: MediaRef.optional(),
});
export type MediaFilePayload = z.infer<typeof MediaFilePayload>;

/** An image; unlike a media file its thumbnail and preview are required (lines 3535-3550). */
export const ImagePayload = z.object({
  type: z.literal(payloadTypes.image),
  ...fileFields,
  thumbnail: MediaRef,
  preview: MediaRef,
});
export type ImagePayload = z.infer<typeof ImagePayload>;

export const LocationPayload = z.object({
  type: z.literal(payloadTypes.location),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});
export type LocationPayload = z.infer<typeof LocationPayload>;

/** A contact card (lines 4081-4091). */
export const ContactPayload = z.object({
  type: z.literal(payloadTypes.contact),
  firstname: requiredText,
  lastname: requiredText,
  phone: requiredText,
  email: z.email().optional(),
  country: z.string().optional(),
  country_code: z.string().optional(),
  city: z.string().optional(),
  street: z.string().optional(),
  birthday: z.string().optional(),
});
export type ContactPayload = z.infer<typeof ContactPayload>;

/** A carousel card's media (lines 3564-3581): the two variants differ only in whether a thumbnail is given. */
export const CardMedia = z.object({
  tag: requiredText,
  height: z.enum(['SHORT', 'MEDIUM', 'TALL']).optional(),
  src: MediaRef,
  thumbnail: MediaRef.optional(),
});
export type CardMedia = z.infer<typeof CardMedia>;

/** One card of an RCS carousel (lines 3555-3584). */
export const CarouselCard = z.object({
  type: z.literal(carouselCardType),
  orientation: z.enum(['CARD_ORIENTATION_UNSPECIFIED', 'VERTICAL', 'HORIZONTAL']).optional(),
  align: z.enum(['THUMBNAIL_IMAGE_ALIGNMENT_UNSPECIFIED', 'LEFT', 'RIGHT']).optional(),
  title: requiredText,
  description: requiredText,
  text: z.string().optional(),
  namespace: z.string().optional(),
  language_code: z.string().optional(),
  media: CardMedia.optional(),
  suggestions: z.array(z.object({ reply: z.object({ text: requiredText }) })),
});
export type CarouselCard = z.infer<typeof CarouselCard>;

export const carouselWidths = ['CARD_WIDTH_UNSPECIFIED', 'SMALL', 'MEDIUM'] as const;
export const CarouselPayload = z.object({
  type: z.literal(payloadTypes.carousel),
  width: z.enum(carouselWidths),
  content: z.array(CarouselCard).min(1),
});
export type CarouselPayload = z.infer<typeof CarouselPayload>;

/** A stored template by id (lines 3585-3586, 4092-4093): the reference lists only `template_id`. */
export const TemplatePayload = z.object({
  type: z.literal(payloadTypes.template),
  template_id: requiredText,
});
export type TemplatePayload = z.infer<typeof TemplatePayload>;

/** A WhatsApp template with its variables (lines 4523-4527). */
export const WhatsAppCardPayload = z.object({
  type: z.literal(payloadTypes.card),
  template_id: requiredText,
  body_variables: z.array(z.string()).optional(),
  header_variables: z.array(z.string()).optional(),
});
export type WhatsAppCardPayload = z.infer<typeof WhatsAppCardPayload>;

/** Any payload this app knows how to send. */
export const SendPayload = z.discriminatedUnion('type', [
  TextPayload,
  MediaFilePayload,
  ImagePayload,
  LocationPayload,
  ContactPayload,
  CarouselPayload,
  TemplatePayload,
  WhatsAppCardPayload,
]);
export type SendPayload = z.infer<typeof SendPayload>;
