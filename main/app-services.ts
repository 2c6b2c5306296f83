/**
 * Builds main's services and the handler table over them. Both the Electron shell and browser mode's host call
 * this, so the two transports run the very same code behind the contract.
 */
import { join } from 'node:path';
import { ok } from '../common/result';
import { adminChannelNames } from '../common/contract/admin';
import { composeChannelNames } from '../common/contract/compose';
import { AccountScopes } from './account/account-scopes';
import { AccountSession } from './account/account-session';
import { adminHandlers } from './admin/admin-handlers';
import { composeHandlers } from './compose/compose-handlers';
import { conversationHandlers } from './conversation/conversation-handlers';
import { customerHandlers } from './customers/customer-handlers';
import { customersChannelNames } from '../common/contract/customers';
import { sendViaChannelNames, sendViaHandlers } from './send-via/send-via-handlers';
import type { HandlerTable } from './ipc/handler-table';
import { EventBus } from './ipc/event-bus';
import { silentNotificationPorts, type NotificationPorts } from './notify/inbound-notifier';
import { NotificationSettings } from './notify/notification-prefs';
import { OpenRequests } from './open-requests';
import { cachedCustomerLookup } from './deep-link';
import type { WebMediaHandler } from './media/web-media';
import { productInfo } from './product-info';
import { startEmbeddedSandbox } from './session/embedded-sandbox';
import { SandboxTrial, type StartSandbox } from './session/sandbox-trial';
import { Session } from './session/session';
import { createVault } from './vault/create-vault';
import { createMemoryVault } from './vault/memory-vault';
import { updateHandlers } from './updates/update-feed';
import type { UpdateMachine } from './updates/update-machine';
import type { SafeStorage } from './vault/safe-storage-vault';

/** How long one keychain or safeStorage call may take before the vault treats that backend as unavailable. */
const VAULT_TIMEOUT_MS = 3_000;

export interface AppServicesOptions {
  mode: 'electron' | 'browser';
  /**
   * Preferences and the safeStorage file live here, and each account's data (cache, outbox, media) in its own
   * folder under `accounts/` (main/account/); without it everything stays in memory (tests).
   */
  userDataDir?: string;
  /** Electron's safeStorage, the vault's fallback when the keychain does not work (the Electron shell only). */
  safeStorage?: SafeStorage;
  /** Starts the sandbox for "try it without an account"; the embedded one by default (tests hand in their own). */
  startSandbox?: StartSandbox;
  /** How customers' new messages reach the agent: the Electron shell's OS notifications and badge; none by default. */
  notificationPorts?: NotificationPorts;
  /** The desktop app's updates (the Electron shell, when a feed is configured); `updates:state` answers off without. */
  updates?: UpdateMachine;
}

export interface AppServices {
  readonly handlers: HandlerTable;
  readonly events: EventBus;
  /** The signed-in account; every call to the 2-Way service goes through `session.call`. */
  readonly session: Session;
  /** The signed-in account's data: cache, sync, outbox and media, opened and closed with the account. */
  readonly accounts: AccountScopes;
  /** Answers `inbox-media://` requests in the Electron shell (main/media/media-route.ts). */
  readonly handleMediaRequest?: (request: Request) => Promise<Response>;
  /** Browser mode's `/media/...` routes, for the web host to mount behind its checks. */
  readonly handleWebMedia?: WebMediaHandler;
  /** Conversations asked for from outside the inbox (notifications, links), kept until the inbox takes them. */
  readonly openRequests: OpenRequests;
  close(): Promise<void>;
}

export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  const events = new EventBus();
  const vault =
    options.userDataDir === undefined
      ? createMemoryVault('No user-data folder was given, so nothing is saved')
      : await createVault({ safeStorage: options.safeStorage, dataDir: options.userDataDir, timeoutMs: VAULT_TIMEOUT_MS });
  const session = new Session({
    vault,
    ...(options.userDataDir !== undefined ? { prefsPath: join(options.userDataDir, 'session.json') } : {}),
    onWarning: (message) => events.emit('app:notice', { level: 'warning', message }),
  });
  const sandboxTrial = new SandboxTrial(session, options.startSandbox ?? startEmbeddedSandbox);
  const notificationSettings = new NotificationSettings(
    options.userDataDir === undefined ? undefined : join(options.userDataDir, 'notifications.json'),
  );
  // Following the session before the renderer hears of a change: its next read already waits for the switch.
  const accounts = new AccountScopes({
    session,
    events,
    mode: options.mode,
    ...(options.userDataDir !== undefined ? { userDataDir: options.userDataDir } : {}),
    isSandboxTrial: (account) => sandboxTrial.runsAt(account.baseUrl),
    notifications: { ports: options.notificationPorts ?? silentNotificationPorts, prefs: () => notificationSettings.current() },
  });
  session.onChange((status) => events.emit('session:changed', status));
  void session.restore();
  const openRequests = new OpenRequests({
    events,
    lookup: cachedCustomerLookup(accounts),
    signedIn: () => session.account() !== undefined,
  });
  const handlers: HandlerTable = {
    'app:info': () =>
      ok({ name: productInfo.productName, version: productInfo.version, mode: options.mode, platform: process.platform }),
    'app:notices': () => ok({ notices: events.notices() }),
    'app:dismiss-notice': (notice) => {
      events.dismissNotice(notice);
      return ok({});
    },
    'vault:status': () => ok(vault.status()),
    'session:sign-in': (input) => session.signIn(input),
    'session:sign-out': async ({ forget }) => {
      const account = session.account();
      const status = await session.signOut();
      if (forget === true && account) await accounts.forget(account);
      return ok(status);
    },
    'session:status': () => ok(session.status()),
    'session:try-sandbox': () => sandboxTrial.start(),
    ...accounts.handlers(),
    ...accounts.scoped(['conversation:mark-read', 'conversation:load-older'], (scope) =>
      conversationHandlers(scope.cache, events, scope.sync.remote, scope.deletions),
    ),
    ...accounts.scoped(adminChannelNames, (scope) => adminHandlers(new AccountSession(session, scope.account), { store: scope.cache, mode: options.mode })),
    ...accounts.scoped(customersChannelNames, (scope) =>
      customerHandlers({
        api: new AccountSession(session, scope.account),
        cache: scope.cache,
        events,
        online: () => scope.sync.sync.status().state !== 'offline',
        deletions: scope.deletions,
      }),
    ),
    ...accounts.scoped(sendViaChannelNames, (scope) => sendViaHandlers(scope.cache)),
    ...accounts.scoped(composeChannelNames, (scope) => composeHandlers({ api: new AccountSession(session, scope.account), cache: scope.cache })),
    'prefs:notifications': async () => ok(await notificationSettings.load()),
    'prefs:set-notifications': (change) => notificationSettings.update(change),
    'app:take-open-request': async () => ok(await openRequests.take()),
    ...updateHandlers(options.updates),
  };
  return {
    handlers,
    events,
    session,
    accounts,
    openRequests,
    handleMediaRequest: accounts.handleMediaRequest,
    ...(options.mode === 'browser' ? { handleWebMedia: accounts.handleWebMedia } : {}),
    close: async () => {
      await accounts.close();
      await sandboxTrial.close();
      session.close();
    },
  };
}
