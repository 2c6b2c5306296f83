/**
 * The account's media library (`GET /api/media`) as the renderer pages through it: each file with the service's
 * URIs a send payload points at, and its preview's address through the app's media route (never the service's,
 * which wants the token).
 */
import type { ApiMedia } from '../../common/api-types';
import type { LibraryMedia, MediaLibraryPage } from '../../common/contract/media';
import { mediaKindOf } from '../../common/media-acceptance';
import { mediaAddressFromUri, rendererMediaUrlFor } from '../../common/media-url';
import { ok, type Result } from '../../common/result';
import type { Api } from '../api/client';

export interface MediaLibraryQuery {
  offset: number;
  limit: number;
  type?: 'image' | 'video' | 'file' | undefined;
}

export function libraryMediaFrom(media: ApiMedia, mode: 'electron' | 'browser'): LibraryMedia {
  // The reference's preview is the small one (160 px, line 2892), the right size for a grid; its thumbnail is 400 px.
  const small = media.preview ?? media.thumbnail;
  const shown = small ? mediaAddressFromUri(small) : undefined;
  return {
    mediaId: media._id,
    name: media.file_name ?? null,
    size: media.full_size,
    mime: media.mime_type,
    kind: mediaKindOf(media.mime_type),
    url: media.url,
    thumbnail: media.thumbnail ?? null,
    preview: media.preview ?? null,
    ...(shown ? { previewUrl: rendererMediaUrlFor(shown, mode) } : {}),
  };
}

export async function listMediaLibrary(api: Api, query: MediaLibraryQuery, mode: 'electron' | 'browser'): Promise<Result<MediaLibraryPage>> {
  const page = await api.call('media.list', {
    query: { offset: query.offset, limit: query.limit, ...(query.type ? { type: query.type } : {}) },
  });
  if (!page.ok) return page;
  return ok({
    items: page.value.media.map((media) => libraryMediaFrom(media, mode)),
    total: page.value.total,
    offset: page.value.offset ?? query.offset,
  });
}
