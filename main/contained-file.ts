/**
 * Whether a file a handler is about to serve really lies in the folder it serves: its path is checked before
 * following links, this checks after, so a symbolic link inside the folder cannot hand out a file outside it.
 */
import { realpath } from 'node:fs/promises';
import { sep } from 'node:path';

/** The file's real path when it exists and, every link followed, is `root` or inside it; undefined otherwise. */
export async function realPathInside(root: string, file: string): Promise<string | undefined> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    return realFile === realRoot || realFile.startsWith(realRoot + sep) ? realFile : undefined;
  } catch {
    return undefined;
  }
}
