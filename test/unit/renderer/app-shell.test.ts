/**
 * The shell: the screen follows the session (sign-in when signed out, the inbox when signed in, even while the app
 * reconnects), the header names the account and signs out, and `app:notice` messages appear by level.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { SessionStatus } from '../../../common/contract/session';
import App from '../../../renderer/App.svelte';
import { expectAccessible } from './accessibility';
import { FakeBridge, fail, ok } from './fake-bridge';

const signedIn: SessionStatus = { state: 'signed-in', email: 'ana@example.com', baseUrl: 'https://omni.mmdsmart.com', isSandbox: false };

function bridgeWith(status: SessionStatus): FakeBridge {
  return new FakeBridge({
    'app:info': () => ok({ name: '2-Way Inbox', version: '1.0.0', mode: 'browser', platform: 'linux' }),
    'session:status': () => ok(status),
    'vault:status': () => ok({ backend: 'keychain', persistent: true }),
    'session:sign-out': () => ok({ state: 'signed-out', lastAccount: { email: 'ana@example.com', baseUrl: 'https://omni.mmdsmart.com' } }),
    'customers:page': () => ok({ items: [], freshness: { lastSyncedAt: null } }),
    'inbox:unread': () => ok({ messages: 0, conversations: 0, byChannel: {} }),
  });
}

describe('the app shell', () => {
  it('passes the accessibility check when signed in', async () => {
    render(App, { bridge: bridgeWith(signedIn) });
    await screen.findByText('No conversations yet');
    expectAccessible();
  });

  it('opens on the inbox when main is already signed in, with the account in the header', async () => {
    render(App, { bridge: bridgeWith(signedIn) });
    expect(await screen.findByTestId('account-email')).toHaveTextContent('ana@example.com');
    expect(screen.getByRole('heading', { name: '2-Way Inbox' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Conversations' })).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Sign in' })).not.toBeInTheDocument();
    expect(screen.queryByText('Sandbox')).not.toBeInTheDocument();
  });

  it('signs out through main and returns to the sign-in form with the email filled in', async () => {
    const bridge = bridgeWith(signedIn);
    render(App, { bridge });
    await fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(bridge.inputsOf('session:sign-out')).toEqual([{}]);
    expect(await screen.findByRole('form', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveValue('ana@example.com');
    expect(screen.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
  });

  it('leaves the inbox when main signs out by itself, and says why', async () => {
    const bridge = bridgeWith(signedIn);
    render(App, { bridge });
    await screen.findByTestId('account-email');
    bridge.emit('session:changed', { state: 'signed-out', reason: 'The service no longer accepts the password' });
    const form = await screen.findByRole('form', { name: 'Sign in' });
    expect(within(form).getByRole('alert')).toHaveTextContent('no longer accepts the password');
  });

  it('keeps showing the inbox while the service cannot be reached, and says so', async () => {
    render(App, {
      bridge: bridgeWith({ state: 'error', email: 'ana@example.com', baseUrl: 'https://omni.mmdsmart.com', error: { code: 'NETWORK', message: 'ECONNREFUSED', retryable: true } }),
    });
    expect(await screen.findByText(/Offline: Can't reach the service/)).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Conversations' })).toBeInTheDocument();
  });

  it('shows the inbox while the app signs in again on its own at start', async () => {
    const bridge = bridgeWith({ state: 'signing-in', email: 'ana@example.com', baseUrl: 'https://omni.mmdsmart.com' });
    render(App, { bridge });
    expect(await screen.findByText('Connecting…')).toBeInTheDocument();
    bridge.emit('session:changed', signedIn);
    await waitFor(() => expect(screen.queryByText('Connecting…')).not.toBeInTheDocument());
    expect(screen.getByTestId('account-email')).toHaveTextContent('ana@example.com');
  });

  it('says so when main cannot tell whether anyone is signed in', async () => {
    const bridge = bridgeWith(signedIn);
    bridge.answer('session:status', () => fail('NETWORK', 'The 2-Way Inbox host is not answering'));
    render(App, { bridge });
    const form = await screen.findByRole('form', { name: 'Sign in' });
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'The app could not check whether you are signed in: The 2-Way Inbox host is not answering',
    );
  });

  it('announces information politely and errors as alerts, and lets the agent dismiss them', async () => {
    const bridge = bridgeWith(signedIn);
    render(App, { bridge });
    await screen.findByTestId('account-email');
    bridge.emit('app:notice', { level: 'warning', message: 'The keychain is locked: the password is kept for this session only.' });
    bridge.emit('app:notice', { level: 'error', message: 'The cache was damaged and has been rebuilt.' });

    const polite = screen.getByRole('status', { name: 'Notices' });
    const urgent = screen.getByRole('alert', { name: 'Errors' });
    await waitFor(() => expect(polite).toHaveTextContent('The keychain is locked'));
    expect(urgent).toHaveTextContent('The cache was damaged and has been rebuilt.');
    expect(polite).not.toHaveTextContent('cache was damaged');

    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss: The cache was damaged and has been rebuilt.' }));
    expect(urgent).not.toHaveTextContent('The cache was damaged');
    expect(polite).toHaveTextContent('The keychain is locked');
  });

  it('lets information fade by itself but keeps warnings', async () => {
    vi.useFakeTimers();
    try {
      const bridge = bridgeWith(signedIn);
      render(App, { bridge });
      await vi.waitFor(() => expect(bridge.listenerCount('app:notice')).toBe(1));
      bridge.emit('app:notice', { level: 'info', message: 'Caught up with the service.' });
      bridge.emit('app:notice', { level: 'warning', message: 'Sending is paused.' });
      const polite = screen.getByRole('status', { name: 'Notices' });
      await vi.waitFor(() => expect(polite).toHaveTextContent('Caught up with the service.'));
      await vi.advanceTimersByTimeAsync(10_000);
      expect(polite).not.toHaveTextContent('Caught up with the service.');
      expect(polite).toHaveTextContent('Sending is paused.');
    } finally {
      vi.useRealTimers();
    }
  });
});
