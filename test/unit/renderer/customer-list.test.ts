/**
 * The customer list as an agent works it: rows that say who, when and how many unread; more rows asked for by
 * cursor as the agent scrolls or arrows down; a search that follows each keystroke; the unread filter; and a
 * list that follows `customers:changed` without losing the agent's place.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Customer } from '../../../common/domain';
import InboxView from '../../../renderer/features/inbox/InboxView.svelte';
import { expectAccessible } from './accessibility';
import { FakeBridge, deferred, fail, ok } from './fake-bridge';
import { fixedNow, makeCustomer, makeCustomers, servePages } from './fixtures';
import { paneSize, rowHeight } from './setup';

function inboxBridge(customers: () => readonly Customer[]): FakeBridge {
  return new FakeBridge({
    'customers:page': servePages(customers),
    'inbox:unread': () => ok({ messages: 7, conversations: 3, byChannel: {} }),
    'messages:window': () => ok({ items: [], hasOlder: false, hasNewer: false, freshness: { lastSyncedAt: null } }),
  });
}

function renderInbox(bridge: FakeBridge) {
  return render(InboxView, { bridge, now: fixedNow });
}

const listbox = () => screen.getByRole('listbox', { name: 'Customers' });

/** Scrolls the list so that row `index` is at the bottom of the pane. */
async function scrollToRow(index: number): Promise<void> {
  const element = listbox();
  element.scrollTop = Math.max(0, (index + 1) * rowHeight - paneSize.height);
  await fireEvent.scroll(element);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the customer list', () => {
  it('passes the accessibility check', async () => {
    renderInbox(inboxBridge(() => makeCustomers(1, 120)));
    await screen.findByRole('option', { name: /Customer 1\b/ });
    expectAccessible();
  });

  it('shows each customer with their number, last message, time and unread count', async () => {
    const customers = [
      makeCustomer(1, { unreadCount: 3, lastMessagePreview: 'Where is my parcel?' }),
      makeCustomer(2, { name: null, lastMessageTime: fixedNow - 2 * 86_400_000 }),
    ];
    renderInbox(inboxBridge(() => customers));
    const first = await screen.findByRole('option', { name: /Customer 1/ });
    expect(first).toHaveTextContent('Where is my parcel?');
    expect(first).toHaveTextContent('+44 7700 900001');
    expect(first).toHaveTextContent('3 unread');
    expect(within(first).getByRole('time')).toHaveAttribute('datetime', new Date(fixedNow - 60_000).toISOString());
    const unnamed = screen.getByRole('option', { name: /\+44 7700 900002/ });
    expect(unnamed).not.toHaveTextContent('unread');
    expect(screen.getByText('Updated 2 min ago')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Unread 3' })).toBeInTheDocument();
    expect(document.title).toBe('(3) 2-Way Inbox');
  });

  it('asks for the next page after the last row shown, by cursor, when the agent scrolls near the end', async () => {
    const bridge = inboxBridge(() => makeCustomers(1, 120));
    renderInbox(bridge);
    await screen.findByRole('option', { name: /Customer 1\b/ });
    expect(bridge.inputsOf('customers:page')).toEqual([{ limit: 50 }]);

    await scrollToRow(45);
    await waitFor(() => expect(bridge.inputsOf('customers:page')).toHaveLength(2));
    const fiftieth = makeCustomer(50);
    expect(bridge.inputsOf('customers:page')[1]).toEqual({ limit: 50, after: { time: fiftieth.lastMessageTime, id: fiftieth.id } });

    await scrollToRow(95);
    await waitFor(() => expect(bridge.inputsOf('customers:page')).toHaveLength(3));
    expect(bridge.inputsOf('customers:page')[2]?.after?.id).toBe(makeCustomer(100).id);
    await scrollToRow(119);
    await screen.findByRole('option', { name: /Customer 120\b/ });
    await scrollToRow(119);
    expect(bridge.inputsOf('customers:page')).toHaveLength(3);
  });

  it('asks for one next page at a time however much the agent scrolls meanwhile', async () => {
    const bridge = inboxBridge(() => makeCustomers(1, 200));
    const held = deferred<undefined>();
    const serve = servePages(() => makeCustomers(1, 200));
    bridge.answer('customers:page', async (query) => {
      if (query.after !== undefined) await held.promise;
      return serve(query);
    });
    renderInbox(bridge);
    await screen.findByRole('option', { name: /Customer 1\b/ });
    await scrollToRow(45);
    await scrollToRow(48);
    await scrollToRow(49);
    expect(bridge.inputsOf('customers:page')).toHaveLength(2);
    expect(screen.getByText('Loading more…')).toBeInTheDocument();
    held.resolve(undefined);
    await waitFor(() => expect(screen.queryByText('Loading more…')).not.toBeInTheDocument());
  });

  it('moves with the arrow keys, asks for more at the end, and opens a conversation with Enter', async () => {
    const bridge = inboxBridge(() => makeCustomers(1, 60));
    renderInbox(bridge);
    await screen.findByRole('option', { name: /Customer 1\b/ });
    const list = listbox();
    list.focus();
    await tick();
    expect(list).toHaveAttribute('aria-activedescendant', 'customer-c00001');
    await fireEvent.keyDown(list, { key: 'ArrowDown' });
    await fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(list).toHaveAttribute('aria-activedescendant', 'customer-c00003');
    await fireEvent.keyDown(list, { key: 'ArrowUp' });
    expect(list).toHaveAttribute('aria-activedescendant', 'customer-c00002');

    await fireEvent.keyDown(list, { key: 'End' });
    expect(list).toHaveAttribute('aria-activedescendant', 'customer-c00050');
    await waitFor(() => expect(bridge.inputsOf('customers:page')[1]?.after?.id).toBe('c00050'));

    await fireEvent.keyDown(list, { key: 'Enter' });
    expect(bridge.inputsOf('messages:window')).toEqual([{ customerId: 'c00050', limit: 50 }]);
    expect(await screen.findByRole('heading', { name: 'Customer 50' })).toBeInTheDocument();
    expect(screen.getByRole('option', { name: /Customer 50\b/ })).toHaveAttribute('aria-selected', 'true');
  });

  it('opens a conversation on click', async () => {
    const bridge = inboxBridge(() => makeCustomers(1, 5));
    renderInbox(bridge);
    await fireEvent.click(await screen.findByRole('option', { name: /Customer 3\b/ }));
    expect(bridge.inputsOf('messages:window')).toEqual([{ customerId: 'c00003', limit: 50 }]);
    expect(listbox()).toHaveFocus();
  });

  it('searches as the agent types, without waiting for a pause', async () => {
    vi.useFakeTimers();
    const bridge = inboxBridge(() => [makeCustomer(1, { name: 'Maria Lopez' }), makeCustomer(2, { name: 'James Carter' })]);
    renderInbox(bridge);
    await vi.waitFor(() => expect(bridge.inputsOf('customers:page')).toHaveLength(1));
    const search = screen.getByRole('searchbox', { name: 'Search customers' });
    for (const text of ['m', 'ma', 'mar']) await fireEvent.input(search, { target: { value: text } });
    // No clock has moved: each keystroke's read went out as it was typed.
    expect(bridge.inputsOf('customers:page')).toEqual([{ limit: 50 }, { limit: 50, search: 'm' }, { limit: 50, search: 'ma' }, { limit: 50, search: 'mar' }]);
    await vi.waitFor(() => expect(screen.queryByRole('option', { name: /James Carter/ })).not.toBeInTheDocument());
    expect(screen.getByRole('option', { name: /Maria Lopez/ })).toBeInTheDocument();
  });

  it('never shows an older search answer over a newer one, whatever order they arrive in', async () => {
    const customers = [makeCustomer(1, { name: 'Maria Lopez' }), makeCustomer(2, { name: 'Mark Evans' }), makeCustomer(3, { name: 'James Carter' })];
    const serve = servePages(() => customers);
    const held = new Map<string, ReturnType<typeof deferred<undefined>>>();
    const answered = new Set<string>();
    const bridge = inboxBridge(() => customers);
    bridge.answer('customers:page', async (input) => {
      const gate = input.search === undefined ? undefined : held.get(input.search);
      if (gate !== undefined) await gate.promise;
      const answer = serve(input);
      if (input.search !== undefined) answered.add(input.search);
      return answer;
    });
    renderInbox(bridge);
    await screen.findByRole('option', { name: /James Carter/ });
    held.set('ma', deferred<undefined>());
    held.set('mari', deferred<undefined>());
    const search = screen.getByRole('searchbox', { name: 'Search customers' });
    await fireEvent.input(search, { target: { value: 'ma' } });
    await fireEvent.input(search, { target: { value: 'mari' } });

    held.get('mari')?.resolve(undefined);
    await waitFor(() => expect(screen.queryByRole('option', { name: /James Carter/ })).not.toBeInTheDocument());
    held.get('ma')?.resolve(undefined);
    // The answer for "ma" (Mark as well as Maria) came last, and is not what the list shows.
    await waitFor(() => expect(answered.has('ma')).toBe(true));
    await tick();
    expect(screen.getAllByRole('option').map((row) => row.textContent)).toEqual([expect.stringContaining('Maria Lopez')]);
    expect(search).toHaveValue('mari');
  });

  it('reads only the rows as the agent types: the unread totals count the whole inbox, whatever the search', async () => {
    const bridge = inboxBridge(() => [makeCustomer(1, { name: 'Maria Lopez' }), makeCustomer(2, { name: 'James Carter' })]);
    renderInbox(bridge);
    await screen.findByRole('option', { name: /James Carter/ });
    const unreadReads = bridge.inputsOf('inbox:unread').length;
    const search = screen.getByRole('searchbox', { name: 'Search customers' });
    for (const text of ['m', 'ma', 'mar']) await fireEvent.input(search, { target: { value: text } });
    await waitFor(() => expect(screen.queryByRole('option', { name: /James Carter/ })).not.toBeInTheDocument());
    expect(bridge.inputsOf('customers:page').at(-1)).toEqual({ limit: 50, search: 'mar' });
    expect(bridge.inputsOf('inbox:unread')).toHaveLength(unreadReads);
    expect(screen.getByRole('button', { name: 'Unread 3' })).toBeInTheDocument();
  });

  it('clears the search at once with Escape', async () => {
    vi.useFakeTimers();
    const bridge = inboxBridge(() => makeCustomers(1, 3));
    renderInbox(bridge);
    await vi.waitFor(() => expect(bridge.inputsOf('customers:page')).toHaveLength(1));
    const search = screen.getByRole('searchbox', { name: 'Search customers' });
    await fireEvent.input(search, { target: { value: 'zz' } });
    await vi.advanceTimersByTimeAsync(300);
    expect(await screen.findByText('No customer matches “zz”.')).toBeInTheDocument();

    await fireEvent.keyDown(search, { key: 'Escape' });
    expect(search).toHaveValue('');
    expect(bridge.inputsOf('customers:page').at(-1)).toEqual({ limit: 50 });
    await vi.waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(3));
  });

  it('focuses the search with Ctrl+K from anywhere in the inbox', async () => {
    renderInbox(inboxBridge(() => makeCustomers(1, 3)));
    await screen.findByRole('option', { name: /Customer 1\b/ });
    await fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    expect(screen.getByRole('searchbox', { name: 'Search customers' })).toHaveFocus();
    listbox().focus();
    await fireEvent.keyDown(window, { key: 'K', metaKey: true });
    expect(screen.getByRole('searchbox', { name: 'Search customers' })).toHaveFocus();
  });

  it('moves through the list from the search box and opens with Enter', async () => {
    const bridge = inboxBridge(() => makeCustomers(1, 5));
    renderInbox(bridge);
    await screen.findByRole('option', { name: /Customer 1\b/ });
    const search = screen.getByRole('searchbox', { name: 'Search customers' });
    await fireEvent.keyDown(search, { key: 'ArrowDown' });
    await fireEvent.keyDown(search, { key: 'ArrowDown' });
    await fireEvent.keyDown(search, { key: 'Enter' });
    expect(bridge.inputsOf('messages:window')).toEqual([{ customerId: 'c00002', limit: 50 }]);
  });

  it('shows only unread conversations when asked, and says when there are none', async () => {
    const bridge = inboxBridge(() => [makeCustomer(1), makeCustomer(2, { unreadCount: 2 })]);
    renderInbox(bridge);
    await screen.findByRole('option', { name: /Customer 1\b/ });
    await fireEvent.click(screen.getByRole('button', { name: /^Unread/ }));
    expect(bridge.inputsOf('customers:page').at(-1)).toEqual({ limit: 50, unreadOnly: true });
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(1));
    expect(screen.getByRole('button', { name: /^Unread/ })).toHaveAttribute('aria-pressed', 'true');

    bridge.answer('customers:page', servePages(() => [makeCustomer(1)]));
    bridge.emit('customers:changed', { ids: ['c00002'] });
    expect(await screen.findByText('All caught up: no unread conversations.')).toBeInTheDocument();
  });

  it('says the list fills as sync brings conversations in, when there are none yet', async () => {
    renderInbox(inboxBridge(() => []));
    expect(await screen.findByText('No conversations yet')).toBeInTheDocument();
    expect(screen.getByText(/Sync fills this list/)).toBeInTheDocument();
  });

  it('says why the list could not be read, and tries again on request', async () => {
    const bridge = inboxBridge(() => makeCustomers(1, 3));
    bridge.answer('customers:page', () => fail('STORAGE', 'SQLITE_FULL'));
    renderInbox(bridge);
    const pane = screen.getByRole('region', { name: 'Conversations' });
    expect(await within(pane).findByRole('alert')).toHaveTextContent("The app can't write to its data folder");
    bridge.answer('customers:page', servePages(() => makeCustomers(1, 3)));
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findAllByRole('option')).toHaveLength(3);
  });

  it('follows customers:changed: a customer with a new message moves to the top, deeper rows stay loaded', async () => {
    let customers = makeCustomers(1, 150);
    const bridge = inboxBridge(() => customers);
    renderInbox(bridge);
    await screen.findByRole('option', { name: /Customer 1\b/ });
    await scrollToRow(45);
    await waitFor(() => expect(bridge.inputsOf('customers:page')).toHaveLength(2));
    await scrollToRow(95);
    await waitFor(() => expect(bridge.inputsOf('customers:page')).toHaveLength(3));

    const moved = makeCustomer(120, { lastMessageTime: fixedNow, lastMessagePreview: 'Hello again', unreadCount: 1 });
    customers = [moved, ...customers.filter((customer) => customer.id !== moved.id)];
    bridge.emit('customers:changed', { ids: [moved.id] });
    await waitFor(() => expect(bridge.inputsOf('customers:page')).toHaveLength(4));
    // The 150 rows loaded are re-read in one page: a refresh reaches up to 400 rows, in pages of up to 200.
    expect(bridge.inputsOf('customers:page')[3]).toEqual({ limit: 150 });

    await scrollToRow(0);
    const rows = await screen.findAllByRole('option');
    expect(rows[0]).toHaveTextContent('Hello again');
    expect(screen.getAllByRole('option', { name: /Customer 120\b/ })).toHaveLength(1);
  });
});
