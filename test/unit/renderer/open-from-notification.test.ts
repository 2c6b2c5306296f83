/**
 * A conversation asked for from outside the inbox (a clicked OS notification, a link) opens in the inbox, whether the
 * customer is on the loaded page of the list or has to be looked up, and whether the request came in while the
 * inbox was listening ('app:open-requested') or before it mounted.
 */
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import InboxView from '../../../renderer/features/inbox/InboxView.svelte';
import { FakeBridge, ok } from './fake-bridge';
import { fixedNow, makeCustomer, makeCustomers, makeMessage, servePages } from './fixtures';

const olderCustomer = makeCustomer(80, { name: 'Maria Lopez' });

/** Main's pending request, as `app:take-open-request` hands it out: once. */
let pendingOpen: string | undefined;

function ask(bridge: FakeBridge, customerId: string): void {
  pendingOpen = customerId;
  bridge.emit('app:open-requested', {});
}

function inboxBridge(): FakeBridge {
  return new FakeBridge({
    'app:take-open-request': () => {
      const customerId = pendingOpen;
      pendingOpen = undefined;
      return ok(customerId === undefined ? null : { customerId });
    },
    'customers:page': servePages(() => makeCustomers(1, 5)),
    'inbox:unread': () => ok({ messages: 0, conversations: 0, byChannel: {} }),
    'messages:window': () => ok({ items: [makeMessage()], hasOlder: false, hasNewer: false, freshness: { lastSyncedAt: fixedNow } }),
    'sync:status': () => ok({ state: 'online', lastSyncedAt: fixedNow }),
    'sync:focus': () => ok({}),
    'sync:network': () => ok({}),
    'customers:get': ({ id }) => ok(id === olderCustomer.id ? olderCustomer : null),
  });
}

async function renderInbox(bridge: FakeBridge) {
  render(InboxView, { bridge, now: fixedNow });
  await screen.findByRole('option', { name: /Customer 1\b/ });
}

describe('opening a conversation asked for from outside', () => {
  it('opens a request that came in before the inbox mounted (a link that started the app)', async () => {
    const bridge = inboxBridge();
    pendingOpen = olderCustomer.id;
    render(InboxView, { bridge, now: fixedNow });

    expect(await screen.findByRole('textbox', { name: 'Message to Maria Lopez' })).toBeInTheDocument();
  });

  it('opens a customer from the list', async () => {
    const bridge = inboxBridge();
    await renderInbox(bridge);

    ask(bridge, makeCustomer(3).id);

    expect(await screen.findByRole('textbox', { name: 'Message to Customer 3' })).toBeInTheDocument();
    expect(screen.getByRole('option', { name: /Customer 3\b/, selected: true })).toBeInTheDocument();
    expect(bridge.inputsOf('customers:get')).toEqual([]);
  });

  it('looks up a customer the loaded list does not hold', async () => {
    const bridge = inboxBridge();
    await renderInbox(bridge);

    ask(bridge, olderCustomer.id);

    expect(await screen.findByRole('heading', { name: 'Maria Lopez' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Message to Maria Lopez' })).toBeInTheDocument();
  });

  it('opens nothing for a customer the cache does not know', async () => {
    const bridge = inboxBridge();
    await renderInbox(bridge);

    ask(bridge, 'gone');

    await expect.poll(() => bridge.inputsOf('customers:get')).toEqual([{ id: 'gone' }]);
    expect(screen.getByRole('heading', { name: 'Choose a conversation' })).toBeInTheDocument();
  });
});
