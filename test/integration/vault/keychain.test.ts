/**
 * The vault against the machine's real Secret Service, run twice by the test orchestrator:
 * - inside `dbus-run-session` with an unlocked gnome-keyring and INBOX_EXPECT_KEYCHAIN=1: the keychain must work;
 * - without it: no D-Bus (or a locked keyring) must be reported as a fallback with a reason, never as an empty
 *   keychain.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../../common/result';
import { createVault } from '../../../main/vault/create-vault';
import { VAULT_FILE_NAME } from '../../../main/vault/safe-storage-vault';
import { FakeSafeStorage } from '../../unit/vault/fakes';

const TIMEOUT_MS = 3_000;
const expectKeychain = process.env.INBOX_EXPECT_KEYCHAIN === '1';
const sessionBus = process.env.DBUS_SESSION_BUS_ADDRESS || undefined;
const account = `integration-${randomBytes(6).toString('hex')} at http://127.0.0.1`;
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'inbox-keychain-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

if (expectKeychain) {
  describe('with an unlocked Secret Service (gnome-keyring under dbus-run-session)', () => {
    it('runs inside a D-Bus session', () => {
      expect(sessionBus, 'INBOX_EXPECT_KEYCHAIN=1 needs dbus-run-session around the test run').toBeDefined();
    });

    it('chooses the keychain and keeps a credential across vault instances (launches)', async () => {
      const vault = await createVault({ dataDir, timeoutMs: TIMEOUT_MS, safeStorage: new FakeSafeStorage() });
      expect(vault.status()).toEqual({ backend: 'keychain', persistent: true });
      try {
        expect(await vault.set(account, 'p4ssw0rd')).toEqual(ok(undefined));
        const nextLaunch = await createVault({ dataDir, timeoutMs: TIMEOUT_MS });
        expect(await nextLaunch.get(account)).toEqual(ok('p4ssw0rd'));
        expect(await nextLaunch.delete(account)).toEqual(ok(undefined));
        expect(await vault.get(account)).toEqual(ok(null));
        // The keychain worked, so the safeStorage fallback never wrote a file.
        expect(await readdir(dataDir)).toEqual([]);
      } finally {
        await vault.delete(account);
      }
    });
  });
} else {
  const situation =
    sessionBus === undefined ? 'without D-Bus' : `with D-Bus at ${sessionBus} but no unlocked Secret Service`;
  describe(`${situation}: the keychain is reported unavailable, not empty`, () => {
    it('falls back to memory with a reason when there is no safeStorage (browser mode)', async () => {
      const vault = await createVault({ dataDir, timeoutMs: TIMEOUT_MS });
      expect(vault.status()).toEqual({
        backend: 'memory',
        persistent: false,
        reason: expect.stringContaining('OS keychain unavailable'),
      });
      expect(await vault.set(account, 'p4ssw0rd')).toEqual(ok(undefined));
      expect(await vault.get(account)).toEqual(ok('p4ssw0rd'));
      expect(await readdir(dataDir)).toEqual([]);
    });

    it("falls back to an encrypted 0600 file when Electron's safeStorage really encrypts", async () => {
      const safeStorage = new FakeSafeStorage();
      const vault = await createVault({ dataDir, timeoutMs: TIMEOUT_MS, safeStorage });
      expect(vault.status()).toMatchObject({ backend: 'safe-storage', persistent: true });
      expect(await vault.set(account, 'p4ssw0rd')).toEqual(ok(undefined));
      expect((await stat(join(dataDir, VAULT_FILE_NAME))).mode & 0o777).toBe(0o600);
      const nextLaunch = await createVault({ dataDir, timeoutMs: TIMEOUT_MS, safeStorage });
      expect(await nextLaunch.get(account)).toEqual(ok('p4ssw0rd'));
    });
  });
}
