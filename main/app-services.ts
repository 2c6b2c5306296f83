/**
 * Builds main's services and the handler table over them. Both the Electron shell and browser mode's host call
 * this, so the two transports run the very same code behind the contract.
 */
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppNotice } from '../common/contract/app';
import { ok } from '../common/result';
import { inMemory, openCache, type Cache } from './cache/cache';
import { cacheHandlers } from './cache/cache-handlers';
import type { HandlerTable } from './ipc/handler-table';
import { EventBus } from './ipc/event-bus';
import { createMediaService } from './media/media-service';
import type { WebMediaHandler } from './media/web-media';
import { productInfo } from './product-info';
import { startEmbeddedSandbox } from './session/embedded-sandbox';
import { SandboxTrial, type StartSandbox } from './session/sandbox-trial';
import { Session } from './session/session';
import { createVault } from './vault/create-vault';
import { createMemoryVault } from './vault/memory-vault';
import type { SafeStorage } from './vault/safe-storage-vault';
import { createSyncServices } from './sync/sync-services';

/** How long one keychain or safeStorage call may take before the vault treats that backend as unavailable. */
const VAULT_TIMEOUT_MS = 3_000;

export interface AppServicesOptions {
  mode: 'electron' | 'browser';
  /** The cache, preferences and safeStorage file live here; without it everything stays in memory (tests). */
  userDataDir?: string;
  /** Electron's safeStorage, the vault's fallback when the keychain does not work (the Electron shell only). */
  safeStorage?: SafeStorage;
  /** Starts the sandbox for "try it without an account"; the embedded one by default (tests hand in their own). */
  startSandbox?: StartSandbox;
}

export interface AppServices {
  readonly handlers: HandlerTable;
  readonly events: EventBus;
  /** The signed-in account; every call to the 2-Way service goes through `session.call`. */
  readonly session: Session;
  /** Answers `inbox-media://` requests in the Electron shell (main/media/media-route.ts). */
  readonly handleMediaRequest?: (request: Request) => Promise<Response>;
  /** Browser mode's `/media/...` routes, for the web host to mount behind its checks. */
  readonly handleWebMedia?: WebMediaHandler;
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
  session.onChange((status) => events.emit('session:changed', status));
  const sandboxTrial = new SandboxTrial(session, options.startSandbox ?? startEmbeddedSandbox);
  void session.restore();
  const cache = openAppCache(options.userDataDir, events);
  const media = createMediaService({
    api: session,
    status: () => session.status(),
    events,
    mode: options.mode,
    index: cache,
    dataDir: options.userDataDir ?? join(tmpdir(), `2way-inbox-${process.pid}-${randomUUID()}`),
    ephemeral: options.userDataDir === undefined,
  });
  const syncServices = createSyncServices({ cache, session, events });
  const handlers: HandlerTable = {
    'app:info': () =>
      ok({ name: productInfo.productName, version: productInfo.version, mode: options.mode, platform: process.platform }),
    'vault:status': () => ok(vault.status()),
    'session:sign-in': (input) => session.signIn(input),
    'session:sign-out': async () => ok(await session.signOut()),
    'session:status': () => ok(session.status()),
    'session:try-sandbox': () => sandboxTrial.start(),
    ...cacheHandlers(cache),
    ...media.handlers,
    ...syncServices.handlers,
  };
  return {
    handlers,
    events,
    session,
    handleMediaRequest: media.handleMediaRequest,
    ...(media.handleWebMedia ? { handleWebMedia: media.handleWebMedia } : {}),
    close: async () => {
      await media.close();
      await syncServices.close();
      cache.close();
      await sandboxTrial.close();
      session.close();
    },
  };
}

/** The app's SQLite cache in the user-data folder; in memory, with a notice, when there is none or it cannot open. */
function openAppCache(userDataDir: string | undefined, events: EventBus): Cache {
  const onNotice = (notice: AppNotice) => events.emit('app:notice', notice);
  if (userDataDir !== undefined) {
    const opened = openCache({ file: join(userDataDir, 'cache.sqlite'), onNotice });
    if (opened.ok) return opened.value;
    onNotice({ level: 'error', message: opened.error.message });
  }
  const memory = openCache({ file: inMemory, onNotice });
  if (!memory.ok) throw new Error(`The in-memory cache failed to open: ${memory.error.message}`);
  return memory.value;
}
