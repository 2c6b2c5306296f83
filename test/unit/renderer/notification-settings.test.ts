/**
 * The notification settings in the header: "Notifications" opens them and loads `prefs:notifications`; each checkbox
 * sends only its own field with `prefs:set-notifications` and shows what main answered; a refused change says why
 * and puts the checkbox back; quoting cannot be chosen while notifications are off; Escape closes the settings.
 */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../../common/contract';
import type { NotificationPrefs } from '../../../common/contract/notifications';
import type { SessionStatus } from '../../../common/contract/session';
import App from '../../../renderer/App.svelte';
import { expectAccessible } from './accessibility';
import { FakeBridge, fail, ok } from './fake-bridge';

const signedIn: SessionStatus = { state: 'signed-in', email: 'ana@example.com', baseUrl: 'https://omni.mmdsmart.com', isSandbox: false };
const showLabel = 'Show a notification when a customer writes';
const quoteLabel = 'Quote the message in the notification';

/** Answers as main's preference store does: a change merges into what is stored and the whole is returned. */
function bridgeWith(stored: NotificationPrefs, mode: 'browser' | 'electron' = 'electron'): FakeBridge {
  let prefs = stored;
  return new FakeBridge({
    'app:info': () => ok({ name: '2-Way Inbox', version: '1.0.0', mode, platform: 'linux' }),
    'session:status': () => ok(signedIn),
    'vault:status': () => ok({ backend: 'keychain', persistent: true }),
    'customers:page': () => ok({ items: [], freshness: { lastSyncedAt: null } }),
    'inbox:unread': () => ok({ messages: 0, conversations: 0, byChannel: {} }),
    'prefs:notifications': () => ok(prefs),
    'prefs:set-notifications': (change: ChannelInput<'prefs:set-notifications'>) => {
      prefs = { ...prefs, ...change };
      return ok(prefs);
    },
  });
}

async function openSettings(): Promise<HTMLElement> {
  const button = await screen.findByRole('button', { name: 'Notifications' });
  await fireEvent.click(button);
  expect(button).toHaveAttribute('aria-expanded', 'true');
  const panel = screen.getByRole('dialog', { name: 'Notifications' });
  await within(panel).findByRole('checkbox', { name: showLabel });
  return panel;
}

describe('notification settings', () => {
  it('loads the stored settings when opened, and passes the accessibility check', async () => {
    const bridge = bridgeWith({ enabled: true, showMessageText: false });
    render(App, { bridge });
    expect(await screen.findByRole('button', { name: 'Notifications' })).toHaveAttribute('aria-expanded', 'false');
    expect(bridge.inputsOf('prefs:notifications')).toEqual([]);

    const panel = await openSettings();
    expect(bridge.inputsOf('prefs:notifications')).toEqual([{}]);
    expect(within(panel).getByRole('checkbox', { name: showLabel })).toBeChecked();
    expect(within(panel).getByRole('checkbox', { name: quoteLabel })).not.toBeChecked();
    expect(within(panel).getByRole('checkbox', { name: quoteLabel })).toBeEnabled();
    expect(within(panel).queryByText(/browser tab/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove data…' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
    expectAccessible();
  });

  it('sends only the field that changed and shows what main stored', async () => {
    const bridge = bridgeWith({ enabled: true, showMessageText: true });
    render(App, { bridge });
    const panel = await openSettings();
    const quote = within(panel).getByRole('checkbox', { name: quoteLabel });

    await fireEvent.click(quote);
    expect(bridge.inputsOf('prefs:set-notifications')).toEqual([{ showMessageText: false }]);
    await expect.poll(() => quote).not.toBeChecked();
    await expect.poll(() => quote).toBeEnabled();

    await fireEvent.click(within(panel).getByRole('checkbox', { name: showLabel }));
    expect(bridge.inputsOf('prefs:set-notifications')).toEqual([{ showMessageText: false }, { enabled: false }]);
    await expect.poll(() => within(panel).getByRole('checkbox', { name: showLabel })).not.toBeChecked();
  });

  it('keeps quoting disabled while notifications are off, and offers it again once they are on', async () => {
    const bridge = bridgeWith({ enabled: false, showMessageText: true });
    render(App, { bridge });
    const panel = await openSettings();
    const quote = within(panel).getByRole('checkbox', { name: quoteLabel });
    expect(quote).toBeDisabled();

    await fireEvent.click(within(panel).getByRole('checkbox', { name: showLabel }));
    expect(bridge.inputsOf('prefs:set-notifications')).toEqual([{ enabled: true }]);
    await expect.poll(() => quote).toBeEnabled();
  });

  it('says why when main refuses a change, and puts the checkbox back', async () => {
    const bridge = bridgeWith({ enabled: true, showMessageText: true });
    bridge.answer('prefs:set-notifications', () => fail('STORAGE', 'ENOSPC: no space left on device'));
    render(App, { bridge });
    const panel = await openSettings();
    const show = within(panel).getByRole('checkbox', { name: showLabel });

    await fireEvent.click(show);
    expect(await within(panel).findByRole('alert')).toHaveTextContent(
      "Could not change the setting. The app can't write to its data folder (is the disk full?).",
    );
    expect(show).toBeChecked();
    expect(show).toBeEnabled();
    expect(within(panel).getByRole('checkbox', { name: quoteLabel })).toBeEnabled();
  });

  it('says why when the settings cannot be loaded', async () => {
    const bridge = bridgeWith({ enabled: true, showMessageText: true });
    bridge.answer('prefs:notifications', () => fail('INTERNAL', 'store unreadable'));
    render(App, { bridge });
    await fireEvent.click(await screen.findByRole('button', { name: 'Notifications' }));
    const panel = screen.getByRole('dialog', { name: 'Notifications' });
    expect(await within(panel).findByRole('alert')).toHaveTextContent('Could not load the settings. Something went wrong inside the app.');
    expect(within(panel).queryByRole('checkbox')).not.toBeInTheDocument();
  });

  it('closes on Escape, returning the focus to the button, and on a second click of the button', async () => {
    render(App, { bridge: bridgeWith({ enabled: true, showMessageText: true }) });
    const button = await screen.findByRole('button', { name: 'Notifications' });

    let panel = await openSettings();
    await fireEvent.keyDown(within(panel).getByRole('checkbox', { name: showLabel }), { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Notifications' })).not.toBeInTheDocument();
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveFocus();

    panel = await openSettings();
    await fireEvent.click(button);
    expect(panel).not.toBeInTheDocument();
    expect(button).toHaveAttribute('aria-expanded', 'false');
  });

  it('says in a browser tab that only the desktop app shows notifications', async () => {
    render(App, { bridge: bridgeWith({ enabled: true, showMessageText: true }, 'browser') });
    const panel = await openSettings();
    expect(within(panel).getByText('This browser tab shows no notifications; the desktop app does.')).toBeInTheDocument();
  });
});
