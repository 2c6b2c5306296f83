/**
 * What the account-switching tests share: a sandbox on 127.0.0.1 with two accounts (each its own enterprise), a
 * session, and the app's per-account data (AccountScopes) in a temporary user-data folder.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AccountScopes } from '../../../main/account/account-scopes';
import type { AccountScope } from '../../../main/account/account-scope';
import { EventBus } from '../../../main/ipc/event-bus';
import { Session } from '../../../main/session/session';
import type { CredentialVault } from '../../../main/vault/vault';
import { createMemoryVault } from '../../../main/vault/memory-vault';
import { DEMO_ACCOUNT } from '../../../sandbox/index';
import { fastOutbox } from '../sync/world';

export const ACCOUNT_A = DEMO_ACCOUNT;
export const ACCOUNT_B = { email: 'other@demo.2way.test', password: 'other-secret' };

export interface App {
  session: Session;
  scopes: AccountScopes;
  handlers: ReturnType<AccountScopes['handlers']>;
  close(): Promise<void>;
}

/** The app's session and account data as app-services wires them, over `userDataDir`. */
export function startApp(userDataDir: string, vault: CredentialVault = createMemoryVault('test')): App {
  const session = new Session({ vault, prefsPath: join(userDataDir, 'session.json'), retry: { maxAttempts: 1 }, responseTimeoutMs: 5_000 });
  const scopes = new AccountScopes({
    session,
    events: new EventBus(),
    mode: 'electron',
    userDataDir,
    isSandboxTrial: () => false,
    outboxPolicy: fastOutbox,
  });
  return {
    session,
    scopes,
    handlers: scopes.handlers(),
    close: async () => {
      await scopes.close();
      session.close();
    },
  };
}

export async function currentScope(app: App): Promise<AccountScope> {
  const scope = await app.scopes.current();
  if (!scope) throw new Error('No account is open');
  return scope;
}

export function accountFolders(userDataDir: string): string[] {
  try {
    return readdirSync(join(userDataDir, 'accounts'));
  } catch {
    return [];
  }
}
