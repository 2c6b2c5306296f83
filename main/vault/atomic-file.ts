/**
 * Replaces a file so that a crash or a full disk leaves either the old content or the new, never half of each:
 * write a temporary sibling, flush it, then rename it over the target (atomic within one file system).
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';

export async function writeFileAtomic(path: string, data: Uint8Array, mode: number): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  // 'wx' refuses to follow a planted file or link; the mode applies from the first byte, so no reader ever sees a
  // wider permission, and chmod restores bits a umask may have removed.
  const handle = await open(temporary, 'wx', mode);
  try {
    try {
      await handle.writeFile(data);
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
