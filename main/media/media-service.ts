/**
 * The media pipeline as app-services uses it: the media channels, the handler behind `inbox-media://`, and
 * browser mode's media routes, over one uploader (checks, streamed uploads, remembered uploads), one disk cache of
 * fetched media and, in browser mode, the staged files the page streamed in.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SessionStatus } from '../../common/contract/session';
import { ok } from '../../common/result';
import type { Api } from '../api/client';
import type { HandlerTable } from '../ipc/handler-table';
import type { EventBus } from '../ipc/event-bus';
import { MediaCache, type MediaIndex } from './media-cache';
import { listMediaLibrary } from './media-library';
import { createMediaRequestHandler, type MediaRequestHandler } from './media-route';
import { pickedFiles, type PickedFiles } from './picked-files';
import { StagedFiles } from './staged-files';
import { UploadMemory } from './upload-memory';
import { MediaUploader } from './uploader';
import { createWebMediaHandler, type WebMediaHandler } from './web-media';

export interface MediaServiceOptions {
  api: Api;
  status: () => SessionStatus;
  events: EventBus;
  mode: 'electron' | 'browser';
  /** Rows of the files on disk (the app's cache). */
  index: MediaIndex;
  /** Cached media, remembered uploads and staged files live under here. */
  dataDir: string;
  /** True for a scratch folder (no user-data folder): uploads are remembered in memory and the folder goes on close. */
  ephemeral?: boolean;
  cacheCapBytes?: number;
  /** The desktop app's picked files (the process's own by default). */
  picked?: PickedFiles;
}

export type MediaChannels = Pick<HandlerTable, 'media:prepare' | 'media:upload' | 'media:cancel' | 'media:list'>;

export interface MediaService {
  handlers: MediaChannels;
  handleMediaRequest: MediaRequestHandler;
  /** Browser mode only: `GET /media/...` and `POST /media/upload`. */
  handleWebMedia: WebMediaHandler | undefined;
  close(): Promise<void>;
}

/** Uploads are remembered per account: the same file uploaded for another account is a different media object. */
function accountOf(status: SessionStatus): string | undefined {
  return status.state === 'signed-in' ? `${status.baseUrl} ${status.email.toLowerCase()}` : undefined;
}

export function createMediaService(options: MediaServiceOptions): MediaService {
  const staged = options.mode === 'browser' ? new StagedFiles(join(options.dataDir, 'media-staging')) : undefined;
  const uploader = new MediaUploader({
    api: options.api,
    account: () => accountOf(options.status()),
    memory: new UploadMemory(options.ephemeral ? undefined : join(options.dataDir, 'media-uploads.json')),
    onProgress: (progress) => options.events.emit('media:progress', progress),
    mode: options.mode,
    ...(staged ? { staged } : { picked: options.picked ?? pickedFiles }),
  });
  const cache = new MediaCache({
    api: options.api,
    index: options.index,
    dir: join(options.dataDir, 'media-cache'),
    ...(options.cacheCapBytes !== undefined ? { capBytes: options.cacheCapBytes } : {}),
  });
  const handleMediaRequest = createMediaRequestHandler(cache);
  return {
    handlers: {
      'media:prepare': (input) => uploader.prepare(input.path),
      'media:upload': (input) => uploader.upload(input),
      'media:cancel': (input) => ok({ cancelled: uploader.cancel(input.uploadId) }),
      'media:list': (input) => listMediaLibrary(options.api, input, options.mode),
    },
    handleMediaRequest,
    handleWebMedia: staged ? createWebMediaHandler(handleMediaRequest, staged) : undefined,
    close: async () => {
      uploader.cancelAll();
      await staged?.clear();
      if (options.ephemeral) await rm(options.dataDir, { recursive: true, force: true });
    },
  };
}
