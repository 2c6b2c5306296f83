/**
 * The app's data is its owner's only: every file this process creates is owner-only, and at start the desktop app
 * and browser mode narrow whatever an earlier release left readable (folders 0700, files 0600), every file of every
 * account folder included, without following links out of the folder.
 */
import { chmodSync, mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { protectUserData, useOwnerOnlyUmask } from '../../../main/user-data';
import { app } from '../../fakes/electron';
import { startShellForTest } from './start-shell';

const modeOf = (path: string) => statSync(path).mode & 0o777;
const initialUmask = process.umask();

afterEach(() => {
  process.umask(initialUmask);
});

/** The folders and files of a user-data folder as a release that used the default umask left them. */
function readableUserData(): { root: string; folders: string[]; files: string[]; outside: string } {
  const root = mkdtempSync(join(tmpdir(), 'user-data-'));
  const account = join(root, 'accounts', '0123456789abcdef0123456789abcdef');
  const media = join(account, 'media-cache');
  mkdirSync(media, { recursive: true });
  const folders = [root, join(root, 'accounts'), account, media];
  const files = [
    join(root, 'session.json'),
    join(account, 'account.json'),
    join(account, 'cache.sqlite'),
    join(account, 'cache.sqlite-wal'),
    join(account, 'cache.sqlite-shm'),
    join(account, 'outbox.sqlite'),
    join(media, 'f00d'),
  ];
  for (const file of files) writeFileSync(file, 'customer data');
  for (const folder of folders) chmodSync(folder, 0o755);
  for (const file of files) chmodSync(file, 0o644);
  const outside = join(mkdtempSync(join(tmpdir(), 'outside-')), 'shared.txt');
  writeFileSync(outside, 'not ours');
  chmodSync(outside, 0o644);
  symlinkSync(outside, join(account, 'link-out'));
  return { root, folders, files, outside };
}

describe('private user data', () => {
  it('narrows every folder to 0700 and every file to 0600, leaving what a link points at alone', () => {
    const data = readableUserData();
    const narrowed = protectUserData(data.root);
    for (const folder of data.folders) expect([folder, modeOf(folder)]).toEqual([folder, 0o700]);
    for (const file of data.files) expect([file, modeOf(file)]).toEqual([file, 0o600]);
    expect(modeOf(data.outside)).toBe(0o644);
    expect(narrowed).toHaveLength(data.folders.length + data.files.length);
    expect(protectUserData(data.root)).toEqual([]);
  });

  it("checks every file of each account's folder on every start, even when the folders are private already", () => {
    const data = readableUserData();
    protectUserData(data.root);
    const outbox = join(data.root, 'accounts', '0123456789abcdef0123456789abcdef', 'outbox.sqlite');
    chmodSync(outbox, 0o644);
    expect(protectUserData(data.root)).toEqual([outbox]);
    expect(modeOf(outbox)).toBe(0o600);
  });

  it('makes every file the process creates afterwards owner-only', () => {
    process.umask(0o022);
    useOwnerOnlyUmask();
    const folder = mkdtempSync(join(tmpdir(), 'umask-'));
    mkdirSync(join(folder, 'inner'));
    writeFileSync(join(folder, 'inner', 'cache.sqlite-wal'), 'x');
    expect(modeOf(join(folder, 'inner'))).toBe(0o700);
    expect(modeOf(join(folder, 'inner', 'cache.sqlite-wal'))).toBe(0o600);
  });

  it('is repaired when the desktop app starts, before the services open anything', async () => {
    const data = readableUserData();
    const shell = await startShellForTest({ userDataDir: data.root });
    try {
      for (const file of data.files) expect(modeOf(file)).toBe(0o600);
      expect(modeOf(data.root)).toBe(0o700);
      expect(app.getPath('userData')).toBe(data.root);
    } finally {
      await shell.services.close();
    }
  });
});
