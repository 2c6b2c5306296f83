/** Payload builders and validators per kind, and which channel takes which kind. */
import { describe, expect, it } from 'vitest';
import type { ApiMedia } from '../../../common/api-types';
import {
  acceptedPayloadTypes,
  buildCarousel,
  buildContact,
  buildImage,
  buildLocation,
  buildMediaFile,
  buildTemplate,
  buildText,
  buildWhatsAppCard,
  parseSendPayload,
  payloadFromUpload,
  sendableChannelTypes,
} from '../../../common/payloads';

const png = { mime: 'image/png', size: 14359, uri: 'https://omni.mmdsmart.com/api/media/e/m' };

describe('builders', () => {
  it('text: fills in TEXT and refuses blank text', () => {
    expect(buildText('Hello world')).toEqual({ ok: true, value: { type: 'TEXT', text: 'Hello world' } });
    expect(buildText('   ')).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'text' } });
  });

  it('image: needs src, thumbnail and preview', () => {
    const built = buildImage({ src: png, thumbnail: png, preview: png, category: 'UNSPECIFIED', name: 'a.png' });
    expect(built).toMatchObject({ ok: true, value: { type: 'IMAGE', src: png, name: 'a.png' } });
    expect(buildImage({ src: { ...png, size: -1 }, thumbnail: png, preview: png, category: 'UNSPECIFIED' })).toMatchObject({
      ok: false,
      error: { field: 'src.size' },
    });
  });

  it('media file: thumbnail and preview optional, category from the reference’s list', () => {
    expect(buildMediaFile({ src: { ...png, mime: 'application/pdf' }, category: 'APPLICATION' })).toMatchObject({
      ok: true,
      value: { type: 'MEDIA', category: 'APPLICATION' },
    });
    // @ts-expect-error not a category of the reference (line 3590)
    expect(buildMediaFile({ src: png, category: 'DOCUMENT' }).ok).toBe(false);
  });

  it('location: refuses coordinates off the globe', () => {
    expect(buildLocation(52.52, 13.405)).toEqual({ ok: true, value: { type: 'LOCATION', latitude: 52.52, longitude: 13.405 } });
    expect(buildLocation(91, 0)).toMatchObject({ ok: false, error: { field: 'latitude' } });
    expect(buildLocation(0, -181)).toMatchObject({ ok: false, error: { field: 'longitude' } });
  });

  it('contact: needs names and phone, checks the email', () => {
    expect(buildContact({ firstname: 'Ann', lastname: 'Lee', phone: '+4915112345678', city: 'Berlin' })).toMatchObject({
      ok: true,
      value: { type: 'CONTACT', firstname: 'Ann' },
    });
    expect(buildContact({ firstname: 'Ann', lastname: 'Lee', phone: '1', email: 'not-an-email' })).toMatchObject({
      ok: false,
      error: { field: 'email' },
    });
  });

  it('carousel: cards get type CARD and replies become suggestions; card media is checked', () => {
    const built = buildCarousel('MEDIUM', [
      { title: 'Shoes', description: 'Red', replies: ['Buy', 'Later'], media: { tag: 'shoe', height: 'TALL', src: png, thumbnail: png } },
    ]);
    expect(built).toMatchObject({
      ok: true,
      value: {
        type: 'CAROUSEL',
        width: 'MEDIUM',
        content: [{ type: 'CARD', title: 'Shoes', suggestions: [{ reply: { text: 'Buy' } }, { reply: { text: 'Later' } }] }],
      },
    });
    expect(buildCarousel('MEDIUM', [])).toMatchObject({ ok: false, error: { field: 'content' } });
    const badMedia = buildCarousel('SMALL', [{ title: 't', description: 'd', replies: [], media: { tag: 't', src: { ...png, uri: '' } } }]);
    expect(badMedia).toMatchObject({ ok: false, error: { field: 'content.0.media.src.uri' } });
  });

  it('template and WhatsApp card: ids required, variables kept in order', () => {
    expect(buildTemplate('t1')).toEqual({ ok: true, value: { type: 'TEMPLATE', template_id: 't1' } });
    expect(buildWhatsAppCard({ templateId: 'wa1', bodyVariables: ['Ann', '3 pm'], headerVariables: ['Hi'] })).toEqual({
      ok: true,
      value: { type: 'CARD', template_id: 'wa1', body_variables: ['Ann', '3 pm'], header_variables: ['Hi'] },
    });
    expect(buildWhatsAppCard({ templateId: '' }).ok).toBe(false);
  });
});

describe('which channel takes which kind', () => {
  it('follows the reference per channel, WeChat text only', () => {
    expect(Object.fromEntries(sendableChannelTypes.map((channel) => [channel, acceptedPayloadTypes(channel).sort()]))).toEqual({
      SMS: ['TEXT'],
      WA: ['CARD', 'CONTACT', 'IMAGE', 'LOCATION', 'MEDIA', 'TEXT'],
      VI: ['IMAGE', 'TEXT'],
      WECHAT: ['TEXT'],
      RCS: ['CAROUSEL', 'IMAGE', 'MEDIA', 'TEMPLATE', 'TEXT'],
      TG: ['CONTACT', 'IMAGE', 'LOCATION', 'MEDIA', 'TEMPLATE', 'TEXT'],
    });
  });

  it('parseSendPayload refuses a kind the channel does not take, and a malformed payload', () => {
    expect(parseSendPayload('WA', { type: 'LOCATION', latitude: 1, longitude: 2 }).ok).toBe(true);
    expect(parseSendPayload('SMS', { type: 'LOCATION', latitude: 1, longitude: 2 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'type' },
    });
    expect(parseSendPayload('WA', { type: 'TEXT' })).toMatchObject({ ok: false, error: { field: 'text' } });
    expect(parseSendPayload('WA', { type: 'POSTCARD' }).ok).toBe(false);
  });
});

describe('payloadFromUpload', () => {
  const upload: ApiMedia = {
    _id: 'm1',
    type: 'image',
    mime_type: 'image/png',
    full_size: 14359,
    file_name: 'photo.png',
    url: 'https://omni.mmdsmart.com/api/media/e/m1',
    thumbnail: 'https://omni.mmdsmart.com/api/media/e/m1/thumbnail',
    preview: 'https://omni.mmdsmart.com/api/media/e/m1/preview',
  };

  it('makes an image payload with the original’s mime and size 0 for the derived images', () => {
    expect(payloadFromUpload(upload, 'WA')).toEqual({
      ok: true,
      value: {
        type: 'IMAGE',
        category: 'UNSPECIFIED',
        name: 'photo.png',
        src: { mime: 'image/png', size: 14359, uri: upload.url },
        thumbnail: { mime: 'image/png', size: 0, uri: upload.thumbnail },
        preview: { mime: 'image/png', size: 0, uri: upload.preview },
      },
    });
  });

  it('makes a media file payload for other files, with a category from the mime family', () => {
    const video = { ...upload, type: 'video', mime_type: 'video/mp4', thumbnail: null, preview: null };
    expect(payloadFromUpload(video, 'TG')).toMatchObject({ ok: true, value: { type: 'MEDIA', category: 'VIDEO' } });
    const pdf = { ...upload, type: 'file', mime_type: 'application/pdf', thumbnail: null, preview: null };
    const built = payloadFromUpload(pdf, 'RCS');
    expect(built).toMatchObject({ ok: true, value: { type: 'MEDIA', category: 'APPLICATION' } });
    expect(built.ok && 'thumbnail' in built.value).toBe(false);
  });

  it('refuses what the channel cannot carry', () => {
    const pdf = { ...upload, type: 'file', mime_type: 'application/pdf' };
    expect(payloadFromUpload(pdf, 'VI')).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'file' } });
    expect(payloadFromUpload(upload, 'SMS')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
