/**
 * The Administration area as a whole: the header's button opens it in place of the inbox, with a tab per built
 * section (arrow keys move between them); "Back to inbox" and Escape return; 403 is worded as the account not being
 * allowed, and a write made offline is refused with no request.
 */
import { fireEvent, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { expectAccessible } from './accessibility';
import { adminBridge, adminCalls, openAdministration, setOnline } from './admin-fixtures';
import { fail } from './fake-bridge';

afterEach(() => setOnline(true));

describe('administration area', () => {
  it('opens from the header with its sections as tabs, and passes the accessibility check', async () => {
    const bridge = adminBridge();
    await openAdministration(bridge, null);
    expect(screen.getByRole('button', { name: 'Administration' })).toHaveAttribute('aria-pressed', 'true');
    const tabs = within(screen.getByRole('tablist', { name: 'Administration sections' })).getAllByRole('tab');
    expect(tabs.map((tab) => tab.textContent?.trim())).toEqual(['Channels', 'Keyword events', 'Templates', 'WhatsApp templates', 'Media', 'Settings']);
    expect(tabs[0]).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByRole('cell', { name: 'SMS USA' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Conversations' })).not.toBeInTheDocument();
    expectAccessible();

    tabs[0]?.focus();
    await fireEvent.keyDown(tabs[0] as HTMLElement, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Keyword events' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: 'Keyword events' })).toHaveFocus();
    expect(await screen.findByRole('cell', { name: 'stop, unsubscribe' })).toBeInTheDocument();
  });

  it('goes back to the inbox with the button, and with Escape', async () => {
    const bridge = adminBridge();
    await openAdministration(bridge, null);
    await fireEvent.click(screen.getByRole('button', { name: 'Back to inbox' }));
    expect(screen.queryByRole('heading', { name: 'Administration' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Administration' })).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByRole('button', { name: 'Administration' })).toHaveFocus();

    await fireEvent.click(screen.getByRole('button', { name: 'Administration' }));
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByRole('heading', { name: 'Administration' })).not.toBeInTheDocument();
  });

  it('closes an open dialog with Escape, not the area', async () => {
    await openAdministration(adminBridge());
    await fireEvent.click(screen.getByRole('button', { name: 'New keyword event' }));
    const dialog = screen.getByRole('dialog', { name: 'New keyword event' });
    await fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Administration' })).toBeInTheDocument();
  });

  it('says "Your account may not do this" when the service answers 403', async () => {
    const bridge = adminBridge();
    bridge.answer('admin:keyword-events', () => fail('FORBIDDEN', 'Forbidden'));
    await openAdministration(bridge);
    const problem = await screen.findByText(/Your account may not do this\./);
    expect(problem.closest('[role="alert"]')).toHaveTextContent('Could not load the keyword events. Your account may not do this.');
  });

  it('refuses a write while offline, sending nothing', async () => {
    const bridge = adminBridge();
    await openAdministration(bridge);
    await screen.findByRole('cell', { name: 'stop, unsubscribe' });
    setOnline(false);
    await fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete this keyword event?' });
    await fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    expect(await within(confirm).findByRole('alert')).toHaveTextContent('You are offline, so nothing was changed.');
    expect(adminCalls(bridge)).toEqual(['admin:keyword-events']);
  });
});
