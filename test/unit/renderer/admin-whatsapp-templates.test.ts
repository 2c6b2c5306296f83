/**
 * WhatsApp templates in the Administration area: the WhatsApp agents come from the channel list, the first one's
 * templates are shown with their review status, and the status filter asks the service for that status only.
 * Authoring: each limit said before it is reached and refused next to its field with no request; the preview shows
 * the variables' examples; an edit opens with the service's content; a deletion asks whether a broadcast uses the
 * template first and warns when one does; a saved copy says its time.
 */
import { fireEvent, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './accessibility';
import { adminBridge, adminCalls, adminData, openAdministration } from './admin-fixtures';
import { ok } from './fake-bridge';

function whatsAppBridge(data = adminData()) {
  const bridge = adminBridge(data);
  bridge.answer('admin:create-whatsapp-template', (draft) =>
    ok({ id: 'wt-new', name: draft.name, category: draft.category, language: draft.language, status: 'PENDING', body: draft.body ?? '' }),
  );
  bridge.answer('admin:whatsapp-template', ({ id }) =>
    ok({
      id,
      name: 'order_shipped',
      language: 'en_US',
      status: 'APPROVED',
      fields: { category: 'UTILITY', headerType: 'NONE', body: 'Your order {{1}} is on its way.', bodyExamples: [], buttonsType: 'NONE', quickReplies: [], securityRecommendation: false },
    }),
  );
  bridge.answer('admin:update-whatsapp-template', () => ok({}));
  bridge.answer('admin:whatsapp-template-broadcast', () => ok({ isActive: true }));
  bridge.answer('admin:delete-whatsapp-template', () => ok({}));
  return bridge;
}

async function openWhatsAppTemplates(bridge = whatsAppBridge()) {
  await openAdministration(bridge, 'WhatsApp templates');
  const panel = screen.getByRole('tabpanel');
  await within(panel).findByRole('cell', { name: 'order_shipped' });
  return { bridge, panel };
}

async function type(dialog: HTMLElement, label: string, value: string): Promise<void> {
  await fireEvent.input(within(dialog).getByLabelText(label), { target: { value } });
}

describe('WhatsApp templates', () => {
  it('refuses each limit next to its field before any request, then creates the template with its examples', async () => {
    const { bridge, panel } = await openWhatsAppTemplates();
    await fireEvent.click(within(panel).getByRole('button', { name: 'New WhatsApp template' }));
    const dialog = screen.getByRole('dialog', { name: 'New WhatsApp template' });

    await type(dialog, 'Name', 'autumn_offer');
    await fireEvent.change(within(dialog).getByLabelText('Header'), { target: { value: 'TEXT' } });
    await type(dialog, 'Header text', 'h'.repeat(61));
    await type(dialog, 'Body', `Hi {{1}}, use {{3}} ${'x'.repeat(1024)}`);
    await type(dialog, 'Footer', 'Bye {{1}}');
    await fireEvent.change(within(dialog).getByLabelText('Buttons'), { target: { value: 'QUICK_REPLY' } });
    await type(dialog, 'Quick replies', Array.from({ length: 11 }, (_, index) => `Reply ${index}`).join('\n'));
    expect(within(dialog).getByText(/at most 10 \(11 written\)/)).toBeInTheDocument();
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));

    expect(within(dialog).getByText('The header is at most 60 characters')).toBeInTheDocument();
    expect(within(dialog).getByText('The body is at most 1024 characters')).toBeInTheDocument();
    expect(within(dialog).getByText('Give an example for each of the body’s 2 variables')).toBeInTheDocument();
    expect(within(dialog).getByText('A footer cannot have variables')).toBeInTheDocument();
    expect(within(dialog).getByText('At most 10 quick replies')).toBeInTheDocument();
    expect(adminCalls(bridge).filter((channel) => channel !== 'admin:whatsapp-templates' && channel !== 'admin:channels')).toEqual([]);

    await type(dialog, 'Header text', 'Hello');
    await type(dialog, 'Body', 'Hi {{1}}, use {{2}} today.');
    await type(dialog, 'Example for {{1}}', 'Ann');
    await type(dialog, 'Example for {{2}}', 'AUTUMN');
    await type(dialog, 'Footer', 'Reply STOP to opt out');
    await type(dialog, 'Quick replies', 'Yes\nNo');
    const preview = within(dialog).getByRole('region', { name: 'What the customer sees' });
    expect(preview).toHaveTextContent('Hi Ann, use AUTUMN today.');
    expect(within(preview).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Yes', 'No']);
    expectAccessible();
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));

    expect(bridge.inputsOf('admin:create-whatsapp-template')).toEqual([
      expect.objectContaining({
        agentId: 'ag-wa',
        name: 'autumn_offer',
        language: 'en',
        category: 'MARKETING',
        headerType: 'TEXT',
        headerText: 'Hello',
        body: 'Hi {{1}}, use {{2}} today.',
        bodyExamples: ['Ann', 'AUTUMN'],
        footer: 'Reply STOP to opt out',
        buttonsType: 'QUICK_REPLY',
        quickReplies: ['Yes', 'No'],
      }),
    ]);
  });

  it('refuses a call-to-action number without its country code and an expiry past 90 minutes', async () => {
    const { bridge, panel } = await openWhatsAppTemplates();
    await fireEvent.click(within(panel).getByRole('button', { name: 'New WhatsApp template' }));
    const dialog = screen.getByRole('dialog', { name: 'New WhatsApp template' });
    await type(dialog, 'Name', 'call_us');
    await type(dialog, 'Body', 'Questions? Call or visit us.');
    await fireEvent.change(within(dialog).getByLabelText('Buttons'), { target: { value: 'CTA' } });
    await type(dialog, 'Phone button text', 'Call');
    await type(dialog, 'Phone number', '4155550123');
    await type(dialog, 'Website button text', 'Visit');
    await type(dialog, 'Website address', 'shop.example.com');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(within(dialog).getByText('Write the number with + and the country code, e.g. +14155550123')).toBeInTheDocument();
    expect(within(dialog).getByText('Write the full address, starting with https://')).toBeInTheDocument();

    await fireEvent.change(within(dialog).getByLabelText('Category'), { target: { value: 'AUTHENTICATION' } });
    await type(dialog, 'Code expires after (minutes)', '91');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(within(dialog).getByText('A code lasts 1 to 90 whole minutes')).toBeInTheDocument();
    expect(bridge.inputsOf('admin:create-whatsapp-template')).toEqual([]);
  });

  it('takes a media header’s file from the media library, and refuses none chosen', async () => {
    const bridge = whatsAppBridge();
    bridge.answer('admin:media', ({ type }) =>
      ok({
        items: [
          { mediaId: 'm-1', name: 'banner.png', size: 10, mime: 'image/png', kind: 'image' as const, url: 'https://omni.mmdsmart.com/api/media/m-1', thumbnail: null, preview: null },
        ].filter(() => type === 'image'),
        total: 1,
      }),
    );
    const { panel } = await openWhatsAppTemplates(bridge);
    await fireEvent.click(within(panel).getByRole('button', { name: 'New WhatsApp template' }));
    const dialog = screen.getByRole('dialog', { name: 'New WhatsApp template' });
    await type(dialog, 'Name', 'with_banner');
    await type(dialog, 'Body', 'New arrivals are in.');
    await fireEvent.change(within(dialog).getByLabelText('Header'), { target: { value: 'IMAGE' } });
    const file = within(dialog).getByRole('combobox', { name: 'Header file' });
    await within(dialog).findByRole('option', { name: 'banner.png' });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(within(dialog).getByText('Choose the header’s file from the media library')).toBeInTheDocument();
    expect(bridge.inputsOf('admin:create-whatsapp-template')).toEqual([]);
    await fireEvent.change(file, { target: { value: 'https://omni.mmdsmart.com/api/media/m-1' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(bridge.inputsOf('admin:media')).toEqual([{ offset: 0, limit: 100, type: 'image' }]);
    expect(bridge.inputsOf('admin:create-whatsapp-template')).toEqual([
      expect.objectContaining({ headerType: 'IMAGE', headerMedia: 'https://omni.mmdsmart.com/api/media/m-1' }),
    ]);
  });

  it('opens an edit with the service’s content and sends the change, saying the edit limit first', async () => {
    const { bridge, panel } = await openWhatsAppTemplates();
    const row = within(panel).getByRole('row', { name: /order_shipped/ });
    await fireEvent.click(within(row).getByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit WhatsApp template' });
    expect(within(dialog).getByText(/once in 24 hours and at most 10 times in 30 days/)).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Name')).toBeDisabled();
    expect(within(dialog).getByLabelText('Body')).toHaveValue('Your order {{1}} is on its way.');
    await type(dialog, 'Example for {{1}}', 'A-1001');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(bridge.inputsOf('admin:update-whatsapp-template')).toEqual([
      expect.objectContaining({ agentId: 'ag-wa', id: 'wt-1', category: 'UTILITY', body: 'Your order {{1}} is on its way.', bodyExamples: ['A-1001'] }),
    ]);
  });

  it('checks for an active broadcast before the deletion is confirmed, warns of it, and deletes by name', async () => {
    const { bridge, panel } = await openWhatsAppTemplates();
    const row = within(panel).getByRole('row', { name: /spring_sale/ });
    await fireEvent.click(within(row).getByRole('button', { name: 'Delete' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Delete this WhatsApp template?' });
    expect(confirm).toHaveAccessibleDescription(/A broadcast is using it right now/);
    await fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    expect(adminCalls(bridge).filter((channel) => channel.includes('broadcast') || channel.startsWith('admin:delete'))).toEqual([
      'admin:whatsapp-template-broadcast',
      'admin:delete-whatsapp-template',
    ]);
    expect(bridge.inputsOf('admin:delete-whatsapp-template')).toEqual([{ agentId: 'ag-wa', name: 'spring_sale' }]);
  });

  it('says when the list is a saved copy read while the service was out of reach', async () => {
    const bridge = whatsAppBridge();
    bridge.answer('admin:whatsapp-templates', () =>
      ok({ items: [{ id: 'wt-1', name: 'order_shipped', status: 'APPROVED' }], total: 1, savedAt: Date.UTC(2026, 0, 5, 9, 30) }),
    );
    const { panel } = await openWhatsAppTemplates(bridge);
    expect(within(panel).getByText(/^Saved copy from .*2026/)).toBeInTheDocument();
  });
});

describe('WhatsApp templates list', () => {
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
