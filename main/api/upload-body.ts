/**
 * An upload body written from a file straight into the request through a few reused buffers. A stream would
 * allocate a fresh buffer per chunk, and the GC lets tens of MB of those pile up during a 50 MB upload
 * (bench/upload.ts); here a buffer is refilled only after the socket has taken its bytes (the write callback), so
 * memory stays at a few chunks and progress counts the bytes actually written to the socket.
 */
import { open } from 'node:fs/promises';
import type { Writable } from 'node:stream';

const CHUNK_BYTES = 64 * 1024;
const BUFFERS = 4;

export interface FileBodyParts {
  /** Written before the file (a multipart part's headers). */
  head: Buffer;
  path: string;
  /** The file's length when the body was prepared: exactly this many bytes are sent, or the upload fails. */
  fileBytes: number;
  /** Written after the file (the closing boundary). */
  tail: Buffer;
  /** Called with the file bytes the socket has taken so far, from 0 up to `fileBytes`. */
  onWritten?: (fileBytesWritten: number) => void;
}

/** Writes head, file and tail to `destination` (not ending it); rejects when the file or the connection fails. */
export async function writeFileBody(parts: FileBodyParts, destination: Writable): Promise<void> {
  const handle = await open(parts.path, 'r');
  const free: Buffer[] = Array.from({ length: BUFFERS }, () => Buffer.allocUnsafe(CHUNK_BYTES));
  let onFree: (() => void) | undefined;
  let closed = false;
  const onClose = () => {
    closed = true;
    onFree?.();
  };
  destination.once('close', onClose);
  const nextFree = async (): Promise<Buffer> => {
    while (free.length === 0 && !closed) await new Promise<void>((resolve) => (onFree = resolve));
    const buffer = free.pop();
    if (buffer === undefined) throw new Error('the connection closed while the file was being sent');
    return buffer;
  };
  try {
    destination.write(parts.head);
    let written = 0;
    parts.onWritten?.(written);
    for (let position = 0; position < parts.fileBytes; ) {
      const buffer = await nextFree();
      const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK_BYTES, parts.fileBytes - position), position);
      if (bytesRead === 0) throw new Error(`the file got shorter while it was being sent (${position} of ${parts.fileBytes} bytes)`);
      position += bytesRead;
      if (closed) throw new Error('the connection closed while the file was being sent');
      destination.write(buffer.subarray(0, bytesRead), (error) => {
        if (!error) {
          written += bytesRead;
          parts.onWritten?.(written);
        }
        free.push(buffer);
        onFree?.();
      });
    }
    destination.write(parts.tail);
  } finally {
    destination.off('close', onClose);
    await handle.close();
  }
}
