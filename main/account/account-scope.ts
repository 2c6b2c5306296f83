/**
 * Everything that belongs to one signed-in account, opened and closed together: its cache database, the sync engine
 * and the outbox over it (with the outbox's instance lock beside the database), and the media pipeline with its disk
 * cache and remembered uploads. With a user-data folder it all lives in that account's folder (account-folder.ts);
 * without one (tests, no folder given) the cache is in memory and media goes to a scratch folder removed at close.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppNotice } from '../../common/contract/app';
import { inMemory, openCache, type Cache } from '../cache/cache';
import type { EventBus } from '../ipc/event-bus';
import type { HandlerTable } from '../ipc/handler-table';
import { cacheHandlers } from '../cache/cache-handlers';
import { draftsHandlers } from '../drafts/drafts-handlers';
import { createMediaService, type MediaService } from '../media/media-service';
import { InboundNotifier, type InboundNotifierOptions } from '../notify/inbound-notifier';
import type { OutboxPolicy } from '../outbox/outbox';
import type { Session } from '../session/session';
import type { SyncPolicy } from '../sync/schedule';
import type { SyncFocus } from '../../common/contract/sync';
import type { InboundNews } from '../sync/sync-engine';
import { createSyncServices, type SyncServices } from '../sync/sync-services';
import { DeletedCustomers } from '../customers/deleted-customers';
import { accountFolder, CACHE_FILE, OUTBOX_FILE, prepareAccountFolder, type AccountId } from './account-folder';
import { AccountSession } from './account-session';

/** The contract channels whose answers depend on the account: they read or write its data. */
export const accountChannels = [
  'customers:page',
  'messages:window',
  'inbox:unread',
  'customers:get',
  'messages:find',
  'inbox:channels',
  'media:prepare',
  'media:upload',
  'media:cancel',
  'media:list',
  'sync:status',
  'sync:now',
  'sync:focus',
  'sync:network',
  'outbox:send',
  'outbox:retry',
  'outbox:discard',
  'outbox:list',
  'drafts:get',
  'drafts:save',
  'drafts:list',
] as const;
export type AccountChannel = (typeof accountChannels)[number];
export type AccountHandlers = Pick<HandlerTable, AccountChannel>;

export interface AccountScopeOptions {
  account: AccountId;
  session: Session;
  events: EventBus;
  mode: 'electron' | 'browser';
  userDataDir?: string;
  /** The embedded sandbox's demo account: its folder is throwaway and goes when the scope closes. */
  sandboxTrial: boolean;
  syncPolicy?: Partial<SyncPolicy>;
  outboxPolicy?: Partial<OutboxPolicy>;
  /** How customers' new messages reach the agent (OS notifications, the badge); none without. */
  notifications?: AccountNotifications;
}

/** The notifier's options that are the app's, not the account's. */
export type AccountNotifications = Omit<InboundNotifierOptions, 'cache'>;

export class AccountScope {
  readonly account: AccountId;
  /** The account's folder in the user-data folder, or undefined when its data lives in memory. */
  readonly folder: string | undefined;
  readonly sandboxTrial: boolean;
  readonly cache: Cache;
  /** Customers the agent deleted, so reads begun before a delete do not store them again. */
  readonly deletions = new DeletedCustomers();
  readonly sync: SyncServices;
  readonly media: MediaService;
  readonly handlers: AccountHandlers;
  readonly #notifier: InboundNotifier | undefined;
  readonly #stopBadge: () => void;
  #closing: Promise<void> | undefined;

  constructor(options: AccountScopeOptions) {
    const { account, events } = options;
    this.account = account;
    this.sandboxTrial = options.sandboxTrial;
    const onNotice = (notice: AppNotice) => events.emit('app:notice', notice);
    this.folder = openAccountFolder(options, onNotice);
    this.cache = openAccountCache(this.folder, onNotice);
    const session = new AccountSession(options.session, account);
    const notifier = options.notifications ? new InboundNotifier({ ...options.notifications, cache: this.cache }) : undefined;
    this.#notifier = notifier;
    this.sync = createSyncServices({
      cache: this.cache,
      deletions: this.deletions,
      session,
      events,
      ...(notifier
        ? { onInbound: (news: InboundNews) => notifier.inbound(news), onFocus: (focus: SyncFocus) => notifier.setFocus(focus) }
        : {}),
      ...(options.syncPolicy ? { syncPolicy: options.syncPolicy } : {}),
      ...(options.outboxPolicy ? { outboxPolicy: options.outboxPolicy } : {}),
    });
    this.media = createMediaService({
      api: session,
      status: () => session.status(),
      events,
      mode: options.mode,
      index: this.cache,
      dataDir: this.folder ?? join(tmpdir(), `2way-inbox-${process.pid}-${randomUUID()}`),
      ephemeral: this.folder === undefined,
    });
    this.handlers = { ...cacheHandlers(this.cache), ...draftsHandlers(this.cache, events), ...this.media.handlers, ...this.sync.handlers };
    if (notifier) {
      // Whatever moves a list entry may move the unread total: news, a conversation marked read, a send.
      this.#stopBadge = events.subscribe((event) => {
        if (event === 'customers:changed') notifier.listChanged();
      });
      notifier.refreshBadge();
    } else {
      this.#stopBadge = () => undefined;
    }
  }

  /**
   * Stops sync and the outbox (releasing the lock), cancels uploads and closes the database; `forget` (and a sandbox
   * trial, always) then removes the account's folder. Safe to call more than once.
   */
  close(options: { forget?: boolean } = {}): Promise<void> {
    this.#closing ??= (async () => {
      this.#stopBadge();
      await this.sync.close();
      this.#notifier?.close();
      await this.media.close();
      this.cache.close();
      if (this.folder !== undefined && (options.forget === true || this.sandboxTrial)) {
        fs.rmSync(this.folder, { recursive: true, force: true });
      }
    })();
    return this.#closing;
  }
}

/** The account's folder, ready; undefined (data in memory, with a notice) without a user-data folder or when it fails. */
function openAccountFolder(options: AccountScopeOptions, onNotice: (notice: AppNotice) => void): string | undefined {
  if (options.userDataDir === undefined) return undefined;
  const { account, sandboxTrial } = options;
  const folder = accountFolder(options.userDataDir, account);
  try {
    prepareAccountFolder(folder, { email: account.email, baseUrl: account.baseUrl, sandboxTrial });
    return folder;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    onNotice({ level: 'error', message: `The data folder of ${account.email} cannot be written (${detail}); nothing is kept after sign-out.` });
    return undefined;
  }
}

/** The account's cache file; in memory, with a notice, when there is no folder or the file cannot open. */
function openAccountCache(folder: string | undefined, onNotice: (notice: AppNotice) => void): Cache {
  if (folder !== undefined) {
    const opened = openCache({ file: join(folder, CACHE_FILE), outboxFile: join(folder, OUTBOX_FILE), onNotice });
    if (opened.ok) return opened.value;
    onNotice({ level: 'error', message: opened.error.message });
  }
  const memory = openCache({ file: inMemory, onNotice });
  if (!memory.ok) throw new Error(`The in-memory cache failed to open: ${memory.error.message}`);
  return memory.value;
}
