/**
 * Keyword events in the Administration area: create (with the customer-facing preview), edit and delete with a
 * confirmation; every limit of the reference refused next to its field with no request; an event already gone is
 * said so and the list read again.
 */
import { fireEvent, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './accessibility';
import { adminBridge, adminCalls, openAdministration } from './admin-fixtures';
import { fail } from './fake-bridge';

async function openNewForm(): Promise<HTMLElement> {
  await fireEvent.click(await screen.findByRole('button', { name: 'New keyword event' }));
  return screen.getByRole('dialog', { name: 'New keyword event' });
}

async function fill(dialog: HTMLElement, fields: { event?: string; keywords?: string; message?: string }): Promise<void> {
  if (fields.event !== undefined) await fireEvent.change(within(dialog).getByRole('combobox', { name: 'Event' }), { target: { value: fields.event } });
  if (fields.keywords !== undefined) await fireEvent.input(within(dialog).getByRole('textbox', { name: 'Keywords' }), { target: { value: fields.keywords } });
  if (fields.message !== undefined) await fireEvent.input(within(dialog).getByRole('textbox', { name: 'Message' }), { target: { value: fields.message } });
}

describe('keyword events', () => {
  it('creates a Join event from comma-separated keywords, previewing the reply the customer gets', async () => {
    const bridge = adminBridge();
    await openAdministration(bridge);
    const dialog = await openNewForm();
    expect(within(dialog).getByRole('combobox', { name: 'Event' })).toHaveFocus();
    await fill(dialog, { event: 'Join', keywords: ' join,  Start ,,', message: 'Welcome to the club!' });
    const preview = within(dialog).getByRole('region', { name: 'What the customer sees' });
    expect(preview).toHaveTextContent('The customer writes: join');
    expect(preview).toHaveTextContent('They get: Welcome to the club!');
    expectAccessible();

    await fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(bridge.inputsOf('admin:create-keyword-event')).toEqual([{ event: 'Join', keywords: ['join', 'Start'], message: 'Welcome to the club!' }]);
    expect(await screen.findByRole('cell', { name: 'join, Start' })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it.each([
    ['no keyword', { keywords: ' , ' }, 'keywords', 'Enter at least one keyword'],
    ['a keyword over 50 characters', { keywords: `ok, ${'k'.repeat(51)}` }, 'keywords', 'A keyword is at most 50 characters'],
    ['a keyword twice', { keywords: 'stop, STOP' }, 'keywords', 'A keyword is listed twice'],
    ['a message over 160 characters', { event: 'Join', keywords: 'join', message: 'm'.repeat(161) }, 'message', 'The message is at most 160 characters'],
    ['a message on an Opt-out event', { event: 'Opt-out', keywords: 'quit', message: 'Bye' }, 'message', 'Only a Join event sends a message here'],
  ])('refuses %s next to the field, sending nothing', async (_case, fields, field, words) => {
    const bridge = adminBridge();
    await openAdministration(bridge);
    await screen.findByRole('cell', { name: 'stop, unsubscribe' });
    const dialog = await openNewForm();
    await fill(dialog, fields);
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    const input = within(dialog).getByRole('textbox', { name: field === 'keywords' ? 'Keywords' : 'Message' });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(expect.stringContaining(words));
    expect(adminCalls(bridge)).toEqual(['admin:keyword-events']);
  });

  it('accepts a message of exactly 160 characters', async () => {
    const bridge = adminBridge();
    await openAdministration(bridge);
    const dialog = await openNewForm();
    await fill(dialog, { event: 'Join', keywords: 'join', message: 'm'.repeat(160) });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(bridge.inputsOf('admin:create-keyword-event')).toHaveLength(1);
  });

  it('edits an event’s keywords, keeping its type', async () => {
    const bridge = adminBridge();
    await openAdministration(bridge);
    const row = (await screen.findByRole('cell', { name: 'stop, unsubscribe' })).closest('tr') as HTMLElement;
    await fireEvent.click(within(row).getByRole('button', { name: 'Edit' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit keyword event' });
    expect(within(dialog).getByRole('combobox', { name: 'Event' })).toBeDisabled();
    expect(within(dialog).getByRole('combobox', { name: 'Event' })).toHaveValue('Opt-out');
    await fill(dialog, { keywords: 'stop, end' });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(bridge.inputsOf('admin:update-keyword-event')).toEqual([{ id: 'ke-1', keywords: ['stop', 'end'] }]);
    expect(await screen.findByRole('cell', { name: 'stop, end' })).toBeInTheDocument();
  });

  it('deletes only after the confirmation, and Cancel keeps the event', async () => {
    const bridge = adminBridge();
    await openAdministration(bridge);
    const row = (await screen.findByRole('cell', { name: 'stop, unsubscribe' })).closest('tr') as HTMLElement;
    await fireEvent.click(within(row).getByRole('button', { name: 'Delete' }));
    let confirm = screen.getByRole('alertdialog', { name: 'Delete this keyword event?' });
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(bridge.inputsOf('admin:delete-keyword-event')).toEqual([]);

    await fireEvent.click(within(row).getByRole('button', { name: 'Delete' }));
    confirm = screen.getByRole('alertdialog', { name: 'Delete this keyword event?' });
    await fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    expect(bridge.inputsOf('admin:delete-keyword-event')).toEqual([{ id: 'ke-1' }]);
    expect(await screen.findByText('No keyword events yet.')).toBeInTheDocument();
  });

  it('says an event was already gone and reads the list again', async () => {
    const bridge = adminBridge();
    await openAdministration(bridge);
    const row = (await screen.findByRole('cell', { name: 'stop, unsubscribe' })).closest('tr') as HTMLElement;
    bridge.answer('admin:delete-keyword-event', () => fail('GONE', 'Entity was removed'));
    await fireEvent.click(within(row).getByRole('button', { name: 'Delete' }));
    await fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText(/It is already gone/)).toBeInTheDocument();
    expect(adminCalls(bridge)).toEqual(['admin:keyword-events', 'admin:delete-keyword-event', 'admin:keyword-events']);
  });
});
