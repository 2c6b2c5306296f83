/**
 * Turns what `POST /api/media` answered into the payload that sends it, following DERIVED_IMAGE_SIZE_UNKNOWN in
 * common/api-decisions.ts: the upload reports URLs (lines 2960-2967) while a payload wants `{mime, size, uri}`.
 */
import { DERIVED_IMAGE_SIZE_UNKNOWN } from '../api-decisions';
import type { ApiMedia } from '../api-types';
import { fail, type Result } from '../result';
import { buildImage, buildMediaFile } from './builders';
import { channelAccepts, type SendableChannelType } from './channels';
import type { ImagePayload, MediaCategory, MediaFilePayload, MediaRef } from './schemas';

/**
 * A media file's `category` is required but the reference never says how to choose it (lines 3521, 3590): we take
 * it from the mime type's family, APPLICATION for documents and archives. An image's `category` (line 3537) has the
 * same list, none of which names images, so images say UNSPECIFIED.
 */
export function mediaCategoryFor(mimeType: string): MediaCategory {
  if (mimeType.startsWith('video/')) return 'VIDEO';
  if (mimeType.startsWith('audio/')) return 'AUDIO';
  return 'APPLICATION';
}
export const IMAGE_CATEGORY: MediaCategory = 'UNSPECIFIED';

function derived(upload: ApiMedia, uri: string | null | undefined): MediaRef | undefined {
  return uri ? { mime: upload.mime_type, size: DERIVED_IMAGE_SIZE_UNKNOWN, uri } : undefined;
}

/**
 * The payload for an uploaded file sent through `channel`: an image payload when the upload is an image with its
 * derived images and the channel takes images, otherwise a media file payload when the channel takes files.
 */
export function payloadFromUpload(
  upload: ApiMedia,
  channel: SendableChannelType,
): Result<ImagePayload | MediaFilePayload> {
  const src: MediaRef = { mime: upload.mime_type, size: upload.full_size, uri: upload.url };
  const thumbnail = derived(upload, upload.thumbnail);
  const preview = derived(upload, upload.preview);
  const name = upload.file_name ?? undefined;
  if (upload.type === 'image' && thumbnail && preview && channelAccepts(channel, 'IMAGE')) {
    return buildImage({ src, thumbnail, preview, category: IMAGE_CATEGORY, ...(name ? { name } : {}) });
  }
  if (channelAccepts(channel, 'MEDIA')) {
    return buildMediaFile({
      src,
      category: mediaCategoryFor(upload.mime_type),
      ...(thumbnail ? { thumbnail } : {}),
      ...(preview ? { preview } : {}),
      ...(name ? { name } : {}),
    });
  }
  const what = upload.type === 'image' ? 'this image' : 'files';
  return fail('VALIDATION', `A ${channel} channel cannot send ${what}`, { field: 'file' });
}
