/**
 * Checking a dropped file before anything is sent: the size limits (with sparse files, so no 50 MB is written),
 * the type from the content whatever the name says, refusals that name the file, and which channel types can
 * carry each kind.
 */
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_MEDIA_BYTES } from '../../../common/api-decisions';
import { checkChannel, checkMediaFile } from '../../../main/media/file-check';
import * as fixture from './fixtures';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'media-check-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function fileWith(name: string, bytes: Buffer): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, bytes);
  return path;
}

/** A file of `size` bytes that takes no disk space beyond `head`. */
async function sparseFile(name: string, head: Buffer, size: number): Promise<string> {
  const path = await fileWith(name, head);
  await truncate(path, size);
  return path;
}

describe('checkMediaFile', () => {
  it('refuses an empty file, naming it', async () => {
    const result = await checkMediaFile(await fileWith('empty.pdf', Buffer.alloc(0)));
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'file' } });
    expect(!result.ok && result.error.message).toMatch(/"empty\.pdf" is empty \(0 bytes\)/);
  });

  it('refuses a file one byte over 50 MB, naming it and the limit', async () => {
    const path = await sparseFile('huge.pdf', fixture.pdf, MAX_MEDIA_BYTES + 1);
    const result = await checkMediaFile(path);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!result.ok && result.error.message).toMatch(/"huge\.pdf" is 50\.00 MB \(52428801 bytes\).*up to 50 MB/);
  });

  it('accepts a file of exactly 50 MB', async () => {
    const result = await checkMediaFile(await sparseFile('exact.pdf', fixture.pdf, MAX_MEDIA_BYTES));
    expect(result).toMatchObject({ ok: true, value: { size: MAX_MEDIA_BYTES, mime: 'application/pdf' } });
  });

  it('types a PDF named .png as a PDF, a file that any channel taking files can send', async () => {
    const result = await checkMediaFile(await fileWith('holiday.png', fixture.pdf));
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({ name: 'holiday.png', mime: 'application/pdf', kind: 'file', acceptedBy: ['WA', 'RCS', 'TG'] }),
    });
  });

  it('refuses unknown binary content whatever its name, saying what it is not', async () => {
    const result = await checkMediaFile(await fileWith('photo.jpg', fixture.unknownBinary()));
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!result.ok && result.error.message).toBe('"photo.jpg" is not a format the app recognises, which the service does not accept');
  });

  it('refuses plain text and programs with words for what they are', async () => {
    const text = await checkMediaFile(await fileWith('notes.csv', fixture.plainText));
    expect(!text.ok && text.error.message).toMatch(/"notes\.csv" is plain text \(the service takes CSV, HTML and XML text\)/);
    const program = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
    const exe = await checkMediaFile(await fileWith('invoice.pdf', program));
    expect(!exe.ok && exe.error.message).toMatch(/"invoice\.pdf" is a Windows program/);
  });

  it('reports a file that is gone, and a folder, by name', async () => {
    const gone = await checkMediaFile(join(folder, 'moved.pdf'));
    expect(!gone.ok && gone.error.message).toMatch(/"moved\.pdf" cannot be found/);
    const directory = await checkMediaFile(folder);
    expect(directory.ok).toBe(false);
  });

  it('types a large Word document by the zip directory at its end', async () => {
    const result = await checkMediaFile(await fileWith('contract.docx', fixture.ooxml('word', 200_000)));
    expect(result).toMatchObject({
      ok: true,
      value: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', kind: 'file' },
    });
  });

  it('uses the given name instead of the path on disk (browser-mode staged files)', async () => {
    const result = await checkMediaFile(await fileWith('3f2a-staged', fixture.csv), 'prices.csv');
    expect(result).toMatchObject({ ok: true, value: { name: 'prices.csv', mime: 'text/csv' } });
  });
});

describe('which channel types can send a file', () => {
  it('lets an image go through every channel that takes images or files, but not SMS or WeChat', async () => {
    const image = await checkMediaFile(await fileWith('a.jpg', await fixture.jpeg()));
    if (!image.ok) throw new Error(image.error.message);
    expect(image.value).toMatchObject({ kind: 'image', acceptedBy: ['WA', 'VI', 'RCS', 'TG'] });
    expect(checkChannel(image.value, 'VI')).toEqual({ ok: true, value: undefined });
    const sms = checkChannel(image.value, 'SMS');
    expect(sms).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'file' } });
    expect(!sms.ok && sms.error.message).toBe('SMS channels cannot send "a.jpg" (image); WA, VI, RCS, TG channels can');
  });

  it('keeps video, audio and documents off Viber, which takes only images', async () => {
    for (const [name, bytes, kind] of [
      ['clip.mp4', fixture.isoMedia('isom'), 'video'],
      ['note.mp3', fixture.mp3Frames(), 'audio'],
      ['sheet.xlsx', fixture.ooxml('xl'), 'file'],
    ] as const) {
      const file = await checkMediaFile(await fileWith(name, bytes));
      expect(file).toMatchObject({ ok: true, value: { kind, acceptedBy: ['WA', 'RCS', 'TG'] } });
      if (file.ok) expect(checkChannel(file.value, 'VI').ok).toBe(false);
    }
  });
});
