/**
 * Templates, WhatsApp templates, the 24-hour window and links in the composer: each form refuses what is not ready
 * (no template chosen, a variable left empty) and says so next to the field; a ready one goes to the outbox as the
 * reference's payload; outside WhatsApp's window only templates can go, counted from main's whole history; and the
 * thread shows a template's content and a link token's name rather than their ids.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { StoredTemplate, WhatsAppTemplate } from '../../../common/contract/compose';
import { ok } from '../../../common/result';
import { expectAccessible } from './accessibility';
import { openComposer } from './compose-tools';
import { fixedNow, makeCustomer, makeMessage } from './fixtures';

const onTelegram = makeCustomer(2, { name: 'Tom Berg', lastChannelType: 'TG' });
const onWhatsApp = makeCustomer(1, { name: 'Maria Lopez', lastChannelType: 'WA' });
const hour = 3_600_000;

const greeting: StoredTemplate = { id: 't-greeting', type: 'TEXT_TEMPLATE', title: 'Greeting', text: 'Hi! How can we help you today?' };
const shipped: StoredTemplate = { id: 't-shipped', type: 'TEXT_TEMPLATE', title: 'Order shipped', text: 'Track it here: {{link:146746}}' };
const springSale: WhatsAppTemplate = {
  id: 'wa-sale',
  name: 'spring_sale',
  language: 'en',
  header: { format: 'IMAGE' },
  body: 'Spring sale! Get {{1}} off all sneakers until {{2}}.',
  footer: 'Reply STOP to opt out',
  buttons: [{ kind: 'URL', text: 'Shop now', target: 'https://shop.acme.example/sale' }],
};
const orderUpdate: WhatsAppTemplate = {
  id: 'wa-order',
  name: 'order_update',
  header: { format: 'TEXT', text: 'Order {{1}}' },
  body: 'Hi {{1}}, it arrives on {{2}}.',
  buttons: [],
};
const watchThis = { id: 146746, name: 'Watch this', url: 'https://www.youtube.com/watch?v=X48VuDVv0do', enabled: true };

const lookupHandlers = {
  'compose:templates': () => ok({ items: [greeting, shipped], total: 2 }),
  'compose:template': ({ id }: { id: string }) => ok([greeting, shipped].find((template) => template.id === id) ?? null),
  'compose:whatsapp-templates': () => ok({ items: [springSale, orderUpdate] }),
  'compose:whatsapp-template': ({ id }: { id: string }) => ok([springSale, orderUpdate].find((template) => template.id === id) ?? null),
  'compose:link-tokens': () => ok({ items: [watchThis, { id: 9, name: 'Old survey', url: 'https://forms.example/old', enabled: false }] }),
  'compose:shorten-links': ({ links }: { links: string[] }) => ok({ links: links.map((base) => ({ base, short: 'http://x4p.me/Sw5Tp' })) }),
  'compose:last-inbound': () => ok({ sent: null }),
};

function open(customer = onTelegram, options: Parameters<typeof openComposer>[1] = {}) {
  return openComposer(customer, { ...options, handlers: { ...lookupHandlers, ...options.handlers } });
}

async function openTool(name: string, dialogName: string) {
  await fireEvent.click(screen.getByRole('button', { name }));
  return screen.findByRole('dialog', { name: dialogName });
}

async function choose(dialog: HTMLElement, name: string): Promise<void> {
  await fireEvent.click(await within(dialog).findByRole('radio', { name: new RegExp(`^${name}`) }));
}

async function fill(dialog: HTMLElement, label: string, value: string): Promise<void> {
  await fireEvent.input(within(dialog).getByRole('textbox', { name: label }), { target: { value } });
}

describe('the Templates form', () => {
  it('passes the accessibility check and is offered only where stored templates can go', async () => {
    await open();
    await openTool('Templates', 'Templates');
    await screen.findByRole('radio', { name: /^Greeting/ });
    expectAccessible();
    expect(screen.queryByRole('button', { name: 'WhatsApp templates' })).not.toBeInTheDocument();
  });

  it('refuses to send without a chosen template, saying so, then sends the chosen one as a TEMPLATE', async () => {
    const { bridge } = await open();
    const dialog = await openTool('Templates', 'Templates');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Send template' }));
    expect(within(dialog).getByRole('group', { name: 'Stored templates' })).toHaveAccessibleDescription('Choose a template to send');
    expect(bridge.inputsOf('outbox:send')).toEqual([]);

    await choose(dialog, 'Order shipped');
    // Seen as the customer will: the link token by its name.
    await waitFor(() => expect(within(dialog).getByRole('region', { name: 'Preview' })).toHaveTextContent('Track it here: [Watch this]'));
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Send template' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Templates' })).not.toBeInTheDocument());
    expect(bridge.inputsOf('outbox:send')).toEqual([{ customerId: onTelegram.id, agentId: 'a1', payload: { type: 'TEMPLATE', template_id: 't-shipped' } }]);
  });

  it('asks the service again as the search words change', async () => {
    const { bridge } = await open();
    const dialog = await openTool('Templates', 'Templates');
    await fill(dialog, 'Search templates', 'ship');
    await waitFor(() => expect(bridge.inputsOf('compose:templates')).toEqual([{}, { search: 'ship' }]));
  });
});

describe('the WhatsApp template form', () => {
  it('passes the accessibility check, and asks for the agent’s templates', async () => {
    const { bridge } = await open(onWhatsApp);
    const dialog = await openTool('WhatsApp templates', 'WhatsApp template');
    await choose(dialog, 'spring_sale');
    expectAccessible();
    expect(bridge.inputsOf('compose:whatsapp-templates')).toEqual([{ agentId: 'a1' }]);
    expect(screen.queryByRole('button', { name: 'Templates' })).not.toBeInTheDocument();
  });

  it('says why the list is empty and where WhatsApp templates come from', async () => {
    await open(onWhatsApp, { handlers: { 'compose:whatsapp-templates': () => ok({ items: [] }) } });
    const dialog = await openTool('WhatsApp templates', 'WhatsApp template');
    expect(await within(dialog).findByText(/This WhatsApp channel has no approved templates yet\. Templates are written in Administration/)).toBeInTheDocument();
  });

  it('asks for one required value per variable, refuses while one is empty, and sends the values as a CARD', async () => {
    const { bridge } = await open(onWhatsApp);
    const dialog = await openTool('WhatsApp templates', 'WhatsApp template');
    await choose(dialog, 'spring_sale');
    await fill(dialog, 'Variable 1', '20%');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Send template' }));
    expect(within(dialog).getByRole('textbox', { name: 'Variable 2' })).toHaveAccessibleDescription('{{2}} in the body Variable 2 is required');
    expect(within(dialog).getByRole('textbox', { name: 'Variable 1' })).toHaveAccessibleDescription('{{1}} in the body');
    expect(bridge.inputsOf('outbox:send')).toEqual([]);

    await fill(dialog, 'Variable 2', '  ');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Send template' }));
    expect(bridge.inputsOf('outbox:send')).toEqual([]);

    await fill(dialog, 'Variable 2', 'Sunday');
    expect(within(dialog).getByRole('region', { name: 'Preview' })).toHaveTextContent('Spring sale! Get 20% off all sneakers until Sunday.');
    expect(within(dialog).getByRole('region', { name: 'Preview' })).toHaveTextContent('Shop now');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Send template' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'WhatsApp template' })).not.toBeInTheDocument());
    expect(bridge.inputsOf('outbox:send')).toEqual([
      { customerId: onWhatsApp.id, agentId: 'a1', payload: { type: 'CARD', template_id: 'wa-sale', body_variables: ['20%', 'Sunday'] } },
    ]);
  });

  it('numbers a text header’s variables first and sends them apart from the body’s', async () => {
    const { bridge } = await open(onWhatsApp);
    const dialog = await openTool('WhatsApp templates', 'WhatsApp template');
    await choose(dialog, 'order_update');
    await fill(dialog, 'Variable 1', 'A-1001');
    await fill(dialog, 'Variable 2', 'Ada');
    await fill(dialog, 'Variable 3', 'Friday');
    expect(within(dialog).getByRole('textbox', { name: 'Variable 1' })).toHaveAccessibleDescription('{{1}} in the header');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Send template' }));
    await waitFor(() => expect(bridge.inputsOf('outbox:send')).toHaveLength(1));
    expect(bridge.inputsOf('outbox:send')[0]?.payload).toEqual({ type: 'CARD', template_id: 'wa-order', header_variables: ['A-1001'], body_variables: ['Ada', 'Friday'] });
  });
});

describe('WhatsApp’s 24-hour window', () => {
  const agentReply = makeMessage({ customerId: onWhatsApp.id, origin: 'AGENT', sent: fixedNow - hour });

  it('outside it, holds words and other tools back and offers WhatsApp templates', async () => {
    await open(onWhatsApp, { messages: [makeMessage({ customerId: onWhatsApp.id, sent: fixedNow - 25 * hour }), agentReply] });
    await fireEvent.input(screen.getByRole('textbox', { name: /^Message to / }), { target: { value: 'Are you there?' } });
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Location' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'WhatsApp templates' })).toBeEnabled();
    expect(screen.getByText(/Free-form WhatsApp messages are closed/)).toBeInTheDocument();
  });

  it('counts from the customer’s last message in main’s cache when none is among the messages shown', async () => {
    const { bridge } = await open(onWhatsApp, {
      messages: [agentReply],
      handlers: { 'compose:last-inbound': () => ok({ sent: fixedNow - 2 * hour }) },
    });
    await waitFor(() => expect(screen.getByText('Free-form WhatsApp messages for 22 h more')).toBeInTheDocument());
    expect(bridge.inputsOf('compose:last-inbound')).toEqual([{ customerId: onWhatsApp.id, agentId: 'a1' }]);
    await fireEvent.input(screen.getByRole('textbox', { name: /^Message to / }), { target: { value: 'Yes, still here' } });
    expect(screen.getByRole('button', { name: 'Send' })).toBeEnabled();
  });
});

describe('the thread', () => {
  it('shows a stored template’s content, a WhatsApp template with its values, and a link token by its name', async () => {
    await open(onWhatsApp, {
      messages: [
        makeMessage({ customerId: onWhatsApp.id, origin: 'AGENT', payload: { type: 'TEMPLATE', template_id: 't-greeting' } }),
        makeMessage({ customerId: onWhatsApp.id, origin: 'AGENT', payload: { type: 'CARD', template_id: 'wa-sale', body_variables: ['20%', 'Sunday'] } }),
        makeMessage({ customerId: onWhatsApp.id, origin: 'AGENT', payload: { type: 'TEXT', text: 'Have a look: {{link:146746}}' } }),
      ],
    });
    const thread = screen.getByRole('log', { name: 'Messages' });
    await waitFor(() => expect(thread).toHaveTextContent('Hi! How can we help you today?'));
    await waitFor(() => expect(thread).toHaveTextContent('Spring sale! Get 20% off all sneakers until Sunday.'));
    await waitFor(() => expect(thread).toHaveTextContent('Have a look: [Watch this]'));
    expect(thread).not.toHaveTextContent('t-greeting');
    expect(thread).not.toHaveTextContent('{{link:');
  });

  it('says a template is not available rather than showing its id', async () => {
    await open(onTelegram, {
      messages: [makeMessage({ customerId: onTelegram.id, origin: 'AGENT', payload: { type: 'TEMPLATE', template_id: 't-gone' } })],
    });
    const thread = screen.getByRole('log', { name: 'Messages' });
    await waitFor(() => expect(thread).toHaveTextContent('This template no longer exists.'));
    expect(thread).not.toHaveTextContent('t-gone');
  });
});

describe('links', () => {
  it('inserts an enabled link token, shown by its name', async () => {
    const { conversation } = await open();
    const dialog = await openTool('Link', 'Insert a link');
    expect(within(dialog).queryByRole('radio', { name: /Old survey/ })).not.toBeInTheDocument();
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Insert link' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Choose a link to insert');
    await choose(dialog, 'Watch this');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Insert link' }));
    expect(conversation.draft).toBe('{{link:146746}}');
    expect(screen.getByText('The customer reads: [Watch this]')).toBeInTheDocument();
  });

  it('shows the reply with short links before using them, and cancelling keeps the reply as it was', async () => {
    const { bridge, conversation } = await open();
    const field = screen.getByRole('textbox', { name: /^Message to / });
    expect(screen.getByRole('button', { name: 'Shorten links' })).toBeDisabled();
    await fireEvent.input(field, { target: { value: 'See https://shop.acme.example/spring.' } });
    let dialog = await openTool('Shorten links', 'Shorten links');
    await waitFor(() => expect(within(dialog).getByText('See http://x4p.me/Sw5Tp.')).toBeInTheDocument());
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(conversation.draft).toBe('See https://shop.acme.example/spring.');

    dialog = await openTool('Shorten links', 'Shorten links');
    await fireEvent.click(await within(dialog).findByRole('button', { name: 'Use short links' }));
    expect(conversation.draft).toBe('See http://x4p.me/Sw5Tp.');
    expect(bridge.inputsOf('compose:shorten-links')).toEqual([
      { customerId: onTelegram.id, links: ['https://shop.acme.example/spring'] },
      { customerId: onTelegram.id, links: ['https://shop.acme.example/spring'] },
    ]);
  });
});
