/**
 * A whole conversation as the agent scrolls through it: older messages from the cache first, then from the service
 * with a loading row; the start claimed only once the service proved it; offline said plainly with a way to try
 * again; the view kept in place when older messages are added, and kept at the newest message while images load;
 * and an update that arrives while the conversation is still loading read, not dropped.
 *
 * jsdom lays nothing out, so these tests give the thread a height by hand: 100 px per message, a 400 px pane, each
 * message's place on screen following from its position and the thread's scrollTop.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelInput, ChannelOutput } from '../../../common/contract';
import type { LoadOlderResult } from '../../../common/contract/conversation';
import type { Message } from '../../../common/domain';
import type { Result } from '../../../common/result';
import ConversationPane from '../../../renderer/features/conversation/ConversationPane.svelte';
import { ConversationState } from '../../../renderer/features/conversation/conversation-state.svelte';
import { deferred, fail, FakeBridge, ok, type FakeHandlers } from './fake-bridge';
import { fixedNow, makeCustomer, makeMessage } from './fixtures';

const maria = makeCustomer(1, { name: 'Maria Lopez' });
const minute = 60_000;

type Window = ChannelOutput<'messages:window'>;

function windowOf(items: Message[], state: { hasOlder?: boolean; startReached?: boolean } = {}) {
  return ok<Window>({
    items,
    hasOlder: state.hasOlder ?? false,
    hasNewer: false,
    startReached: state.startReached ?? true,
    freshness: { lastSyncedAt: fixedNow - minute },
  });
}

/** Messages `from`..`to` (1 is the oldest), one a minute, so they sort as numbered. */
function messages(from: number, to: number): Message[] {
  return Array.from({ length: to - from + 1 }, (_, index) => {
    const number = from + index;
    return makeMessage({ key: `m${String(number).padStart(5, '0')}`, sent: fixedNow - 10_000 * minute + number * minute, payload: { type: 'TEXT', text: `message ${number}` } });
  });
}

// ---- a thread with a height ---------------------------------------------------------------------------------------

const messageHeight = 100;
const paneHeight = 400;
/** Height that is not messages: media that loaded, say. */
let extraHeight = 0;
const scrollTops = new WeakMap<Element, number>();

function contentHeight(element: Element): number {
  return element.querySelectorAll('article').length * messageHeight + extraHeight;
}

function maxScrollTop(element: Element): number {
  return Math.max(0, contentHeight(element) - paneHeight);
}

class FakeResizeObserver {
  static readonly observers = new Set<FakeResizeObserver>();
  constructor(private readonly callback: () => void) {
    FakeResizeObserver.observers.add(this);
  }
  observe(): void {}
  disconnect(): void {
    FakeResizeObserver.observers.delete(this);
  }
  /** What the browser does after a layout that changed an observed element's size. */
  static sizesChanged(): void {
    for (const observer of FakeResizeObserver.observers) observer.callback();
  }
}

/** Where jsdom would say an element is if it laid the thread out: messages stacked from the thread's top. */
function laidOutRect(this: Element): DOMRect {
  const thread = document.querySelector('.scroller');
  const articles = thread === null ? [] : [...thread.querySelectorAll('article')];
  const index = this instanceof HTMLElement && this.tagName === 'ARTICLE' ? articles.indexOf(this) : -1;
  const top = index < 0 || !(thread instanceof HTMLElement) ? 0 : index * messageHeight - thread.scrollTop;
  return DOMRect.fromRect({ x: 0, y: top, width: 600, height: index < 0 ? paneHeight : messageHeight });
}

const jsdomRect = Object.getOwnPropertyDescriptor(Element.prototype, 'getBoundingClientRect');

beforeEach(() => {
  extraHeight = 0;
  Object.defineProperty(Element.prototype, 'getBoundingClientRect', { configurable: true, value: laidOutRect });
  Object.defineProperties(HTMLElement.prototype, {
    scrollHeight: { configurable: true, get: function (this: HTMLElement) { return Math.max(contentHeight(this), paneHeight); } },
    clientHeight: { configurable: true, get: () => paneHeight },
    scrollTop: {
      configurable: true,
      // A browser keeps scrollTop within what the content allows as the content shrinks, too.
      get: function (this: HTMLElement) { return Math.min(scrollTops.get(this) ?? 0, maxScrollTop(this)); },
      set: function (this: HTMLElement, value: number) { scrollTops.set(this, Math.min(Math.max(0, value), maxScrollTop(this))); },
    },
  });
});

afterEach(() => {
  for (const name of ['scrollHeight', 'clientHeight', 'scrollTop']) Reflect.deleteProperty(HTMLElement.prototype, name);
  if (jsdomRect) Object.defineProperty(Element.prototype, 'getBoundingClientRect', jsdomRect);
  vi.unstubAllGlobals();
  FakeResizeObserver.observers.clear();
});

const thread = () => document.querySelector('.scroller') as HTMLElement;
const log = () => screen.getByRole('log', { name: 'Messages' });
const shownTexts = () => within(log()).queryAllByText(/^message \d+$/).map((element) => element.textContent);

/** The agent scrolls the thread to `top` (the browser then fires `scroll`). */
async function scrollTo(top: number): Promise<void> {
  thread().scrollTop = top;
  await fireEvent.scroll(thread());
}

async function openConversation(handlers: FakeHandlers) {
  const bridge = new FakeBridge(handlers);
  const conversation = new ConversationState(bridge);
  const stop = conversation.listen();
  await conversation.open(maria);
  render(ConversationPane, { conversation, now: fixedNow, mediaMode: 'browser', sendText: (text) => conversation.sendText(text) });
  // The newest messages are built first and the rest of the window right after the first paint.
  await waitFor(() => expect(document.querySelectorAll('article')).toHaveLength(conversation.items.length));
  return { bridge, conversation, stop };
}

describe('opening a conversation', () => {
  async function openUnsettled() {
    const bridge = new FakeBridge({ 'messages:window': () => windowOf(messages(51, 100), { hasOlder: true, startReached: false }) });
    const conversation = new ConversationState(bridge);
    await conversation.open(maria);
    render(ConversationPane, { conversation, now: fixedNow, mediaMode: 'browser', sendText: () => Promise.resolve(ok({})) });
    return bridge;
  }

  it('builds the newest messages first and the rest of the window above them after the first paint, at the newest message throughout', async () => {
    await openUnsettled();
    // About a screen of the newest, at the bottom.
    expect(shownTexts()).toHaveLength(20);
    expect(shownTexts().at(-1)).toBe('message 100');
    expect(thread().scrollTop).toBe(20 * messageHeight - paneHeight);

    await waitFor(() => expect(shownTexts()).toHaveLength(50));
    expect(shownTexts()[0]).toBe('message 51');
    expect(thread().scrollTop).toBe(50 * messageHeight - paneHeight);
  });

  it('reads the thread alone first; Send via and the kept draft are read once it is shown', async () => {
    const bridge = new FakeBridge({
      'messages:window': () => windowOf(messages(51, 100)),
      'send-via:options': () => ok({ options: [], chosenAgentId: null }),
      'drafts:get': () => ok(null),
    });
    const conversation = new ConversationState(bridge);
    await conversation.open(maria);
    expect(bridge.calls.map((call) => call.channel)).toEqual(['messages:window']);
    await waitFor(() => expect(bridge.calls.map((call) => call.channel).sort()).toEqual(['drafts:get', 'messages:window', 'send-via:options']));
    expect(bridge.calls[0]?.channel).toBe('messages:window');
  });

  it('asks for nothing older when the agent reaches the top of the first part, and keeps their message in place', async () => {
    const bridge = await openUnsettled();
    await scrollTo(0);
    await waitFor(() => expect(shownTexts()).toHaveLength(50));
    // Message 81, at the top before, is still at the top: 30 messages went in above it.
    expect(thread().scrollTop).toBe(30 * messageHeight);
    expect(bridge.inputsOf('messages:window')).toEqual([{ customerId: maria.id, limit: 50 }]);
    expect(bridge.inputsOf('conversation:load-older')).toEqual([]);
  });
});

describe('scrolling back through a conversation', () => {
  it('reads older messages from the cache first, and keeps the message the agent was reading in place', async () => {
    const newest = messages(51, 100);
    const { bridge } = await openConversation({
      'messages:window': (query) => (query.before === undefined ? windowOf(newest, { hasOlder: true, startReached: false }) : windowOf(messages(1, 50), { startReached: false })),
    });
    // Opened at the newest message.
    expect(thread().scrollTop).toBe(50 * messageHeight - paneHeight);

    await scrollTo(60);
    await waitFor(() => expect(shownTexts()).toHaveLength(100));
    // The 50 added messages are above: message 51 is where it was on screen, 60 px below the top.
    expect(thread().scrollTop).toBe(50 * messageHeight + 60);
    expect(bridge.inputsOf('messages:window').at(-1)).toMatchObject({ before: { key: 'm00051' } });
    expect(bridge.inputsOf('conversation:load-older')).toEqual([]);
  });

  it('fetches older pages from the service with a loading row once the cache has none, until the service says there is no more', async () => {
    const pages = [deferred<Result<LoadOlderResult>>(), deferred<Result<LoadOlderResult>>()];
    let fetched = 0;
    let cache = messages(101, 150);
    const { bridge } = await openConversation({
      'messages:window': (query) => {
        const older = query.before === undefined ? cache : cache.filter((message) => message.sent < (query.before?.sent ?? 0));
        return windowOf(older.slice(-50), { hasOlder: false, startReached: fetched === 2 });
      },
      'conversation:load-older': () => pages[fetched]?.promise ?? fail('INTERNAL', 'asked once too often'),
    });

    await scrollTo(0);
    expect(await within(thread()).findByRole('status')).toHaveTextContent('Loading older messages…');
    expect(screen.queryByText('This is the start of the conversation.')).toBeNull();

    cache = messages(51, 150);
    fetched = 1;
    pages[0]?.resolve(ok({ added: 50, reachedStart: false }));
    await waitFor(() => expect(shownTexts()).toHaveLength(100));
    // Not proven yet: no start, and the way further back is offered.
    expect(screen.queryByText('This is the start of the conversation.')).toBeNull();
    expect(screen.getByRole('button', { name: 'Load older messages' })).toBeInTheDocument();

    await scrollTo(0);
    cache = messages(1, 150);
    fetched = 2;
    pages[1]?.resolve(ok({ added: 50, reachedStart: true }));
    await waitFor(() => expect(shownTexts()).toHaveLength(150));
    expect(shownTexts()[0]).toBe('message 1');
    expect(screen.getByText('This is the start of the conversation.')).toBeInTheDocument();
    expect(bridge.inputsOf('conversation:load-older')).toEqual([{ customerId: maria.id }, { customerId: maria.id }]);

    // At the proven start, scrolling up asks nobody.
    await scrollTo(0);
    expect(bridge.inputsOf('conversation:load-older')).toHaveLength(2);
  });

  it('never claims the start of a conversation the service has not proved', async () => {
    await openConversation({
      'messages:window': () => windowOf(messages(1, 3), { hasOlder: false, startReached: false }),
      'conversation:load-older': () => new Promise(() => {}),
    });
    expect(screen.queryByText('This is the start of the conversation.')).toBeNull();
    expect(within(thread()).getByRole('status')).toHaveTextContent('Loading older messages…');
  });

  it('says older messages are not available offline, does not ask again by itself, and tries again on request', async () => {
    let online = false;
    const { bridge } = await openConversation({
      'messages:window': (query) =>
        query.before === undefined ? windowOf(messages(51, 100), { startReached: false }) : windowOf(online ? messages(1, 50) : [], { startReached: online }),
      'conversation:load-older': () => (online ? ok({ added: 50, reachedStart: true }) : fail('NETWORK', 'fetch failed', { retryable: true })),
    });
    await scrollTo(0);
    expect(await screen.findByRole('alert')).toHaveTextContent('Older messages are not available offline.');
    // The 50 newest stay, and scrolling does not hammer a service that is not there.
    expect(shownTexts()).toHaveLength(50);
    await scrollTo(10);
    await scrollTo(0);
    expect(bridge.inputsOf('conversation:load-older')).toHaveLength(1);

    online = true;
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(shownTexts()).toHaveLength(100));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('This is the start of the conversation.')).toBeInTheDocument();
  });

  it('fetches a conversation whose history was never fetched instead of saying it has no messages', async () => {
    let fetched = false;
    await openConversation({
      'messages:window': () => (fetched ? windowOf(messages(1, 5), { startReached: true }) : windowOf([], { startReached: false })),
      'conversation:load-older': () => {
        fetched = true;
        return ok({ added: 5, reachedStart: true });
      },
    });
    await waitFor(() => expect(shownTexts()).toHaveLength(5));
    expect(screen.queryByText(/No messages with/)).toBeNull();
  });

  it('says messages are not available offline when none of a never-fetched conversation are in the cache', async () => {
    await openConversation({
      'messages:window': () => windowOf([], { startReached: false }),
      'conversation:load-older': () => fail('TIMEOUT', 'The service took too long to answer', { retryable: true }),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('Messages are not available offline.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(screen.queryByText(/No messages with/)).toBeNull();
  });
});

describe('a long history', () => {
  /** A cache holding `count` messages, answered the way main's cache answers windows: newest, before, after. */
  function cacheOf(count: number) {
    const all = messages(1, count);
    return (query: ChannelInput<'messages:window'>) => {
      const limit = query.limit ?? 50;
      const before = query.before === undefined ? -1 : all.findIndex((message) => message.key === query.before?.key);
      const after = query.after === undefined ? -1 : all.findIndex((message) => message.key === query.after?.key);
      const from = before >= 0 ? Math.max(0, before - limit) : after >= 0 ? after + 1 : Math.max(0, all.length - limit);
      const to = before >= 0 ? before : Math.min(all.length, from + limit);
      return ok<Window>({ items: all.slice(from, to), hasOlder: from > 0, hasNewer: to < all.length, startReached: true, freshness: { lastSyncedAt: fixedNow } });
    };
  }

  /** Scrolls to the top until the thread shows `first` first, each older window read as the top is reached. */
  async function scrollBackTo(first: string): Promise<void> {
    while (shownTexts()[0] !== first) {
      const before = shownTexts()[0];
      await scrollTo(0);
      await waitFor(() => expect(shownTexts()[0]).not.toBe(before));
    }
  }

  it('keeps at most 300 messages, letting the newest go as the agent reads back and the oldest as they come forward, the message read staying in place', async () => {
    await openConversation({ 'messages:window': cacheOf(1_000) });
    await scrollBackTo('message 701');
    expect(shownTexts()).toHaveLength(300);
    await scrollTo(30);
    await scrollBackTo('message 651');
    // 50 older above, the 50 newest let go: message 701, 30 px above the view's top before, is there still.
    expect(shownTexts()).toHaveLength(300);
    expect(shownTexts().at(-1)).toBe('message 950');
    expect(thread().scrollTop).toBe(50 * messageHeight + 30);
    expect(screen.getByRole('button', { name: 'Jump to latest ↓' })).toBeInTheDocument();

    // Back down to the end of what is shown: the next newer window comes in below, the oldest 50 go above.
    const bottom = maxScrollTop(thread());
    await scrollTo(bottom);
    await waitFor(() => expect(shownTexts().at(-1)).toBe('message 1000'));
    expect(shownTexts()[0]).toBe('message 701');
    expect(thread().scrollTop).toBe(bottom - 50 * messageHeight);
  });

  it('drops a re-read of the newest that was on its way when reading back let them go', async () => {
    const cached = cacheOf(1_000);
    const held = deferred<ReturnType<typeof cached>>();
    let holding = false;
    const { bridge, conversation } = await openConversation({
      'messages:window': (query) => (holding && query.before === undefined ? held.promise : cached(query)),
    });
    await scrollBackTo('message 701');
    // Sync stored something: the newest are read again, and that read is slow to answer.
    holding = true;
    bridge.emit('messages:changed', { customerId: maria.id, ids: ['m00999'] });
    await scrollBackTo('message 651');
    expect(shownTexts().at(-1)).toBe('message 950');

    const reads = bridge.inputsOf('messages:window').length;
    held.resolve(cached({ customerId: maria.id, limit: 200 }));
    await held.promise;
    await new Promise((resolve) => setTimeout(resolve, 0));
    await tick();
    // Nothing moved: the thread did not jump to the newest and back (which would read older messages again).
    expect(conversation.items).toHaveLength(300);
    expect(conversation.items.at(-1)?.key).toBe('m00950');
    expect(shownTexts().at(-1)).toBe('message 950');
    expect(bridge.inputsOf('messages:window')).toHaveLength(reads);
  });

  it('comes back to the newest messages when the agent sends from far back, and shows the reply there', async () => {
    const cached = cacheOf(1_000);
    let sent: Message | undefined;
    const { conversation } = await openConversation({
      'messages:window': (query) => {
        const answer = cached(query);
        if (!answer.ok || sent === undefined || answer.value.hasNewer) return answer;
        return ok<Window>({ ...answer.value, items: [...answer.value.items.slice(1), sent] });
      },
      'outbox:send': (request) => {
        sent = makeMessage({ key: 'reply', sent: fixedNow, origin: 'AGENT', payload: request.payload });
        return ok({ clientId: 'k1', customerId: maria.id, agentId: 'a1', channelType: 'WA', payload: request.payload, state: 'queued', attempts: 0, nextAttemptAt: fixedNow, lastError: null, messageId: null, createdAt: fixedNow });
      },
    });
    await scrollBackTo('message 601');
    expect(conversation.hasNewer).toBe(true);

    await fireEvent.input(screen.getByRole('textbox', { name: 'Message to Maria Lopez' }), { target: { value: 'We are looking into it' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(within(log()).getByText('We are looking into it')).toBeInTheDocument());
    expect(shownTexts().at(-1)).toBe('message 1000');
    expect(conversation.hasNewer).toBe(false);
    expect(thread().scrollTop).toBe(maxScrollTop(thread()));
  });
});

describe('an update while the conversation is loading', () => {
  it('is read once the load finishes, not dropped', async () => {
    const first = deferred<ReturnType<typeof windowOf>>();
    let answered = 0;
    const bridge = new FakeBridge({
      'messages:window': () => (answered++ === 0 ? first.promise : windowOf(messages(1, 2))),
    });
    const conversation = new ConversationState(bridge);
    conversation.listen();
    const opening = conversation.open(maria);
    render(ConversationPane, { conversation, now: fixedNow, mediaMode: 'browser', sendText: () => Promise.resolve(ok({})) });
    // Main's first read found nothing; sync stored the history right after and said so before the answer arrived.
    bridge.emit('messages:changed', { customerId: maria.id, ids: ['m00001', 'm00002'] });
    first.resolve(windowOf([]));
    await opening;
    await waitFor(() => expect(shownTexts()).toEqual(['message 1', 'message 2']));
    expect(screen.queryByText(/No messages with/)).toBeNull();
  });
});

describe('the bottom while media loads', () => {
  function withImages(): Message[] {
    return messages(1, 12).map((message, index) =>
      index % 2 === 0
        ? message
        : { ...message, payload: { type: 'IMAGE', category: 'UNSPECIFIED', name: `photo-${index}.jpg`, src: { mime: 'image/jpeg', size: 1000, uri: `inbox-media://m/${index}` } } },
    );
  }

  it('stays at the newest message when images take their size after the conversation opened', async () => {
    vi.stubGlobal('ResizeObserver', FakeResizeObserver);
    await openConversation({ 'messages:window': () => windowOf(withImages()) });
    expect(thread().scrollTop).toBe(maxScrollTop(thread()));

    extraHeight = 6 * 240;
    FakeResizeObserver.sizesChanged();
    expect(thread().scrollTop).toBe(maxScrollTop(thread()));
    expect(screen.queryByRole('button', { name: /Jump to latest/ })).toBeNull();
  });

  it('leaves the view where the agent scrolled to', async () => {
    vi.stubGlobal('ResizeObserver', FakeResizeObserver);
    await openConversation({ 'messages:window': () => windowOf(withImages()) });
    await scrollTo(130);

    extraHeight = 6 * 240;
    FakeResizeObserver.sizesChanged();
    expect(thread().scrollTop).toBe(130);
  });
});
