/**
 * Unread badges clear once the agent has seen the messages: opening a conversation marks it read through the newest
 * message shown, new messages arriving while the window is focused are marked read too, and while the window is
 * in the background they stay unread.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { Customer, Message } from '../../../common/domain';
import InboxView from '../../../renderer/features/inbox/InboxView.svelte';
import { FakeBridge, ok } from './fake-bridge';
import { fixedNow, makeCustomer, makeMessage, servePages } from './fixtures';

function readingBridge(initialUnread: number) {
  let customers: Customer[] = [makeCustomer(1, { unreadCount: initialUnread }), makeCustomer(2)];
  let messages: Message[] = [makeMessage({ key: 'm-old', sent: fixedNow - 120_000 }), makeMessage({ key: 'm-new', sent: fixedNow - 60_000 })];
  const bridge = new FakeBridge({
    'customers:page': servePages(() => customers),
    'inbox:unread': () => ok({ messages: 0, conversations: 0, byChannel: {} }),
    'messages:window': () => ok({ items: messages, hasOlder: false, hasNewer: false, freshness: { lastSyncedAt: fixedNow } }),
    'sync:status': () => ok({ state: 'online', lastSyncedAt: fixedNow }),
    'sync:focus': () => ok({}),
    'conversation:mark-read': () => {
      customers = customers.map((customer) => (customer.id === 'c00001' ? { ...customer, unreadCount: 0 } : customer));
      // Main announces the change once the cache holds it.
      queueMicrotask(() => bridge.emit('customers:changed', { ids: ['c00001'] }));
      return ok({ unreadCount: 0 });
    },
  });
  /** A customer message arrives: main stores it and announces both changes. */
  const arrive = (message: Message) => {
    messages = [...messages, message];
    customers = customers.map((customer) => (customer.id === 'c00001' ? { ...customer, unreadCount: customer.unreadCount + 1 } : customer));
    bridge.emit('messages:changed', { customerId: 'c00001', ids: [message.key] });
    bridge.emit('customers:changed', { ids: ['c00001'] });
  };
  return { bridge, arrive };
}

async function openFirst(bridge: FakeBridge) {
  render(InboxView, { bridge, now: fixedNow });
  const row = await screen.findByRole('option', { name: /Customer 1\b/ });
  await fireEvent.click(row);
  await screen.findByRole('log', { name: 'Messages' });
}

describe('read state', () => {
  it('clears the unread badge when the conversation is opened, through the newest message shown', async () => {
    const { bridge } = readingBridge(2);
    window.dispatchEvent(new Event('focus'));
    render(InboxView, { bridge, now: fixedNow });
    const row = await screen.findByRole('option', { name: /Customer 1\b/ });
    expect(within(row).getByText('2 unread')).toBeInTheDocument();
    await fireEvent.click(row);
    await waitFor(() => expect(bridge.inputsOf('conversation:mark-read')).toEqual([{ customerId: 'c00001', through: fixedNow - 60_000 }]));
    await waitFor(() => expect(screen.queryByText('2 unread')).not.toBeInTheDocument());
  });

  it('does not mark a conversation with nothing unread', async () => {
    const { bridge } = readingBridge(0);
    await openFirst(bridge);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(bridge.inputsOf('conversation:mark-read')).toEqual([]);
  });

  it('marks messages that arrive while the window is focused as read', async () => {
    const { bridge, arrive } = readingBridge(0);
    await openFirst(bridge);
    window.dispatchEvent(new Event('focus'));
    arrive(makeMessage({ key: 'm-later', sent: fixedNow - 1_000 }));
    await waitFor(() => expect(bridge.inputsOf('conversation:mark-read')).toEqual([{ customerId: 'c00001', through: fixedNow - 1_000 }]));
  });

  it('leaves messages that arrive while the window is in the background unread, and reads them on return', async () => {
    const { bridge, arrive } = readingBridge(0);
    await openFirst(bridge);
    window.dispatchEvent(new Event('blur'));
    arrive(makeMessage({ key: 'm-later', sent: fixedNow - 1_000 }));
    expect(await screen.findByText('1 unread')).toBeInTheDocument();
    expect(bridge.inputsOf('conversation:mark-read')).toEqual([]);

    window.dispatchEvent(new Event('focus'));
    await waitFor(() => expect(bridge.inputsOf('conversation:mark-read')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByText('1 unread')).not.toBeInTheDocument());
  });
});
