/**
 * Writes a stream from the network to a new private file, stopping once it passes a byte limit, so a misbehaving
 * peer can never fill the disk. The partial file is removed on any failure.
 */
import { open, rm, type FileHandle } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type CappedWrite = { ok: true; size: number } | { ok: false; tooLarge: boolean; reason: string };

class TooLarge extends Error {}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function writeCapped(source: Readable, path: string, maxBytes: number): Promise<CappedWrite> {
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > maxBytes ? new TooLarge() : null, chunk);
    },
  });
  let handle: FileHandle;
  try {
    // 'wx': a file already there (or a planted link) is refused, and not ours to remove.
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    source.destroy();
    return { ok: false, tooLarge: false, reason: describe(error) };
  }
  try {
    await pipeline(source, limit, handle.createWriteStream());
    return { ok: true, size };
  } catch (error) {
    await rm(path, { force: true });
    return { ok: false, tooLarge: error instanceof TooLarge, reason: describe(error) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}
