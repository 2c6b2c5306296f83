/** Where the agent's saved password lives, for the UI to show (a memory-only vault means signing in every launch). */
import { z } from 'zod';

export const VaultStatus = z.object({
  backend: z.enum(['keychain', 'safe-storage', 'memory']),
  /** False for memory: the password is forgotten when the app quits. */
  persistent: z.boolean(),
  /** Why a better backend was not used. */
  reason: z.string().optional(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

export const vaultChannels = {
  'vault:status': { input: z.object({}).strict(), output: VaultStatus },
} as const;
