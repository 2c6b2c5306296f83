/**
 * Small but well-formed files of every type the media pipeline recognises, built in memory: images with sharp,
 * zip and OOXML with a stored-entry zip writer, legacy Office as an OLE compound file, audio as real frame headers.
 */
import { crc32 } from 'node:zlib';
import sharp from 'sharp';

export function png(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#c03030' } }).png().toBuffer();
}

export function jpeg(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3030c0' } }).jpeg().toBuffer();
}

export function webp(): Promise<Buffer> {
  return sharp({ create: { width: 8, height: 8, channels: 3, background: '#30c030' } }).webp().toBuffer();
}

export function gif(): Promise<Buffer> {
  return sharp({ create: { width: 8, height: 8, channels: 3, background: '#303030' } }).gif().toBuffer();
}

export const svg = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n');
export const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
export const html = Buffer.from('<!DOCTYPE html>\n<html><head><title>Offer</title></head><body><p>Hi</p></body></html>\n');
export const xml = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<order id="7"><item sku="A1" qty="2"/></order>\n');
export const csv = Buffer.from('sku,name,price\nA1,Widget,9.99\nB2,"Gadget, large",19.50\n');
export const plainText = Buffer.from('Dear team,\nplease find the notes below.\nThanks\n');

/** An ISO base media file: an `ftyp` box with the given major brand, then an empty `mdat`. */
export function isoMedia(brand: string): Buffer {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftyp', 4, 'latin1');
  ftyp.write(brand.padEnd(4, ' '), 8, 'latin1');
  ftyp.write('isommp42', 16, 'latin1');
  return Buffer.concat([ftyp, Buffer.from([0, 0, 0, 8]), Buffer.from('mdat', 'latin1')]);
}

/** EBML header whose DocType is webm. */
export const webm = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84]), Buffer.from('webm'), Buffer.alloc(16)]);

/** An Ogg page whose first packet is a Vorbis (audio) or Theora (video) header. */
export function ogg(codec: 'vorbis' | 'theora'): Buffer {
  return Buffer.concat([Buffer.from('OggS', 'latin1'), Buffer.from([0, 2]), Buffer.alloc(22), Buffer.from([1]), Buffer.from(codec, 'latin1'), Buffer.alloc(20)]);
}

/** An MPEG program stream pack header. */
export const mpeg = Buffer.concat([Buffer.from([0x00, 0x00, 0x01, 0xba, 0x44]), Buffer.alloc(40)]);

/** Three MPEG-1 layer III frames (128 kbit/s, 44.1 kHz: 417 bytes each), no ID3 tag. */
export function mp3Frames(): Buffer {
  const frame = Buffer.alloc(417);
  Buffer.from([0xff, 0xfb, 0x90, 0x64]).copy(frame);
  return Buffer.concat([frame, frame, frame]);
}

export const mp3WithId3 = Buffer.concat([Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0, 0, 0, 0]), mp3Frames()]);

/** Three AAC ADTS frames of 100 bytes each. */
export function aacFrames(): Buffer {
  const frame = Buffer.alloc(100);
  Buffer.from([0xff, 0xf1, 0x50, 0x80, 0x0c, 0x9f, 0xfc]).copy(frame);
  return Buffer.concat([frame, frame, frame]);
}

/** A zip with stored (uncompressed) entries, in order. */
export function zip(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const contentTypes = { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') };

/** An OOXML document: its part folder names its kind. `padding` puts that many bytes of an image before the parts. */
export function ooxml(folder: 'word' | 'xl' | 'ppt', padding = 0): Buffer {
  const part = { word: 'word/document.xml', xl: 'xl/workbook.xml', ppt: 'ppt/presentation.xml' }[folder];
  const filler = padding > 0 ? [{ name: 'docProps/thumbnail.jpeg', data: Buffer.alloc(padding, 0x41) }] : [];
  return zip([contentTypes, ...filler, { name: part, data: Buffer.from('<?xml version="1.0"?><root/>') }]);
}

/**
 * A legacy Office file: an OLE compound file whose directory (at sector `directorySector`) names one stream. With
 * a far directory sector the name sits beyond the sniffer's head, where only the header's pointer finds it.
 */
export function ole(stream: 'WordDocument' | 'Workbook' | 'PowerPoint Document', directorySector = 1, totalBytes = 4096): Buffer {
  const file = Buffer.alloc(Math.max(totalBytes, (directorySector + 2) * 512));
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file);
  file.writeUInt16LE(0x3e, 0x18);
  file.writeUInt16LE(3, 0x1a);
  file.writeUInt16LE(0xfffe, 0x1c);
  file.writeUInt16LE(9, 0x1e);
  file.writeUInt16LE(6, 0x20);
  file.writeUInt32LE(directorySector, 0x30);
  const directory = (directorySector + 1) * 512;
  for (const [index, name] of ['Root Entry', stream].entries()) {
    const entry = directory + index * 128;
    file.write(name, entry, 'utf16le');
    file.writeUInt16LE((name.length + 1) * 2, entry + 0x40);
  }
  return file;
}

/** Bytes of no known format: binary (NUL bytes), with no signature at the start. */
export function unknownBinary(size = 4096): Buffer {
  const bytes = Buffer.alloc(size);
  for (let index = 0; index < size; index += 1) bytes[index] = (index * 7919 + 13) % 251;
  bytes[0] = 0x13;
  bytes[1] = 0x37;
  return bytes;
}
