/**
 * Opens the data of whoever is signed in, and only theirs: follows the session's account (Session.account()),
 * closing the previous account's scope (sync and outbox stopped, lock released, database closed) before the next
 * one opens. While signed out nothing account-specific is open and the account channels answer as for an empty
 * inbox. Every account channel waits for a switch in progress, so no answer ever mixes two accounts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import fs from 'node:fs';
import { fail, ok } from '../../common/result';
import type { EventBus } from '../ipc/event-bus';
import type { ChannelName } from '../../common/contract';
import type { Handler, HandlerTable } from '../ipc/handler-table';
import type { MediaRequestHandler } from '../media/media-route';
import type { WebMediaHandler } from '../media/web-media';
import type { OutboxPolicy } from '../outbox/outbox';
import type { Session } from '../session/session';
import type { SyncPolicy } from '../sync/schedule';
import { accountFolder, removeTrialLeftovers, sameAccount, type AccountId } from './account-folder';
import { AccountScope, type AccountChannel, type AccountHandlers, type AccountNotifications } from './account-scope';

export interface AccountScopesOptions {
  session: Session;
  events: EventBus;
  mode: 'electron' | 'browser';
  /** Accounts' folders go under `<userDataDir>/accounts/`; without it every account's data lives in memory. */
  userDataDir?: string;
  /** Whether this account is the embedded sandbox's trial, whose data is thrown away when the trial ends. */
  isSandboxTrial: (account: AccountId) => boolean;
  syncPolicy?: Partial<SyncPolicy>;
  outboxPolicy?: Partial<OutboxPolicy>;
  /** Notifications and the badge for whichever account is signed in. */
  notifications?: AccountNotifications;
}

const SIGN_IN_FIRST = 'Sign in first';
const neverSynced = { lastSyncedAt: null };

/** What the account channels answer while no account is signed in: an empty inbox, and no sending. */
const signedOutHandlers: AccountHandlers = {
  'customers:page': () => ok({ items: [], freshness: neverSynced }),
  'messages:window': () => ok({ items: [], hasOlder: false, hasNewer: false, freshness: neverSynced }),
  'inbox:unread': () => ok({ messages: 0, conversations: 0, byChannel: {} }),
  'customers:get': () => ok(null),
  'messages:find': () => ok({ matches: [], truncated: false }),
  'inbox:channels': () => ok([]),
  'media:prepare': () => fail('UNAUTHENTICATED', SIGN_IN_FIRST),
  'media:upload': () => fail('UNAUTHENTICATED', SIGN_IN_FIRST),
  'media:cancel': () => ok({ cancelled: false }),
  'media:list': () => fail('UNAUTHENTICATED', SIGN_IN_FIRST),
  'sync:status': () => ok({ state: 'signed-out' }),
  'sync:now': () => ok({ state: 'signed-out' }),
  'sync:focus': () => ok({}),
  'sync:network': () => ok({}),
  'outbox:send': () => fail('UNAUTHENTICATED', 'Sign in to send messages'),
  'outbox:retry': () => fail('UNAUTHENTICATED', SIGN_IN_FIRST),
  'outbox:discard': () => fail('UNAUTHENTICATED', SIGN_IN_FIRST),
  'outbox:list': () => ok([]),
  'drafts:get': () => ok(null),
  'drafts:save': () => fail('UNAUTHENTICATED', SIGN_IN_FIRST),
  'drafts:list': () => ok({ drafts: [] }),
};

export class AccountScopes {
  readonly #options: AccountScopesOptions;
  readonly #stopFollowing: () => void;
  #current: AccountScope | undefined;
  /** Switches run one after another, in the order the session changed. */
  #switching: Promise<void> = Promise.resolve();
  /** The renderer's last word on the network (`sync:network`), for the scope of the next account too. */
  #online: boolean | undefined;
  #closed = false;

  constructor(options: AccountScopesOptions) {
    this.#options = options;
    if (options.userDataDir !== undefined) removeTrialLeftovers(options.userDataDir);
    this.#stopFollowing = options.session.onChange(() => this.#follow());
    this.#follow();
  }

  /** The signed-in account's scope once any switch in progress is done, or undefined while signed out. */
  async current(): Promise<AccountScope | undefined> {
    await this.#switching;
    return this.#current;
  }

  /** Removes a signed-out account's folder (sign-out with "forget"); the account's open scope is closed first. */
  forget(account: AccountId): Promise<void> {
    return this.#queue(async () => {
      const { userDataDir } = this.#options;
      if (this.#current && sameAccount(this.#current.account, account)) await this.#closeCurrent({ forget: true });
      else if (userDataDir !== undefined) fs.rmSync(accountFolder(userDataDir, account), { recursive: true, force: true });
    });
  }

  /** The account channels, each answered by the signed-in account's scope, or as signed out. */
  handlers(): AccountHandlers {
    return {
      'customers:page': this.#delegate('customers:page'),
      'messages:window': this.#delegate('messages:window'),
      'inbox:unread': this.#delegate('inbox:unread'),
      'customers:get': this.#delegate('customers:get'),
      'messages:find': this.#delegate('messages:find'),
      'inbox:channels': this.#delegate('inbox:channels'),
      'media:prepare': this.#delegate('media:prepare'),
      'media:upload': this.#delegate('media:upload'),
      'media:cancel': this.#delegate('media:cancel'),
      'media:list': this.#delegate('media:list'),
      'sync:status': this.#delegate('sync:status'),
      'sync:now': this.#delegate('sync:now'),
      'sync:focus': this.#delegate('sync:focus'),
      'sync:network': (input) => {
        this.#online = input.online;
        return this.#delegate('sync:network')(input);
      },
      'outbox:send': this.#delegate('outbox:send'),
      'outbox:retry': this.#delegate('outbox:retry'),
      'outbox:discard': this.#delegate('outbox:discard'),
      'outbox:list': this.#delegate('outbox:list'),
      'drafts:get': this.#delegate('drafts:get'),
      'drafts:save': this.#delegate('drafts:save'),
      'drafts:list': this.#delegate('drafts:list'),
    };
  }

  /**
   * More channels answered per account (conversation actions and the like): `build` makes a scope's handlers the
   * first time that scope is asked; while signed out each of `channels` answers UNAUTHENTICATED.
   */
  scoped<C extends ChannelName>(channels: readonly C[], build: (scope: AccountScope) => Pick<HandlerTable, C>): Pick<HandlerTable, C> {
    const built = new WeakMap<AccountScope, Pick<HandlerTable, C>>();
    const handlersOf = (scope: AccountScope) => {
      const handlers = built.get(scope) ?? build(scope);
      built.set(scope, handlers);
      return handlers;
    };
    const handlerFor = (channel: C): Handler<C> => async (input) => {
      const scope = await this.current();
      return scope ? handlersOf(scope)[channel](input) : fail('UNAUTHENTICATED', SIGN_IN_FIRST);
    };
    // One handler per listed channel, each tied to its own channel; the entries lose that pairing, hence the cast.
    return Object.fromEntries(channels.map((channel) => [channel, handlerFor(channel)])) as Pick<HandlerTable, C>;
  }

  /** `inbox-media://` requests, answered from the signed-in account's media; nothing while signed out. */
  readonly handleMediaRequest: MediaRequestHandler = async (request) => {
    const scope = await this.current();
    return scope ? scope.media.handleMediaRequest(request) : new Response(SIGN_IN_FIRST, { status: 404 });
  };

  /** Browser mode's `/media/...` routes, likewise. */
  readonly handleWebMedia: WebMediaHandler = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    const handler = (await this.current())?.media.handleWebMedia;
    if (handler) return handler(request, response, url);
    response.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' }).end(SIGN_IN_FIRST);
  };

  async close(): Promise<void> {
    this.#closed = true;
    this.#stopFollowing();
    await this.#queue(() => this.#closeCurrent());
  }

  #delegate<C extends AccountChannel>(channel: C): Handler<C> {
    return async (input) => {
      const scope = await this.current();
      const handlers: AccountHandlers = scope ? scope.handlers : signedOutHandlers;
      return handlers[channel](input);
    };
  }

  #follow(): void {
    // The account is read when the switch runs, not now: a burst of changes ends on the latest account.
    void this.#queue(async () => {
      const account = this.#closed ? undefined : this.#options.session.account();
      const current = this.#current;
      if (current && account && sameAccount(current.account, account)) return;
      if (current) await this.#closeCurrent();
      if (account) this.#open(account);
    });
  }

  #open(account: AccountId): void {
    const { session, events, mode, userDataDir, syncPolicy, outboxPolicy, notifications } = this.#options;
    const scope = new AccountScope({
      account,
      session,
      events,
      mode,
      sandboxTrial: this.#options.isSandboxTrial(account),
      ...(userDataDir !== undefined ? { userDataDir } : {}),
      ...(syncPolicy ? { syncPolicy } : {}),
      ...(outboxPolicy ? { outboxPolicy } : {}),
      ...(notifications ? { notifications } : {}),
    });
    if (this.#online !== undefined) void scope.handlers['sync:network']({ online: this.#online });
    this.#current = scope;
  }

  async #closeCurrent(options: { forget?: boolean } = {}): Promise<void> {
    const scope = this.#current;
    this.#current = undefined;
    await scope?.close(options);
  }

  #queue(step: () => Promise<void>): Promise<void> {
    const next = this.#switching.then(step).catch((error: unknown) => {
      const detail = error instanceof Error ? error.message : String(error);
      this.#options.events.emit('app:notice', { level: 'error', message: `The account's data could not be opened or closed: ${detail}` });
    });
    this.#switching = next;
    return next;
  }
}
