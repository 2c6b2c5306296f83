/**
 * The inbox talking to the sync engine and the outbox: the sync line says how fresh things are or why not and
 * syncs on request; the engine hears what conversation is open and whether the window is focused, visible and
 * online; a reply goes to the outbox, and a send it gave up on can be retried or discarded.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../../common/domain';
import InboxView from '../../../renderer/features/inbox/InboxView.svelte';
import { expectAccessible } from './accessibility';
import { FakeBridge, fail, ok } from './fake-bridge';
import { fixedNow, makeCustomer, makeCustomers, makeMessage, servePages } from './fixtures';

function outboxItem(overrides: Partial<OutboxItem> = {}): OutboxItem {
  return {
    clientId: 'k1',
    customerId: 'c00001',
    agentId: 'a1',
    channelType: 'SMS',
    payload: { type: 'TEXT', text: 'hello' },
    state: 'queued',
    attempts: 0,
    nextAttemptAt: fixedNow,
    lastError: null,
    messageId: null,
    createdAt: fixedNow,
    ...overrides,
  };
}

function inboxBridge(): FakeBridge {
  return new FakeBridge({
    'customers:page': servePages(() => makeCustomers(1, 5)),
    'inbox:unread': () => ok({ messages: 0, conversations: 0, byChannel: {} }),
    'messages:window': () => ok({ items: [makeMessage()], hasOlder: false, hasNewer: false, freshness: { lastSyncedAt: fixedNow } }),
    'sync:status': () => ok({ state: 'online', lastSyncedAt: fixedNow - 5 * 60_000 }),
    'sync:now': () => ok({ state: 'online', lastSyncedAt: fixedNow }),
    'sync:focus': () => ok({}),
    'sync:network': () => ok({}),
    'outbox:send': (request) => ok(outboxItem({ customerId: request.customerId, payload: request.payload })),
    'outbox:retry': (request) => ok(outboxItem({ clientId: request.clientId })),
    'outbox:discard': (request) => ok({ clientId: request.clientId }),
  });
}

async function renderInbox(bridge: FakeBridge) {
  render(InboxView, { bridge, now: fixedNow });
  await screen.findByRole('option', { name: /Customer 1\b/ });
}

async function openFirst(bridge: FakeBridge) {
  await renderInbox(bridge);
  await fireEvent.click(screen.getByRole('option', { name: /Customer 1\b/ }));
  return screen.findByRole('textbox', { name: 'Message to Customer 1' });
}

describe('sync', () => {
  it('passes the accessibility check', async () => {
    await renderInbox(inboxBridge());
    expectAccessible();
  });

  it('says when the service was last heard from, and what the engine is doing now', async () => {
    const bridge = inboxBridge();
    await renderInbox(bridge);
    expect(await screen.findByText('Updated 5 min ago')).toBeInTheDocument();

    bridge.emit('sync:status', { state: 'syncing', lastSyncedAt: fixedNow - 5 * 60_000 });
    expect(await screen.findByText('Syncing with the service…')).toBeInTheDocument();
    const retryAt = new Date(fixedNow + 60_000);
    bridge.emit('sync:status', { state: 'offline', retryAt: retryAt.getTime(), lastError: { code: 'NETWORK', message: 'ECONNRESET', retryable: true } });
    expect(await screen.findByText(/^Offline: Can't reach the service\..*Trying again/)).toBeInTheDocument();
    bridge.emit('sync:status', { state: 'rate-limited' });
    expect(await screen.findByText('The service asked us to slow down.')).toBeInTheDocument();
  });

  it('syncs now on request', async () => {
    const bridge = inboxBridge();
    await renderInbox(bridge);
    await fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(bridge.inputsOf('sync:now')).toEqual([{}]);
    expect(await screen.findByText('Updated just now')).toBeInTheDocument();
  });

  it('tells the engine which conversation is open and whether the window is focused, visible and online', async () => {
    const bridge = inboxBridge();
    await openFirst(bridge);
    await waitFor(() => expect(bridge.inputsOf('sync:focus').at(-1)).toMatchObject({ customerId: 'c00001', visible: true }));
    await fireEvent.blur(window);
    await waitFor(() => expect(bridge.inputsOf('sync:focus').at(-1)).toEqual({ customerId: 'c00001', windowFocused: false, visible: true }));
    await fireEvent.focus(window);
    await waitFor(() => expect(bridge.inputsOf('sync:focus').at(-1)).toEqual({ customerId: 'c00001', windowFocused: true, visible: true }));
    const sent = bridge.inputsOf('sync:focus').length;
    await fireEvent.focus(window);
    expect(bridge.inputsOf('sync:focus')).toHaveLength(sent);

    await fireEvent(window, new Event('offline'));
    await fireEvent(window, new Event('online'));
    expect(bridge.inputsOf('sync:network')).toEqual([{ online: false }, { online: true }]);
  });
});

describe('sending', () => {
  it('hands a reply to the outbox as a text payload and re-reads the thread', async () => {
    const bridge = inboxBridge();
    const field = await openFirst(bridge);
    const reads = bridge.inputsOf('messages:window').length;
    await fireEvent.input(field, { target: { value: 'On its way!' } });
    await fireEvent.keyDown(field, { key: 'Enter' });

    // Through the agent the conversation is on (the channel its row and header show).
    expect(bridge.inputsOf('outbox:send')).toEqual([{ customerId: 'c00001', agentId: 'a1', payload: { type: 'TEXT', text: 'On its way!' } }]);
    await waitFor(() => expect(field).toHaveValue(''));
    expect(bridge.inputsOf('messages:window').length).toBeGreaterThan(reads);
  });

  it('leaves the agent to the outbox when the conversation has no channel yet', async () => {
    const bridge = inboxBridge();
    bridge.answer('customers:page', servePages(() => [makeCustomer(1, { lastAgentId: null, lastChannelType: null })]));
    const field = await openFirst(bridge);
    await fireEvent.input(field, { target: { value: 'Hello' } });
    await fireEvent.keyDown(field, { key: 'Enter' });
    expect(bridge.inputsOf('outbox:send')).toEqual([{ customerId: 'c00001', payload: { type: 'TEXT', text: 'Hello' } }]);
  });

  it('says why the outbox refused a reply and keeps the words', async () => {
    const bridge = inboxBridge();
    bridge.answer('outbox:send', () => fail('VALIDATION', 'SMS cannot carry this', { field: 'payload' }));
    const field = await openFirst(bridge);
    await fireEvent.input(field, { target: { value: 'Hi' } });
    await fireEvent.keyDown(field, { key: 'Enter' });
    const composer = screen.getByRole('form', { name: 'Reply' });
    expect(await within(composer).findByRole('alert')).toHaveTextContent('Not sent: The service did not accept what was entered. Check “payload”.');
    expect(field).toHaveValue('Hi');
  });

  it('offers to retry or discard a send the outbox gave up on', async () => {
    const bridge = inboxBridge();
    const failed = makeMessage({
      key: 'k9',
      clientId: 'k9',
      messageId: null,
      origin: 'AGENT',
      status: 'CREATED',
      outbox: { state: 'failed', lastError: { code: 'SERVER', message: '500', retryable: true } },
      payload: { type: 'TEXT', text: 'did not go' },
    });
    bridge.answer('messages:window', () => ok({ items: [failed], hasOlder: false, hasNewer: false, freshness: { lastSyncedAt: fixedNow } }));
    await openFirst(bridge);
    const bubble = (await screen.findByText('did not go')).closest('article') as HTMLElement;
    expect(bubble).toHaveTextContent('Not sent: The service had a problem on its side.');

    await fireEvent.click(within(bubble).getByRole('button', { name: 'Try again' }));
    expect(bridge.inputsOf('outbox:retry')).toEqual([{ clientId: 'k9' }]);
    await fireEvent.click(within(bubble).getByRole('button', { name: 'Discard' }));
    expect(bridge.inputsOf('outbox:discard')).toEqual([{ clientId: 'k9' }]);
  });

  it('re-reads the thread when the outbox changes one of its sends', async () => {
    const bridge = inboxBridge();
    await openFirst(bridge);
    const reads = bridge.inputsOf('messages:window').length;
    bridge.emit('outbox:changed', { customerId: 'someone-else', clientId: 'k1', item: outboxItem({ customerId: 'someone-else' }) });
    bridge.emit('outbox:changed', { customerId: makeCustomer(1).id, clientId: 'k2', item: null });
    await waitFor(() => expect(bridge.inputsOf('messages:window')).toHaveLength(reads + 1));
  });
});
