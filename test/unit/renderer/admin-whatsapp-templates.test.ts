/**
 * WhatsApp templates in the Administration area: the WhatsApp agents come from the channel list, the first one's
 * templates are shown with their review status, and the status filter asks the service for that status only.
 */
import { fireEvent, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './accessibility';
import { adminBridge, adminData, openAdministration } from './admin-fixtures';

describe('WhatsApp templates', () => {
  it('lists the first WhatsApp agent’s templates with their status', async () => {
    const bridge = adminBridge();
    await openAdministration(bridge, 'WhatsApp templates');
    expect(await screen.findByRole('cell', { name: 'order_shipped' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'WhatsApp agent' })).toHaveDisplayValue('WhatsApp support (+44 7700 900123)');
    expect(bridge.inputsOf('admin:channels').at(-1)).toMatchObject({ type: 'WA' });
    expect(bridge.inputsOf('admin:whatsapp-templates')).toEqual([{ offset: 0, limit: 50, agentId: 'ag-wa' }]);
    expect(screen.getByRole('cell', { name: 'Approved' })).toBeInTheDocument();
    expectAccessible();
  });

  it('asks for one review status', async () => {
    const bridge = adminBridge();
    await openAdministration(bridge, 'WhatsApp templates');
    await screen.findByRole('cell', { name: 'order_shipped' });
    await fireEvent.change(screen.getByRole('combobox', { name: 'Filter by status' }), { target: { value: 'PENDING' } });
    expect(await screen.findByRole('cell', { name: 'spring_sale' })).toBeInTheDocument();
    expect(screen.queryByRole('cell', { name: 'order_shipped' })).not.toBeInTheDocument();
    expect(bridge.inputsOf('admin:whatsapp-templates').at(-1)).toMatchObject({ agentId: 'ag-wa', status: 'PENDING' });
  });

  it('says when no WhatsApp channel has an agent', async () => {
    const data = adminData();
    data.channels = data.channels.filter(({ channel }) => channel.type !== 'WA');
    const bridge = adminBridge(data);
    await openAdministration(bridge, 'WhatsApp templates');
    expect(await screen.findByText(/No WhatsApp channel has an agent yet/)).toBeInTheDocument();
    expect(bridge.inputsOf('admin:whatsapp-templates')).toEqual([]);
  });
});
