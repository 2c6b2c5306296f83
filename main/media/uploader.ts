/**
 * Uploads a file the agent chose: checks it (size, type by content, channel), hashes it to find an upload already
 * done, streams it to `POST /api/media` through the typed client (node:http, never the whole file in memory) while
 * reporting progress, and answers the payload that sends it. An upload can be cancelled; one whose answer was lost
 * is looked up in the gallery before the agent is asked to try again.
 */
import { createHash, randomUUID } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { ApiMedia } from '../../common/api-types';
import type { MediaProgress, PreparedMedia, UploadedMedia } from '../../common/contract/media';
import { mediaAddressFromUri, rendererMediaUrlFor } from '../../common/media-url';
import { payloadFromUpload } from '../../common/payloads/from-upload';
import type { SendableChannelType } from '../../common/payloads/channels';
import { fail, ok, type ErrorCode, type InboxError, type Result } from '../../common/result';
import type { Api } from '../api/client';
import { checkChannel, checkMediaFile, type CheckedFile } from './file-check';
import { fetchMediaFile } from './media-cache';
import type { PickedFiles } from './picked-files';
import type { StagedFiles } from './staged-files';
import { uploadKey, type UploadMemory } from './upload-memory';

/** Progress is reported at most this often, plus the first and the last event, so IPC carries ~100 per upload. */
const PROGRESS_STEP_FRACTION = 0.01;
const PROGRESS_INTERVAL_MS = 100;
/** How much of the gallery (newest first) is searched for an upload whose answer was lost. */
const RECONCILE_PAGE = 50;
/**
 * Failures after which the file may be on the service: an answer lost after the request left, and (since a reset
 * can be read before the socket reports the last bytes written) a connection failure. The gallery is checked.
 */
const MAY_HAVE_ARRIVED: ReadonlySet<ErrorCode> = new Set(['UNKNOWN_OUTCOME', 'NETWORK', 'TIMEOUT']);
/** Same-named, same-sized files checked by downloading them; more than this is not a lost answer but a habit. */
const MAX_RECONCILE_CANDIDATES = 3;
const HASH_CHUNK_BYTES = 256 * 1024;

export interface UploaderOptions {
  api: Api;
  /** Who is signed in where (base URL and email), or undefined when no one is: uploads belong to an account. */
  account: () => string | undefined;
  memory: UploadMemory;
  onProgress: (progress: MediaProgress) => void;
  mode: 'electron' | 'browser';
  /** Browser mode's staged files; there, only `staged:` references are accepted, never a path on disk. */
  staged?: StagedFiles;
  /** The desktop app's picked and dropped files; there, only `picked:` references are accepted, never a path. */
  picked?: PickedFiles;
  now?: () => number;
}

interface Running {
  controller: AbortController;
  cancelled: boolean;
}

export class MediaUploader {
  readonly #options: UploaderOptions;
  readonly #running = new Map<string, Running>();
  /** Uploads in flight by content key, so the same file sent twice at once goes up once. */
  readonly #inFlight = new Map<string, Promise<Result<ApiMedia>>>();

  constructor(options: UploaderOptions) {
    this.#options = options;
  }

  async prepare(reference: string): Promise<Result<PreparedMedia>> {
    const file = await this.#check(reference);
    if (!file.ok) return file;
    const { name, size, mime, kind, acceptedBy } = file.value;
    return ok({ uploadId: randomUUID(), name, size, mime, kind, acceptedBy });
  }

  async upload(request: { path: string; channelType: SendableChannelType; uploadId?: string }): Promise<Result<UploadedMedia>> {
    const uploadId = request.uploadId ?? randomUUID();
    if (this.#running.has(uploadId)) return fail('CONFLICT', 'This upload is already running');
    const running: Running = { controller: new AbortController(), cancelled: false };
    this.#running.set(uploadId, running);
    try {
      const file = await this.#check(request.path);
      if (!file.ok) return file;
      const fits = checkChannel(file.value, request.channelType);
      if (!fits.ok) return fits;
      const account = this.#options.account();
      if (account === undefined) return fail('UNAUTHENTICATED', `Sign in to upload "${file.value.name}"`);

      const sha256 = await hashFile(file.value, running.controller.signal);
      if (running.cancelled) return cancelled(file.value);
      if (!sha256.ok) return sha256;
      const key = uploadKey(account, sha256.value, file.value.size);
      const remembered = await this.#options.memory.recall(key);
      if (remembered !== undefined) {
        this.#options.onProgress({ uploadId, sentBytes: file.value.size, totalBytes: file.value.size });
        return this.#answer(uploadId, file.value, remembered, request.channelType, true);
      }

      const sent = await this.#sendOnce(key, () => this.#send(uploadId, file.value, sha256.value, running));
      if (!sent.ok) return sent;
      await this.#options.memory.remember(key, sent.value, this.#now()).catch(() => undefined);
      return this.#answer(uploadId, file.value, sent.value, request.channelType, false);
    } finally {
      this.#running.delete(uploadId);
    }
  }

  cancel(uploadId: string): boolean {
    const running = this.#running.get(uploadId);
    if (running === undefined) return false;
    running.cancelled = true;
    running.controller.abort();
    return true;
  }

  /** Stops every upload (sign-out, shutdown). */
  cancelAll(): void {
    for (const uploadId of [...this.#running.keys()]) this.cancel(uploadId);
  }

  /** Runs `send` unless the same content is already going up, in which case this call waits for that upload. */
  async #sendOnce(key: string, send: () => Promise<Result<ApiMedia>>): Promise<Result<ApiMedia>> {
    const already = this.#inFlight.get(key);
    if (already !== undefined) return already;
    const sending = send();
    this.#inFlight.set(key, sending);
    try {
      return await sending;
    } finally {
      this.#inFlight.delete(key);
    }
  }

  async #check(reference: string): Promise<Result<CheckedFile>> {
    const { staged, picked } = this.#options;
    const stagedFile = staged?.resolve(reference);
    if (stagedFile !== undefined) return checkMediaFile(stagedFile.path, stagedFile.name);
    const pickedPath = picked?.resolve(reference);
    if (pickedPath !== undefined) return checkMediaFile(pickedPath);
    // A path the renderer names itself is refused too: main reads only files the agent chose.
    return fail('VALIDATION', 'That file is no longer available: pick it again', { field: 'file' });
  }

  async #send(uploadId: string, file: CheckedFile, sha256: string, running: Running): Promise<Result<ApiMedia>> {
    const report = progressReporter(uploadId, file.size, this.#options.onProgress, this.#now);
    report(0);
    const result = await this.#options.api.call('media.upload', {
      file: { path: file.path, mimeType: file.mime, fileName: file.name },
      onProgress: ({ sentBytes }) => report(sentBytes),
      signal: running.controller.signal,
    });
    if (result.ok) return result;
    if (running.cancelled) return cancelled(file);
    if (MAY_HAVE_ARRIVED.has(result.error.code)) {
      const found = await this.#findInGallery(file, sha256);
      if (found !== undefined) {
        report(file.size);
        return ok(found);
      }
    }
    return { ok: false, error: uploadError(file, result.error) };
  }

  /**
   * The gallery entry this upload made before its answer was lost: among the newest, one of the same name, size and
   * type whose content hashes the same (another file may share a name and a size).
   */
  async #findInGallery(file: CheckedFile, sha256: string): Promise<ApiMedia | undefined> {
    const page = await this.#options.api.call('media.list', { query: { limit: RECONCILE_PAGE } });
    if (!page.ok) return undefined;
    const candidates = page.value.media.filter(
      (media) => media.full_size === file.size && media.file_name === file.name && media.mime_type === file.mime,
    );
    for (const media of candidates.slice(0, MAX_RECONCILE_CANDIDATES)) {
      if ((await this.#contentHash(media)) === sha256) return media;
    }
    return undefined;
  }

  async #contentHash(media: ApiMedia): Promise<string | undefined> {
    const address = mediaAddressFromUri(media.url);
    if (address === undefined) return undefined;
    const file = await fetchMediaFile(this.#options.api, address);
    if (!file.ok) return undefined;
    const hash = createHash('sha256');
    try {
      for await (const chunk of file.value.body) hash.update(chunk);
    } catch {
      return undefined;
    }
    return hash.digest('hex');
  }

  #answer(uploadId: string, file: CheckedFile, media: ApiMedia, channel: SendableChannelType, reused: boolean): Result<UploadedMedia> {
    const payload = payloadFromUpload(media, channel);
    if (!payload.ok) return payload;
    const preview = media.preview ? mediaAddressFromUri(media.preview) : undefined;
    return ok({
      uploadId,
      mediaId: media._id,
      name: file.name,
      size: file.size,
      mime: file.mime,
      kind: file.kind,
      payload: payload.value,
      reused,
      ...(preview ? { previewUrl: rendererMediaUrlFor(preview, this.#options.mode) } : {}),
    });
  }

  readonly #now = (): number => (this.#options.now ?? Date.now)();
}

function cancelled(file: CheckedFile): Result<never> {
  return fail('CANCELLED', `The upload of "${file.name}" was cancelled`);
}

/** The client's error, with the file named and a word on what to do. */
function uploadError(file: CheckedFile, error: InboxError): InboxError {
  const advice =
    error.code === 'UNKNOWN_OUTCOME'
      ? '; it may have arrived, and trying again is safe'
      : error.retryable
        ? '; try again'
        : '';
  return {
    ...error,
    // Uploading again can at worst leave a second copy in the gallery, never a second message.
    retryable: error.retryable || error.code === 'UNKNOWN_OUTCOME',
    message: `Uploading "${file.name}" failed: ${error.message}${advice}`,
  };
}

/** Emits progress when it moved by 1% or 100 ms passed, and always at 0 and at the end. */
function progressReporter(
  uploadId: string,
  totalBytes: number,
  emit: (progress: MediaProgress) => void,
  now: () => number,
): (sentBytes: number) => void {
  let lastBytes = -1;
  let lastAt = 0;
  return (sentBytes) => {
    const at = now();
    const done = sentBytes >= totalBytes;
    const moved = sentBytes - lastBytes >= totalBytes * PROGRESS_STEP_FRACTION || at - lastAt >= PROGRESS_INTERVAL_MS;
    if (sentBytes === lastBytes || (!done && lastBytes >= 0 && !moved)) return;
    lastBytes = sentBytes;
    lastAt = at;
    emit({ uploadId, sentBytes, totalBytes });
  };
}

/**
 * The file's SHA-256, read through one reused buffer: a stream would allocate a buffer per chunk, and for a 50 MB
 * file the GC lets ~30 MB of those pile up (bench/upload.ts). A read failure (the file vanished) names the file.
 */
async function hashFile(file: CheckedFile, signal: AbortSignal): Promise<Result<string>> {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(HASH_CHUNK_BYTES);
  try {
    const handle = await open(file.path, 'r');
    try {
      for (;;) {
        if (signal.aborted) return cancelled(file);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        hash.update(buffer.subarray(0, bytesRead));
      }
    } finally {
      await handle.close();
    }
  } catch (error) {
    return fail('VALIDATION', `"${file.name}" could not be read: ${error instanceof Error ? error.message : String(error)}`, { field: 'file' });
  }
  return ok(hash.digest('hex'));
}
