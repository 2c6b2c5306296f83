/**
 * The Location and Contact forms: every field is checked before anything is sent (ranges, required names, a real
 * phone number), a pasted pair or maps link fills both coordinates, a valid form goes to the outbox as the payload
 * the reference describes, and a channel that does not take the kind is not offered it.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { fail } from '../../../common/result';
import { parseCoordinates } from '../../../renderer/features/compose/location-input';
import { expectAccessible } from './accessibility';
import { openComposer } from './compose-tools';
import { makeCustomer } from './fixtures';

const onSms = makeCustomer(4, { name: 'Sam Reed', lastChannelType: 'SMS' });

async function openTool(name: 'Location' | 'Contact') {
  await fireEvent.click(screen.getByRole('button', { name }));
  return screen.getByRole('dialog', { name });
}

async function fill(dialog: HTMLElement, label: string, value: string): Promise<void> {
  await fireEvent.input(within(dialog).getByRole('textbox', { name: label }), { target: { value } });
}

function paste(field: HTMLElement, text: string): Promise<boolean> {
  const event = new Event('paste', { bubbles: true, cancelable: true });
  Object.assign(event, { clipboardData: { getData: (format: string) => (format === 'text' ? text : '') } });
  return fireEvent(field, event);
}

describe('the Location form', () => {
  it('passes the accessibility check and focuses Latitude', async () => {
    await openComposer();
    await openTool('Location');
    expect(screen.getByRole('textbox', { name: 'Latitude' })).toHaveFocus();
    expectAccessible();
  });

  it('refuses empty and out-of-range coordinates, saying which and why, and sends nothing', async () => {
    const { bridge } = await openComposer();
    const dialog = await openTool('Location');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Send location' }));
    expect(within(dialog).getByRole('textbox', { name: 'Latitude' })).toHaveAccessibleDescription('Latitude is required');
    expect(within(dialog).getByRole('textbox', { name: 'Longitude' })).toHaveAccessibleDescription('Longitude is required');

    await fill(dialog, 'Latitude', '90.5');
    await fill(dialog, 'Longitude', '-180.01');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Send location' }));
    expect(within(dialog).getByRole('textbox', { name: 'Latitude' })).toHaveAccessibleDescription('Latitude must be between -90 and 90');
    expect(within(dialog).getByRole('textbox', { name: 'Longitude' })).toHaveAccessibleDescription('Longitude must be between -180 and 180');
    await fill(dialog, 'Latitude', '12,5');
    expect(within(dialog).getByRole('textbox', { name: 'Latitude' })).toHaveAccessibleDescription('Latitude must be a decimal number, e.g. 48.8584');
    expect(bridge.inputsOf('outbox:send')).toEqual([]);
  });

  it('sends the edges of the ranges as a LOCATION through the conversation’s agent and closes', async () => {
    const { bridge } = await openComposer();
    const dialog = await openTool('Location');
    await fill(dialog, 'Latitude', '-90');
    await fill(dialog, 'Longitude', '180');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Send location' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Location' })).not.toBeInTheDocument());
    expect(bridge.inputsOf('outbox:send')).toEqual([{ customerId: 'c00001', agentId: 'a1', payload: { type: 'LOCATION', latitude: -90, longitude: 180 } }]);
    expect(screen.getByRole('button', { name: 'Location' })).toHaveFocus();
  });

  it('fills both fields from a pasted "lat, long" or maps link', async () => {
    await openComposer();
    const dialog = await openTool('Location');
    const latitude = within(dialog).getByRole('textbox', { name: 'Latitude' });
    const longitude = within(dialog).getByRole('textbox', { name: 'Longitude' });
    expect(await paste(latitude, '48.8584, 2.2945')).toBe(false);
    expect(latitude).toHaveValue('48.8584');
    expect(longitude).toHaveValue('2.2945');
    await paste(longitude, 'https://www.google.com/maps/place/Eiffel+Tower/@48.8583701,2.2944813,17z/data=!3m1');
    expect(latitude).toHaveValue('48.8583701');
    expect(longitude).toHaveValue('2.2944813');
  });

  it('lets a single pasted number go into its field as usual', async () => {
    await openComposer();
    const dialog = await openTool('Location');
    expect(await paste(within(dialog).getByRole('textbox', { name: 'Latitude' }), '48.8584')).toBe(true);
  });

  it('keeps the form and says why when the outbox does not take it', async () => {
    await openComposer(undefined, { handlers: { 'outbox:send': () => fail('VALIDATION', 'A WA channel does not accept LOCATION messages', { field: 'type' }) } });
    const dialog = await openTool('Location');
    await fill(dialog, 'Latitude', '1');
    await fill(dialog, 'Longitude', '2');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Send location' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/^Not sent: /);
    expect(within(dialog).getByRole('textbox', { name: 'Latitude' })).toHaveValue('1');
  });

  it('is not offered on a channel that does not take locations', async () => {
    await openComposer(onSms);
    expect(screen.queryByRole('button', { name: 'Location' })).toBeNull();
  });

  it('sends with Enter in a field, and the reply being written stays where it is', async () => {
    const { bridge } = await openComposer();
    await fireEvent.input(screen.getByRole('textbox', { name: 'Message to Maria Lopez' }), { target: { value: 'See you there' } });
    const dialog = await openTool('Location');
    await fill(dialog, 'Latitude', '51.5');
    await fill(dialog, 'Longitude', '-0.12');
    await fireEvent.keyDown(within(dialog).getByRole('textbox', { name: 'Longitude' }), { key: 'Enter' });
    await waitFor(() => expect(bridge.inputsOf('outbox:send').map((send) => send.payload)).toEqual([{ type: 'LOCATION', latitude: 51.5, longitude: -0.12 }]));
    expect(screen.getByRole('textbox', { name: 'Message to Maria Lopez' })).toHaveValue('See you there');
  });

  it('closes with Escape', async () => {
    await openComposer();
    const dialog = await openTool('Location');
    await fireEvent.keyDown(within(dialog).getByRole('textbox', { name: 'Latitude' }), { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Location' })).not.toBeInTheDocument();
  });
});

describe('reading coordinates from pasted text', () => {
  it('reads pairs and Google, Apple and OpenStreetMap links, and nothing else', () => {
    expect(parseCoordinates('-33.8568 151.2153')).toEqual({ latitude: '-33.8568', longitude: '151.2153' });
    expect(parseCoordinates('https://maps.google.com/?q=48.8584,2.2945')).toEqual({ latitude: '48.8584', longitude: '2.2945' });
    expect(parseCoordinates('https://www.google.com/maps/search/?api=1&query=47.5951518%2C-122.3316393')).toEqual({ latitude: '47.5951518', longitude: '-122.3316393' });
    expect(parseCoordinates('https://maps.apple.com/?ll=50.894967,4.341626&q=Atomium')).toEqual({ latitude: '50.894967', longitude: '4.341626' });
    expect(parseCoordinates('https://www.openstreetmap.org/#map=17/51.50070/-0.12460')).toEqual({ latitude: '51.50070', longitude: '-0.12460' });
    expect(parseCoordinates('https://www.openstreetmap.org/?mlat=51.5007&mlon=-0.1246#map=17/51.50/-0.12')).toEqual({ latitude: '51.5007', longitude: '-0.1246' });
    expect(parseCoordinates('48.8584')).toBeUndefined();
    expect(parseCoordinates('meet me at 12, 5')).toBeUndefined();
    expect(parseCoordinates('https://example.com/')).toBeUndefined();
  });
});

describe('the Contact form', () => {
  it('passes the accessibility check', async () => {
    await openComposer();
    await openTool('Contact');
    expectAccessible();
  });

  it('requires every field and a real phone number with its country code, and sends nothing until then', async () => {
    const { bridge } = await openComposer();
    const dialog = await openTool('Contact');
    await fill(dialog, 'First name', '   ');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Send contact' }));
    expect(within(dialog).getByRole('textbox', { name: 'First name' })).toHaveAccessibleDescription('First name is required');
    expect(within(dialog).getByRole('textbox', { name: 'Last name' })).toHaveAccessibleDescription('Last name is required');
    expect(within(dialog).getByRole('textbox', { name: 'Phone' })).toHaveAccessibleDescription('Phone is required');

    await fill(dialog, 'Phone', '020 7946 0958');
    expect(within(dialog).getByRole('textbox', { name: 'Phone' })).toHaveAccessibleDescription('Phone needs its country code, starting with +, e.g. +1 202 555 0143');
    await fill(dialog, 'Phone', '+1 555');
    expect(within(dialog).getByRole('textbox', { name: 'Phone' })).toHaveAccessibleDescription('+1 555 is not a valid phone number');
    expect(bridge.inputsOf('outbox:send')).toEqual([]);
  });

  it('sends a CONTACT with trimmed names and the phone in international form, and closes', async () => {
    const { bridge } = await openComposer();
    const dialog = await openTool('Contact');
    await fill(dialog, 'First name', ' Ada ');
    await fill(dialog, 'Last name', 'Lovelace');
    await fill(dialog, 'Phone', '+1 (202) 555-0143');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Send contact' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Contact' })).not.toBeInTheDocument());
    expect(bridge.inputsOf('outbox:send')).toEqual([
      { customerId: 'c00001', agentId: 'a1', payload: { type: 'CONTACT', firstname: 'Ada', lastname: 'Lovelace', phone: '+12025550143' } },
    ]);
  });

  it('is not offered on a channel that does not take contacts', async () => {
    await openComposer(onSms);
    expect(screen.queryByRole('button', { name: 'Contact' })).toBeNull();
  });
});
