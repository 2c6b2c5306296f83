/**
 * The open conversation: a window of its messages read from main's cache (`messages:window`), older windows as the
 * agent scrolls up (`before`; once the cache has none, main fetches older pages from the service first with
 * `conversation:load-older`), a re-read when `messages:changed` or `outbox:changed` concerns this customer, the
 * draft being typed (kept by main per customer, `drafts:save`, so a reload or restart loses none of it), and replies
 * handed to the outbox in the order the agent pressed Enter (`outbox:send`, then retry or discard when one failed).
 * Messages live in `$state.raw`: a long history is replaced as a whole, never deep-tracked.
 */
import type { InboxBridge, PickedFile } from '../../../common/contract';
import type { MessageWindowQuery } from '../../../common/contract/cache';
import type { ChannelType, Customer, Freshness, Message, MessageCursor, MessagePayload } from '../../../common/domain';
import { buildText } from '../../../common/payloads';
import { fail, type InboxError, type Result } from '../../../common/result';
import { afterPaint } from '../../lib/after-paint';
import { cardPictureSource, type CardPictures } from '../compose/card-picture';
import { ComposeLookups } from '../compose/compose-lookups.svelte';
import { SendViaState } from '../compose/send-via-state.svelte';
import { AttachmentTray } from './attachment-state.svelte';
import { appendNewer, prependOlder, replaceNewest } from './message-window';

/** Sends one text reply to the open conversation; resolves once the app has taken it (queued), not delivered. */
export type SendText = (text: string) => Promise<Result<unknown>>;

/** How long typing pauses before the draft is saved; leaving the field, the conversation or the page saves at once. */
const defaultDraftSaveDelayMs = 400;

export const messageWindowSize = 50;
/**
 * The most messages the thread holds at once. Scrolling further back lets the newest go (and scrolling forward the
 * oldest), to be read again from the cache when the agent comes back, so a long history never grows the page past
 * a few screens' worth of messages.
 */
export const maxShownMessages = 300;
/** The largest window the contract accepts (`maxPageSize` in common/contract/cache.ts). */
const maxWindowSize = 200;

export type ConversationStatus = 'closed' | 'loading' | 'ready' | 'error';

function cursorOf(message: Message): MessageCursor {
  return { sent: message.sent, key: message.key };
}

export class ConversationState {
  customer = $state.raw<Customer | undefined>(undefined);
  items = $state.raw<Message[]>([]);
  /** The window read when the conversation opened, while `items` is still that very array (nothing changed it). */
  openedItems = $state.raw<Message[] | undefined>(undefined);
  /** The cache holds messages older than those shown. */
  hasOlder = $state(false);
  /** The cache holds messages newer than those shown: a window around a found message, not the newest. */
  hasNewer = $state(false);
  loadingNewer = $state(false);
  /** The service proved the cache holds the first message: nothing older exists anywhere. */
  startReached = $state(true);
  freshness = $state.raw<Freshness | undefined>(undefined);
  status = $state<ConversationStatus>('closed');
  error = $state.raw<InboxError | undefined>(undefined);
  loadingOlder = $state(false);
  /** Why older messages could not be fetched from the service (offline, most often); scrolling does not ask again. */
  olderError = $state.raw<InboxError | undefined>(undefined);
  /** What the agent is typing to the open customer; each conversation keeps its own, and main keeps it too. */
  draft = $state('');
  /** Why the open conversation's last reply was not taken; its words went back into the draft. */
  replyError = $state.raw<InboxError | undefined>(undefined);
  /** Files waiting to go to the open customer, in order; dropped when another conversation opens. */
  readonly attachments: AttachmentTray;
  /** The agent (and so the channel) sends to the open customer go through: "Send via". */
  readonly sendVia: SendViaState;
  /** Templates, link tokens and short links for the composer and the thread, looked up in main. */
  readonly lookups: ComposeLookups;
  /** Where the pictures of an RCS card the agent is building come from. */
  readonly cardPictures: CardPictures;

  /** The field's words of each conversation opened in this session (the open one's are in `draft`). */
  readonly #drafts: Record<string, string> = {};
  /** Per customer, the replies the agent pressed Enter for that the outbox has not taken yet, oldest first. */
  readonly #outgoing: Record<string, string[] | undefined> = {};
  readonly #replyErrors: Record<string, InboxError | undefined> = {};
  /** Per customer, the file on its way to the outbox that replies sent meanwhile must follow. */
  readonly #fileSends: Record<string, Promise<Result<unknown>> | undefined> = {};
  /** What main holds as each customer's draft, as far as this window knows (saves of the same words are skipped). */
  readonly #savedDrafts: Record<string, string | undefined> = {};
  /** Customers whose kept draft was read from main; none is saved before that, so a slow read cannot be overwritten. */
  readonly #restoredDrafts: Record<string, boolean | undefined> = {};
  /** Saves go out one after another, so an older text never lands after a newer one. */
  #draftSaves: Promise<unknown> = Promise.resolve();
  #draftTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #draftSaveDelayMs: number;
  /** Bumped when another conversation opens, so answers about the previous one are dropped. */
  #generation = 0;
  #refreshing = false;
  /** A change arrived while a read was on its way (or the conversation was still loading): read again after it. */
  #refreshWanted = false;
  #olderStalled = false;
  #markingRead = false;
  /** Where the last mark-read reached, so a count that stays above zero (newer messages not shown yet) is not re-asked. */
  #markedThrough: { customerId: string; sent: number | undefined } | undefined;

  constructor(
    private readonly bridge: InboxBridge,
    options: { draftSaveDelayMs?: number } = {},
  ) {
    this.#draftSaveDelayMs = options.draftSaveDelayMs ?? defaultDraftSaveDelayMs;
    this.sendVia = new SendViaState(bridge);
    this.lookups = new ComposeLookups(bridge);
    this.cardPictures = cardPictureSource(bridge);
    this.attachments = new AttachmentTray(bridge, () => this.channelType);
  }

  /** Re-reads the open conversation when its messages or its sends change; returns the function that stops listening. */
  listen(): () => void {
    const stops = [
      this.bridge.on('messages:changed', (change) => {
        if (change.customerId === this.customer?.id) void this.refresh();
      }),
      this.bridge.on('outbox:changed', (change) => {
        if (change.customerId === this.customer?.id) void this.refresh();
      }),
      this.bridge.on('media:progress', (progress) => this.attachments.progress(progress.uploadId, progress.sentBytes)),
      this.#saveDraftWhenPageHides(),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }

  /** Hands a text reply to the outbox, which stores it before anything leaves and shows it as pending. */
  async sendText(text: string): Promise<Result<unknown>> {
    const customer = this.customer;
    if (customer === undefined) return fail('BAD_INPUT', 'No conversation is open');
    const payload = buildText(text);
    if (!payload.ok) return payload;
    return this.#send(customer, payload.value);
  }

  /** Hands a payload a composer tool built (a location, a contact) to the outbox, like a text reply. */
  async sendPayload(payload: MessagePayload): Promise<Result<unknown>> {
    const customer = this.customer;
    if (customer === undefined) return fail('BAD_INPUT', 'No conversation is open');
    return this.#send(customer, payload);
  }

  /**
   * Sends a message the service marked failed again, as a new message with the same payload through the same agent
   * (not the one chosen in "Send via": the agent tries again what was tried). Resolves once the outbox has it.
   */
  async sendAgain(message: Message): Promise<Result<unknown>> {
    const customer = this.customer;
    if (customer?.id !== message.customerId) return fail('BAD_INPUT', 'That message is not in the open conversation');
    return this.#send(customer, message.payload, message.agentId);
  }

  /**
   * Sends through `throughAgent` when given, else the agent chosen in "Send via", or (before main has named one) the
   * conversation's last agent; a conversation with none leaves the choice to the outbox, which falls back to an agent
   * the customer is subscribed to.
   */
  async #send(customer: Customer, payload: MessagePayload, throughAgent?: string): Promise<Result<unknown>> {
    const agentId = throughAgent ?? this.sendVia.agentFor(customer.id) ?? customer.lastAgentId;
    const sent = await this.bridge.invoke('outbox:send', {
      customerId: customer.id,
      ...(agentId === null ? {} : { agentId }),
      payload,
    });
    if (sent.ok && this.customer?.id === customer.id) void this.refresh();
    return sent;
  }

  /** Takes dropped, picked or pasted files for the open conversation, after any already waiting, and has main check them. */
  attach(files: Iterable<PickedFile>): void {
    if (this.customer !== undefined) this.attachments.add(files);
  }

  /**
   * Uploads the waiting files one by one and hands each upload's payload to the outbox, in order. Replies the agent
   * sends with Enter meanwhile wait for them, so they follow the files.
   */
  sendAttachments(): Promise<Result<unknown>> {
    const customer = this.customer;
    if (customer === undefined) return Promise.resolve(fail('BAD_INPUT', 'No conversation is open'));
    const sending = this.attachments.sendAll((payload) => this.#send(customer, payload));
    this.#fileSends[customer.id] = sending;
    void sending.then(() => {
      if (this.#fileSends[customer.id] === sending) this.#fileSends[customer.id] = undefined;
    });
    return sending;
  }

  /** Queues a failed send again now. */
  async retry(clientId: string): Promise<void> {
    this.#afterOutboxAction(await this.bridge.invoke('outbox:retry', { clientId }));
  }

  /** Drops a failed send and its pending message from the thread. */
  async discard(clientId: string): Promise<void> {
    this.#afterOutboxAction(await this.bridge.invoke('outbox:discard', { clientId }));
  }

  /**
   * Deletes a message on the service (main's cache follows) and takes it out of the thread at once, wherever it sits:
   * a re-read covers only the newest messages, not older ones loaded by scrolling.
   */
  async deleteMessage(message: Message): Promise<Result<unknown>> {
    const customer = this.customer;
    if (customer === undefined || message.messageId === null) return fail('BAD_INPUT', 'Only a message the service has can be deleted');
    const deleted = await this.bridge.invoke('messages:delete', { customerId: customer.id, messageId: message.messageId });
    if (deleted.ok && this.customer?.id === customer.id) this.items = this.items.filter((item) => item.key !== message.key);
    return deleted;
  }

  #afterOutboxAction(result: Result<unknown>): void {
    if (result.ok) void this.refresh();
    else this.error = result.error;
  }

  /** Opens a customer's conversation at its newest messages. */
  async open(customer: Customer): Promise<void> {
    if (this.customer?.id === customer.id && this.status !== 'error') {
      this.customer = customer;
      return;
    }
    this.#keepDraft();
    this.attachments.clear();
    const generation = ++this.#generation;
    this.customer = customer;
    this.sendVia.clear();
    this.draft = this.#drafts[customer.id] ?? '';
    this.replyError = this.#replyErrors[customer.id];
    this.items = [];
    this.openedItems = undefined;
    this.hasOlder = false;
    this.hasNewer = false;
    this.startReached = true;
    this.freshness = undefined;
    this.error = undefined;
    this.loadingOlder = false;
    this.olderError = undefined;
    this.#olderStalled = false;
    this.#refreshing = false;
    this.#refreshWanted = false;
    this.status = 'loading';
    // The thread is what the agent waits for: its read goes to main alone, and the composer's reads (Send via, the
    // kept draft) wait until it is painted, so they neither queue ahead of it in main nor lengthen the task showing it.
    const result = await this.bridge.invoke('messages:window', { customerId: customer.id, limit: messageWindowSize });
    if (generation !== this.#generation) return;
    void afterPaint().then(() => {
      if (generation !== this.#generation) return;
      void this.sendVia.load(customer.id);
      void this.#restoreDraft(customer.id);
    });
    if (result.ok) {
      this.items = result.value.items;
      this.openedItems = result.value.items;
      this.hasOlder = result.value.hasOlder;
      this.startReached = result.value.startReached !== false;
      this.freshness = result.value.freshness;
      this.status = 'ready';
    } else {
      this.error = result.error;
      this.status = 'error';
    }
    // Sync may have answered while this first read was on its way: what it wrote is read now, not lost.
    if (this.#refreshWanted) {
      this.#refreshWanted = false;
      await this.refresh();
    }
  }

  /**
   * Marks the open conversation read through the newest message shown (not beyond: a message that arrives while
   * this call is on its way stays unread until it is shown too). Does nothing when nothing is unread.
   */
  async markRead(): Promise<void> {
    const customer = this.customer;
    if (customer === undefined || customer.unreadCount === 0 || this.status !== 'ready' || this.#markingRead) return;
    const sent = this.items.at(-1)?.sent;
    if (this.#markedThrough?.customerId === customer.id && this.#markedThrough.sent === sent) return;
    this.#markedThrough = { customerId: customer.id, sent };
    this.#markingRead = true;
    const result = await this.bridge.invoke('conversation:mark-read', {
      customerId: customer.id,
      ...(sent === undefined ? {} : { through: sent }),
    });
    this.#markingRead = false;
    if (!result.ok) {
      this.#markedThrough = undefined;
      this.error = result.error;
      return;
    }
    // The list's re-read (customers:changed) brings the same count; setting it now keeps the header from lagging.
    const current = this.customer;
    if (current?.id === customer.id && current.unreadCount !== result.value.unreadCount) {
      this.customer = { ...current, unreadCount: result.value.unreadCount };
    }
  }

  /** Keeps the customer's details current (a rename, a new unread count) without reloading the messages. */
  updateCustomer(customer: Customer): void {
    if (this.customer?.id !== customer.id) return;
    // An opt-out (or a message through another agent) changes what "Send via" offers.
    const subscriptionsChanged = JSON.stringify(this.customer.subscriptions) !== JSON.stringify(customer.subscriptions);
    if (subscriptionsChanged || this.customer.lastAgentId !== customer.lastAgentId) void this.sendVia.load(customer.id);
    this.customer = customer;
  }

  /** The type of the channel sends go through: the chosen agent's, else the conversation's last one (null: none yet). */
  get channelType(): ChannelType | null {
    return this.sendVia.chosen?.channelType ?? this.customer?.lastChannelType ?? null;
  }

  /** The agent sends go through, as `channelType` names its channel. */
  get sendingAgentId(): string | null {
    return this.sendVia.chosen?.agentId ?? this.customer?.lastAgentId ?? null;
  }

  close(): void {
    this.#keepDraft();
    this.attachments.clear();
    this.#generation++;
    this.customer = undefined;
    this.sendVia.clear();
    this.items = [];
    this.hasOlder = false;
    this.hasNewer = false;
    this.startReached = true;
    this.olderError = undefined;
    this.status = 'closed';
    this.draft = '';
  }

  /** Whether scrolling up should load more: older messages in the cache, or maybe on the service. */
  get canLoadOlder(): boolean {
    return this.customer !== undefined && this.status === 'ready' && (this.hasOlder || !this.startReached);
  }

  /**
   * The window just older than the oldest message shown (scrolling up). When the cache holds nothing older, main
   * first fetches the next older page from the service. After a failed fetch this waits for `retryOlder`.
   */
  async loadOlder(options: { asked?: boolean } = {}): Promise<void> {
    const customer = this.customer;
    if (customer === undefined || !this.canLoadOlder || this.loadingOlder || this.olderError !== undefined) return;
    if (this.#olderStalled && options.asked !== true) return;
    this.#olderStalled = false;
    const generation = this.#generation;
    this.loadingOlder = true;
    if (!this.hasOlder) {
      const fetched = await this.bridge.invoke('conversation:load-older', { customerId: customer.id });
      if (generation !== this.#generation) return;
      if (!fetched.ok) {
        this.loadingOlder = false;
        this.olderError = fetched.error;
        return;
      }
      this.startReached = fetched.value.reachedStart;
      // Nothing new and no start: asking again at once would only repeat it; the agent's button still can.
      this.#olderStalled = fetched.value.added === 0 && !fetched.value.reachedStart;
    }
    const oldest = this.items[0];
    const result = await this.bridge.invoke('messages:window', {
      customerId: customer.id,
      ...(oldest === undefined ? {} : { before: cursorOf(oldest) }),
      limit: messageWindowSize,
    });
    if (generation !== this.#generation) return;
    this.loadingOlder = false;
    if (result.ok) {
      const items = prependOlder(this.items, result.value.items);
      // A window that adds nothing cannot lead further back in the cache: stop rather than ask again forever.
      this.hasOlder = result.value.hasOlder && items.length > this.items.length;
      this.startReached = result.value.startReached !== false;
      if (items.length > maxShownMessages) this.hasNewer = true;
      this.items = items.slice(0, maxShownMessages);
      this.error = undefined;
    } else {
      this.error = result.error;
    }
  }

  /**
   * Shows a window of the cache around one message (a match of find in conversation), wherever it is in the
   * history; the agent scrolls both ways from there, and `showLatest` comes back to the newest. False when the
   * message cannot be read (gone from the cache, another conversation opened meanwhile).
   */
  async showAround(key: string): Promise<boolean> {
    const customer = this.customer;
    if (customer === undefined || this.status !== 'ready') return false;
    if (this.items.some((message) => message.key === key)) return true;
    return this.#replaceWindow({ customerId: customer.id, around: key, limit: messageWindowSize });
  }

  /** The window just newer than the newest message shown (scrolling down from a found message). */
  async loadNewer(): Promise<void> {
    const customer = this.customer;
    const newest = this.items.at(-1);
    if (customer === undefined || newest === undefined || !this.hasNewer || this.loadingNewer) return;
    const generation = this.#generation;
    this.loadingNewer = true;
    const result = await this.bridge.invoke('messages:window', { customerId: customer.id, after: cursorOf(newest), limit: messageWindowSize });
    if (generation !== this.#generation) return;
    this.loadingNewer = false;
    if (result.ok) {
      const { items, added } = appendNewer(this.items, result.value.items);
      if (items.length > maxShownMessages) this.hasOlder = true;
      this.items = items.slice(-maxShownMessages);
      // A window that adds nothing cannot lead further: the newest is shown.
      this.hasNewer = result.value.hasNewer && added > 0;
      this.error = undefined;
    } else {
      this.error = result.error;
    }
  }

  /** Back to the newest messages after a window around an older one ("Jump to latest"). */
  async showLatest(): Promise<void> {
    const customer = this.customer;
    if (customer === undefined || !this.hasNewer) return;
    await this.#replaceWindow({ customerId: customer.id, limit: messageWindowSize });
  }

  /**
   * Shows another window of the open conversation in place of what is shown. Reads on their way for the old one
   * (older, newer, a refresh) are dropped, as when another conversation opens.
   */
  async #replaceWindow(query: MessageWindowQuery): Promise<boolean> {
    const generation = ++this.#generation;
    this.#refreshing = false;
    this.#refreshWanted = false;
    this.loadingOlder = false;
    this.loadingNewer = false;
    const result = await this.bridge.invoke('messages:window', query);
    if (generation !== this.#generation) return false;
    if (!result.ok) {
      this.error = result.error;
      return false;
    }
    this.items = result.value.items;
    this.hasOlder = result.value.hasOlder;
    this.hasNewer = result.value.hasNewer;
    this.startReached = result.value.startReached !== false;
    this.freshness = result.value.freshness;
    this.error = undefined;
    return true;
  }

  /** Asks the service for older messages again after a failed fetch (the agent's "Try again"). */
  async retryOlder(): Promise<void> {
    this.olderError = undefined;
    await this.loadOlder();
  }

  /**
   * Re-reads the newest messages (where new messages and status changes land), as many as are shown up to the
   * contract's largest window, and keeps older ones already loaded. Bursts of changes coalesce into one re-read.
   */
  async refresh(): Promise<void> {
    const customer = this.customer;
    if (customer === undefined) return;
    if (this.status !== 'ready') {
      if (this.status === 'error') await this.open(customer);
      else if (this.status === 'loading') this.#refreshWanted = true;
      return;
    }
    if (this.#refreshing) {
      this.#refreshWanted = true;
      return;
    }
    // A window around an older message leaves the newest unshown: they are read when the agent comes back to them.
    if (this.hasNewer) return;
    const generation = this.#generation;
    this.#refreshing = true;
    const limit = Math.min(maxWindowSize, Math.max(messageWindowSize, this.items.length));
    const result = await this.bridge.invoke('messages:window', { customerId: customer.id, limit });
    if (generation !== this.#generation) return;
    this.#refreshing = false;
    // Reading back let the newest go while this read was on its way: they are read when the agent comes back.
    if (this.hasNewer) return;
    if (result.ok) {
      const merged = replaceNewest(this.items, result.value.items);
      // New messages at the end let the oldest go, as coming forward does.
      if (merged.items.length > maxShownMessages) this.hasOlder = true;
      else if (!merged.keptOlder) this.hasOlder = result.value.hasOlder;
      this.items = merged.items.slice(-maxShownMessages);
      this.startReached = result.value.startReached !== false;
      this.freshness = result.value.freshness;
      this.error = undefined;
    } else {
      this.error = result.error;
    }
    if (this.#refreshWanted) {
      this.#refreshWanted = false;
      await this.refresh();
    }
  }

  /** The agent typed: the draft is saved once typing pauses. */
  setDraft(text: string): void {
    this.draft = text;
    this.#cancelDraftTimer();
    this.#draftTimer = setTimeout(() => this.#keepDraft(), this.#draftSaveDelayMs);
  }

  /** Saves the open conversation's draft now (the field lost focus, the page is going away). */
  saveDraft(): void {
    this.#keepDraft();
  }

  /**
   * Takes the whole draft as the next reply and empties the field at once, so what the agent types next is theirs
   * to keep; replies go to the outbox one at a time in the order they were taken. A reply the outbox does not take
   * goes back into the draft (with any taken after it, to keep their order) and `replyError` says why.
   */
  submitDraft(send: SendText): void {
    const customerId = this.customer?.id;
    const text = this.draft;
    if (customerId === undefined || text.trim() === '') return;
    const waiting = this.#outgoing[customerId] ?? [];
    waiting.push(text);
    this.#outgoing[customerId] = waiting;
    this.draft = '';
    this.#drafts[customerId] = '';
    this.replyError = undefined;
    this.#replyErrors[customerId] = undefined;
    if (waiting.length === 1) void this.#sendWaiting(customerId, waiting, send);
  }

  async #sendWaiting(customerId: string, waiting: string[], send: SendText): Promise<void> {
    const fileFirst = this.#fileSends[customerId];
    // The file says for itself why it did not go; the words after it wait in the draft, in their order.
    if (fileFirst !== undefined && !(await fileFirst).ok) this.#putBack(customerId, waiting.splice(0));
    for (let text = waiting[0]; text !== undefined; text = waiting[0]) {
      // `send` goes to the open conversation: replies of one the agent has left go back to its draft instead.
      const sent =
        this.customer?.id === customerId ? await send(text.trim()) : fail('CANCELLED', 'Another conversation was opened before this reply was sent');
      if (!sent.ok) {
        this.#putBack(customerId, waiting.splice(0), sent.error);
        break;
      }
      waiting.shift();
    }
    this.#outgoing[customerId] = undefined;
    this.#persistDraft(customerId);
  }

  #putBack(customerId: string, texts: string[], error?: InboxError): void {
    const restored = joinDraft([...texts, this.#fieldOf(customerId)]);
    this.#drafts[customerId] = restored;
    this.#replyErrors[customerId] = error;
    if (this.customer?.id === customerId) {
      this.draft = restored;
      this.replyError = error;
    }
  }

  #fieldOf(customerId: string): string {
    return this.customer?.id === customerId ? this.draft : (this.#drafts[customerId] ?? '');
  }

  #keepDraft(): void {
    this.#cancelDraftTimer();
    const id = this.customer?.id;
    if (id === undefined) return;
    this.#drafts[id] = this.draft;
    this.#persistDraft(id);
  }

  /** Hands main the customer's draft: every word not yet taken by the outbox, replies on their way included. */
  #persistDraft(customerId: string): void {
    if (!this.#isRestored(customerId)) return;
    const text = joinDraft([...(this.#outgoing[customerId] ?? []), this.#fieldOf(customerId)]);
    if (this.#savedDrafts[customerId] === text) return;
    this.#savedDrafts[customerId] = text;
    this.#draftSaves = this.#draftSaves.then(async () => {
      const saved = await this.bridge.invoke('drafts:save', { customerId, text });
      // The words stay in this window; the next save (typing, leaving the field) tries again.
      if (!saved.ok && this.#savedDrafts[customerId] === text) this.#savedDrafts[customerId] = undefined;
    });
  }

  /** Puts back the draft main kept for this customer (from before a reload or restart), unless this window has one. */
  async #restoreDraft(customerId: string): Promise<void> {
    if (this.#isRestored(customerId)) return;
    const kept = await this.bridge.invoke('drafts:get', { customerId });
    // Unread (main not answering), nothing is saved over what main may hold; the next opening asks again.
    if (!kept.ok || this.#isRestored(customerId)) return;
    this.#restoredDrafts[customerId] = true;
    this.#savedDrafts[customerId] = kept.value?.text ?? '';
    if (kept.value !== null) {
      // Words typed while main was answering go after the kept ones, so neither is lost.
      const restored = joinDraft([kept.value.text, this.#fieldOf(customerId)]);
      this.#drafts[customerId] = restored;
      if (this.customer?.id === customerId) this.draft = restored;
    }
    this.#persistDraft(customerId);
  }

  #isRestored(customerId: string): boolean {
    return this.#restoredDrafts[customerId] === true;
  }

  #saveDraftWhenPageHides(): () => void {
    const save = () => this.#keepDraft();
    const saveIfHidden = () => {
      if (document.visibilityState === 'hidden') this.#keepDraft();
    };
    window.addEventListener('pagehide', save);
    document.addEventListener('visibilitychange', saveIfHidden);
    return () => {
      window.removeEventListener('pagehide', save);
      document.removeEventListener('visibilitychange', saveIfHidden);
    };
  }

  #cancelDraftTimer(): void {
    if (this.#draftTimer !== undefined) clearTimeout(this.#draftTimer);
    this.#draftTimer = undefined;
  }
}

/** One draft from several pieces (replies not taken, then what the field holds), leaving out blank ones. */
function joinDraft(pieces: string[]): string {
  return pieces.filter((piece) => piece.trim() !== '').join('\n');
}
