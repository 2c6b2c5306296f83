/**
 * Builders for every payload kind: they fill in the `type` the reference leaves open (see api-decisions) and
 * validate the result, so the composer gets either a payload the service accepts or the field that is wrong.
 */
import type { z } from 'zod';
import { carouselCardType, payloadTypes } from '../api-decisions';
import { parseUnknown } from '../parse';
import type { Result } from '../result';
import {
  CarouselPayload,
  ContactPayload,
  ImagePayload,
  LocationPayload,
  MediaFilePayload,
  TemplatePayload,
  TextPayload,
  WhatsAppCardPayload,
  type CardMedia,
  type MediaCategory,
  type MediaRef,
} from './schemas';

function build<T extends z.ZodType>(schema: T, value: unknown): Result<z.infer<T>> {
  return parseUnknown(schema, value, { code: 'VALIDATION', what: 'payload' });
}

export function buildText(text: string): Result<TextPayload> {
  return build(TextPayload, { type: payloadTypes.text, text });
}

export interface MediaInput {
  src: MediaRef;
  thumbnail?: MediaRef;
  preview?: MediaRef;
  name?: string;
  category: MediaCategory;
}

export function buildMediaFile(input: MediaInput): Result<MediaFilePayload> {
  return build(MediaFilePayload, { type: payloadTypes.mediaFile, ...input });
}

export function buildImage(input: MediaInput & { thumbnail: MediaRef; preview: MediaRef }): Result<ImagePayload> {
  return build(ImagePayload, { type: payloadTypes.image, ...input });
}

export function buildLocation(latitude: number, longitude: number): Result<LocationPayload> {
  return build(LocationPayload, { type: payloadTypes.location, latitude, longitude });
}

export type ContactInput = Omit<ContactPayload, 'type'>;

export function buildContact(input: ContactInput): Result<ContactPayload> {
  return build(ContactPayload, { type: payloadTypes.contact, ...input });
}

export interface CarouselCardInput {
  title: string;
  description: string;
  text?: string;
  orientation?: CarouselPayload['content'][number]['orientation'];
  align?: CarouselPayload['content'][number]['align'];
  namespace?: string;
  language_code?: string;
  media?: CardMedia;
  /** The replies the customer can tap; each becomes `{reply: {text}}` (lines 3582-3584). */
  replies: string[];
}

export function buildCarousel(width: CarouselPayload['width'], cards: CarouselCardInput[]): Result<CarouselPayload> {
  const content = cards.map(({ replies, ...card }) => ({
    type: carouselCardType,
    ...card,
    suggestions: replies.map((text) => ({ reply: { text } })),
  }));
  return build(CarouselPayload, { type: payloadTypes.carousel, width, content });
}

export function buildTemplate(templateId: string): Result<TemplatePayload> {
  return build(TemplatePayload, { type: payloadTypes.template, template_id: templateId });
}

export function buildWhatsAppCard(input: {
  templateId: string;
  bodyVariables?: string[];
  headerVariables?: string[];
}): Result<WhatsAppCardPayload> {
  return build(WhatsAppCardPayload, {
    type: payloadTypes.card,
    template_id: input.templateId,
    ...(input.bodyVariables ? { body_variables: input.bodyVariables } : {}),
    ...(input.headerVariables ? { header_variables: input.headerVariables } : {}),
  });
}
