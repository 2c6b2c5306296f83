/**
 * Turning uploaded bytes into a gallery entry: the type from the content, the kind (image, video, file), and for
 * images the 160x160 preview and 400x400 thumbnail (lines 2891-2892), made with sharp.
 */
import sharp from 'sharp';
import { acceptedMediaMimeTypes } from '../common/api-decisions';
import { ApiError } from './api-error';
import type { MediaKind, MediaRecord } from './model';
import { sniffMime } from './mime-sniff';

export const PREVIEW_SIZE = 160;
export const THUMBNAIL_SIZE = 400;

export function mediaKind(mime: string): MediaKind {
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('video/')) return 'video';
  return 'file';
}

/** Fits inside size x size, keeping the aspect ratio and never enlarging; JPEG stays JPEG, the rest become PNG. */
async function variant(bytes: Buffer, size: number, asJpeg: boolean): Promise<Buffer> {
  const resized = sharp(bytes, { animated: false }).rotate().resize(size, size, { fit: 'inside', withoutEnlargement: true });
  return asJpeg ? resized.jpeg({ quality: 80 }).toBuffer() : resized.png().toBuffer();
}

export type MediaContent = Pick<MediaRecord, 'type' | 'mime_type' | 'full_size' | 'bytes' | 'preview' | 'thumbnail' | 'variantMime'>;

/** Validates and prepares an upload; throws a 400 for an empty file, a type not on the list, or an unreadable image. */
export async function prepareMedia(bytes: Buffer, fileName: string | undefined, declaredMime: string | undefined): Promise<MediaContent> {
  if (bytes.length === 0) throw new ApiError(400, 'Empty file', 'The uploaded file has no content');
  const mime = sniffMime(bytes, fileName, declaredMime);
  if (!(acceptedMediaMimeTypes as readonly string[]).includes(mime)) {
    throw new ApiError(400, 'Unsupported file type', `The file's content is ${mime}, which is not an accepted media type`);
  }
  const type = mediaKind(mime);
  if (type !== 'image') return { type, mime_type: mime, full_size: bytes.length, bytes };
  const asJpeg = mime === 'image/jpeg';
  try {
    const [preview, thumbnail] = await Promise.all([variant(bytes, PREVIEW_SIZE, asJpeg), variant(bytes, THUMBNAIL_SIZE, asJpeg)]);
    return { type, mime_type: mime, full_size: bytes.length, bytes, preview, thumbnail, variantMime: asJpeg ? 'image/jpeg' : 'image/png' };
  } catch (error) {
    throw new ApiError(400, 'Unreadable image', `The ${mime} image could not be decoded: ${error instanceof Error ? error.message : String(error)}`);
  }
}
