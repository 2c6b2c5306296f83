/**
 * Signing out from the header: the plain "Sign out" keeps the account's data on this computer; "Remove data…" asks
 * first, says how many unsent messages would be lost (from `outbox:list`), and signs out with `{ forget: true }`.
 * A sign-out that fails leaves the agent signed in and says why.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../../common/contract';
import { maxOutboxListSize } from '../../../common/contract/outbox';
import type { SessionStatus } from '../../../common/contract/session';
import type { OutboxItem, OutboxState } from '../../../common/domain';
import App from '../../../renderer/App.svelte';
import { expectAccessible } from './accessibility';
import { deferred, FakeBridge, fail, ok } from './fake-bridge';
import { fixedNow } from './fixtures';

const account = { email: 'ana@example.com', baseUrl: 'https://omni.mmdsmart.com' };
const signedIn: SessionStatus = { state: 'signed-in', ...account, isSandbox: false };
const dialogName = "Remove this account's data from this computer?";

function outboxItem(index: number, state: OutboxState): OutboxItem {
  return {
    clientId: `client-${index}`,
    customerId: 'c00001',
    agentId: 'a1',
    channelType: 'SMS',
    payload: { type: 'TEXT', text: `Unsent ${index}` },
    state,
    attempts: state === 'queued' ? 0 : 1,
    nextAttemptAt: fixedNow,
    lastError: null,
    messageId: state === 'sent' ? `m${index}` : null,
    createdAt: fixedNow - index * 1000,
  };
}

/** Answers `outbox:list` as main's outbox does: only the states asked for, at most `limit`. */
function serveOutbox(items: readonly OutboxItem[]) {
  return (query: ChannelInput<'outbox:list'>) => {
    const states = query.states ?? ['queued', 'sending', 'unknown', 'failed'];
    return ok(items.filter((item) => states.includes(item.state)).slice(0, query.limit));
  };
}

function bridgeWith(status: SessionStatus = signedIn, outbox: readonly OutboxItem[] = []): FakeBridge {
  return new FakeBridge({
    'app:info': () => ok({ name: '2-Way Inbox', version: '1.0.0', mode: 'browser', platform: 'linux' }),
    'session:status': () => ok(status),
    'vault:status': () => ok({ backend: 'keychain', persistent: true }),
    'session:sign-out': () => ok({ state: 'signed-out', lastAccount: account }),
    'outbox:list': serveOutbox(outbox),
    'customers:page': () => ok({ items: [], freshness: { lastSyncedAt: null } }),
    'inbox:unread': () => ok({ messages: 0, conversations: 0, byChannel: {} }),
  });
}

async function openRemovePanel(): Promise<HTMLElement> {
  await fireEvent.click(await screen.findByRole('button', { name: 'Remove data…' }));
  return screen.getByRole('alertdialog', { name: dialogName });
}

describe('signing out', () => {
  it('passes the accessibility check with the removal panel open', async () => {
    render(App, { bridge: bridgeWith() });
    const panel = await openRemovePanel();
    await within(panel).findByText(/none right now/);
    expectAccessible();
  });

  it('says what removing deletes and how many messages are still waiting, then removes it and signs out', async () => {
    const waiting = [outboxItem(1, 'queued'), outboxItem(2, 'sending'), outboxItem(3, 'failed'), outboxItem(4, 'unknown')];
    const bridge = bridgeWith(signedIn, [...waiting, outboxItem(5, 'sent'), outboxItem(6, 'sent')]);
    render(App, { bridge });
    const panel = await openRemovePanel();

    expect(panel).toHaveAccessibleDescription(/customers and conversations kept for offline use/);
    expect(panel).toHaveTextContent('cached media');
    expect(await within(panel).findByText('4 messages still waiting to be sent from this computer: they will never be sent')).toBeInTheDocument();
    expect(bridge.inputsOf('outbox:list')).toEqual([{ states: ['queued', 'sending', 'failed', 'unknown'], limit: maxOutboxListSize }]);
    expect(within(panel).getByRole('button', { name: 'Cancel' })).toHaveFocus();

    await fireEvent.click(within(panel).getByRole('button', { name: 'Sign out and remove' }));
    expect(bridge.inputsOf('session:sign-out')).toEqual([{ forget: true }]);
    expect(await screen.findByRole('form', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('says when the outbox holds more waiting messages than it lists at once', async () => {
    const many = Array.from({ length: maxOutboxListSize + 5 }, (_, index) => outboxItem(index, 'queued'));
    render(App, { bridge: bridgeWith(signedIn, many) });
    const panel = await openRemovePanel();
    expect(await within(panel).findByText(`${maxOutboxListSize} or more messages`, { exact: false })).toBeInTheDocument();
  });

  it('sends nothing when the agent cancels or presses Escape, and the plain Sign out still keeps the data', async () => {
    const bridge = bridgeWith(signedIn, [outboxItem(1, 'queued')]);
    render(App, { bridge });
    const removeData = await screen.findByRole('button', { name: 'Remove data…' });

    let panel = await openRemovePanel();
    await within(panel).findByText(/^1 message still waiting/);
    await fireEvent.click(within(panel).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(removeData).toHaveFocus();

    panel = await openRemovePanel();
    await fireEvent.keyDown(within(panel).getByRole('button', { name: 'Cancel' }), { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(removeData).toHaveFocus();
    expect(bridge.inputsOf('session:sign-out')).toEqual([]);

    await fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(bridge.inputsOf('session:sign-out')).toEqual([{}]);
    expect(await screen.findByRole('form', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('keeps the agent signed in and says why when removing fails, with the panel still there to try again', async () => {
    const bridge = bridgeWith();
    const answer = deferred<ReturnType<typeof fail>>();
    bridge.answer('session:sign-out', () => answer.promise);
    render(App, { bridge });
    const panel = await openRemovePanel();

    await fireEvent.click(within(panel).getByRole('button', { name: 'Sign out and remove' }));
    expect(within(panel).getByRole('button', { name: 'Removing…' })).toBeDisabled();
    expect(within(panel).getByRole('button', { name: 'Cancel' })).toBeDisabled();
    answer.resolve(fail('STORAGE', 'EACCES: permission denied, rmdir'));

    expect(await within(panel).findByRole('alert')).toHaveTextContent(
      "Could not sign out. The app can't write to its data folder (is the disk full?).",
    );
    expect(screen.getByTestId('account-email')).toHaveTextContent('ana@example.com');
    expect(screen.getByRole('region', { name: 'Conversations' })).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Sign in' })).not.toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: 'Sign out and remove' })).toBeEnabled();
  });

  it('keeps the agent signed in and says why when the plain sign-out fails, until dismissed', async () => {
    const bridge = bridgeWith();
    bridge.answer('session:sign-out', () => fail('STORAGE', 'ENOSPC: no space left on device'));
    render(App, { bridge });
    await fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));

    const header = screen.getByRole('banner');
    expect(await within(header).findByRole('alert')).toHaveTextContent("Could not sign out. The app can't write to its data folder");
    expect(screen.getByTestId('account-email')).toHaveTextContent('ana@example.com');
    expect(screen.queryByRole('form', { name: 'Sign in' })).not.toBeInTheDocument();

    await fireEvent.click(within(header).getByRole('button', { name: 'Dismiss' }));
    expect(within(header).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('offers no removal for the sandbox, which removes its data at every sign-out', async () => {
    render(App, { bridge: bridgeWith({ state: 'signed-in', email: 'agent@demo.2way.test', baseUrl: 'http://127.0.0.1:4010', isSandbox: true }) });
    expect(await screen.findByRole('button', { name: 'Sign out' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /remove/i })).not.toBeInTheDocument();
  });

  it('takes a service on loopback for a real account unless main says it is the built-in sandbox', async () => {
    render(App, { bridge: bridgeWith({ state: 'signed-in', email: 'ana@example.com', baseUrl: 'http://127.0.0.1:8080', isSandbox: false }) });
    expect(await screen.findByRole('button', { name: 'Remove data…' })).toBeInTheDocument();
    expect(screen.queryByText('Sandbox', { exact: true })).not.toBeInTheDocument();
  });

  it('still lets the agent remove the data when the waiting messages cannot be counted', async () => {
    const bridge = bridgeWith();
    bridge.answer('outbox:list', () => fail('STORAGE', 'SQLITE_CANTOPEN: unable to open database file'));
    render(App, { bridge });
    const panel = await openRemovePanel();

    expect(await within(panel).findByText(/the app could not count them/)).toBeInTheDocument();
    await fireEvent.click(within(panel).getByRole('button', { name: 'Sign out and remove' }));
    expect(bridge.inputsOf('session:sign-out')).toEqual([{ forget: true }]);
    await waitFor(() => expect(screen.getByRole('form', { name: 'Sign in' })).toBeInTheDocument());
  });
});
