/**
 * The RCS logo and banner checked in the page before anything is uploaded (reference lines 353-354): a JPEG by its
 * content, no larger than its limit, of exactly its dimensions, read from the JPEG's own frame header so no image
 * has to be decoded.
 */
import { KILOBYTE } from '../../../common/api-decisions';
import { rcsImageRules, type RcsImageKind } from '../../../common/channel-config';

export const rcsImageWords: Record<RcsImageKind, string> = { logo: 'Logo', banner: 'Banner' };

/** What the form says about each image's rule before one is picked. */
export function rcsImageHint(kind: RcsImageKind): string {
  const rule = rcsImageRules[kind];
  const shape = kind === 'logo' ? ' It is shown as a circle.' : '';
  return `A JPEG of ${rule.width} × ${rule.height} pixels, at most ${rule.maxBytes / KILOBYTE} KB.${shape}`;
}

/** A JPEG's width and height from its start-of-frame segment, or undefined when the bytes are not a JPEG. */
export function jpegDimensions(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 3 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    // Fill bytes and markers that stand alone (restart markers, TEM) carry no length.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    const length = ((bytes[at + 2] ?? 0) << 8) + (bytes[at + 3] ?? 0);
    // Start-of-frame markers C0-CF, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame && at + 8 < bytes.length) {
      const height = ((bytes[at + 5] ?? 0) << 8) + (bytes[at + 6] ?? 0);
      const width = ((bytes[at + 7] ?? 0) << 8) + (bytes[at + 8] ?? 0);
      return { width, height };
    }
    if (marker === 0xd9 || marker === 0xda || length < 2) return undefined;
    at += 2 + length;
  }
  return undefined;
}

/** Why the picked file cannot be the channel's logo or banner, or undefined when it fits the reference's rule. */
export async function rcsImageProblem(kind: RcsImageKind, file: Blob): Promise<string | undefined> {
  const rule = rcsImageRules[kind];
  const what = rcsImageWords[kind];
  const size = jpegDimensions(new Uint8Array(await file.arrayBuffer()));
  if (size === undefined) return `The ${what.toLowerCase()} must be a JPEG image`;
  if (file.size > rule.maxBytes) {
    return `The ${what.toLowerCase()} is ${Math.ceil(file.size / KILOBYTE)} KB: at most ${rule.maxBytes / KILOBYTE} KB`;
  }
  if (size.width !== rule.width || size.height !== rule.height) {
    return `The ${what.toLowerCase()} must be ${rule.width} × ${rule.height} pixels, not ${size.width} × ${size.height}`;
  }
  return undefined;
}
