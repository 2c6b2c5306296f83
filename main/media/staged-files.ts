/**
 * Browser mode's stand-in for a path on disk: a web page cannot name the file the agent picked, so it streams the
 * bytes to the web host, which writes them to a private folder and answers a `staged:<id>` reference that the
 * media channels then accept like a path. At most 50 MB is written; the oldest staged files are removed first.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { MAX_MEDIA_BYTES } from '../../common/api-decisions';
import { fileTooLarge } from '../../common/media-acceptance';
import { fail, ok, type Result } from '../../common/result';
import { writeCapped } from './capped-write';

export const STAGED_PREFIX = 'staged:';
/** Enough for a few attachments waiting to be sent; more and the oldest goes. */
const MAX_STAGED_FILES = 20;

export interface StagedFile {
  reference: string;
  name: string;
  size: number;
}

interface Entry {
  path: string;
  name: string;
}

export class StagedFiles {
  readonly #dir: string;
  readonly #entries = new Map<string, Entry>();

  constructor(dir: string) {
    this.#dir = dir;
  }

  /** Writes `body` (the file's bytes) to the staging folder, refusing it once it passes 50 MB. */
  async stage(body: Readable, name: string): Promise<Result<StagedFile>> {
    await mkdir(this.#dir, { recursive: true, mode: 0o700 });
    const id = randomUUID();
    const path = join(this.#dir, id);
    const written = await writeCapped(body, path, MAX_MEDIA_BYTES);
    if (!written.ok) {
      if (written.tooLarge) return fileTooLarge(name);
      return fail('NETWORK', `"${name}" did not arrive whole: ${written.reason}`, { retryable: true });
    }
    this.#entries.set(id, { path, name });
    await this.#trim();
    return ok({ reference: `${STAGED_PREFIX}${id}`, name, size: written.size });
  }

  /** The file behind a `staged:` reference, or undefined for an unknown or expired one. */
  resolve(reference: string): Entry | undefined {
    if (!reference.startsWith(STAGED_PREFIX)) return undefined;
    return this.#entries.get(reference.slice(STAGED_PREFIX.length));
  }

  async clear(): Promise<void> {
    this.#entries.clear();
    await rm(this.#dir, { recursive: true, force: true });
  }

  async #trim(): Promise<void> {
    for (const [id, entry] of this.#entries) {
      if (this.#entries.size <= MAX_STAGED_FILES) return;
      this.#entries.delete(id);
      await rm(entry.path, { force: true });
    }
  }
}
