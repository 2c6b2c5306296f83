/** The last resort: secrets kept in this process only, so the agent signs in again after every launch. */
import { ok } from '../../common/result';
import type { CredentialVault, VaultStatus } from './vault';

export function createMemoryVault(reason: string): CredentialVault {
  const secrets = new Map<string, string>();
  const status: VaultStatus = { backend: 'memory', persistent: false, reason };
  return {
    status: () => ({ ...status }),
    get: async (account) => ok(secrets.get(account) ?? null),
    set: async (account, secret) => {
      secrets.set(account, secret);
      return ok(undefined);
    },
    delete: async (account) => {
      secrets.delete(account);
      return ok(undefined);
    },
  };
}
