/**
 * Signing in, as an agent meets it: the form calls `session:sign-in` with what was typed, says in plain words why a
 * sign-in failed, offers the built-in sandbox in one click, and says where the password will be kept.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { VaultStatus } from '../../../common/contract/vault';
import type { ErrorCode } from '../../../common/result';
import App from '../../../renderer/App.svelte';
import { expectAccessible } from './accessibility';
import { deferred, FakeBridge, fail, ok } from './fake-bridge';

const demoProfile = { email: 'agent@demo.2way.test', baseUrl: 'http://127.0.0.1:4010', isSandbox: true };

function signedOutBridge(vault: VaultStatus = { backend: 'keychain', persistent: true }): FakeBridge {
  return new FakeBridge({
    'app:info': () => ok({ name: '2-Way Inbox', version: '1.0.0', mode: 'browser', platform: 'linux' }),
    'session:status': () => ok({ state: 'signed-out' }),
    'vault:status': () => ok(vault),
    'customers:page': () => ok({ items: [], freshness: { lastSyncedAt: null } }),
    'inbox:unread': () => ok({ messages: 0, conversations: 0, byChannel: {} }),
  });
}

async function fillForm(email: string, password: string): Promise<void> {
  await fireEvent.input(await screen.findByLabelText('Email'), { target: { value: email } });
  await fireEvent.input(screen.getByLabelText('Password'), { target: { value: password } });
}

/** The problem the form states (the app's notice area has an alert region of its own). */
function formAlert(): Promise<HTMLElement> {
  return within(screen.getByRole('form', { name: 'Sign in' })).findByRole('alert');
}

async function click(name: string): Promise<void> {
  await fireEvent.click(await screen.findByRole('button', { name }));
}

describe('the sign-in view', () => {
  it('passes the accessibility check', async () => {
    render(App, { bridge: signedOutBridge() });
    await screen.findByRole('form', { name: 'Sign in' });
    expectAccessible();
  });

  it('signs in to the real service by default with what the agent typed', async () => {
    const bridge = signedOutBridge();
    bridge.answer('session:sign-in', (request) => ok({ email: request.email, baseUrl: 'https://omni.mmdsmart.com', isSandbox: false }));
    render(App, { bridge });
    await fillForm('ana@example.com', 'correct horse');
    await click('Sign in');

    expect(bridge.inputsOf('session:sign-in')).toEqual([
      { email: 'ana@example.com', password: 'correct horse', baseUrl: 'https://omni.mmdsmart.com' },
    ]);
    expect(await screen.findByRole('button', { name: 'Sign out' })).toBeInTheDocument();
    expect(screen.getByTestId('account-email')).toHaveTextContent('ana@example.com');
  });

  it('sends the service URL set under Advanced', async () => {
    const bridge = signedOutBridge();
    bridge.answer('session:sign-in', () => fail('UNAUTHENTICATED', 'no'));
    render(App, { bridge });
    await fillForm('ana@example.com', 'pw');
    const url = screen.getByLabelText('Service URL');
    expect(url).not.toBeVisible();
    await fireEvent.click(screen.getByText('Advanced'));
    expect(url).toBeVisible();
    expect(url).toHaveValue('https://omni.mmdsmart.com');
    await fireEvent.input(url, { target: { value: 'https://omni.example.eu' } });
    await click('Sign in');
    expect(bridge.inputsOf('session:sign-in')[0]?.baseUrl).toBe('https://omni.example.eu');
  });

  it.each<[ErrorCode, string]>([
    ['UNAUTHENTICATED', 'Wrong email or password.'],
    ['NETWORK', "Can't reach the service."],
    ['TIMEOUT', 'took too long to answer'],
    ['SERVER', 'The service is having trouble right now.'],
    ['FORBIDDEN', 'not allowed to sign in here'],
    ['BAD_RESPONSE', 'not like the 2-Way service'],
  ])('explains %s in plain words and stays on the form', async (code, words) => {
    const bridge = signedOutBridge();
    bridge.answer('session:sign-in', () => fail(code, `raw ${code} detail`));
    render(App, { bridge });
    await fillForm('ana@example.com', 'pw');
    await click('Sign in');

    expect(await formAlert()).toHaveTextContent(words);
    expect(await formAlert()).not.toHaveTextContent(`raw ${code} detail`);
    expect(screen.getByLabelText('Email')).toHaveValue('ana@example.com');
  });

  it('says too many attempts with the wait the service asked for', async () => {
    const bridge = signedOutBridge();
    bridge.answer('session:sign-in', () => fail('RATE_LIMITED', '429', { retryable: true, retryAfterSeconds: 30 }));
    render(App, { bridge });
    await fillForm('ana@example.com', 'pw');
    await click('Sign in');
    expect(await formAlert()).toHaveTextContent('Try again in 30 s.');
  });

  it('opens Advanced and names the problem when the service URL is refused', async () => {
    const bridge = signedOutBridge();
    bridge.answer('session:sign-in', () => fail('VALIDATION', 'The address must start with https://', { field: 'baseUrl' }));
    render(App, { bridge });
    await fillForm('ana@example.com', 'pw');
    await click('Sign in');

    expect(await formAlert()).toHaveTextContent('Service URL: The address must start with https://');
    expect(screen.getByLabelText('Service URL')).toBeVisible();
  });

  it('keeps what was typed when the refusal arrives before the session says it is signed out (browser mode)', async () => {
    const bridge = signedOutBridge();
    const request = { email: 'ana@example.com', baseUrl: 'http://127.0.0.1:4011' };
    bridge.answer('session:sign-in', () => {
      bridge.emit('session:changed', { state: 'signing-in', ...request });
      return fail('UNAUTHENTICATED', 'Wrong email or password');
    });
    render(App, { bridge });
    await fillForm(request.email, 'not the password');
    await fireEvent.click(screen.getByText('Advanced'));
    await fireEvent.input(screen.getByLabelText('Service URL'), { target: { value: request.baseUrl } });
    await click('Sign in');
    expect(await formAlert()).toHaveTextContent('Wrong email or password');
    // Events come over their own stream in browser mode: the session's "signed out" lands after the answer.
    bridge.emit('session:changed', { state: 'signed-out', reason: 'Wrong email or password' });

    await waitFor(() => expect(screen.getByLabelText('Email')).toHaveValue(request.email));
    expect(screen.getByLabelText('Service URL')).toHaveValue(request.baseUrl);
  });

  it('shows the sign-in as busy until main answers', async () => {
    const bridge = signedOutBridge();
    const answer = deferred<ReturnType<typeof ok<typeof demoProfile>>>();
    bridge.answer('session:sign-in', () => answer.promise);
    render(App, { bridge });
    await fillForm('ana@example.com', 'pw');
    await click('Sign in');

    expect(screen.getByRole('button', { name: 'Signing in…' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Try it with the built-in sandbox' })).toBeDisabled();
    answer.resolve(ok({ ...demoProfile, isSandbox: false }));
    expect(await screen.findByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });

  it('starts the built-in sandbox in one click and opens the inbox as the demo agent', async () => {
    const bridge = signedOutBridge();
    const answer = deferred<ReturnType<typeof ok<typeof demoProfile>>>();
    bridge.answer('session:try-sandbox', () => answer.promise);
    render(App, { bridge });
    await click('Try it with the built-in sandbox');

    expect(bridge.inputsOf('session:try-sandbox')).toEqual([{}]);
    expect(bridge.inputsOf('session:sign-in')).toEqual([]);
    expect(screen.getByRole('button', { name: 'Starting the sandbox…' })).toBeDisabled();
    answer.resolve(ok(demoProfile));

    expect(await screen.findByTestId('account-email')).toHaveTextContent('agent@demo.2way.test');
    expect(screen.getByText('Sandbox')).toBeInTheDocument();
    expect(await screen.findByText('No conversations yet')).toBeInTheDocument();
  });

  it('says when the sandbox could not start', async () => {
    const bridge = signedOutBridge();
    bridge.answer('session:try-sandbox', () => fail('INTERNAL', 'port in use'));
    render(App, { bridge });
    await click('Try it with the built-in sandbox');
    expect(await formAlert()).toHaveTextContent('The built-in sandbox could not start: port in use');
  });

  it.each<[VaultStatus, string, string | undefined]>([
    [{ backend: 'keychain', persistent: true }, "Your password will be kept in this computer's keychain.", undefined],
    [{ backend: 'safe-storage', persistent: true, reason: 'No Secret Service' }, 'Your password will be kept in an encrypted file on this computer.', 'Why: No Secret Service'],
    [{ backend: 'memory', persistent: false, reason: 'Nothing encrypts here' }, "Your password will be kept only for this session; you'll sign in again next time.", 'Why: Nothing encrypts here'],
  ])('says where the password will be kept: %o', async (vault, where, why) => {
    render(App, { bridge: signedOutBridge(vault) });
    expect(await screen.findByText(where)).toBeInTheDocument();
    if (why === undefined) expect(screen.queryByText(/^Why:/)).not.toBeInTheDocument();
    else expect(screen.getByText(why)).toBeInTheDocument();
  });

  it('fills in the last account and says why the app signed out by itself', async () => {
    const bridge = signedOutBridge();
    bridge.answer('session:status', () =>
      ok({
        state: 'signed-out',
        reason: 'The service no longer accepts the password for ana@example.com',
        lastAccount: { email: 'ana@example.com', baseUrl: 'https://omni.example.eu' },
      }),
    );
    render(App, { bridge });
    await waitFor(() => expect(screen.getByLabelText('Email')).toHaveValue('ana@example.com'));
    expect(screen.getByLabelText('Service URL')).toHaveValue('https://omni.example.eu');
    expect(await formAlert()).toHaveTextContent('no longer accepts the password');
  });
});
