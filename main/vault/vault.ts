/**
 * Where the agent's password lives between launches: the OS keychain when it works, Electron's safeStorage when the
 * OS encrypts for us, memory otherwise. Only this interface leaves main/vault; the session never knows which.
 */
import type { VaultStatus } from '../../common/contract/vault';
import type { Result } from '../../common/result';

export type { VaultStatus };
export type VaultBackend = VaultStatus['backend'];

export interface CredentialVault {
  status(): VaultStatus;
  get(account: string): Promise<Result<string | null>>;
  set(account: string, secret: string): Promise<Result<void>>;
  delete(account: string): Promise<Result<void>>;
}

/** The keychain's service name and the account naming the issue fixes: one entry per email per service URL. */
export const VAULT_SERVICE = '2-Way Inbox';
export function vaultAccount(email: string, baseUrl: string): string {
  return `${email} at ${baseUrl}`;
}
