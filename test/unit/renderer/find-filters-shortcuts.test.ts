/**
 * The agent's all-day tools in the inbox: find in conversation (Ctrl/Cmd+F, "N of M", Enter and Shift+Enter, a match
 * outside the messages shown opened in a window around it, Escape giving the focus back), the "Channel" filter, moving
 * between conversations with Alt+Up/Down and to the next unread, the "Keyboard shortcuts" sheet, AltGr letters left
 * alone, and the list's separator resized by keyboard and remembered.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../../common/contract';
import { payloadText, type Channel, type Message } from '../../../common/domain';
import InboxView from '../../../renderer/features/inbox/InboxView.svelte';
import { shortcuts } from '../../../renderer/features/shortcuts/shortcuts';
import { expectAccessible } from './accessibility';
import { FakeBridge, ok } from './fake-bridge';
import { fixedNow, makeCustomer, makeMessage, servePages } from './fixtures';

const minute = 60_000;

/** Messages 1..count of customer 1, one a minute; those numbered in `parcels` speak of a parcel. */
function history(count: number, parcels: readonly number[]): Message[] {
  return Array.from({ length: count }, (_, index) => {
    const number = index + 1;
    const text = parcels.includes(number) ? `Your parcel number ${number}` : `Line ${number}`;
    return makeMessage({ key: `m${String(number).padStart(4, '0')}`, sent: fixedNow - 100_000 * minute + number * minute, payload: { type: 'TEXT', text } });
  });
}

/** Answers `messages:window` from a whole history the way main's cache does: newest, around a key, before, after. */
function serveWindows(all: readonly Message[]) {
  return (query: ChannelInput<'messages:window'>) => {
    const limit = query.limit ?? 50;
    let from = Math.max(0, all.length - limit);
    if (query.around !== undefined) {
      const at = all.findIndex((message) => message.key === query.around);
      from = Math.max(0, Math.min(all.length - limit, at - Math.ceil(limit / 2) + 1));
    } else if (query.before !== undefined) {
      const at = all.findIndex((message) => message.key === query.before?.key);
      from = Math.max(0, at - limit);
    } else if (query.after !== undefined) {
      from = all.findIndex((message) => message.key === query.after?.key) + 1;
    }
    const to = query.before !== undefined ? all.findIndex((message) => message.key === query.before?.key) : Math.min(all.length, from + limit);
    return ok({
      items: all.slice(from, to),
      hasOlder: from > 0,
      hasNewer: to < all.length,
      startReached: true,
      freshness: { lastSyncedAt: fixedNow - minute },
    });
  };
}

const channels: Channel[] = [
  { id: 'ch-sms', type: 'SMS', name: 'SMS USA', status: 'ACTIVE', created: fixedNow, modified: fixedNow },
  { id: 'ch-wa', type: 'WA', name: 'Support WhatsApp', status: 'ACTIVE', created: fixedNow, modified: fixedNow },
];

function inboxBridge(messages: readonly Message[] = history(120, [10, 55, 115])) {
  const customers = [makeCustomer(1), makeCustomer(2), makeCustomer(3, { unreadCount: 2 }), makeCustomer(4), makeCustomer(5, { unreadCount: 1 })];
  return new FakeBridge({
    'customers:page': servePages(() => customers),
    'inbox:unread': () => ok({ messages: 3, conversations: 2, byChannel: {} }),
    'inbox:channels': () => ok(channels),
    'messages:window': serveWindows(messages),
    'messages:find': ({ text }) => {
      const words = text.toLowerCase();
      const matches = messages
        .filter((message) => message.payload.type === 'TEXT' && payloadText(message.payload).toLowerCase().includes(words))
        .map((message) => ({ sent: message.sent, key: message.key }));
      return ok({ matches, truncated: false });
    },
  });
}

const revealed: string[] = [];

// jsdom lays nothing out: the thread gets a height by hand, 100 px per message in a 400 px pane, so reaching an
// edge (and loading more there) happens only where it would on screen.
const messageHeight = 100;
const paneHeight = 400;
const scrollTops = new WeakMap<Element, number>();
const isThread = (element: Element) => element.classList.contains('scroller');
const threadHeight = (element: Element) => Math.max(element.querySelectorAll('article').length * messageHeight, paneHeight);
const jsdomScrollTop = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollTop');

beforeEach(() => {
  localStorage.clear();
  revealed.length = 0;
  Object.defineProperties(HTMLElement.prototype, {
    scrollHeight: { configurable: true, get: function (this: HTMLElement) { return isThread(this) ? threadHeight(this) : 0; } },
    clientHeight: { configurable: true, get: function (this: HTMLElement) { return isThread(this) ? paneHeight : 0; } },
    scrollTop: {
      configurable: true,
      get: function (this: HTMLElement) { return isThread(this) ? (scrollTops.get(this) ?? 0) : (jsdomScrollTop?.get?.call(this) as number); },
      set: function (this: HTMLElement, value: number) {
        if (isThread(this)) scrollTops.set(this, Math.min(Math.max(0, value), threadHeight(this) - paneHeight));
        else jsdomScrollTop?.set?.call(this, value);
      },
    },
  });
  // Brings a message to the middle of the thread, and records which one it was.
  Element.prototype.scrollIntoView = function scrollIntoView(this: Element) {
    revealed.push(this.getAttribute('data-message-key') ?? '');
    const thread = this.closest('.scroller');
    if (!(thread instanceof HTMLElement)) return;
    const index = [...thread.querySelectorAll('article')].indexOf(this as HTMLElement);
    thread.scrollTop = index * messageHeight - (paneHeight - messageHeight) / 2;
    thread.dispatchEvent(new Event('scroll'));
  };
});

afterEach(() => {
  for (const name of ['scrollHeight', 'clientHeight', 'scrollTop']) Reflect.deleteProperty(HTMLElement.prototype, name);
  localStorage.clear();
});

/** The find box's "N of M". */
function findStatus(pane: HTMLElement): HTMLElement {
  return within(within(pane).getByRole('search', { name: 'Find in conversation' })).getByRole('status');
}

async function openFirstConversation() {
  await fireEvent.click(await screen.findByRole('option', { name: /Customer 1\b/ }));
  return screen.findByRole('region', { name: 'Conversation with Customer 1' });
}

describe('find in conversation', () => {
  it('finds a word in the whole history, goes to a match outside the loaded window, and steps with Enter and Shift+Enter', async () => {
    const bridge = inboxBridge();
    render(InboxView, { bridge, now: fixedNow });
    const pane = await openFirstConversation();
    await within(pane).findByText('Line 120');
    const composer = within(pane).getByRole('textbox');
    composer.focus();

    await fireEvent.keyDown(composer, { key: 'f', ctrlKey: true });
    const box = within(pane).getByRole('searchbox', { name: 'Find in conversation' });
    expect(box).toHaveFocus();
    await fireEvent.input(box, { target: { value: 'parcel' } });
    await fireEvent.keyDown(box, { key: 'Enter' });
    const status = findStatus(pane);
    // The newest match first: it is in the window already shown.
    await waitFor(() => expect(status).toHaveTextContent('3 of 3'));
    expect(bridge.inputsOf('messages:find')).toEqual([{ customerId: 'c00001', text: 'parcel' }]);
    await waitFor(() => expect(revealed.at(-1)).toBe('m0115'));

    await fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    await waitFor(() => expect(status).toHaveTextContent('2 of 3'));
    // Message 55 is not among the newest 50: a window around it was read.
    expect(bridge.inputsOf('messages:window')).toContainEqual(expect.objectContaining({ customerId: 'c00001', around: 'm0055' }));
    await within(pane).findByText('Your parcel number 55');
    await waitFor(() => expect(revealed.at(-1)).toBe('m0055'));
    expect(within(pane).getByText('Your parcel number 55').closest('article')).toHaveAttribute('data-find-current');
    expect(within(pane).queryByText('Line 120')).not.toBeInTheDocument();
    expect(within(pane).getByRole('button', { name: 'Jump to latest ↓' })).toBeInTheDocument();

    await fireEvent.click(within(pane).getByRole('button', { name: 'Previous match' }));
    await waitFor(() => expect(status).toHaveTextContent('1 of 3'));
    await waitFor(() => expect(revealed.at(-1)).toBe('m0010'));
    await fireEvent.click(within(pane).getByRole('button', { name: 'Previous match' }));
    await waitFor(() => expect(status).toHaveTextContent('3 of 3'));
    expectAccessible();

    await fireEvent.keyDown(box, { key: 'Escape' });
    expect(within(pane).queryByRole('searchbox', { name: 'Find in conversation' })).not.toBeInTheDocument();
    expect(composer).toHaveFocus();
  });

  it('says when nothing matches, and comes back to the newest messages with "Jump to latest"', async () => {
    const bridge = inboxBridge();
    render(InboxView, { bridge, now: fixedNow });
    const pane = await openFirstConversation();
    await within(pane).findByText('Line 120');
    await fireEvent.keyDown(document.body, { key: 'f', ctrlKey: true });
    const box = within(pane).getByRole('searchbox', { name: 'Find in conversation' });
    await fireEvent.input(box, { target: { value: 'refund' } });
    await fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(findStatus(pane)).toHaveTextContent('No matches'));

    await fireEvent.input(box, { target: { value: 'parcel number 10' } });
    await fireEvent.keyDown(box, { key: 'Enter' });
    await within(pane).findByText('Your parcel number 10');
    await fireEvent.click(within(pane).getByRole('button', { name: 'Jump to latest ↓' }));
    await within(pane).findByText('Line 120');
    expect(within(pane).queryByText('Your parcel number 10')).not.toBeInTheDocument();
  });
});

describe('filters and moving between conversations', () => {
  it('filters the list by channel type or by channel with the "Channel" box', async () => {
    const bridge = inboxBridge();
    render(InboxView, { bridge, now: fixedNow });
    await screen.findByRole('option', { name: /Customer 1\b/ });
    const box = screen.getByRole('combobox', { name: 'Channel' });
    // Closed, the box adds no options beside the list's rows.
    expect(within(screen.getByRole('region', { name: 'Conversations' })).getAllByRole('option')).toHaveLength(5);
    box.focus();
    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    const choices = screen.getByRole('listbox', { name: 'Channel' });
    await waitFor(() => expect(within(choices).getByRole('option', { name: 'All WhatsApp' })).toBeInTheDocument());
    expect(within(choices).getAllByRole('option').map((option) => option.textContent?.trim())).toEqual([
      'All channels',
      'All SMS',
      'All WhatsApp',
      'SMS USA (SMS)',
      'Support WhatsApp (WhatsApp)',
    ]);
    expectAccessible();
    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(box).toHaveAttribute('aria-activedescendant', within(choices).getByRole('option', { name: 'All WhatsApp' }).id);
    await fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(bridge.inputsOf('customers:page').at(-1)).toEqual({ limit: 50, channelType: 'WA' }));
    expect(box).toHaveTextContent('All WhatsApp');
    expect(box).toHaveAttribute('aria-expanded', 'false');

    await fireEvent.click(box);
    await fireEvent.click(within(screen.getByRole('listbox', { name: 'Channel' })).getByRole('option', { name: 'SMS USA (SMS)' }));
    await waitFor(() => expect(bridge.inputsOf('customers:page').at(-1)).toEqual({ limit: 50, channelId: 'ch-sms' }));
    await fireEvent.click(screen.getByRole('button', { name: /^Unread/ }));
    await waitFor(() => expect(bridge.inputsOf('customers:page').at(-1)).toEqual({ limit: 50, channelId: 'ch-sms', unreadOnly: true }));
  });

  it('moves to the next and previous conversation with Alt+Down/Up, and to the next unread', async () => {
    const bridge = inboxBridge();
    render(InboxView, { bridge, now: fixedNow });
    await openFirstConversation();
    await fireEvent.keyDown(document.body, { key: 'ArrowDown', altKey: true });
    await screen.findByRole('region', { name: 'Conversation with Customer 2' });
    await fireEvent.click(screen.getByRole('button', { name: 'Jump to next unread' }));
    await screen.findByRole('region', { name: 'Conversation with Customer 3' });
    await fireEvent.keyDown(document.body, { key: 'ArrowDown', altKey: true, shiftKey: true });
    await screen.findByRole('region', { name: 'Conversation with Customer 5' });
    await fireEvent.keyDown(document.body, { key: 'ArrowUp', altKey: true });
    await screen.findByRole('region', { name: 'Conversation with Customer 4' });
  });
});

describe('keyboard shortcuts', () => {
  it('opens the sheet with ? or Ctrl+/, listing every shortcut of the table, and closes it with Escape', async () => {
    render(InboxView, { bridge: inboxBridge(), now: fixedNow });
    await screen.findByRole('option', { name: /Customer 1\b/ });
    await fireEvent.keyDown(document.body, { key: '?', shiftKey: true });
    const sheet = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const terms = within(sheet).getAllByRole('term');
    expect(terms.map((term) => term.textContent)).toEqual(expect.arrayContaining(Object.values(shortcuts).map((shortcut) => shortcut.label)));
    expect(terms).toHaveLength(Object.keys(shortcuts).length);
    expect(terms.find((term) => term.textContent === 'Find in conversation')?.parentElement).toHaveTextContent(/Ctrl\s*\+\s*F/);
    expectAccessible();
    await fireEvent.keyDown(sheet, { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).not.toBeInTheDocument();

    await fireEvent.keyDown(document.body, { key: '/', ctrlKey: true });
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeInTheDocument();
  });

  it('leaves ? alone while the agent types it into a field', async () => {
    render(InboxView, { bridge: inboxBridge(), now: fixedNow });
    const search = await screen.findByRole('searchbox', { name: 'Search customers' });
    expect(await fireEvent.keyDown(search, { key: '?', shiftKey: true })).toBe(true);
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).not.toBeInTheDocument();
  });

  it('steals no AltGr letter: Ctrl+Alt with a shortcut key types, and nothing opens', async () => {
    render(InboxView, { bridge: inboxBridge(), now: fixedNow });
    const pane = await openFirstConversation();
    const composer = within(pane).getByRole('textbox');
    composer.focus();
    // Polish AltGr+F types nothing special, but AltGr+K, AltGr+/ and the like type letters on many layouts.
    for (const key of ['f', 'k', '/', '?', 'ł']) {
      expect(await fireEvent.keyDown(composer, { key, ctrlKey: true, altKey: true })).toBe(true);
    }
    expect(await fireEvent.keyDown(composer, { key: 'ArrowDown', ctrlKey: true, altKey: true })).toBe(true);
    expect(within(pane).queryByRole('searchbox', { name: 'Find in conversation' })).not.toBeInTheDocument();
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).not.toBeInTheDocument();
    expect(composer).toHaveFocus();
    expect(screen.getByRole('region', { name: 'Conversation with Customer 1' })).toBeInTheDocument();
  });
});

describe('resizable panes', () => {
  it('resizes the list with the keyboard on its separator and remembers the width', async () => {
    const first = render(InboxView, { bridge: inboxBridge(), now: fixedNow });
    await screen.findByRole('option', { name: /Customer 1\b/ });
    const separator = screen.getByRole('separator', { name: 'Resize the conversation list' });
    expect(separator).toHaveAttribute('aria-valuenow', '336');
    expect(separator).toHaveAttribute('aria-controls', 'conversation-list-pane');
    separator.focus();
    await fireEvent.keyDown(separator, { key: 'ArrowRight' });
    expect(separator).toHaveAttribute('aria-valuenow', '352');
    await fireEvent.keyDown(separator, { key: 'ArrowLeft' });
    await fireEvent.keyDown(separator, { key: 'ArrowLeft' });
    expect(separator).toHaveAttribute('aria-valuenow', '320');
    await fireEvent.keyDown(separator, { key: 'Home' });
    expect(separator).toHaveAttribute('aria-valuenow', separator.getAttribute('aria-valuemin'));
    await fireEvent.keyDown(separator, { key: 'End' });
    expect(separator).toHaveAttribute('aria-valuenow', separator.getAttribute('aria-valuemax'));
    await fireEvent.keyDown(separator, { key: 'ArrowLeft' });
    const width = separator.getAttribute('aria-valuenow');
    expect(Number(width)).toBeLessThan(Number(separator.getAttribute('aria-valuemax')));
    expect(screen.getByRole('region', { name: 'Conversations' }).parentElement).toHaveStyle({ gridTemplateColumns: `${width}px auto minmax(0, 1fr)` });
    expectAccessible();

    first.unmount();
    render(InboxView, { bridge: inboxBridge(), now: fixedNow });
    await screen.findByRole('option', { name: /Customer 1\b/ });
    expect(screen.getByRole('separator', { name: 'Resize the conversation list' })).toHaveAttribute('aria-valuenow', width);
  });

  it('resizes the customer details from their own separator, which widens them leftwards, and remembers the width', async () => {
    const first = render(InboxView, { bridge: inboxBridge(), now: fixedNow });
    await fireEvent.click(await screen.findByRole('option', { name: /Customer 1\b/ }));
    await fireEvent.click(await screen.findByRole('button', { name: 'Customer details' }));
    const separator = screen.getByRole('separator', { name: 'Resize the customer details' });
    expect(separator).toHaveAttribute('aria-controls', 'customer-details');
    expect(separator).toHaveAttribute('aria-valuenow', '320');
    await fireEvent.keyDown(separator, { key: 'ArrowLeft' });
    expect(separator).toHaveAttribute('aria-valuenow', '336');
    expect(screen.getByRole('region', { name: 'Conversations' }).parentElement).toHaveStyle({ gridTemplateColumns: '336px auto minmax(0, 1fr) auto 336px' });
    expectAccessible();

    first.unmount();
    render(InboxView, { bridge: inboxBridge(), now: fixedNow });
    await fireEvent.click(await screen.findByRole('option', { name: /Customer 1\b/ }));
    expect(await screen.findByRole('separator', { name: 'Resize the customer details' })).toHaveAttribute('aria-valuenow', '336');
  });

  it('starts from the default width when what was stored is not a width', async () => {
    localStorage.setItem('inbox.pane-width.customer-list', 'wide please');
    render(InboxView, { bridge: inboxBridge(), now: fixedNow });
    await screen.findByRole('option', { name: /Customer 1\b/ });
    expect(screen.getByRole('separator', { name: 'Resize the conversation list' })).toHaveAttribute('aria-valuenow', '336');
  });
});
