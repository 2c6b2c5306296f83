/**
 * What a file is, from its bytes rather than its name (a ".png" that holds a PDF is a PDF). Pure, so the app (on a
 * sample of a file on disk) and the sandbox (on a whole upload) type files the same way. Where the bytes cannot
 * tell formats of one family apart (Ogg audio or video), an optional declared type or file name picks within that
 * family only; the app passes neither and relies on the content alone.
 */

/** How much of a file's start the sniffer wants; formats that keep their table of contents elsewhere ask for more. */
export const SNIFF_HEAD_BYTES = 64 * 1024;

/** A part of a file to read as well as its head, for formats whose names of contents sit elsewhere. */
export interface ByteRange {
  start: number;
  length: number;
}

const TEXT_SAMPLE_BYTES = 8192;
const SEARCH_LIMIT = 1 << 20;
/** The tail of a zip holds its central directory: the name of every entry, which tells OOXML apart. */
const ZIP_TAIL_BYTES = 64 * 1024;
/** An OLE directory's first sectors name the streams (WordDocument, Workbook, PowerPoint Document). */
const OLE_DIRECTORY_BYTES = 16 * 1024;

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP_ENTRY = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const EBML = [0x1a, 0x45, 0xdf, 0xa3];

function encodeLatin1(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0) & 0xff);
}

function encodeUtf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    bytes[index * 2] = code & 0xff;
    bytes[index * 2 + 1] = code >> 8;
  }
  return bytes;
}

function startsWith(bytes: Uint8Array, signature: ArrayLike<number> | string, offset = 0): boolean {
  const expected = typeof signature === 'string' ? encodeLatin1(signature) : signature;
  if (bytes.length < offset + expected.length) return false;
  for (let index = 0; index < expected.length; index += 1) {
    if (bytes[offset + index] !== expected[index]) return false;
  }
  return true;
}

function contains(bytes: Uint8Array, text: string, encoding: 'latin1' | 'utf16le' = 'latin1', limit = SEARCH_LIMIT): boolean {
  const needle = encoding === 'latin1' ? encodeLatin1(text) : encodeUtf16le(text);
  const end = Math.min(bytes.length, limit) - needle.length;
  const first = needle[0] ?? 0;
  for (let at = bytes.indexOf(first); at !== -1 && at <= end; at = bytes.indexOf(first, at + 1)) {
    if (startsWith(bytes, needle, at)) return true;
  }
  return false;
}

function extensionOf(fileName: string | undefined): string {
  const match = /\.([A-Za-z0-9]+)$/.exec(fileName ?? '');
  return (match?.[1] ?? '').toLowerCase();
}

function uint16le(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8);
}

function uint32le(bytes: Uint8Array, offset: number): number {
  return (uint16le(bytes, offset) + uint16le(bytes, offset + 2) * 0x10000) >>> 0;
}

/** Office Open XML documents are zip files whose entries are named after their part folders. */
function zipType(bytes: Uint8Array): string {
  if (contains(bytes, 'word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (contains(bytes, 'xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (contains(bytes, 'ppt/')) return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
  return 'application/zip';
}

/** Legacy Office files are OLE2 compound files; their stream names are stored in UTF-16. */
function oleType(bytes: Uint8Array): string {
  if (contains(bytes, 'WordDocument', 'utf16le')) return 'application/msword';
  if (contains(bytes, 'Workbook', 'utf16le') || contains(bytes, 'Book', 'utf16le')) return 'application/vnd.ms-excel';
  if (contains(bytes, 'PowerPoint Document', 'utf16le')) return 'application/vnd.ms-powerpoint';
  return 'application/x-ole-storage';
}

/** ISO base media files (`ftyp` box) name their family in the major brand. */
function isoMediaType(bytes: Uint8Array): string {
  const brand = String.fromCharCode(...bytes.subarray(8, 12));
  if (brand.startsWith('M4V')) return 'video/m4v';
  if (brand.startsWith('3gp') || brand.startsWith('3g2')) return 'video/3gpp';
  if (brand.startsWith('M4A') || brand.startsWith('M4B')) return 'audio/mp4';
  if (brand === 'qt  ') return 'video/quicktime';
  if (brand === 'avif' || brand === 'avis') return 'image/avif';
  if (brand === 'heic' || brand === 'heix' || brand === 'mif1') return 'image/heic';
  return 'video/mp4';
}

function oggType(bytes: Uint8Array, declared: string | undefined): string {
  if (declared === 'video/ogg' || declared === 'audio/ogg' || declared === 'application/ogg') return declared;
  if (contains(bytes, 'theora')) return 'video/ogg';
  if (contains(bytes, 'vorbis') || contains(bytes, 'OpusHead')) return 'audio/ogg';
  return 'application/ogg';
}

// MPEG audio (layer III) frame header tables: bitrates in kbit/s by version family, sample rates in Hz.
const MPEG1_LAYER3_KBPS = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MPEG2_LAYER3_KBPS = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const MPEG_SAMPLE_RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

/** The length of the MPEG layer III frame whose header starts at `at`, or 0 when no valid header is there. */
function mp3FrameLength(bytes: Uint8Array, at: number): number {
  const [b0, b1, b2] = [bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0];
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return 0;
  const version = (b1 >> 3) & 0x03;
  const layer = (b1 >> 1) & 0x03;
  if (version === 1 || layer !== 1) return 0;
  const kbps = (version === 3 ? MPEG1_LAYER3_KBPS : MPEG2_LAYER3_KBPS)[(b2 >> 4) & 0x0f] ?? 0;
  const rate = MPEG_SAMPLE_RATES[version]?.[(b2 >> 2) & 0x03] ?? 0;
  if (kbps === 0 || rate === 0) return 0;
  const padding = (b2 >> 1) & 0x01;
  return Math.floor(((version === 3 ? 144 : 72) * kbps * 1000) / rate) + padding;
}

/** The length of the AAC ADTS frame whose header starts at `at`, or 0 when no valid header is there. */
function adtsFrameLength(bytes: Uint8Array, at: number): number {
  const byte = (offset: number) => bytes[at + offset] ?? 0;
  if (byte(0) !== 0xff || (byte(1) & 0xf6) !== 0xf0) return 0;
  if (((byte(2) >> 2) & 0x0f) > 12) return 0;
  const length = ((byte(3) & 0x03) << 11) | (byte(4) << 3) | (byte(5) >> 5);
  return length >= 7 ? length : 0;
}

/**
 * A frame-sync stream (raw MP3 or AAC) is recognised by two consecutive valid frame headers, or one that fills the
 * whole sample: a single 0xFFEx pair alone is common in random binary data.
 */
function isFrameStream(bytes: Uint8Array, frameLength: (bytes: Uint8Array, at: number) => number): boolean {
  const first = frameLength(bytes, 0);
  if (first === 0) return false;
  if (first >= bytes.length) return first === bytes.length;
  return frameLength(bytes, first) > 0;
}

/** Decodes the start of `bytes` as UTF-8, or undefined when it is not text (NUL, invalid UTF-8, control bytes). */
function textHead(bytes: Uint8Array): string | undefined {
  const head = bytes.subarray(0, TEXT_SAMPLE_BYTES);
  let text: string;
  try {
    // `stream` leaves a character cut in two at the sample's end undecoded instead of calling it invalid.
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: bytes.length > head.length });
  } catch {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex -- control bytes other than tab, line breaks and form feed mean binary
  if (/[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/.test(text)) return undefined;
  return text.replace(/^\uFEFF/, '');
}

/** CSV by its shape: at least two lines, each split into the same number (two or more) of fields by one delimiter. */
function looksLikeCsv(text: string, cutOff: boolean): boolean {
  const lines = text.split(/\r?\n/);
  if (cutOff) lines.pop();
  const sample = lines.filter((line) => line.trim() !== '').slice(0, 20);
  if (sample.length < 2) return false;
  return [',', ';', '\t'].some((delimiter) => {
    const counts = sample.map((line) => delimiterCount(line, delimiter));
    return counts[0] !== undefined && counts[0] > 0 && counts.every((count) => count === counts[0]);
  });
}

function delimiterCount(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) count += 1;
  }
  return count;
}

function textType(text: string, cutOff: boolean, fileName: string | undefined, declared: string | undefined): string {
  const head = text.slice(0, 4096).trimStart().toLowerCase();
  const xhtml = head.includes('http://www.w3.org/1999/xhtml');
  if (head.startsWith('<svg') || head.startsWith('<!doctype svg') || (head.startsWith('<?xml') && head.includes('<svg'))) {
    return 'image/svg+xml';
  }
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return xhtml ? 'application/xhtml+xml' : 'text/html';
  if (head.startsWith('<?xml')) {
    if (xhtml) return 'application/xhtml+xml';
    return declared === 'text/xml' ? 'text/xml' : 'application/xml';
  }
  if (looksLikeCsv(text, cutOff)) return 'text/csv';
  const firstLine = head.split('\n', 1)[0] ?? '';
  if ((declared === 'text/csv' || extensionOf(fileName) === 'csv') && /[,;\t]/.test(firstLine)) return 'text/csv';
  return 'text/plain';
}

/**
 * The mime type of the content in `bytes` (a whole file, or its head plus the ranges `sniffExtraRanges` asked for).
 * 'application/octet-stream' means the content matched no known format.
 */
export function sniffMime(bytes: Uint8Array, fileName?: string, declared?: string): string {
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (startsWith(bytes, 'GIF87a') || startsWith(bytes, 'GIF89a')) return 'image/gif';
  if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WEBP', 8)) return 'image/webp';
  if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'AVI ', 8)) return 'video/x-msvideo';
  if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WAVE', 8)) return 'audio/wav';
  // BMP's reserved header bytes are zero, which keeps a text starting with "BM" from passing for a bitmap.
  if (startsWith(bytes, 'BM') && bytes.length >= 14 && uint32le(bytes, 6) === 0) return 'image/bmp';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (startsWith(bytes, '%PDF-')) return 'application/pdf';
  if (startsWith(bytes, ZIP_ENTRY) || startsWith(bytes, ZIP_EMPTY)) return zipType(bytes);
  if (startsWith(bytes, OLE)) return oleType(bytes);
  if (startsWith(bytes, 'ftyp', 4)) return isoMediaType(bytes);
  if (startsWith(bytes, EBML)) return contains(bytes, 'webm', 'latin1', 4096) ? 'video/webm' : 'video/x-matroska';
  if (startsWith(bytes, 'OggS')) return oggType(bytes, declared);
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0xba]) || startsWith(bytes, [0x00, 0x00, 0x01, 0xb3])) return 'video/mpeg';
  if (startsWith(bytes, 'ID3') && (bytes[3] ?? 0) >= 2 && (bytes[3] ?? 0) <= 4 && bytes[4] === 0) return 'audio/mpeg';
  if (isFrameStream(bytes, adtsFrameLength)) return 'audio/aac';
  if (isFrameStream(bytes, mp3FrameLength)) return 'audio/mpeg';
  // H.263 picture start code: 22 bits 0000 0000 0000 0000 1000 00.
  if (startsWith(bytes, [0x00, 0x00]) && ((bytes[2] ?? 0) & 0xfc) === 0x80) return 'video/h263';
  const text = textHead(bytes);
  if (text !== undefined && text.trim() !== '') return textType(text, bytes.length > TEXT_SAMPLE_BYTES, fileName, declared);
  // Programs are named, so a refusal can say what was dropped; their headers hold NUL bytes, so no text gets here.
  if (startsWith(bytes, 'MZ')) return 'application/x-msdownload';
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return 'application/x-executable';
  return 'application/octet-stream';
}

/**
 * Besides the head, where a file of `fileSize` bytes keeps what tells its type apart: a zip's central directory
 * (every entry's name) at its end, an OLE file's directory where its header points. Empty for other formats.
 */
export function sniffExtraRanges(head: Uint8Array, fileSize: number): ByteRange[] {
  if (fileSize <= head.length) return [];
  if (startsWith(head, ZIP_ENTRY)) {
    const start = Math.max(head.length, fileSize - ZIP_TAIL_BYTES);
    return [{ start, length: fileSize - start }];
  }
  if (startsWith(head, OLE)) {
    const sectorSize = 2 ** uint16le(head, 0x1e);
    const start = (uint32le(head, 0x30) + 1) * sectorSize;
    if (sectorSize < 512 || sectorSize > 4096 || start >= fileSize) return [];
    return [{ start, length: Math.min(OLE_DIRECTORY_BYTES, fileSize - start) }];
  }
  return [];
}
