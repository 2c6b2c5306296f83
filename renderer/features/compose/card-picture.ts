/**
 * Where an RCS card's picture comes from: a file the agent picked, named to main, checked (`media:prepare`: it must
 * be an image RCS takes) and uploaded (`media:upload`); or a picture already in the media library (`media:list`),
 * sent again without an upload. Either way the card points at the service's URIs for it.
 */
import type { InboxBridge, PickedFile } from '../../../common/contract';
import type { LibraryMedia } from '../../../common/contract/media';
import { fail, ok, type Result } from '../../../common/result';
import { payloadFromLibrary } from '../conversation/attachment-state.svelte';
import type { LoadMediaLibrary } from '../media/media-library-state.svelte';
import type { CardPicture } from './rcs-card-input';

export interface CardPictures {
  upload(file: PickedFile): Promise<Result<CardPicture>>;
  /** A page of the media library, for the picker. */
  library: LoadMediaLibrary;
}

export function cardPictureSource(bridge: InboxBridge): CardPictures {
  return {
    upload: async (file) => {
      const reference = await bridge.fileReference(file);
      if (!reference.ok) return reference;
      const prepared = await bridge.invoke('media:prepare', { path: reference.value });
      if (!prepared.ok) return prepared;
      if (prepared.value.kind !== 'image' || !prepared.value.acceptedBy.includes('RCS')) {
        return fail('VALIDATION', `${prepared.value.name} is not a picture RCS cards can show`, { field: 'file' });
      }
      const uploaded = await bridge.invoke('media:upload', { path: reference.value, channelType: 'RCS', uploadId: prepared.value.uploadId });
      if (!uploaded.ok) return uploaded;
      const { payload, name, previewUrl } = uploaded.value;
      return ok({ name, src: payload.src, ...(payload.thumbnail === undefined ? {} : { thumbnail: payload.thumbnail }), ...(previewUrl === undefined ? {} : { previewUrl }) });
    },
    library: (query) => bridge.invoke('media:list', query),
  };
}

/** Why a library file cannot be a card's picture; undefined when it can. */
export function libraryPictureRefusal(media: LibraryMedia): string | undefined {
  return media.kind === 'image' ? undefined : 'RCS cards show pictures only';
}

/** A picture of the media library as a card's picture, pointing at the service's URIs as a send of it would. */
export function cardPictureFromLibrary(media: LibraryMedia): Result<CardPicture> {
  const refused = libraryPictureRefusal(media);
  if (refused !== undefined) return fail('VALIDATION', refused, { field: 'file' });
  const payload = payloadFromLibrary(media, 'RCS');
  if (!payload.ok) return payload;
  const name = media.name ?? `Picture ${media.mediaId.slice(0, 8)}`;
  const { src, thumbnail } = payload.value;
  return ok({ name, src, ...(thumbnail === undefined ? {} : { thumbnail }), ...(media.previewUrl === undefined ? {} : { previewUrl: media.previewUrl }) });
}
