/**
 * Which channel type accepts which payload kind, and through which send operation. Each channel's schema is the
 * single source: the list of accepted kinds is read from it.
 */
import { z } from 'zod';
import { maxTextLengthByChannel, type PayloadType } from '../api-decisions';
import { parseUnknown } from '../parse';
import { fail, ok, type Result } from '../result';
import {
  CarouselPayload,
  ContactPayload,
  ImagePayload,
  LocationPayload,
  MediaFilePayload,
  SendPayload,
  TemplatePayload,
  TextPayload,
  WhatsAppCardPayload,
} from './schemas';

/** Channel types a message can be sent through (line 383); responses also know "ECHO" (line 245), never sent to. */
export const sendableChannelTypes = ['SMS', 'WA', 'VI', 'WECHAT', 'RCS', 'TG'] as const;
export type SendableChannelType = (typeof sendableChannelTypes)[number];

export const channelPayloadSchemas = {
  /** Text only (lines 3925-3927). */
  SMS: z.discriminatedUnion('type', [TextPayload]),
  /** Lines 3516-3586. */
  RCS: z.discriminatedUnion('type', [TextPayload, MediaFilePayload, ImagePayload, CarouselPayload, TemplatePayload]),
  /** Lines 4042-4093. */
  TG: z.discriminatedUnion('type', [
    TextPayload,
    MediaFilePayload,
    ImagePayload,
    LocationPayload,
    ContactPayload,
    TemplatePayload,
  ]),
  /** Lines 4340-4358. */
  VI: z.discriminatedUnion('type', [TextPayload, ImagePayload]),
  /** Lines 4473-4527. */
  WA: z.discriminatedUnion('type', [
    TextPayload,
    ImagePayload,
    MediaFilePayload,
    LocationPayload,
    ContactPayload,
    WhatsAppCardPayload,
  ]),
  /**
   * WeChat's payload is not specified: the body example is `"payload": null` and the parameter is `any`
   * (lines 5494-5507). We send text only, the one kind every other channel accepts and the shape the reference
   * shows for every send example (e.g. lines 3501-3507), so nothing is sent that the service might misread.
   */
  WECHAT: z.discriminatedUnion('type', [TextPayload]),
} as const satisfies Record<SendableChannelType, z.ZodType>;

export type ChannelPayload<C extends SendableChannelType> = z.infer<(typeof channelPayloadSchemas)[C]>;

/** The send operation (an id of main/api/operations.ts) for each channel type. */
export const sendOperationByChannel = {
  SMS: 'sms.send',
  RCS: 'rcs.send',
  TG: 'telegram.send',
  VI: 'viber.send',
  WA: 'whatsapp.send',
  WECHAT: 'wechat.send',
} as const satisfies Record<SendableChannelType, string>;

export function isSendableChannelType(value: string): value is SendableChannelType {
  return (sendableChannelTypes as readonly string[]).includes(value);
}

export function acceptedPayloadTypes(channel: SendableChannelType): PayloadType[] {
  return channelPayloadSchemas[channel].options.map((option) => option.shape.type.value);
}

export function channelAccepts(channel: SendableChannelType, type: PayloadType): boolean {
  return acceptedPayloadTypes(channel).includes(type);
}

/**
 * Checks an untrusted payload for a send through `channel`: it must be a well-formed payload of a kind the channel
 * accepts. Errors are VALIDATION with the failing field, so the composer can point at it.
 */
export function parseSendPayload(channel: SendableChannelType, value: unknown): Result<SendPayload> {
  const parsed = parseUnknown(SendPayload, value, { code: 'VALIDATION', what: 'payload' });
  if (!parsed.ok) return parsed;
  if (!channelAccepts(channel, parsed.value.type)) {
    return fail('VALIDATION', `A ${channel} channel does not accept ${parsed.value.type} messages`, { field: 'type' });
  }
  if (parsed.value.type === 'TEXT') {
    const length = textLength(parsed.value.text);
    const limit = maxTextLength(channel);
    if (length > limit) {
      return fail(
        'VALIDATION',
        `This message has ${length.toLocaleString('en')} characters; ${channelNames[channel]} takes at most ${limit.toLocaleString('en')}`,
        { field: 'text' },
      );
    }
  }
  return ok(parsed.value);
}

const channelNames = {
  SMS: 'SMS',
  WA: 'WhatsApp',
  VI: 'Viber',
  RCS: 'RCS',
  TG: 'Telegram',
  WECHAT: 'WeChat',
} as const satisfies Record<SendableChannelType, string>;

/** The longest text a message through `channel` may carry (common/api-decisions.ts), in characters. */
export function maxTextLength(channel: SendableChannelType): number {
  return (maxTextLengthByChannel satisfies Record<SendableChannelType, number>)[channel];
}

/** Characters as the platforms count them: code points, so an emoji is one, not two UTF-16 units. */
export function textLength(text: string): number {
  let length = 0;
  for (const _ of text) length += 1;
  return length;
}
