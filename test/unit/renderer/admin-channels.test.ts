/**
 * The channel list in the Administration area: each channel with its type, status and agents, narrowed by type and
 * by status through the service's own filters.
 */
import { fireEvent, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './accessibility';
import { adminBridge, openAdministration } from './admin-fixtures';

describe('channels', () => {
  it('lists channels with their type, status and agents', async () => {
    await openAdministration(adminBridge(), null);
    const row = (await screen.findByRole('cell', { name: 'SMS USA' })).closest('tr') as HTMLElement;
    expect([...row.querySelectorAll('td')].map((cell) => cell.textContent).slice(0, 4)).toEqual(['SMS USA', 'SMS', 'Active', '145044111206']);
    expect(within(row).getByRole('button', { name: 'Details' })).toHaveAccessibleDescription('SMS USA');
    expect(screen.getByRole('cell', { name: 'Awaiting approval' })).toBeInTheDocument();
    expectAccessible();
  });

  it('asks the service for one type and one status', async () => {
    const bridge = adminBridge();
    await openAdministration(bridge, null);
    await screen.findByRole('cell', { name: 'SMS USA' });
    await fireEvent.change(screen.getByRole('combobox', { name: 'Filter by channel type' }), { target: { value: 'WA' } });
    expect(await screen.findByRole('cell', { name: 'WhatsApp support' })).toBeInTheDocument();
    expect(screen.queryByRole('cell', { name: 'SMS USA' })).not.toBeInTheDocument();
    await fireEvent.change(screen.getByRole('combobox', { name: 'Filter by status' }), { target: { value: 'ACTIVE' } });
    expect(bridge.inputsOf('admin:channels').at(-1)).toMatchObject({ type: 'WA', status: 'ACTIVE' });
    expect(await screen.findByText('No channels match these filters.')).toBeInTheDocument();
  });
});
