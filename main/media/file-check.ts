/**
 * Whether a file on disk can be sent: not empty, at most 50 MB, and of a type the service accepts judged by its
 * content (a sample of it, never the whole file and never its name), plus which channel types can carry it.
 * Every refusal names the file, since the agent may have dropped several.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_MEDIA_BYTES } from '../../common/api-decisions';
import { channelSizeRefusal, channelsAccepting, describeMime, isUploadableMime, mediaKindOf, type MediaKind } from '../../common/media-acceptance';
import { SNIFF_HEAD_BYTES, sniffExtraRanges, sniffMime } from '../../common/media-sniff';
import type { SendableChannelType } from '../../common/payloads/channels';
import { fail, ok, type Result } from '../../common/result';

export interface CheckedFile {
  path: string;
  /** The name the agent knows the file by (and the service stores). */
  name: string;
  size: number;
  mime: string;
  kind: MediaKind;
  acceptedBy: SendableChannelType[];
}

const MB = 1024 * 1024;

function refuse(message: string): Result<never> {
  return fail('VALIDATION', message, { field: 'file' });
}

function describeOpenError(name: string, error: unknown): Result<never> {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return refuse(`"${name}" cannot be found: it may have been moved or deleted`);
  if (code === 'EACCES' || code === 'EPERM') return refuse(`"${name}" cannot be read: permission denied`);
  if (code === 'EISDIR') return refuse(`"${name}" is a folder, not a file`);
  return refuse(`"${name}" cannot be read (${error instanceof Error ? error.message : String(error)})`);
}

/** The head of the file plus the ranges the sniffer asks for (a zip's directory at its end, an OLE directory). */
export async function readSniffSample(handle: FileHandle, size: number): Promise<Uint8Array> {
  const head = await readRange(handle, 0, Math.min(size, SNIFF_HEAD_BYTES));
  const extras = await Promise.all(sniffExtraRanges(head, size).map((range) => readRange(handle, range.start, range.length)));
  return extras.length === 0 ? head : Buffer.concat([head, ...extras]);
}

async function readRange(handle: FileHandle, start: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, start);
  return buffer.subarray(0, bytesRead);
}

export async function checkMediaFile(path: string, name = basename(path)): Promise<Result<CheckedFile>> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    return describeOpenError(name, error);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return refuse(`"${name}" is not a regular file`);
    if (info.size === 0) return refuse(`"${name}" is empty (0 bytes): there is nothing to send`);
    if (info.size > MAX_MEDIA_BYTES) {
      return refuse(
        `"${name}" is ${(info.size / MB).toFixed(2)} MB (${info.size} bytes); the service takes files up to ` +
          `${MAX_MEDIA_BYTES / MB} MB (${MAX_MEDIA_BYTES} bytes)`,
      );
    }
    const mime = sniffMime(await readSniffSample(handle, info.size));
    if (!isUploadableMime(mime)) return refuse(`"${name}" is ${describeMime(mime)}, which the service does not accept`);
    const kind = mediaKindOf(mime);
    return ok({ path, name, size: info.size, mime, kind, acceptedBy: channelsAccepting(kind) });
  } catch (error) {
    return describeOpenError(name, error);
  } finally {
    await handle.close();
  }
}

/** Refuses a file the channel type cannot carry, saying which channel types can, or one larger than it carries. */
export function checkChannel(file: CheckedFile, channel: SendableChannelType): Result<void> {
  if (file.acceptedBy.includes(channel)) {
    const tooLarge = channelSizeRefusal(file, channel, channel);
    return tooLarge === undefined ? ok(undefined) : { ok: false, error: tooLarge };
  }
  const others = file.acceptedBy.length === 0 ? 'no channel type takes it' : `${file.acceptedBy.join(', ')} channels can`;
  return refuse(`${channel} channels cannot send "${file.name}" (${file.kind === 'file' ? file.mime : file.kind}); ${others}`);
}
