/**
 * The sync engine and the outbox, wired for the app: both run while an account is signed in and talk to it through
 * the session, write to the cache, announce what changed on the event bus, and answer their contract channels.
 */
import type { outboxChannels } from '../../common/contract/outbox';
import type { SyncFocus, syncChannels } from '../../common/contract/sync';
import { fail, ok } from '../../common/result';
import type { SessionStatus } from '../../common/contract/session';
import { inMemory, type Cache } from '../cache/cache';
import type { DeletedCustomers } from '../customers/deleted-customers';
import type { EventBus } from '../ipc/event-bus';
import type { Handler } from '../ipc/handler-table';
import { Outbox, type OutboxPolicy } from '../outbox/outbox';
import type { Session } from '../session/session';
import { apiRemote, type CallsApi, type Remote } from '../remote/remote';
import type { SyncPolicy } from './schedule';
import { SyncEngine, type InboundNews } from './sync-engine';

type SyncChannel = keyof typeof syncChannels | keyof typeof outboxChannels;
export type SyncHandlers = { [C in SyncChannel]: Handler<C> };

/** What sync and the outbox need of the session: calls, and whether (and when) an account can make them. */
export type SessionView = CallsApi & Pick<Session, 'status' | 'onChange'>;

export interface SyncServicesOptions {
  cache: Cache;
  session: SessionView;
  events: EventBus;
  syncPolicy?: Partial<SyncPolicy>;
  outboxPolicy?: Partial<OutboxPolicy>;
  /** Customers' new messages, for notifications. */
  onInbound?: (news: InboundNews) => void;
  /** What the agent is looking at (`sync:focus`), for notifications too. */
  onFocus?: (focus: SyncFocus) => void;
  /** The account's customers deleted while reads were on their way (customer-handlers records them). */
  deletions?: DeletedCustomers;
}

export interface SyncServices {
  readonly sync: SyncEngine;
  readonly outbox: Outbox;
  /** The signed-in account's service, for fetches the agent asks for (older history). */
  readonly remote: Remote;
  readonly handlers: SyncHandlers;
  close(): Promise<void>;
}

/** The outbox's lock lives beside the database file it guards; an in-memory cache is this process's alone. */
export function outboxLockFile(cache: Cache): string | undefined {
  return cache.file === inMemory ? undefined : `${cache.file}.outbox-lock`;
}

/** Whether the session can make calls: signed in, or signed in before and only failing to renew (offline). */
function hasAccount(status: SessionStatus): boolean {
  return status.state === 'signed-in' || status.state === 'error';
}

export function createSyncServices(options: SyncServicesOptions): SyncServices {
  const { cache, session, events } = options;
  const remote = apiRemote(session);
  const customersChanged = (ids: string[]) => events.emit('customers:changed', { ids });
  const messagesChanged = (customerId: string, ids: string[]) => events.emit('messages:changed', { customerId, ids });
  // The outbox and the engine tell each other things, through closures called only once both exist.
  const sync = new SyncEngine({
    remote,
    cache,
    ...(options.syncPolicy ? { policy: options.syncPolicy } : {}),
    onCustomersChanged: customersChanged,
    onMessagesChanged: messagesChanged,
    onStatus: (status) => events.emit('sync:status', status),
    onReachable: () => box.networkReturned(),
    ...(options.onInbound ? { onInbound: options.onInbound } : {}),
    ...(options.deletions ? { deletions: options.deletions } : {}),
  });
  const lockFile = outboxLockFile(cache);
  const box = new Outbox({
    cache,
    remote,
    ...(lockFile !== undefined ? { lockFile } : {}),
    ...(options.outboxPolicy ? { policy: options.outboxPolicy } : {}),
    onChanged: (change) => events.emit('outbox:changed', change),
    onMessagesChanged: messagesChanged,
    onCustomersChanged: customersChanged,
    onSent: (item) => sync.watchStatuses(item.customerId),
  });

  let transition = Promise.resolve();
  const follow = (status: SessionStatus): void => {
    // Start and stop in the order the session changed, never two at once.
    transition = transition.then(async () => {
      if (hasAccount(status)) {
        sync.start();
        box.start();
      } else if (status.state === 'signed-out') {
        await Promise.all([sync.stop(), box.close()]);
      }
    });
  };
  const unsubscribe = session.onChange(follow);
  follow(session.status());

  const handlers: SyncHandlers = {
    'sync:status': () => ok(sync.status()),
    'sync:now': async () => ok(await sync.syncNow()),
    'sync:focus': (focus) => {
      sync.setFocus(focus);
      options.onFocus?.(focus);
      return ok({});
    },
    'sync:network': ({ online }) => {
      sync.setNetwork(online);
      box.setOnline(online);
      return ok({});
    },
    'outbox:send': (request) =>
      hasAccount(session.status()) ? box.send(request) : fail('UNAUTHENTICATED', 'Sign in to send messages'),
    'outbox:retry': ({ clientId }) => box.retry(clientId),
    'outbox:discard': ({ clientId }) => box.discard(clientId),
    'outbox:list': (query) => box.list(query),
  };

  return {
    sync,
    outbox: box,
    remote,
    handlers,
    close: async () => {
      unsubscribe();
      await transition;
      await Promise.all([sync.stop(), box.close()]);
    },
  };
}
