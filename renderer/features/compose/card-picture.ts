/**
 * A picture for an RCS card from a file the agent picked: named to main, checked (`media:prepare`: it must be an
 * image RCS takes) and uploaded (`media:upload`), and described by the URIs the upload answers.
 */
import type { InboxBridge, PickedFile } from '../../../common/contract';
import { fail, ok, type Result } from '../../../common/result';
import type { CardPicture } from './rcs-card-input';

export type UploadCardPicture = (file: PickedFile) => Promise<Result<CardPicture>>;

export function cardPictureUploader(bridge: InboxBridge): UploadCardPicture {
  return async (file) => {
    const reference = await bridge.fileReference(file);
    if (!reference.ok) return reference;
    const prepared = await bridge.invoke('media:prepare', { path: reference.value });
    if (!prepared.ok) return prepared;
    if (prepared.value.kind !== 'image' || !prepared.value.acceptedBy.includes('RCS')) {
      return fail('VALIDATION', `${prepared.value.name} is not a picture RCS cards can show`, { field: 'file' });
    }
    const uploaded = await bridge.invoke('media:upload', { path: reference.value, channelType: 'RCS', uploadId: prepared.value.uploadId });
    if (!uploaded.ok) return uploaded;
    const { payload } = uploaded.value;
    return ok({
      name: uploaded.value.name,
      src: payload.src,
      ...(payload.thumbnail === undefined ? {} : { thumbnail: payload.thumbnail }),
      ...(uploaded.value.previewUrl === undefined ? {} : { previewUrl: uploaded.value.previewUrl }),
    });
  };
}
