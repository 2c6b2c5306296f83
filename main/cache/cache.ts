/**
 * The offline cache: one SQLite file in the user-data folder that every read in the app answers from, and that the
 * sync engine and the outbox write to. Every method returns a Result; storage trouble (full disk, read-only folder)
 * comes back as a STORAGE error with nothing already stored lost, and a file found damaged while running is moved
 * aside and replaced by a fresh one, announced through `onNotice`, so the app keeps working and sync refills it.
 * The outbox and drafts live in a file of their own that such a rebuild does not touch (durable.ts).
 */
import type { AppNotice } from '../../common/contract/app';
import type { CustomerPageQuery, MessageFindQuery, MessageFindResult, MessageWindowQuery } from '../../common/contract/cache';
import type {
  Agent,
  Channel,
  Customer,
  CustomerRecord,
  Draft,
  Freshness,
  Message,
  MessageRecord,
  OutboxItem,
  OutboxState,
  UnreadCounts,
} from '../../common/domain';
import { fail, ok, type Result } from '../../common/result';
import { listAgents, listChannels, replaceChannels } from './channels-store';
import {
  customerPage,
  getCustomer,
  knownLastMessageTimes,
  markRead,
  unreadCounts,
  upsertCustomers,
  type CustomerPageItems,
  type UpsertOutcome,
} from './customers-store';
import { changeCustomer, customerIdByPhone, deleteCustomer, deleteMessage } from './customer-edits-store';
import { connectToFile, inMemory, isCorruption, storageError, type Connect, type SqliteDatabase } from './database';
import { outboxFileFor, restorePendingMessages } from './durable';
import { openCacheDatabase, recoverFromDamage } from './durable-open';
import { forgetMedia, mediaOnDiskByLastUse, mediaOnDiskBytes, rememberMedia, useMedia } from './media-store';
import {
  historyExtent,
  findInConversation,
  historyStartKey,
  messageWindow,
  searchMessages,
  upsertMessages,
  type HistoryExtent,
  type MessagesOutcome,
  type WindowItems,
} from './messages-store';
import { claimNextSend, discardSend, enqueueSend, getOutboxItem, listSends, updateSend, type NewSend, type SendUpdate } from './outbox-store';
import { lastInboundAt } from './inbound-store';
import type { CachedMedia } from './rows';
import { Sql } from './sql';
import { cursorKeys, freshness, getCursor, getDraft, listDrafts, saveDraft, setCursor, type SyncCursor } from './state-store';

export { cursorKeys, inMemory };
export type { CachedMedia, CustomerPageItems, HistoryExtent, MessagesOutcome, NewSend, SendUpdate, SyncCursor, UpsertOutcome, WindowItems };

export interface OpenCacheOptions {
  /** The database file, or ':memory:' for a cache that lives as long as the process (tests, no user-data folder). */
  file: string;
  now?: () => number;
  /** The outbox and drafts' own file; beside the cache file by default (see outboxFileFor). */
  outboxFile?: string;
  /** Told when the cache had to be rebuilt, for the agent to see (`app:notice`). */
  onNotice?: (notice: AppNotice) => void;
  connect?: Connect;
}

export function openCache(options: OpenCacheOptions): Result<Cache> {
  const settings = {
    file: options.file,
    outboxFile: options.outboxFile ?? outboxFileFor(options.file),
    now: options.now ?? Date.now,
    onNotice: options.onNotice ?? (() => {}),
    connect: options.connect ?? connectToFile,
  };
  const db = openCacheDatabase(settings);
  return db.ok ? ok(new Cache(db.value, settings)) : db;
}

type Settings = Required<OpenCacheOptions>;

export class Cache {
  #sql: Sql;
  readonly #settings: Settings;

  constructor(db: SqliteDatabase, settings: Settings) {
    this.#sql = new Sql(db);
    this.#settings = settings;
  }

  get file(): string {
    return this.#settings.file;
  }

  // Reads for the renderer.

  customerPage(query: CustomerPageQuery): Result<CustomerPageItems> {
    return this.#run((sql) => customerPage(sql, query));
  }

  getCustomer(id: string): Result<Customer | null> {
    return this.#run((sql) => getCustomer(sql, id));
  }

  messageWindow(query: MessageWindowQuery): Result<WindowItems> {
    return this.#run((sql) => messageWindow(sql, query));
  }

  /** How much of a customer's history the cache holds from the service, and whether its start is known. */
  historyExtent(customerId: string): Result<HistoryExtent> {
    return this.#run((sql) => historyExtent(sql, customerId));
  }

  /** The service proved the cache holds this customer's first message; remembered across restarts. */
  markHistoryStart(customerId: string): Result<void> {
    return this.setCursor(historyStartKey(customerId), 'reached');
  }

  /** When the customer last wrote through an agent, among all their cached messages (null: never). */
  lastInboundAt(customerId: string, agentId: string): Result<number | null> {
    return this.#run((sql) => lastInboundAt(sql, customerId, agentId));
  }

  searchMessages(query: { text: string; customerId?: string; limit: number }): Result<Message[]> {
    return this.#run((sql) => searchMessages(sql, query));
  }

  /** Where one conversation's cached messages match words, oldest first (find in conversation). */
  findInConversation(query: MessageFindQuery): Result<MessageFindResult> {
    return this.#run((sql) => findInConversation(sql, query));
  }

  unreadCounts(): Result<UnreadCounts> {
    return this.#run((sql) => unreadCounts(sql));
  }

  /** When the customer list (or, given an id, that customer's history) was last fetched from the server. */
  freshness(customerId?: string): Result<Freshness> {
    const key = customerId === undefined ? cursorKeys.customerList : cursorKeys.history(customerId);
    return this.#run((sql) => freshness(sql, key));
  }

  listChannels(): Result<Channel[]> {
    return this.#run((sql) => listChannels(sql));
  }

  listAgents(): Result<Agent[]> {
    return this.#run((sql) => listAgents(sql));
  }

  // Writes and lookups for the sync engine.

  replaceChannels(channels: readonly Channel[], agents: readonly Agent[]): Result<void> {
    return this.#run((sql) => replaceChannels(sql, channels, agents));
  }

  upsertCustomers(batch: readonly CustomerRecord[]): Result<UpsertOutcome> {
    return this.#run((sql) => {
      const outcome = upsertCustomers(sql, batch);
      // A customer back in a rebuilt cache gets its unsent messages back in the thread.
      if (outcome.ok) restorePendingMessages(sql);
      return outcome;
    });
  }

  upsertMessages(batch: readonly MessageRecord[]): Result<MessagesOutcome> {
    return this.#run((sql) => upsertMessages(sql, batch));
  }

  knownLastMessageTimes(ids: readonly string[]): Result<Record<string, number | null>> {
    return this.#run((sql) => knownLastMessageTimes(sql, ids));
  }

  markRead(customerId: string, through?: number): Result<{ unreadCount: number }> {
    return this.#run((sql) => markRead(sql, customerId, through));
  }

  // Changes the agent made on the service (main/customers/), written here once it answered.

  customerIdByPhone(phone: string): Result<string | null> {
    return this.#run((sql) => customerIdByPhone(sql, phone));
  }

  changeCustomer(id: string, change: { name?: string; chatbot?: { channelId: string; mode: string } }): Result<void> {
    return this.#run((sql) => changeCustomer(sql, id, change));
  }

  /** Removes the customer and all the app kept for them; answers whether the cache held them. */
  deleteCustomer(id: string): Result<boolean> {
    return this.#run((sql) => deleteCustomer(sql, id));
  }

  /** Removes one message; answers its key in the thread, or null when the cache did not hold it. */
  deleteMessage(customerId: string, messageId: string): Result<string | null> {
    return this.#run((sql) => deleteMessage(sql, customerId, messageId));
  }

  getCursor(key: string): Result<SyncCursor | null> {
    return this.#run((sql) => getCursor(sql, key));
  }

  setCursor(key: string, value: string): Result<void> {
    return this.#run((sql) => setCursor(sql, key, value, this.#settings.now()));
  }

  // Primitives for the outbox worker.

  enqueueSend(send: NewSend): Result<OutboxItem> {
    return this.#run((sql) => enqueueSend(sql, send, this.#settings.now()));
  }

  claimNextSend(customerId: string): Result<OutboxItem | null> {
    return this.#run((sql) => claimNextSend(sql, customerId, this.#settings.now()));
  }

  updateSend(clientId: string, update: SendUpdate): Result<OutboxItem> {
    return this.#run((sql) => updateSend(sql, clientId, update));
  }

  getSend(clientId: string): Result<OutboxItem | null> {
    return this.#run((sql) => getOutboxItem(sql, clientId));
  }

  listSends(filter?: { states?: readonly OutboxState[]; customerId?: string }): Result<OutboxItem[]> {
    return this.#run((sql) => listSends(sql, filter));
  }

  /** Removes a queued or failed send and its pending message (the agent's "discard"). */
  discardSend(clientId: string): Result<OutboxItem> {
    return this.#run((sql) => discardSend(sql, clientId));
  }

  // Drafts and media.

  getDraft(customerId: string): Result<Draft | null> {
    return this.#run((sql) => getDraft(sql, customerId));
  }

  listDrafts(): Result<Draft[]> {
    return this.#run((sql) => listDrafts(sql));
  }

  saveDraft(customerId: string, text: string): Result<void> {
    return this.#run((sql) => saveDraft(sql, customerId, text, this.#settings.now()));
  }

  rememberMedia(media: CachedMedia): Result<void> {
    return this.#run((sql) => rememberMedia(sql, media));
  }

  useMedia(id: string): Result<CachedMedia | null> {
    return this.#run((sql) => useMedia(sql, id, this.#settings.now()));
  }

  mediaOnDiskByLastUse(limit: number): Result<CachedMedia[]> {
    return this.#run((sql) => mediaOnDiskByLastUse(sql, limit));
  }

  mediaOnDiskBytes(): Result<number> {
    return this.#run((sql) => mediaOnDiskBytes(sql));
  }

  forgetMedia(id: string): Result<void> {
    return this.#run((sql) => forgetMedia(sql, id));
  }

  close(): void {
    if (this.#sql.db.open) this.#sql.db.close();
  }

  /** The choke point every method goes through: storage failures become Results, damage triggers a rebuild. */
  #run<T>(operation: (sql: Sql) => Result<T>): Result<T> {
    if (!this.#sql.db.open) return fail('STORAGE', 'The cache is closed');
    try {
      return operation(this.#sql);
    } catch (error) {
      if (isCorruption(error) && this.#settings.file !== inMemory) return this.#rebuild(error);
      const storage = storageError(error, this.#settings.file);
      if (storage) return { ok: false, error: storage };
      throw error;
    }
  }

  #rebuild(cause: unknown): Result<never> {
    const { file } = this.#settings;
    const detail = storageError(cause, file)?.message ?? 'damaged';
    const fresh = recoverFromDamage(this.#sql.db, this.#settings);
    if (!fresh.ok) return fail('STORAGE', `${detail} Rebuilding it failed: ${fresh.error.message}`);
    this.#sql = new Sql(fresh.value.db);
    if (fresh.value.outboxDamaged) {
      return fail('STORAGE', 'The file of unsent messages was damaged; what could be read from it was kept.', { retryable: true });
    }
    return fail('STORAGE', `${detail} It has been rebuilt empty and refills from the server.`, { retryable: true });
  }
}
