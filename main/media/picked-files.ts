/**
 * The desktop app's stand-in for a path the renderer names: main reads only files the agent picked or dropped.
 * The preload, which alone can see a picked or dropped File's path (webUtils.getPathForFile), registers the path
 * with main over a channel of its own (main/electron/ipc.ts) and hands the page a `picked:<id>` reference; the media
 * channels accept that reference, never a path, so a page that was made to call them cannot read other files.
 */
import { randomUUID } from 'node:crypto';
import { isAbsolute } from 'node:path';

export const PICKED_PREFIX = 'picked:';
/** Enough for the attachments of a few conversations; more and the oldest is forgotten (pick it again). */
const MAX_PICKED_FILES = 100;

export class PickedFiles {
  readonly #paths = new Map<string, string>();

  /** A fresh reference for one picked or dropped file; undefined when `path` is not an absolute path. */
  register(path: string): string | undefined {
    if (path === '' || !isAbsolute(path)) return undefined;
    const id = randomUUID();
    this.#paths.set(id, path);
    for (const oldest of this.#paths.keys()) {
      if (this.#paths.size <= MAX_PICKED_FILES) break;
      this.#paths.delete(oldest);
    }
    return `${PICKED_PREFIX}${id}`;
  }

  /** The path behind a `picked:` reference, or undefined for anything else. */
  resolve(reference: string): string | undefined {
    if (!reference.startsWith(PICKED_PREFIX)) return undefined;
    return this.#paths.get(reference.slice(PICKED_PREFIX.length));
  }
}

/**
 * One per process: the preload registers a file before anyone knows which account's uploader will send it, and
 * account scopes come and go with sign-ins.
 */
export const pickedFiles = new PickedFiles();
