/**
 * The fallback when the keychain does not work: Electron's safeStorage encrypts the saved credentials into one file
 * in the app's data folder, readable by this user only and replaced atomically. Used only when safeStorage really
 * encrypts: on Linux without a keyring Chromium picks `basic_text`, a key hard-coded in Chromium, which would be
 * plaintext on disk in all but name.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parseUnknown } from '../../common/parse';
import { fail, ok, type Result } from '../../common/result';
import { writeFileAtomic } from './atomic-file';
import type { CredentialVault, VaultStatus } from './vault';
import { describeError, within } from './within';

/** Electron's safeStorage, async API, as the shell hands it in (only main/electron imports 'electron'). */
export interface SafeStorage {
  /** Linux: Chromium's choice (`basic_text`, `gnome_libsecret`, `kwallet*`, or `unknown` before ready); elsewhere the OS facility. */
  selectedBackend(): string;
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Uint8Array>;
  decryptStringAsync(encrypted: Uint8Array): Promise<{ result: string }>;
}

export const VAULT_FILE_NAME = 'credentials.enc';
const FILE_MODE = 0o600;
const NON_ENCRYPTING_BACKENDS = new Set(['basic_text', 'unknown']);

const StoredSecrets = z.object({ version: z.literal(1), secrets: z.record(z.string(), z.string()) });

export interface SafeStorageVaultOptions {
  safeStorage: SafeStorage;
  dataDir: string;
  timeoutMs: number;
  /** Why the keychain was not used, kept in the status for the UI. */
  reason: string;
}

export async function openSafeStorageVault(options: SafeStorageVaultOptions): Promise<Result<CredentialVault>> {
  const { safeStorage, dataDir, timeoutMs } = options;
  const call = <T>(what: string, run: () => Promise<T>) => within(timeoutMs, what, 'STORAGE', run);

  const backend = safeStorage.selectedBackend();
  if (NON_ENCRYPTING_BACKENDS.has(backend)) {
    return fail('STORAGE', `safeStorage would not really encrypt (backend ${backend})`);
  }
  const available = await call('safeStorage', () => safeStorage.isAsyncEncryptionAvailable());
  if (!available.ok) return available;
  if (!available.value) return fail('STORAGE', 'safeStorage says encryption is not available');
  const probe = await call('safeStorage round trip', async () => {
    const encrypted = await safeStorage.encryptStringAsync('probe');
    return (await safeStorage.decryptStringAsync(encrypted)).result;
  });
  if (!probe.ok) return probe;
  if (probe.value !== 'probe') return fail('STORAGE', 'safeStorage did not decrypt what it encrypted');

  const path = join(dataDir, VAULT_FILE_NAME);
  const status: VaultStatus = { backend: 'safe-storage', persistent: true, reason: options.reason };
  const loaded = await loadSecrets(path, safeStorage, timeoutMs);
  let secrets = new Map<string, string>();
  if (loaded.ok) secrets = loaded.value;
  else status.reason = `${options.reason}; ${loaded.error.message}: sign in again`;

  // One write at a time, each from the state the previous one left, so two quick sets cannot lose either.
  let queue: Promise<unknown> = Promise.resolve();
  function update(change: (next: Map<string, string>) => void): Promise<Result<void>> {
    const run = async (): Promise<Result<void>> => {
      const next = new Map(secrets);
      change(next);
      const json = JSON.stringify({ version: 1, secrets: Object.fromEntries(next) });
      const encrypted = await call('safeStorage encryption', () => safeStorage.encryptStringAsync(json));
      if (!encrypted.ok) return encrypted;
      try {
        await mkdir(dataDir, { recursive: true, mode: 0o700 });
        await writeFileAtomic(path, encrypted.value, FILE_MODE);
      } catch (error) {
        return fail('STORAGE', `Could not save the credential file: ${describeError(error)}`, { retryable: true });
      }
      secrets = next;
      return ok(undefined);
    };
    const result = queue.then(run);
    queue = result.catch(() => undefined);
    return result;
  }

  return ok({
    status: () => ({ ...status }),
    get: async (account) => ok(secrets.get(account) ?? null),
    set: (account, secret) => update((next) => next.set(account, secret)),
    delete: (account) => (secrets.has(account) ? update((next) => next.delete(account)) : Promise.resolve(ok(undefined))),
  });
}

async function loadSecrets(path: string, safeStorage: SafeStorage, timeoutMs: number): Promise<Result<Map<string, string>>> {
  let encrypted: Buffer;
  try {
    encrypted = await readFile(path);
  } catch (error) {
    if (isMissingFile(error)) return ok(new Map());
    return fail('STORAGE', `The saved credential file could not be read (${describeError(error)})`);
  }
  const decrypted = await within(timeoutMs, 'safeStorage decryption', 'STORAGE', () =>
    safeStorage.decryptStringAsync(encrypted),
  );
  if (!decrypted.ok) return fail('STORAGE', `The saved credential file could not be decrypted (${decrypted.error.message})`);
  let json: unknown;
  try {
    json = JSON.parse(decrypted.value.result);
  } catch {
    return fail('STORAGE', 'The saved credential file is damaged');
  }
  const parsed = parseUnknown(StoredSecrets, json, { code: 'STORAGE', what: 'saved credential file' });
  return parsed.ok ? ok(new Map(Object.entries(parsed.value.secrets))) : parsed;
}

function isMissingFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
