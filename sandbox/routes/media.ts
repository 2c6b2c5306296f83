/**
 * The media gallery (lines 2841-3252): list, multipart upload (field `file`, api-decisions), delete by ids, and
 * the files themselves with their preview and thumbnail at the URLs the upload answers.
 */
import { mediaUploadField } from '../../common/api-decisions';
import { ApiError } from '../api-error';
import type { Api, OptionalAuthContext } from '../http';
import { listBody, parseEnumParam, parsePaging, sortAndPage, type Query } from '../listing';
import { prepareMedia } from '../media-files';
import type { MediaRecord } from '../model';
import { mediaUrl, newId, nowIso, type SandboxRuntime } from '../runtime';
import type { Enterprise } from '../store';
import { notFound, notYours, owned, requireId } from '../validation';
import { scope } from './lookups';

/** A gallery entry as the API answers it (lines 2861-2869); derived images only for images. */
export function mediaView(runtime: SandboxRuntime, enterprise: Enterprise, media: MediaRecord) {
  return {
    _id: media._id,
    type: media.type,
    mime_type: media.mime_type,
    full_size: media.full_size,
    ...(media.file_name === undefined ? {} : { file_name: media.file_name }),
    url: mediaUrl(runtime, enterprise, media._id),
    ...(media.thumbnail === undefined ? {} : { thumbnail: mediaUrl(runtime, enterprise, media._id, 'thumbnail') }),
    ...(media.preview === undefined ? {} : { preview: mediaUrl(runtime, enterprise, media._id, 'preview') }),
    ...(media.message_id === undefined ? {} : { message_id: media.message_id }),
  };
}

/** `media_ids` as repeated parameters, `media_ids[]`, or one comma-separated value. */
function mediaIds(query: Query): string[] {
  const values = [query['media_ids'], query['media_ids[]']].flatMap((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));
  return values.flatMap((value) => value.split(',')).map((id) => id.trim()).filter((id) => id !== '');
}

const tooLarge = () => new ApiError(400, 'File too large', 'Media files can be at most 50 MB');

function fileError(error: unknown): ApiError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge();
  return new ApiError(400, 'Invalid upload', `The multipart body could not be read: ${error instanceof Error ? error.message : String(error)}`);
}

/** The media behind `/api/media/{enterprise_id}/{media_id}`: public, but a token sent must be of that enterprise. */
function servedMedia(context: OptionalAuthContext): MediaRecord {
  const enterpriseId = requireId(context.params['enterprise_id'], 'enterprise_id');
  const mediaId = requireId(context.params['media_id'], 'media_id');
  const enterprise = context.runtime.store.enterprises.get(enterpriseId);
  if (enterprise === undefined) throw notFound(context.op, 'Enterprise', enterpriseId);
  if (context.enterprise !== undefined && context.enterprise !== enterprise) throw notYours(context.op, 'Media', mediaId);
  const media = enterprise.media.get(mediaId);
  if (media === undefined) throw notFound(context.op, 'Media', mediaId);
  return media;
}

export function registerMediaRoutes(api: Api): void {
  const { runtime } = api;

  api.route('media.list', ({ enterprise, query }) => {
    const paging = parsePaging(query);
    const type = parseEnumParam(query, 'type', ['image', 'video', 'file'] as const);
    const matching = [...enterprise.media.values()].filter((media) => type === undefined || media.type === type);
    // The gallery shows the newest first.
    const page = sortAndPage(matching, (media) => media.created, -1, paging);
    return { body: listBody('media', page.items.map((media) => mediaView(runtime, enterprise, media)), page.total, paging) };
  });

  api.route('media.upload', async (context) => {
    const { request, enterprise } = context;
    if (!request.isMultipart()) {
      throw new ApiError(400, 'Expected multipart/form-data', `Upload the file as multipart/form-data in the "${mediaUploadField}" field`);
    }
    const messageId = typeof context.query['messageID'] === 'string' ? context.query['messageID'] : undefined;
    if (messageId !== undefined) {
      requireId(messageId, 'messageID');
      owned(scope(context), 'message', messageId, enterprise.messages.get(messageId), 'Message');
    }
    let part;
    try {
      part = await request.file();
    } catch (error) {
      throw fileError(error);
    }
    if (part === undefined) throw new ApiError(400, 'No file', `The multipart body has no file; send it in the "${mediaUploadField}" field`);
    if (part.fieldname !== mediaUploadField) {
      part.file.resume();
      throw new ApiError(400, 'Wrong field', `Send the file in the "${mediaUploadField}" field, not "${part.fieldname}"`);
    }
    let bytes: Buffer;
    try {
      bytes = await part.toBuffer();
    } catch (error) {
      throw fileError(error);
    }
    // busboy may flag the cut only after the last chunk was read, so toBuffer() does not always throw.
    if (part.file.truncated) throw tooLarge();
    const content = await prepareMedia(bytes, part.filename, part.mimetype);
    const media: MediaRecord = {
      _id: newId(runtime),
      ...content,
      ...(part.filename === '' ? {} : { file_name: part.filename }),
      ...(messageId === undefined ? {} : { message_id: messageId }),
      created: nowIso(runtime),
    };
    runtime.store.register('media', enterprise.id, media._id);
    enterprise.media.set(media._id, media);
    return { body: mediaView(runtime, enterprise, media) };
  });

  api.route('media.delete', (context) => {
    const ids = mediaIds(context.query);
    if (ids.length === 0) throw new ApiError(400, 'Invalid media_ids', 'media_ids lists the media to delete');
    // Check every id first, so a bad one deletes nothing.
    const found = ids.map((id) => owned(scope(context), 'media', requireId(id, 'media_ids'), context.enterprise.media.get(id), 'Media'));
    for (const media of found) {
      context.enterprise.media.delete(media._id);
      runtime.store.markDeleted(media._id);
    }
    return { body: {} };
  });

  api.publicRoute('media.get', (context) => {
    const media = servedMedia(context);
    return { file: { bytes: media.bytes, mime: media.mime_type }, headers: { 'cache-control': 'private, max-age=3600' } };
  });

  api.publicRoute('media.getVariant', (context) => {
    const sizeType = context.params['size_type'];
    if (sizeType !== 'preview' && sizeType !== 'thumbnail') {
      throw new ApiError(400, 'Invalid size_type', `size_type must be preview or thumbnail, got "${sizeType ?? ''}"`);
    }
    const media = servedMedia(context);
    const bytes = media[sizeType];
    if (bytes === undefined || media.variantMime === undefined) {
      throw new ApiError(404, 'No preview', `Media ${media._id} is a ${media.type}; only images have a ${sizeType}`);
    }
    return { file: { bytes, mime: media.variantMime }, headers: { 'cache-control': 'private, max-age=3600' } };
  });
}
