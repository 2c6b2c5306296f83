/**
 * The shared sniffer types files by their bytes: every format the service accepts, the lookalikes it must not
 * confuse (text that starts like a bitmap, binary that starts like an MP3 frame), and OOXML/legacy Office whose
 * telling names sit beyond the head, found through the ranges the sniffer asks for.
 */
import { describe, expect, it } from 'vitest';
import { SNIFF_HEAD_BYTES, sniffExtraRanges, sniffMime } from '../../../common/media-sniff';
import { sniffMime as sandboxSniffMime } from '../../../sandbox/mime-sniff';
import * as fixture from './fixtures';

/** What the app does with a file on disk: the head, plus the ranges the sniffer asks for. */
function sampleOf(file: Buffer): Buffer {
  const head = file.subarray(0, SNIFF_HEAD_BYTES);
  const extras = sniffExtraRanges(head, file.length).map((range) => file.subarray(range.start, range.start + range.length));
  return Buffer.concat([head, ...extras]);
}

describe('sniffMime', () => {
  it.each([
    ['png', () => fixture.png(), 'image/png'],
    ['jpeg', () => fixture.jpeg(), 'image/jpeg'],
    ['gif', () => fixture.gif(), 'image/gif'],
    ['webp', () => fixture.webp(), 'image/webp'],
  ])('types a real %s image', async (_name, make, expected) => {
    expect(sniffMime(await make())).toBe(expected);
  });

  it.each([
    ['svg', fixture.svg, 'image/svg+xml'],
    ['mp4', fixture.isoMedia('isom'), 'video/mp4'],
    ['m4v', fixture.isoMedia('M4V '), 'video/m4v'],
    ['3gp', fixture.isoMedia('3gp5'), 'video/3gpp'],
    ['webm', fixture.webm, 'video/webm'],
    ['ogg video', fixture.ogg('theora'), 'video/ogg'],
    ['ogg audio', fixture.ogg('vorbis'), 'audio/ogg'],
    ['mpeg', fixture.mpeg, 'video/mpeg'],
    ['mp3 without a tag', fixture.mp3Frames(), 'audio/mpeg'],
    ['mp3 with ID3', fixture.mp3WithId3, 'audio/mpeg'],
    ['aac', fixture.aacFrames(), 'audio/aac'],
    ['pdf', fixture.pdf, 'application/pdf'],
    ['zip', fixture.zip([{ name: 'notes.txt', data: Buffer.from('hi') }]), 'application/zip'],
    ['docx', fixture.ooxml('word'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['xlsx', fixture.ooxml('xl'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['pptx', fixture.ooxml('ppt'), 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ['doc', fixture.ole('WordDocument'), 'application/msword'],
    ['xls', fixture.ole('Workbook'), 'application/vnd.ms-excel'],
    ['ppt', fixture.ole('PowerPoint Document'), 'application/vnd.ms-powerpoint'],
    ['csv', fixture.csv, 'text/csv'],
    ['html', fixture.html, 'text/html'],
    ['xml', fixture.xml, 'application/xml'],
    ['plain text', fixture.plainText, 'text/plain'],
    ['unknown binary', fixture.unknownBinary(), 'application/octet-stream'],
  ])('types %s from its content alone', (_name, bytes, expected) => {
    expect(sniffMime(bytes)).toBe(expected);
  });

  it('does not take text that starts with "BM" for a bitmap, or "MZ" text for a program', () => {
    expect(sniffMime(Buffer.from('BMW,Audi\n1,2\n3,4\n'))).toBe('text/csv');
    expect(sniffMime(Buffer.from('MZ notes\nnothing else here\n'))).toBe('text/plain');
  });

  it('does not take binary that happens to start with an MPEG frame sync for audio', () => {
    const lookalike = fixture.unknownBinary();
    lookalike[0] = 0xff;
    lookalike[1] = 0xfb;
    lookalike[2] = 0x90;
    expect(sniffMime(lookalike)).toBe('application/octet-stream');
  });

  it('reads a UTF-8 character cut in two at the sample edge as text, not as binary', () => {
    const text = Buffer.from(`name,city\n${'Zoë,Malmö\n'.repeat(2000)}`);
    expect(text.length).toBeGreaterThan(8192);
    expect(sniffMime(text)).toBe('text/csv');
  });

  it('finds an OOXML part named only after the head, in the zip directory at the end', () => {
    const docx = fixture.ooxml('word', SNIFF_HEAD_BYTES * 2);
    expect(sniffMime(docx.subarray(0, SNIFF_HEAD_BYTES))).toBe('application/zip');
    expect(sniffMime(sampleOf(docx))).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('finds a legacy Office stream through the directory sector the OLE header points at', () => {
    const doc = fixture.ole('WordDocument', 300, 300 * 1024);
    expect(sniffMime(doc.subarray(0, SNIFF_HEAD_BYTES))).toBe('application/x-ole-storage');
    expect(sniffMime(sampleOf(doc))).toBe('application/msword');
  });

  it('asks for no extra ranges when the head is the whole file or the format keeps nothing elsewhere', () => {
    expect(sniffExtraRanges(fixture.pdf, fixture.pdf.length)).toEqual([]);
    expect(sniffExtraRanges(fixture.pdf.subarray(0, 8), 10_000_000)).toEqual([]);
  });

  it('is the very function the sandbox types uploads with', () => {
    expect(sandboxSniffMime).toBe(sniffMime);
    // The sandbox may still pick within a family by the declared type, which the app never passes.
    expect(sandboxSniffMime(fixture.ogg('vorbis'), 'clip.ogv', 'video/ogg')).toBe('video/ogg');
  });
});
