/**
 * Channels in the Administration area, beyond the list: a channel created per type with the reference's fields
 * (the RCS colour's contrast measured live, its logo and banner checked before any upload, a Telegram token
 * masked), every documented limit refused next to its field with no request, a channel's settings and agents
 * changed, and one chatbot story set on every channel after a confirmation; stories are always picked by name.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './accessibility';
import { openAdministration } from './admin-fixtures';
import { channelBridge, jpegFile } from './admin-channel-fixtures';
import { fail, type FakeBridge } from './fake-bridge';

async function openNewChannel(bridge: FakeBridge, type: string): Promise<HTMLElement> {
  await openAdministration(bridge, null);
  await screen.findByRole('cell', { name: 'SMS USA' });
  await fireEvent.click(screen.getByRole('button', { name: 'New channel' }));
  const dialog = screen.getByRole('dialog', { name: 'New channel' });
  await fireEvent.change(within(dialog).getByRole('combobox', { name: 'Channel type' }), { target: { value: type } });
  return dialog;
}

async function type(dialog: HTMLElement, label: string, value: string): Promise<void> {
  await fireEvent.input(within(dialog).getByLabelText(label), { target: { value } });
}

async function choose(dialog: HTMLElement, label: string, value: string): Promise<void> {
  await fireEvent.change(within(dialog).getByLabelText(label), { target: { value } });
}

async function pick(dialog: HTMLElement, label: string, file: File): Promise<void> {
  const input = within(dialog).getByLabelText(label);
  Object.defineProperty(input, 'files', { configurable: true, value: [file] });
  await fireEvent.change(input);
}

async function chooseCountries(dialog: HTMLElement, codes: string[]): Promise<void> {
  const list = within(dialog).getByRole('listbox', { name: 'Countries' });
  for (const option of within(list).getAllByRole('option')) (option as HTMLOptionElement).selected = codes.includes((option as HTMLOptionElement).value);
  await fireEvent.change(list);
}

async function fillSms(dialog: HTMLElement): Promise<void> {
  await type(dialog, 'Name', 'SMS Europe');
  await choose(dialog, 'Region', 'EU');
  await choose(dialog, 'Country', 'GB');
  await type(dialog, 'VLN quantity', '2');
}

async function fillRcs(dialog: HTMLElement): Promise<void> {
  await type(dialog, 'Name', 'Brand RCS');
  await type(dialog, 'Description', 'Our brand on RCS');
  await type(dialog, 'Colour', '#1A4F8B');
  await chooseCountries(dialog, ['US', 'CA']);
  await pick(dialog, 'Logo', jpegFile('logo.jpg', 224, 224, 40_000));
  await type(dialog, 'Phone', '+1 202 555 0143');
  await type(dialog, 'Website', 'https://example.com');
  await type(dialog, 'Email', 'help@example.com');
  await type(dialog, 'Privacy policy', 'https://example.com/privacy');
  await type(dialog, 'Terms of service', 'https://example.com/terms');
}

async function fillTelegram(dialog: HTMLElement): Promise<void> {
  await type(dialog, 'Name', 'Telegram sales');
  await type(dialog, 'Bot name', 'SalesBot');
  await type(dialog, 'Access token', '1827085009:AAGcSqLyPTdmnNmWL4');
}

async function create(dialog: HTMLElement): Promise<void> {
  await fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
}

function expectRefused(dialog: HTMLElement, label: string, words: string): void {
  const field = within(dialog).getByLabelText(label);
  expect(field).toHaveAttribute('aria-invalid', 'true');
  expect(field).toHaveAccessibleDescription(expect.stringContaining(words));
}

describe('creating channels', () => {
  it('creates an SMS channel with its region, country and numbers, then shows its details', async () => {
    const bridge = channelBridge();
    const dialog = await openNewChannel(bridge, 'SMS');
    expectAccessible();
    await fillSms(dialog);
    await type(dialog, 'Short code (optional)', '12345');
    await create(dialog);
    expect(bridge.inputsOf('admin:create-channel')).toEqual([{ type: 'SMS', name: 'SMS Europe', region: 'EU', country: 'GB', shortCode: '12345', vlnQuantity: 2 }]);
    expect(await screen.findByRole('heading', { name: 'SMS Europe' })).toHaveFocus();
    expect(screen.getAllByRole('button', { name: 'Delete' })).toHaveLength(2);
    expectAccessible();
  });

  it('creates an RCS channel: the logo and banner are checked, uploaded, and their addresses sent', async () => {
    const bridge = channelBridge();
    const dialog = await openNewChannel(bridge, 'RCS');
    await fillRcs(dialog);
    await pick(dialog, 'Banner (optional)', jpegFile('banner.jpg', 1440, 448, 200_000));
    await choose(dialog, 'Category (optional)', 'Finance');
    expectAccessible();
    await create(dialog);
    expect(await screen.findByRole('heading', { name: 'Brand RCS' })).toBeInTheDocument();
    expect(bridge.inputsOf('media:upload').map((upload) => upload.channelType)).toEqual(['RCS', 'RCS']);
    expect(bridge.inputsOf('admin:create-channel')).toEqual([
      {
        type: 'RCS',
        name: 'Brand RCS',
        description: 'Our brand on RCS',
        color: '#1A4F8B',
        countries: ['CA', 'US'],
        logo: 'https://omni.mmdsmart.com/api/media/logo.jpg',
        banner: 'https://omni.mmdsmart.com/api/media/banner.jpg',
        phone: '+1 202 555 0143',
        website: 'https://example.com',
        email: 'help@example.com',
        privacy: 'https://example.com/privacy',
        terms: 'https://example.com/terms',
        category: 'Finance',
      },
    ]);
  });

  it('measures the RCS colour against white text as it is typed', async () => {
    const dialog = await openNewChannel(channelBridge(), 'RCS');
    await type(dialog, 'Colour', '#FFD700');
    expect(within(dialog).getByText(/Contrast with white text: 1\.\d\d:1, too faint \(at least 4\.5:1\)/)).toBeInTheDocument();
    await type(dialog, 'Colour', '#1A4F8B');
    expect(within(dialog).getByText(/Contrast with white text: \d+\.\d\d:1, readable/)).toBeInTheDocument();
  });

  it('creates a Telegram channel with its bot; the access token is typed into a masked field', async () => {
    const bridge = channelBridge();
    const dialog = await openNewChannel(bridge, 'TG');
    expect(within(dialog).getByLabelText('Access token')).toHaveAttribute('type', 'password');
    await fillTelegram(dialog);
    await create(dialog);
    expect(bridge.inputsOf('admin:create-channel')).toEqual([{ type: 'TG', name: 'Telegram sales', botName: 'SalesBot', accessToken: '1827085009:AAGcSqLyPTdmnNmWL4' }]);
  });

  it('creates a WhatsApp channel from its name alone', async () => {
    const bridge = channelBridge();
    const dialog = await openNewChannel(bridge, 'WA');
    await type(dialog, 'Name', 'WhatsApp sales');
    await create(dialog);
    expect(bridge.inputsOf('admin:create-channel')).toEqual([{ type: 'WA', name: 'WhatsApp sales' }]);
  });

  type Case = [string, string, (dialog: HTMLElement) => Promise<void>, (dialog: HTMLElement) => Promise<void>, string, string];
  const cases: Case[] = [
    ['an SMS name over 50 characters', 'SMS', fillSms, (dialog) => type(dialog, 'Name', 'n'.repeat(51)), 'Name', 'The name is at most 50 characters'],
    ['an SMS channel without a name', 'SMS', fillSms, (dialog) => type(dialog, 'Name', '  '), 'Name', 'Give the channel a name'],
    ['an SMS channel without a region', 'SMS', fillSms, (dialog) => choose(dialog, 'Region', ''), 'Region', 'Choose a region'],
    ['an SMS channel without a country', 'SMS', fillSms, (dialog) => choose(dialog, 'Country', ''), 'Country', 'Choose a country from the list'],
    ['a short code of letters', 'SMS', fillSms, (dialog) => type(dialog, 'Short code (optional)', '12ab'), 'Short code (optional)', 'A short code is 3 to 8 digits'],
    ['no numbers', 'SMS', fillSms, (dialog) => type(dialog, 'VLN quantity', '0'), 'VLN quantity', 'Get at least 1 number'],
    ['more than 20 numbers', 'SMS', fillSms, (dialog) => type(dialog, 'VLN quantity', '21'), 'VLN quantity', 'At most 20 numbers at a time'],
    ['half a number', 'SMS', fillSms, (dialog) => type(dialog, 'VLN quantity', '1.5'), 'VLN quantity', 'Enter a whole number of numbers'],
    ['an RCS name over 40 characters', 'RCS', fillRcs, (dialog) => type(dialog, 'Name', 'n'.repeat(41)), 'Name', 'The name is at most 40 characters'],
    ['an RCS description over 100 characters', 'RCS', fillRcs, (dialog) => type(dialog, 'Description', 'd'.repeat(101)), 'Description', 'The description is at most 100 characters'],
    ['a colour not written #AABBCC', 'RCS', fillRcs, (dialog) => type(dialog, 'Colour', 'navy'), 'Colour', 'Write the colour as # and six hex digits'],
    ['a colour white text cannot be read on', 'RCS', fillRcs, (dialog) => type(dialog, 'Colour', '#FFD700'), 'Colour', 'the contrast must be at least 4.5:1'],
    ['an RCS channel without a country', 'RCS', fillRcs, (dialog) => chooseCountries(dialog, []), 'Countries', 'Choose at least one country'],
    ['a phone without its country code', 'RCS', fillRcs, (dialog) => type(dialog, 'Phone', '202 555 0143'), 'Phone', 'with its country code'],
    ['a website that is no web address', 'RCS', fillRcs, (dialog) => type(dialog, 'Website', 'example'), 'Website', 'The website must be a web address'],
    ['an email without @', 'RCS', fillRcs, (dialog) => type(dialog, 'Email', 'help.example.com'), 'Email', 'Enter an email address'],
    ['a privacy policy that is no web address', 'RCS', fillRcs, (dialog) => type(dialog, 'Privacy policy', 'ftp://x'), 'Privacy policy', 'must be a web address'],
    ['terms of service left empty', 'RCS', fillRcs, (dialog) => type(dialog, 'Terms of service', ''), 'Terms of service', 'Enter the terms of service address'],
    ['a logo that is not a JPEG', 'RCS', fillRcs, (dialog) => pick(dialog, 'Logo', new File(['\x89PNG\r\n'], 'logo.png', { type: 'image/png' })), 'Logo', 'The logo must be a JPEG image'],
    ['a logo over 50 KB', 'RCS', fillRcs, (dialog) => pick(dialog, 'Logo', jpegFile('logo.jpg', 224, 224, 50_001)), 'Logo', 'The logo is 51 KB: at most 50 KB'],
    ['a logo of other dimensions', 'RCS', fillRcs, (dialog) => pick(dialog, 'Logo', jpegFile('logo.jpg', 256, 256)), 'Logo', 'The logo must be 224 × 224 pixels, not 256 × 256'],
    ['a banner over 220 KB', 'RCS', fillRcs, (dialog) => pick(dialog, 'Banner (optional)', jpegFile('b.jpg', 1440, 448, 220_001)), 'Banner (optional)', 'The banner is 221 KB: at most 220 KB'],
    ['a banner of other dimensions', 'RCS', fillRcs, (dialog) => pick(dialog, 'Banner (optional)', jpegFile('b.jpg', 1440, 450)), 'Banner (optional)', 'The banner must be 1440 × 448 pixels'],
    ['a Telegram channel without its bot name', 'TG', fillTelegram, (dialog) => type(dialog, 'Bot name', ''), 'Bot name', 'Enter the bot’s name'],
    ['a Telegram channel without its access token', 'TG', fillTelegram, (dialog) => type(dialog, 'Access token', ''), 'Access token', 'Enter the access token Telegram issued'],
    ['a WhatsApp name over 50 characters', 'WA', (dialog) => type(dialog, 'Name', 'ok'), (dialog) => type(dialog, 'Name', 'n'.repeat(51)), 'Name', 'The name is at most 50 characters'],
  ];

  it.each(cases)('refuses %s next to the field, sending and uploading nothing', async (_case, channelType, fill, spoil, label, words) => {
    const bridge = channelBridge();
    const dialog = await openNewChannel(bridge, channelType);
    await fill(dialog);
    await spoil(dialog);
    await create(dialog);
    expectRefused(dialog, label, words);
    expect(bridge.inputsOf('admin:create-channel')).toEqual([]);
    expect(bridge.inputsOf('media:upload')).toEqual([]);
  });

  it('says "your account may not do this" when the service forbids it', async () => {
    const bridge = channelBridge();
    bridge.answer('admin:create-channel', () => fail('FORBIDDEN', 'Forbidden'));
    const dialog = await openNewChannel(bridge, 'WA');
    await type(dialog, 'Name', 'WhatsApp sales');
    await create(dialog);
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Your account may not do this.');
  });
});

async function openDetails(bridge: FakeBridge, name: string): Promise<HTMLElement> {
  await openAdministration(bridge, null);
  const row = (await screen.findByRole('cell', { name })).closest('tr') as HTMLElement;
  await fireEvent.click(within(row).getByRole('button', { name: 'Details' }));
  await screen.findByRole('heading', { name });
  await screen.findByRole('cell', { name: 'Active' });
  return screen.getByRole('region', { name });
}

describe('a channel’s details', () => {
  it('changes only what was changed: the welcome message and a chatbot story picked by its name', async () => {
    const bridge = channelBridge();
    const details = await openDetails(bridge, 'SMS USA');
    const settings = within(details).getByRole('form', { name: 'Channel settings' });
    const picker = within(settings).getByRole('combobox', { name: 'Chatbot story' });
    expect(within(picker).getAllByRole('option').map((option) => option.textContent)).toEqual(['No chatbot story', 'Order tracking', 'Frequently asked questions']);
    await fireEvent.input(within(settings).getByRole('textbox', { name: 'Welcome message' }), { target: { value: 'Welcome to SMS USA!' } });
    await fireEvent.change(picker, { target: { value: 'OWN:st-faq' } });
    expectAccessible();
    await fireEvent.click(within(settings).getByRole('button', { name: 'Save' }));
    expect(bridge.inputsOf('admin:update-channel')).toEqual([
      { id: 'ch-sms', type: 'SMS', welcomeMessage: 'Welcome to SMS USA!', chatbot: { storyId: 'st-faq', origin: 'OWN' } },
    ]);
    expect(await within(settings).findByText('Saved.')).toBeInTheDocument();
  });

  it.each([
    ['Welcome message', 'The welcome message is at most 160 characters'],
    ['Opt-out message', 'The opt-out message is at most 160 characters'],
    ['Help message', 'The help message is at most 160 characters'],
  ])('refuses a %s over 160 characters next to it, sending nothing', async (label, words) => {
    const bridge = channelBridge();
    const details = await openDetails(bridge, 'SMS USA');
    const settings = within(details).getByRole('form', { name: 'Channel settings' });
    await fireEvent.input(within(settings).getByRole('textbox', { name: label }), { target: { value: 'm'.repeat(161) } });
    await fireEvent.click(within(settings).getByRole('button', { name: 'Save' }));
    expectRefused(settings, label, words);
    expect(bridge.inputsOf('admin:update-channel')).toEqual([]);
  });

  it('refuses a new name over the type’s limit, sending nothing', async () => {
    const bridge = channelBridge();
    const details = await openDetails(bridge, 'SMS USA');
    const settings = within(details).getByRole('form', { name: 'Channel settings' });
    await fireEvent.input(within(settings).getByRole('textbox', { name: 'Name' }), { target: { value: 'n'.repeat(51) } });
    await fireEvent.click(within(settings).getByRole('button', { name: 'Save' }));
    expectRefused(settings, 'Name', 'The name is at most 50 characters');
    expect(bridge.inputsOf('admin:update-channel')).toEqual([]);
  });

  it('adds SMS numbers, refusing a quantity out of bounds first', async () => {
    const bridge = channelBridge();
    const details = await openDetails(bridge, 'SMS USA');
    const adding = within(details).getByRole('form', { name: 'Add numbers' });
    await fireEvent.input(within(adding).getByRole('textbox', { name: 'Numbers to add' }), { target: { value: '25' } });
    await fireEvent.click(within(adding).getByRole('button', { name: 'Add numbers' }));
    expectRefused(adding, 'Numbers to add', 'At most 20 numbers at a time');
    expect(bridge.inputsOf('admin:add-numbers')).toEqual([]);
    await fireEvent.input(within(adding).getByRole('textbox', { name: 'Numbers to add' }), { target: { value: '2' } });
    await fireEvent.click(within(adding).getByRole('button', { name: 'Add numbers' }));
    expect(bridge.inputsOf('admin:add-numbers')).toEqual([{ channelId: 'ch-sms', vlnQuantity: 2 }]);
    await waitFor(() => expect(within(details).getAllByRole('button', { name: 'Chatbot story' })).toHaveLength(3));
  });

  it('deletes an agent after a confirmation', async () => {
    const bridge = channelBridge();
    const details = await openDetails(bridge, 'SMS USA');
    await fireEvent.click(within(details).getByRole('button', { name: 'Delete' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete this agent?' });
    expect(confirm).toHaveAccessibleDescription(expect.stringContaining('145044111206'));
    expectAccessible();
    await fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    expect(bridge.inputsOf('admin:delete-agent')).toEqual([{ channelId: 'ch-sms', agentId: 'ag-1' }]);
    expect(await within(details).findByText('This channel has no agents.')).toBeInTheDocument();
  });

  it('gives an agent a chatbot story picked by name, refusing none', async () => {
    const bridge = channelBridge();
    const details = await openDetails(bridge, 'SMS USA');
    await fireEvent.click(within(details).getByRole('button', { name: 'Chatbot story' }));
    const dialog = screen.getByRole('dialog', { name: 'Chatbot story for 145044111206' });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expectRefused(dialog, 'Chatbot story', 'Choose a chatbot story');
    await fireEvent.change(within(dialog).getByRole('combobox', { name: 'Chatbot story' }), { target: { value: 'OWN:st-order' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(bridge.inputsOf('admin:set-agent-chatbot')).toEqual([{ channelId: 'ch-sms', agentId: 'ag-1', chatbot: { storyId: 'st-order', origin: 'OWN' } }]);
    expect(await within(details).findByRole('cell', { name: 'Order tracking' })).toBeInTheDocument();
  });

  it('configures a Telegram bot: the token is asked for afresh, masked, and required', async () => {
    const bridge = channelBridge();
    const details = await openDetails(bridge, 'Telegram help');
    await fireEvent.click(within(details).getByRole('button', { name: 'Configure bot' }));
    const dialog = screen.getByRole('dialog', { name: 'Configure Telegram bot' });
    const token = within(dialog).getByLabelText('Access token');
    expect(token).toHaveAttribute('type', 'password');
    expect(token).toHaveValue('');
    expect(within(dialog).getByRole('textbox', { name: 'Bot name' })).toHaveValue('HelpDeskBot');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expectRefused(dialog, 'Access token', 'Enter the access token Telegram issued');
    expect(bridge.inputsOf('admin:configure-telegram')).toEqual([]);
    await fireEvent.change(within(dialog).getByRole('combobox', { name: 'Status' }), { target: { value: 'HOLD' } });
    await fireEvent.input(within(dialog).getByRole('textbox', { name: 'Bot name' }), { target: { value: 'HelpBot' } });
    await fireEvent.input(token, { target: { value: '1827085009:AAG-new' } });
    expectAccessible();
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(bridge.inputsOf('admin:configure-telegram')).toEqual([{ agentId: 'ag-tg', status: 'HOLD', botName: 'HelpBot', accessToken: '1827085009:AAG-new' }]);
    expect(await within(details).findByRole('cell', { name: 'On hold' })).toBeInTheDocument();
  });
});

describe('the channel list', () => {
  it('deletes a channel after a confirmation', async () => {
    const bridge = channelBridge();
    await openAdministration(bridge, null);
    const row = (await screen.findByRole('cell', { name: 'WhatsApp support' })).closest('tr') as HTMLElement;
    await fireEvent.click(within(row).getByRole('button', { name: 'Delete' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete this channel?' });
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    expect(bridge.inputsOf('admin:delete-channel')).toEqual([{ id: 'ch-wa' }]);
    await screen.findByText('2 of 2 shown');
    expect(screen.queryByRole('cell', { name: 'WhatsApp support' })).not.toBeInTheDocument();
  });

  it('uses one chatbot story on every channel, picked by name and confirmed first', async () => {
    const bridge = channelBridge();
    await openAdministration(bridge, null);
    await fireEvent.click(await screen.findByRole('button', { name: 'Chatbot story for every channel' }));
    const dialog = screen.getByRole('dialog', { name: 'Chatbot story for every channel' });
    await within(dialog).findByRole('option', { name: 'Order tracking' });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Use this chatbot story on every channel' }));
    expectRefused(dialog, 'Chatbot story', 'Choose a chatbot story');
    await fireEvent.change(within(dialog).getByRole('combobox', { name: 'Chatbot story' }), { target: { value: 'OWN:st-order' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Use this chatbot story on every channel' }));
    expect(bridge.inputsOf('admin:set-chatbot-everywhere')).toEqual([]);
    const confirm = screen.getByRole('alertdialog', { name: 'Use Order tracking on every channel?' });
    expectAccessible();
    await fireEvent.click(within(confirm).getByRole('button', { name: 'Use on every channel' }));
    expect(bridge.inputsOf('admin:set-chatbot-everywhere')).toEqual([{ storyId: 'st-order', origin: 'OWN' }]);
    expect(await screen.findByText('Order tracking is now the chatbot story of every channel.')).toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });
});
