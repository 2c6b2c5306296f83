/**
 * Media shown in the inbox, fetched by main with the token and kept on disk under a size cap: each file's row in
 * the cache (main/cache/media-store.ts) records where it sits and when it was last shown, and when the files pass
 * the cap the least recently shown go first. Files are named by a hash of their address, never by ids from the
 * network, and their type is read from their content, not from the server's header.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { MAX_MEDIA_BYTES } from '../../common/api-decisions';
import { sniffMime } from '../../common/media-sniff';
import type { MediaAddress } from '../../common/media-url';
import { fail, ok, type Result } from '../../common/result';
import type { Api } from '../api/client';
import type { BinaryBody } from '../api/operations';
import type { Cache } from '../cache/cache';
import { writeCapped } from './capped-write';
import { readSniffSample } from './file-check';

/** The part of the cache the media files use. */
export type MediaIndex = Pick<Cache, 'rememberMedia' | 'useMedia' | 'mediaOnDiskByLastUse' | 'mediaOnDiskBytes' | 'forgetMedia'>;

export const DEFAULT_MEDIA_CACHE_BYTES = 512 * 1024 * 1024;
/** Rows read per eviction step: enough for the usual one or two files, without loading the whole index. */
const EVICTION_BATCH = 32;

export interface CachedFile {
  path: string;
  /** From the file's content. */
  mime: string;
  size: number;
}

export interface MediaCacheOptions {
  api: Api;
  index: MediaIndex;
  /** Where the files live; created when needed. */
  dir: string;
  capBytes?: number;
  /** The index's clock, so rows written here and rows touched by `useMedia` sort on one time line. */
  now?: () => number;
}

/** `<enterprise>/<media>/<variant>`, or `<media>/<variant>` for the short URL form: one key per file either way. */
export function mediaKey(address: MediaAddress): string {
  const ids = address.enterpriseId === undefined ? address.mediaId : `${address.enterpriseId}/${address.mediaId}`;
  return `${ids}/${address.variant}`;
}

/** The file at `address`, by the path its form names (api-decisions' mediaUrlForms), from the signed-in service. */
export function fetchMediaFile(api: Api, address: MediaAddress): Promise<Result<BinaryBody>> {
  const { enterpriseId, mediaId, variant } = address;
  if (enterpriseId === undefined) {
    return variant === 'original'
      ? api.call('media.getListed', { path: { media_id: mediaId } })
      : api.call('media.getListedVariant', { path: { media_id: mediaId, size_type: variant } });
  }
  const path = { enterprise_id: enterpriseId, media_id: mediaId };
  return variant === 'original'
    ? api.call('media.get', { path })
    : api.call('media.getVariant', { path: { ...path, size_type: variant } });
}

export class MediaCache {
  readonly #options: MediaCacheOptions;
  readonly #capBytes: number;
  /** Fetches in flight by address, so a thread showing the same image twice fetches it once. */
  readonly #fetching = new Map<string, Promise<Result<CachedFile>>>();

  constructor(options: MediaCacheOptions) {
    this.#options = options;
    this.#capBytes = options.capBytes ?? DEFAULT_MEDIA_CACHE_BYTES;
  }

  /** The folder the files live in: nothing outside it is ever served (media-route.ts). */
  get folder(): string {
    return this.#options.dir;
  }

  /** The file on disk, fetched from the service first when it is not there; marks it as just used. */
  async open(address: MediaAddress): Promise<Result<CachedFile>> {
    const key = mediaKey(address);
    const row = this.#options.index.useMedia(key);
    if (row.ok && row.value?.localPath) {
      const size = await stat(row.value.localPath).then((info) => info.size, () => undefined);
      if (size === row.value.size) return ok({ path: row.value.localPath, mime: row.value.mime, size });
      this.#options.index.forgetMedia(key);
    }
    const already = this.#fetching.get(key);
    if (already !== undefined) return already;
    const fetching = this.#fetch(address, key);
    this.#fetching.set(key, fetching);
    try {
      return await fetching;
    } finally {
      this.#fetching.delete(key);
    }
  }

  async #fetch(address: MediaAddress, key: string): Promise<Result<CachedFile>> {
    const answer = await fetchMediaFile(this.#options.api, address);
    if (!answer.ok) return answer;
    const { body, contentLength } = answer.value;
    const source = body instanceof Readable ? body : Readable.from(body);
    if (contentLength !== undefined && contentLength > MAX_MEDIA_BYTES) {
      source.destroy();
      return fail('BAD_RESPONSE', `Media ${address.mediaId} is larger than ${MAX_MEDIA_BYTES} bytes`);
    }

    await mkdir(this.#options.dir, { recursive: true, mode: 0o700 });
    const finalPath = join(this.#options.dir, createHash('sha256').update(key).digest('hex'));
    const temporary = `${finalPath}.${randomBytes(6).toString('hex')}.part`;
    const written = await writeCapped(source, temporary, MAX_MEDIA_BYTES);
    if (!written.ok) {
      if (written.tooLarge) return fail('BAD_RESPONSE', `Media ${address.mediaId} is larger than ${MAX_MEDIA_BYTES} bytes`);
      return fail('NETWORK', `Media ${address.mediaId} did not arrive whole: ${written.reason}`, { retryable: true });
    }
    const { size } = written;
    const mime = await sniffFile(temporary, size);
    await rename(temporary, finalPath);
    const remembered = this.#options.index.rememberMedia({
      id: key,
      url: `/api/media/${key}`,
      mime,
      size,
      localPath: finalPath,
      lastUsedAt: (this.#options.now ?? Date.now)(),
    });
    if (!remembered.ok) {
      // Without its row the file could never be evicted, so it is not kept.
      await rm(finalPath, { force: true });
      return remembered;
    }
    await this.#evict(key);
    return ok({ path: finalPath, mime, size });
  }

  /** Drops the least recently used files until the total is under the cap, never the one just fetched. */
  async #evict(keep: string): Promise<void> {
    const total = this.#options.index.mediaOnDiskBytes();
    if (!total.ok) return;
    let bytes = total.value;
    while (bytes > this.#capBytes) {
      const oldest = this.#options.index.mediaOnDiskByLastUse(EVICTION_BATCH);
      if (!oldest.ok) return;
      const victims = oldest.value.filter((row) => row.id !== keep);
      if (victims.length === 0) return;
      for (const row of victims) {
        if (bytes <= this.#capBytes) return;
        if (row.localPath) await rm(row.localPath, { force: true });
        this.#options.index.forgetMedia(row.id);
        bytes -= row.size;
      }
    }
  }
}

async function sniffFile(path: string, size: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    return sniffMime(await readSniffSample(handle, size));
  } finally {
    await handle.close();
  }
}
