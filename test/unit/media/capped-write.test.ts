/** Bytes from the network land on disk only up to the limit: a peer sending more leaves nothing behind. */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeCapped } from '../../../main/media/capped-write';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'capped-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('writeCapped', () => {
  it('writes a stream within the limit whole', async () => {
    const path = join(folder, 'ok');
    const result = await writeCapped(Readable.from([Buffer.from('abc'), Buffer.from('de')]), path, 5);
    expect(result).toEqual({ ok: true, size: 5 });
    expect((await readFile(path)).toString()).toBe('abcde');
  });

  it('stops one byte past the limit and removes the partial file', async () => {
    const path = join(folder, 'big');
    const result = await writeCapped(Readable.from([Buffer.alloc(4), Buffer.alloc(2)]), path, 5);
    expect(result).toMatchObject({ ok: false, tooLarge: true });
    expect(existsSync(path)).toBe(false);
  });

  it('reports a stream that breaks off, removing what arrived', async () => {
    const path = join(folder, 'cut');
    const source = new Readable({ read() {} });
    source.push(Buffer.from('part'));
    setTimeout(() => source.destroy(new Error('connection reset')), 10);
    const result = await writeCapped(source, path, 100);
    expect(result).toEqual({ ok: false, tooLarge: false, reason: 'connection reset' });
    expect(existsSync(path)).toBe(false);
  });

  it('never overwrites a file already there', async () => {
    const path = join(folder, 'taken');
    await writeCapped(Readable.from([Buffer.from('first')]), path, 100);
    const second = await writeCapped(Readable.from([Buffer.from('second')]), path, 100);
    expect(second.ok).toBe(false);
    expect((await readFile(path)).toString()).toBe('first');
  });
});
