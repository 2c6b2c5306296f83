/**
 * What a message payload shows as. The reference types every kind but text as `any` (common/api-decisions.ts), so
 * the cache keeps whatever the server sent; here each known kind is read leniently into plain fields for display,
 * and anything unreadable still shows its words (payloadText) under its kind's name, never as raw markup.
 */
import { z } from 'zod';
import { payloadTypes } from '../../../common/api-decisions';
import { payloadText, type MessagePayload } from '../../../common/domain';
import { mediaKindOf, type MediaKind } from '../../../common/media-acceptance';

export interface CardView {
  title: string;
  description: string;
  replies: string[];
  mediaName: string | undefined;
}

export type PayloadView =
  | { kind: 'text'; text: string }
  | {
      kind: 'media';
      /** How it is shown: an image inline, a video or audio with a player, anything else as a file to download. */
      shownAs: MediaKind;
      isImage: boolean;
      category: string | undefined;
      name: string | undefined;
      mime: string | undefined;
      size: number | undefined;
      /** The service's URI of the file itself, and of the smaller picture to show inline (preview, else thumbnail). */
      uri: string | undefined;
      pictureUri: string | undefined;
    }
  | { kind: 'location'; latitude: number; longitude: number }
  | { kind: 'contact'; name: string; phone: string | undefined; email: string | undefined; place: string | undefined }
  | { kind: 'carousel'; cards: CardView[] }
  | { kind: 'template'; templateId: string; whatsApp: boolean; headerVariables: string[]; bodyVariables: string[] }
  | { kind: 'other'; type: string; text: string };

const optionalText = z.string().optional().catch(undefined);
const textList = z.array(z.string()).optional().catch(undefined);
const File = z.looseObject({ mime: optionalText, size: z.number().nonnegative().optional().catch(undefined), uri: optionalText });

const Text = z.looseObject({ text: z.string() });
const Media = z.looseObject({
  category: optionalText,
  name: optionalText,
  src: File.optional().catch(undefined),
  thumbnail: File.optional().catch(undefined),
  preview: File.optional().catch(undefined),
});
const Location = z.looseObject({ latitude: z.coerce.number().min(-90).max(90), longitude: z.coerce.number().min(-180).max(180) });
const Contact = z.looseObject({
  firstname: optionalText,
  lastname: optionalText,
  phone: optionalText,
  email: optionalText,
  city: optionalText,
  country: optionalText,
});
const Card = z.looseObject({
  title: optionalText,
  description: optionalText,
  text: optionalText,
  media: z.looseObject({ tag: optionalText, src: File.optional().catch(undefined) }).optional().catch(undefined),
  suggestions: z
    .array(z.looseObject({ reply: z.looseObject({ text: z.string() }) }))
    .optional()
    .catch(undefined),
});
const Carousel = z.looseObject({ content: z.array(Card).min(1) });
const Template = z.looseObject({ template_id: z.union([z.string(), z.number()]).transform(String) });
const WhatsAppCard = Template.extend({ body_variables: textList, header_variables: textList });

function fileName(name: string | undefined, uri: string | undefined): string | undefined {
  if (name !== undefined && name.trim() !== '') return name.trim();
  const last = uri?.split(/[/?#]/).filter((part) => part !== '').at(-1);
  return last === undefined || /^https?:$/.test(last) ? undefined : last;
}

function other(payload: MessagePayload): PayloadView {
  return { kind: 'other', type: payload.type, text: payloadText(payload) };
}

export function viewPayload(payload: MessagePayload): PayloadView {
  switch (payload.type) {
    case payloadTypes.text: {
      const text = Text.safeParse(payload);
      return text.success ? { kind: 'text', text: text.data.text } : other(payload);
    }
    case payloadTypes.image:
    case payloadTypes.mediaFile: {
      const media = Media.safeParse(payload);
      if (!media.success) return other(payload);
      const { src, preview, thumbnail } = media.data;
      const isImage = payload.type === payloadTypes.image || (src?.mime?.startsWith('image/') ?? false);
      return {
        kind: 'media',
        shownAs: isImage ? 'image' : mediaKindOf(src?.mime ?? ''),
        isImage,
        category: media.data.category,
        name: fileName(media.data.name, src?.uri),
        mime: src?.mime,
        size: src?.size,
        uri: src?.uri,
        pictureUri: isImage ? (preview?.uri ?? thumbnail?.uri ?? src?.uri) : undefined,
      };
    }
    case payloadTypes.location: {
      const location = Location.safeParse(payload);
      return location.success ? { kind: 'location', ...location.data } : other(payload);
    }
    case payloadTypes.contact: {
      const contact = Contact.safeParse(payload);
      if (!contact.success) return other(payload);
      const { firstname, lastname, phone, email, city, country } = contact.data;
      const name = [firstname, lastname].filter((part) => part !== undefined && part.trim() !== '').join(' ');
      const place = [city, country].filter((part) => part !== undefined && part.trim() !== '').join(', ');
      return { kind: 'contact', name: name === '' ? 'Unnamed contact' : name, phone, email, place: place === '' ? undefined : place };
    }
    case payloadTypes.carousel: {
      const carousel = Carousel.safeParse(payload);
      if (!carousel.success) return other(payload);
      return {
        kind: 'carousel',
        cards: carousel.data.content.map((card) => ({
          title: card.title ?? card.text ?? '',
          description: card.description ?? '',
          replies: (card.suggestions ?? []).map((suggestion) => suggestion.reply.text),
          mediaName: card.media === undefined ? undefined : (fileName(undefined, card.media.src?.uri) ?? card.media.tag ?? 'media'),
        })),
      };
    }
    case payloadTypes.template:
    case payloadTypes.card: {
      const template = WhatsAppCard.safeParse(payload);
      if (!template.success) return other(payload);
      return {
        kind: 'template',
        templateId: template.data.template_id,
        whatsApp: payload.type === payloadTypes.card,
        headerVariables: template.data.header_variables ?? [],
        bodyVariables: template.data.body_variables ?? [],
      };
    }
    default:
      return other(payload);
  }
}

/** "1.2 MB", "240 KB", "512 bytes". */
export function formatBytes(size: number): string {
  if (size < 1024) return `${size} bytes`;
  if (size < 1024 * 1024) return `${Math.round(size / 1024)} KB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}

/** "51.50740° N, 0.12780° W". */
export function formatCoordinates(latitude: number, longitude: number): string {
  const part = (value: number, positive: string, negative: string) =>
    `${Math.abs(value).toFixed(5)}° ${value >= 0 ? positive : negative}`;
  return `${part(latitude, 'N', 'S')}, ${part(longitude, 'E', 'W')}`;
}
