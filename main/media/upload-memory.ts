/**
 * Uploads already done, keyed by account and by the file's content hash and size, so sending the same file again
 * (a retry after a failed send, the same file dropped twice) reuses the media the service already holds instead of
 * uploading it again. Kept in a small JSON file in the user-data folder, newest first, bounded.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { ApiMedia } from '../../common/api-types';
import { writeFileAtomic } from '../vault/atomic-file';

const MAX_ENTRIES = 1000;

const Entry = z.object({ key: z.string(), media: ApiMedia, uploadedAt: z.number() });
type Entry = z.infer<typeof Entry>;
const Saved = z.object({ version: z.literal(1), entries: z.array(Entry) });

export function uploadKey(account: string, sha256: string, size: number): string {
  return `${account}\n${sha256}\n${size}`;
}

export class UploadMemory {
  readonly #file: string | undefined;
  #entries: Entry[] = [];
  #loaded: Promise<void> | undefined;
  #writes: Promise<void> = Promise.resolve();

  /** Without a file, uploads are remembered for as long as the process runs. */
  constructor(file?: string) {
    this.#file = file;
  }

  async recall(key: string): Promise<ApiMedia | undefined> {
    await this.#load();
    return this.#entries.find((entry) => entry.key === key)?.media;
  }

  async remember(key: string, media: ApiMedia, now: number): Promise<void> {
    await this.#load();
    this.#entries = [{ key, media, uploadedAt: now }, ...this.#entries.filter((entry) => entry.key !== key)].slice(0, MAX_ENTRIES);
    await this.#save();
  }

  #load(): Promise<void> {
    this.#loaded ??= this.#read();
    return this.#loaded;
  }

  async #read(): Promise<void> {
    if (this.#file === undefined) return;
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch {
      return;
    }
    // A damaged file only costs re-uploads, so it is dropped rather than reported.
    try {
      const saved = Saved.safeParse(JSON.parse(text));
      if (saved.success) this.#entries = saved.data.entries;
    } catch {
      this.#entries = [];
    }
  }

  #save(): Promise<void> {
    const file = this.#file;
    if (file === undefined) return Promise.resolve();
    const data = Buffer.from(JSON.stringify({ version: 1, entries: this.#entries }));
    // Writes go one after another, so an older list never lands after a newer one.
    this.#writes = this.#writes
      .catch(() => undefined)
      .then(async () => {
        await mkdir(dirname(file), { recursive: true });
        await writeFileAtomic(file, data, 0o600);
      });
    return this.#writes;
  }
}
