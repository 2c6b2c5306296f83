/**
 * Templates in the Administration area: the list narrowed by type, a new template with a preview that follows the
 * form, the title's limit refused next to the field with no request, and deletion after a confirmation.
 */
import { fireEvent, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './accessibility';
import { adminBridge, adminCalls, openAdministration } from './admin-fixtures';

async function openNewForm(): Promise<HTMLElement> {
  await fireEvent.click(await screen.findByRole('button', { name: 'New template' }));
  return screen.getByRole('dialog', { name: 'New template' });
}

async function fill(dialog: HTMLElement, fields: { type?: string; title?: string; text?: string }): Promise<void> {
  if (fields.type !== undefined) await fireEvent.change(within(dialog).getByRole('combobox', { name: 'Type' }), { target: { value: fields.type } });
  if (fields.title !== undefined) await fireEvent.input(within(dialog).getByRole('textbox', { name: 'Title' }), { target: { value: fields.title } });
  if (fields.text !== undefined) await fireEvent.input(within(dialog).getByRole('textbox', { name: 'Text' }), { target: { value: fields.text } });
}

describe('templates', () => {
  it('creates a list template, the preview following the form', async () => {
    const bridge = adminBridge();
    await openAdministration(bridge, 'Templates');
    const dialog = await openNewForm();
    await fill(dialog, { type: 'LIST_TEMPLATE', title: 'Opening hours', text: 'Mon-Fri 9-17\nSat 10-14' });
    const preview = within(dialog).getByRole('region', { name: 'Preview' });
    expect(within(preview).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Mon-Fri 9-17', 'Sat 10-14']);
    expect(preview).toHaveTextContent('Opening hours');
    expectAccessible();

    await fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(bridge.inputsOf('admin:create-template')).toEqual([{ type: 'LIST_TEMPLATE', title: 'Opening hours', text: 'Mon-Fri 9-17\nSat 10-14' }]);
    expect(await screen.findByRole('cell', { name: 'Opening hours' })).toBeInTheDocument();
  });

  it.each([
    ['no title', { title: '  ', text: 'Hi' }, 'Title', 'Give the template a title'],
    ['a title over 200 characters', { title: 't'.repeat(201), text: 'Hi' }, 'Title', 'The title is at most 200 characters'],
    ['no text', { title: 'Empty' }, 'Text', 'Write the template’s text'],
  ])('refuses %s next to the field, sending nothing', async (_case, fields, field, words) => {
    const bridge = adminBridge();
    await openAdministration(bridge, 'Templates');
    await screen.findByRole('cell', { name: 'Greeting' });
    const dialog = await openNewForm();
    await fill(dialog, fields);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    const input = within(dialog).getByRole('textbox', { name: field });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(expect.stringContaining(words));
    expect(adminCalls(bridge)).toEqual(['admin:templates']);
  });

  it('asks the service for one type when the filter says so', async () => {
    const bridge = adminBridge();
    await openAdministration(bridge, 'Templates');
    await screen.findByRole('cell', { name: 'Greeting' });
    await fireEvent.change(screen.getByRole('combobox', { name: 'Filter by type' }), { target: { value: 'CARD_TEMPLATE' } });
    expect(bridge.inputsOf('admin:templates').at(-1)).toMatchObject({ type: 'CARD_TEMPLATE' });
    expect(await screen.findByText('No templates of this type.')).toBeInTheDocument();
  });

  it('deletes a template after the confirmation', async () => {
    const bridge = adminBridge();
    await openAdministration(bridge, 'Templates');
    const row = (await screen.findByRole('cell', { name: 'Greeting' })).closest('tr') as HTMLElement;
    await fireEvent.click(within(row).getByRole('button', { name: 'Delete' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete this template?' });
    await fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    expect(bridge.inputsOf('admin:delete-template')).toEqual([{ id: 'tpl-1' }]);
    expect(await screen.findByText('No templates yet.')).toBeInTheDocument();
  });
});
