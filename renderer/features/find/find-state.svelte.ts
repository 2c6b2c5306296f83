/**
 * Find in conversation: the words the agent looks for in the open conversation, where its cached history matches
 * them (`messages:find`, offline over the cache's search index, oldest first), and which match is current. Going to
 * a match outside the messages shown has the conversation show a window around it first.
 */
import type { InboxBridge } from '../../../common/contract';
import type { MessageCursor } from '../../../common/domain';
import type { InboxError } from '../../../common/result';
import type { ConversationState } from '../conversation/conversation-state.svelte';

/** How long typing pauses before the search runs; Enter runs it at once. */
const defaultSearchDelayMs = 150;

export type FindStatus = 'idle' | 'searching' | 'ready' | 'error';

export class FindState {
  open = $state(false);
  /** What the find box shows, as typed. */
  text = $state('');
  /** The words `matches` answer. */
  searched = $state('');
  matches = $state.raw<MessageCursor[]>([]);
  /** More messages matched than main answers; the matches are the newest of them. */
  truncated = $state(false);
  /** The current match's place in `matches`, or -1 before the first is chosen. */
  index = $state(-1);
  status = $state<FindStatus>('idle');
  /** Counts moves to a match, so the thread brings each one on screen, the same match again included. */
  moves = $state(0);
  error = $state.raw<InboxError | undefined>(undefined);

  readonly current = $derived(this.matches[this.index]);

  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every search and every close, so an older answer is dropped. */
  #generation = 0;
  /** The conversation the matches belong to. */
  #customerId: string | undefined;
  readonly #searchDelayMs: number;

  constructor(
    private readonly bridge: InboxBridge,
    private readonly conversation: ConversationState,
    options: { searchDelayMs?: number } = {},
  ) {
    this.#searchDelayMs = options.searchDelayMs ?? defaultSearchDelayMs;
  }

  /** Opens the find box for the open conversation; nothing to find in when none is open. */
  show(): boolean {
    if (this.conversation.customer === undefined) return false;
    if (this.#customerId !== this.conversation.customer.id) this.#reset();
    this.#customerId = this.conversation.customer.id;
    this.open = true;
    return true;
  }

  /** The conversation the find box was opened for; another one opening closes it. */
  get customerId(): string | undefined {
    return this.#customerId;
  }

  close(): void {
    this.open = false;
    this.#reset();
  }

  /** The agent typed: the search runs once typing pauses. */
  setText(text: string): void {
    this.text = text;
    this.#cancelTimer();
    this.#timer = setTimeout(() => void this.search(), this.#searchDelayMs);
  }

  /** Runs the search for the words typed now, and goes to the newest match (nearest the bottom, where reading starts). */
  async search(): Promise<void> {
    this.#cancelTimer();
    const customer = this.conversation.customer;
    const text = this.text.trim();
    const generation = ++this.#generation;
    if (customer === undefined || text === '') {
      this.searched = '';
      this.matches = [];
      this.truncated = false;
      this.index = -1;
      this.status = 'idle';
      return;
    }
    this.status = 'searching';
    const result = await this.bridge.invoke('messages:find', { customerId: customer.id, text });
    if (generation !== this.#generation) return;
    this.searched = text;
    if (!result.ok) {
      this.error = result.error;
      this.matches = [];
      this.index = -1;
      this.status = 'error';
      return;
    }
    this.error = undefined;
    this.matches = result.value.matches;
    this.truncated = result.value.truncated;
    this.status = 'ready';
    await this.#goTo(result.value.matches.length - 1);
  }

  /** The next match (newer), wrapping to the oldest; runs a pending search first. */
  next(): Promise<void> {
    return this.#step(1);
  }

  /** The previous match (older), wrapping to the newest. */
  previous(): Promise<void> {
    return this.#step(-1);
  }

  async #step(step: 1 | -1): Promise<void> {
    if (this.#timer !== undefined || this.searched !== this.text.trim()) {
      await this.search();
      return;
    }
    const count = this.matches.length;
    if (count === 0) return;
    await this.#goTo((this.index + step + count) % count);
  }

  async #goTo(index: number): Promise<void> {
    const match = this.matches[index];
    this.index = match === undefined ? -1 : index;
    if (match === undefined) return;
    this.moves++;
    await this.conversation.showAround(match.key);
  }

  #reset(): void {
    this.#cancelTimer();
    this.#generation++;
    this.#customerId = undefined;
    this.text = '';
    this.searched = '';
    this.matches = [];
    this.truncated = false;
    this.index = -1;
    this.status = 'idle';
    this.error = undefined;
  }

  #cancelTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
