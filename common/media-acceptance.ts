/**
 * Which files the app sends, and through which channels: a type must be on the reference's list and be content the
 * app can recognise, and a channel takes a file when its payload schema has a kind that can carry it
 * (common/payloads/channels.ts, following payloadFromUpload in common/payloads/from-upload.ts) and the file is no
 * larger than that channel type carries for its kind (maxMediaBytesByChannel in common/api-decisions.ts).
 */
import { acceptedMediaMimeTypes, MAX_MEDIA_BYTES, maxMediaBytesByChannel } from './api-decisions';
import { channelAccepts, sendableChannelTypes, type SendableChannelType } from './payloads/channels';
import { fail, type InboxError } from './result';

export const mediaKinds = ['image', 'video', 'audio', 'file'] as const;
export type MediaKind = (typeof mediaKinds)[number];

/**
 * The reference's list ends with `application/octet-stream` (line 2973), which would let any bytes through. The app
 * sends only content it recognised (common/media-sniff.ts), so a file of unknown content is refused here rather
 * than stored by the service as an opaque blob the customer's phone cannot open.
 */
const uploadableMimeTypes: ReadonlySet<string> = new Set(
  acceptedMediaMimeTypes.filter((mime) => mime !== 'application/octet-stream'),
);

export function isUploadableMime(mime: string): boolean {
  return uploadableMimeTypes.has(mime);
}

export function mediaKindOf(mime: string): MediaKind {
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  return 'file';
}

/**
 * The channel types that can send a file of this kind: an image goes as an image payload or, failing that, as a
 * media file; anything else only as a media file.
 */
export function channelsAccepting(kind: MediaKind): SendableChannelType[] {
  return sendableChannelTypes.filter(
    (channel) => channelAccepts(channel, 'MEDIA') || (kind === 'image' && channelAccepts(channel, 'IMAGE')),
  );
}

/** Human words for a refused type, so an error can say what the file turned out to be. */
const mimeDescriptions: Record<string, string> = {
  'application/octet-stream': 'not a format the app recognises',
  'text/plain': 'plain text (the service takes CSV, HTML and XML text)',
  'application/x-msdownload': 'a Windows program',
  'application/x-executable': 'a program',
  'application/x-ole-storage': 'an OLE file that is not a Word, Excel or PowerPoint document',
  'video/quicktime': 'a QuickTime movie',
  'video/x-matroska': 'a Matroska video',
  'video/x-msvideo': 'an AVI video',
  'audio/mp4': 'MPEG-4 audio (m4a)',
  'audio/wav': 'WAV audio',
  'image/bmp': 'a BMP image',
  'image/tiff': 'a TIFF image',
  'image/heic': 'a HEIC image',
  'image/avif': 'an AVIF image',
};

export function describeMime(mime: string): string {
  return mimeDescriptions[mime] ?? mime;
}

/**
 * The refusal of a file over the service's 50 MB, named as the agent knows it: browser mode's bridge, its staging
 * route and the staged files all say the same, and `field: 'file'` has the composer show these words as they are.
 */
export function fileTooLarge(name: string) {
  return fail('VALIDATION', `"${name}" is larger than the ${MAX_MEDIA_BYTES / 1024 / 1024} MB the service takes`, { field: 'file' });
}

const MB = 1024 * 1024;
const kindsPlural: Record<MediaKind, string> = { image: 'images', video: 'videos', audio: 'audio files', file: 'files' };
const channelLimits: Partial<Record<SendableChannelType, Partial<Record<MediaKind, number>>>> = maxMediaBytesByChannel;

/**
 * A size the way an agent reads a limit: whole megabytes when it is one, else one decimal rounded up, so a file just
 * over a limit never reads as equal to it.
 */
export function formatMegabytes(bytes: number): string {
  const megabytes = bytes / MB;
  return `${Number.isInteger(megabytes) ? megabytes : Math.ceil(megabytes * 10) / 10} MB`;
}

/** The largest file of this kind the channel type carries, when it carries less than the service takes. */
export function channelMediaLimit(channel: SendableChannelType, kind: MediaKind): number | undefined {
  const limit = channelLimits[channel]?.[kind];
  return limit !== undefined && limit < MAX_MEDIA_BYTES ? limit : undefined;
}

/**
 * Why this file is too large for the channel type, with both sizes and the limit named
 * ('"video.mp4" is 20 MB; WhatsApp takes videos up to 16 MB'), or undefined when it fits.
 */
export function channelSizeRefusal(
  file: { name: string; size: number; kind: MediaKind },
  channel: SendableChannelType,
  channelName: string,
): InboxError | undefined {
  const limit = channelMediaLimit(channel, file.kind);
  if (limit === undefined || file.size <= limit) return undefined;
  const message = `"${file.name}" is ${formatMegabytes(file.size)}; ${channelName} takes ${kindsPlural[file.kind]} up to ${formatMegabytes(limit)}`;
  return fail('VALIDATION', message, { field: 'file' }).error;
}
