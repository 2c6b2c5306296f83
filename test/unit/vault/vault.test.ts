import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../../common/result';
import { createVault, type CreateVaultOptions } from '../../../main/vault/create-vault';
import { VAULT_FILE_NAME } from '../../../main/vault/safe-storage-vault';
import { VAULT_SERVICE } from '../../../main/vault/vault';
import { FakeKeytar, FakeSafeStorage } from './fakes';

const TIMEOUT_MS = 50;
const ACCOUNT = 'agent@example.com at https://omni.mmdsmart.com';
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'inbox-vault-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function open(keytar: FakeKeytar | 'missing', extra: Partial<CreateVaultOptions> = {}) {
  return createVault({
    dataDir,
    timeoutMs: TIMEOUT_MS,
    loadKeytar: async () =>
      keytar === 'missing'
        ? { ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE', message: 'keytar could not be loaded', retryable: false } }
        : ok(keytar),
    ...extra,
  });
}

describe('a working keychain', () => {
  it('is chosen after a probe that leaves nothing behind', async () => {
    const keytar = new FakeKeytar();
    const vault = await open(keytar);
    expect(vault.status()).toEqual({ backend: 'keychain', persistent: true });
    expect(keytar.calls.map((call) => call.split(' ')[0])).toEqual(['set', 'get', 'delete']);
    expect(keytar.entries.size).toBe(0);
  });

  it('stores, reads and forgets a credential under the app service name', async () => {
    const keytar = new FakeKeytar();
    const vault = await open(keytar);
    expect(await vault.set(ACCOUNT, 's3cret')).toEqual(ok(undefined));
    expect(keytar.entries.get(`${VAULT_SERVICE}/${ACCOUNT}`)).toBe('s3cret');
    expect(await vault.get(ACCOUNT)).toEqual(ok('s3cret'));
    expect(await vault.delete(ACCOUNT)).toEqual(ok(undefined));
    expect(await vault.get(ACCOUNT)).toEqual(ok(null));
    expect(await vault.delete(ACCOUNT)).toEqual(ok(undefined));
  });

  it('turns a call that hangs after the probe into a retryable error instead of waiting forever', async () => {
    const keytar = new FakeKeytar();
    const vault = await open(keytar);
    keytar.hang = 'get';
    const result = await vault.get(ACCOUNT);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('KEYCHAIN_UNAVAILABLE');
      expect(result.error.retryable).toBe(true);
      expect(result.error.message).toContain(`${TIMEOUT_MS} ms`);
    }
  });
});

describe('an unavailable keychain is never taken for an empty one', () => {
  it('a keychain that answers null for a value just written (locked keyring) is unavailable', async () => {
    const keytar = new FakeKeytar();
    keytar.locked = true;
    const vault = await open(keytar);
    expect(vault.status().backend).toBe('memory');
    expect(vault.status().reason).toContain('did not return a value just written');
  });

  it('a keychain whose calls hang is given up after the timeout', async () => {
    const keytar = new FakeKeytar();
    keytar.hang = 'all';
    const started = Date.now();
    const vault = await open(keytar);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(vault.status().backend).toBe('memory');
    expect(vault.status().reason).toContain(`did not answer within ${TIMEOUT_MS} ms`);
  });

  it('a keychain that throws (no D-Bus) is unavailable, with the error as the reason', async () => {
    const keytar = new FakeKeytar();
    keytar.failWith = 'Cannot autolaunch D-Bus without X11 $DISPLAY';
    const vault = await open(keytar);
    expect(vault.status()).toMatchObject({ backend: 'memory', persistent: false });
    expect(vault.status().reason).toContain('Cannot autolaunch D-Bus');
  });

  it('a missing keytar falls back too', async () => {
    const vault = await open('missing');
    expect(vault.status().backend).toBe('memory');
    expect(vault.status().reason).toContain('keytar could not be loaded');
  });
});

describe('the safeStorage fallback', () => {
  const brokenKeychain = () => Object.assign(new FakeKeytar(), { failWith: 'No Secret Service' });

  it('keeps credentials encrypted in a 0600 file another launch can read', async () => {
    const safeStorage = new FakeSafeStorage();
    const vault = await open(brokenKeychain(), { safeStorage });
    expect(vault.status()).toMatchObject({ backend: 'safe-storage', persistent: true });
    expect(vault.status().reason).toContain('No Secret Service');
    expect(await vault.set(ACCOUNT, 's3cret')).toEqual(ok(undefined));

    const path = join(dataDir, VAULT_FILE_NAME);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const onDisk = await readFile(path);
    expect(onDisk.includes('s3cret')).toBe(false);
    expect(onDisk.includes('agent@example.com')).toBe(false);

    const nextLaunch = await open(brokenKeychain(), { safeStorage });
    expect(await nextLaunch.get(ACCOUNT)).toEqual(ok('s3cret'));
    expect(await nextLaunch.delete(ACCOUNT)).toEqual(ok(undefined));
    expect(await (await open(brokenKeychain(), { safeStorage })).get(ACCOUNT)).toEqual(ok(null));
  });

  it('replaces the file atomically: a new file renamed into place, no temporary left behind', async () => {
    const vault = await open(brokenKeychain(), { safeStorage: new FakeSafeStorage() });
    await vault.set(ACCOUNT, 'first');
    const path = join(dataDir, VAULT_FILE_NAME);
    const before = await stat(path);
    await vault.set(ACCOUNT, 'second');
    const after = await stat(path);
    // Writing in place would keep the inode; a rename from a fully written sibling gives a new one.
    expect(after.ino).not.toBe(before.ino);
    expect(await readdir(dataDir)).toEqual([VAULT_FILE_NAME]);
  });

  it('reports a save that fails as a STORAGE error and leaves no temporary file', async () => {
    // A folder where the file should be makes the final rename fail, after the temporary was written.
    await mkdir(join(dataDir, VAULT_FILE_NAME));
    const vault = await open(brokenKeychain(), { safeStorage: new FakeSafeStorage() });
    const result = await vault.set(ACCOUNT, 's3cret');
    expect(result.ok ? undefined : result.error.code).toBe('STORAGE');
    expect(await vault.get(ACCOUNT)).toEqual(ok(null));
    expect(await readdir(dataDir)).toEqual([VAULT_FILE_NAME]);
  });

  it('keeps both of two quick writes', async () => {
    const safeStorage = new FakeSafeStorage();
    const vault = await open(brokenKeychain(), { safeStorage });
    await Promise.all([vault.set('one', '1'), vault.set('two', '2')]);
    const nextLaunch = await open(brokenKeychain(), { safeStorage });
    expect(await nextLaunch.get('one')).toEqual(ok('1'));
    expect(await nextLaunch.get('two')).toEqual(ok('2'));
  });

  it('is refused when Chromium picked basic_text, so nothing is written in plaintext', async () => {
    const safeStorage = Object.assign(new FakeSafeStorage(), { backend: 'basic_text' });
    const vault = await open(brokenKeychain(), { safeStorage });
    expect(vault.status()).toMatchObject({ backend: 'memory', persistent: false });
    expect(vault.status().reason).toContain('basic_text');
    await vault.set(ACCOUNT, 's3cret');
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('is refused when encryption is not available or hangs', async () => {
    const unavailable = Object.assign(new FakeSafeStorage(), { available: false });
    expect((await open(brokenKeychain(), { safeStorage: unavailable })).status().reason).toContain('not available');
    const hanging = Object.assign(new FakeSafeStorage(), { hang: true });
    const vault = await open(brokenKeychain(), { safeStorage: hanging });
    expect(vault.status().backend).toBe('memory');
    expect(vault.status().reason).toContain(`did not answer within ${TIMEOUT_MS} ms`);
  });

  it('says so when the saved file cannot be decrypted (another key), and starts empty', async () => {
    const vault = await open(brokenKeychain(), { safeStorage: new FakeSafeStorage() });
    await vault.set(ACCOUNT, 's3cret');
    const otherKey = Object.assign(new FakeSafeStorage(), { key: 0x33 });
    const reopened = await open(brokenKeychain(), { safeStorage: otherKey });
    expect(reopened.status().backend).toBe('safe-storage');
    expect(reopened.status().reason).toContain('could not be decrypted');
    expect(await reopened.get(ACCOUNT)).toEqual(ok(null));
  });

  it('says so when the saved file is damaged', async () => {
    await writeFile(join(dataDir, VAULT_FILE_NAME), Buffer.concat([Buffer.from('FAKE'), Buffer.from([0x5a, 0x01])]));
    const vault = await open(brokenKeychain(), { safeStorage: new FakeSafeStorage() });
    expect(vault.status().reason).toContain('damaged');
  });
});

describe('the memory fallback', () => {
  it('works for this launch and reports why nothing better was used', async () => {
    const vault = await open('missing');
    expect(vault.status()).toEqual({
      backend: 'memory',
      persistent: false,
      reason: expect.stringContaining("safeStorage exists only in the desktop app"),
    });
    await vault.set(ACCOUNT, 's3cret');
    expect(await vault.get(ACCOUNT)).toEqual(ok('s3cret'));
    await vault.delete(ACCOUNT);
    expect(await vault.get(ACCOUNT)).toEqual(ok(null));
  });
});
