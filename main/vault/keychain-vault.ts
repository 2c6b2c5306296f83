/**
 * The OS keychain through keytar (libsecret's Secret Service on Linux, Keychain on macOS, Credential Manager on
 * Windows). keytar is an optional native dependency, so it is loaded on demand and may be missing; and a keychain
 * that loads may still not work, which only a write-read-delete probe can tell: on Linux with D-Bus but no unlocked
 * keyring, reading answers null exactly as an empty keychain would.
 */
import { randomBytes } from 'node:crypto';
import { fail, ok, type Result } from '../../common/result';
import { VAULT_SERVICE, type CredentialVault } from './vault';
import { describeError, within } from './within';

/** The part of keytar the vault uses; tests hand in their own. */
export interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export async function importKeytar(): Promise<Result<Keytar>> {
  let loaded: unknown;
  try {
    loaded = await import('keytar');
  } catch (error) {
    return fail('KEYCHAIN_UNAVAILABLE', `keytar could not be loaded: ${describeError(error)}`);
  }
  // keytar is CommonJS: its functions sit on the default export when Node imports it as ESM.
  const candidate = isRecord(loaded) && isRecord(loaded.default) ? loaded.default : loaded;
  if (!isKeytar(candidate)) return fail('KEYCHAIN_UNAVAILABLE', 'keytar loaded without its functions');
  return ok(candidate);
}

/** Writes, reads back and deletes a throwaway entry; any step that fails, hangs or reads wrong means unavailable. */
export async function probeKeychain(keytar: Keytar, timeoutMs: number): Promise<Result<void>> {
  const account = `probe ${randomBytes(8).toString('hex')}`;
  const secret = randomBytes(16).toString('hex');
  const call = <T>(what: string, run: () => Promise<T>) => within(timeoutMs, what, 'KEYCHAIN_UNAVAILABLE', run);

  const written = await call('Writing to the keychain', () => keytar.setPassword(VAULT_SERVICE, account, secret));
  if (!written.ok) return written;
  const read = await call('Reading from the keychain', () => keytar.getPassword(VAULT_SERVICE, account));
  const removed = await call('Deleting from the keychain', () => keytar.deletePassword(VAULT_SERVICE, account));
  if (!read.ok) return read;
  if (read.value !== secret) {
    return fail('KEYCHAIN_UNAVAILABLE', 'The keychain did not return a value just written to it (is it locked?)');
  }
  if (!removed.ok) return removed;
  if (!removed.value) return fail('KEYCHAIN_UNAVAILABLE', 'The keychain could not delete a value just written to it');
  return ok(undefined);
}

export function createKeychainVault(keytar: Keytar, timeoutMs: number): CredentialVault {
  const call = <T>(what: string, run: () => Promise<T>) => within(timeoutMs, what, 'KEYCHAIN_UNAVAILABLE', run);
  return {
    status: () => ({ backend: 'keychain', persistent: true }),
    get: (account) => call('Reading from the keychain', () => keytar.getPassword(VAULT_SERVICE, account)),
    set: (account, secret) =>
      call('Writing to the keychain', () => keytar.setPassword(VAULT_SERVICE, account, secret)),
    delete: async (account) => {
      // Deleting an entry that is not there is success: the credential is gone either way.
      const removed = await call('Deleting from the keychain', () => keytar.deletePassword(VAULT_SERVICE, account));
      return removed.ok ? ok(undefined) : removed;
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isKeytar(value: unknown): value is Keytar {
  return (
    isRecord(value) &&
    typeof value.getPassword === 'function' &&
    typeof value.setPassword === 'function' &&
    typeof value.deletePassword === 'function'
  );
}
