/**
 * Picks the vault once, at start: the keychain if a write-read-delete probe passes, else safeStorage into an
 * encrypted file if it really encrypts, else memory. The status says which, and why the better ones were not used.
 */
import { ok, type Result } from '../../common/result';
import { createKeychainVault, importKeytar, probeKeychain, type Keytar } from './keychain-vault';
import { createMemoryVault } from './memory-vault';
import { openSafeStorageVault, type SafeStorage } from './safe-storage-vault';
import type { CredentialVault } from './vault';

export interface CreateVaultOptions {
  /** Only the Electron shell has one; browser mode and the command line go without. */
  safeStorage?: SafeStorage;
  /** Where the safeStorage file lives (the app's user-data folder). */
  dataDir: string;
  /** The longest any one keychain or safeStorage call may take. */
  timeoutMs: number;
  /** Tests hand in their own keytar; the app imports the optional dependency. */
  loadKeytar?: () => Promise<Result<Keytar>>;
}

export async function createVault(options: CreateVaultOptions): Promise<CredentialVault> {
  const keychain = await openKeychain(options);
  if (keychain.ok) return keychain.value;

  const keychainReason = `OS keychain unavailable: ${keychain.error.message}`;
  if (options.safeStorage === undefined) {
    return createMemoryVault(`${keychainReason}; Electron's safeStorage exists only in the desktop app`);
  }
  const fallback = await openSafeStorageVault({ ...options, safeStorage: options.safeStorage, reason: keychainReason });
  if (fallback.ok) return fallback.value;
  return createMemoryVault(`${keychainReason}; safeStorage not used: ${fallback.error.message}`);
}

async function openKeychain(options: CreateVaultOptions): Promise<Result<CredentialVault>> {
  const loaded = await (options.loadKeytar ?? importKeytar)();
  if (!loaded.ok) return loaded;
  const probed = await probeKeychain(loaded.value, options.timeoutMs);
  return probed.ok ? ok(createKeychainVault(loaded.value, options.timeoutMs)) : probed;
}
