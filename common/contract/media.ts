/**
 * Channels and events of the media pipeline: check a file the agent dropped or picked, upload it to the service
 * (streamed, with progress, once per file), cancel an upload, and page through the media library to send a file
 * already there. Files are named by a path on disk (Electron) or, in browser mode, by the reference the web host
 * answered for the bytes the page streamed to it.
 */
import { z } from 'zod';
import { mediaKinds } from '../media-acceptance';
import { ImagePayload, MediaFilePayload } from '../payloads/schemas';
import { sendableChannelTypes } from '../payloads/channels';

const ChannelType = z.enum(sendableChannelTypes);

/**
 * A file the agent picked or dropped: `picked:<id>` in the desktop app (main/media/picked-files.ts), `staged:<id>`
 * in browser mode. Main refuses anything else, a path on disk included.
 */
const FileReference = z.string().trim().min(1).max(4096);

/**
 * The preload's own IPC channel (not a contract channel: the page cannot name it) registering the path of a file
 * the agent picked or dropped, `(path)`, and answering `Result<string>`, its `picked:<id>` reference.
 */
export const PICKED_FILE_IPC_CHANNEL = 'inbox:picked-file';
const UploadId = z.string().min(1).max(100);

export const MediaPrepareRequest = z.strictObject({ path: FileReference });

/** A file found fit to send: what it is by its content, and which channel types can carry it. */
export const PreparedMedia = z.strictObject({
  /** Names this file's upload in `media:upload`, `media:cancel` and `media:progress`. */
  uploadId: UploadId,
  name: z.string(),
  size: z.number().int().positive(),
  mime: z.string(),
  kind: z.enum(mediaKinds),
  acceptedBy: z.array(ChannelType),
});
export type PreparedMedia = z.infer<typeof PreparedMedia>;

export const MediaUploadRequest = z.strictObject({
  path: FileReference,
  channelType: ChannelType,
  /** The id `media:prepare` answered, so progress events can be matched before the upload returns. */
  uploadId: UploadId.optional(),
});

/** An uploaded file, with the payload that sends it through the requested channel type. */
export const UploadedMedia = z.strictObject({
  uploadId: UploadId,
  mediaId: z.string(),
  name: z.string(),
  size: z.number().int().positive(),
  mime: z.string(),
  kind: z.enum(mediaKinds),
  payload: z.discriminatedUnion('type', [ImagePayload, MediaFilePayload]),
  /** True when this file had been uploaded before and that upload was used again. */
  reused: z.boolean(),
  /** The renderer's address of a small preview, for images. */
  previewUrl: z.string().optional(),
});
export type UploadedMedia = z.infer<typeof UploadedMedia>;

export const MediaCancelRequest = z.strictObject({ uploadId: UploadId });

/** Bytes of the file written to the connection so far; `sentBytes === totalBytes` once all of it has left. */
export const MediaProgress = z.strictObject({
  uploadId: UploadId,
  sentBytes: z.number().int().nonnegative(),
  totalBytes: z.number().int().positive(),
});
export type MediaProgress = z.infer<typeof MediaProgress>;

/** A page of the account's media library (`media.list`, lines 2841-2848), optionally of one type. */
export const MediaListRequest = z.strictObject({
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().min(1).max(100).default(24),
  /** The reference's filter values (line 2852): audio is listed under none of them but "all". */
  type: z.enum(['image', 'video', 'file']).optional(),
});

/**
 * One file of the media library, ready to send again without uploading it: the service's own URIs (which a send
 * payload points at, common/payloads/from-upload.ts) and the renderer's address of its preview.
 */
export const LibraryMedia = z.strictObject({
  mediaId: z.string(),
  name: z.string().nullable(),
  size: z.number().nonnegative(),
  mime: z.string(),
  kind: z.enum(mediaKinds),
  url: z.string(),
  thumbnail: z.string().nullable(),
  preview: z.string().nullable(),
  /** Where the renderer shows a small preview (the app's media route), absent when the service offers none. */
  previewUrl: z.string().optional(),
});
export type LibraryMedia = z.infer<typeof LibraryMedia>;

export const MediaLibraryPage = z.strictObject({
  items: z.array(LibraryMedia),
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
});
export type MediaLibraryPage = z.infer<typeof MediaLibraryPage>;

export const mediaChannels = {
  'media:prepare': { input: MediaPrepareRequest, output: PreparedMedia },
  'media:upload': { input: MediaUploadRequest, output: UploadedMedia },
  /** Stops an upload in progress; answers whether there was one to stop. */
  'media:cancel': { input: MediaCancelRequest, output: z.strictObject({ cancelled: z.boolean() }) },
  'media:list': { input: MediaListRequest, output: MediaLibraryPage },
} as const;

export const mediaEvents = {
  'media:progress': MediaProgress,
} as const;
