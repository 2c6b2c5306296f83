/**
 * The open conversation as an agent reads it: every payload kind shown as words (never markup), bubbles by who sent
 * them with their delivery status, days in order, older messages fetched by cursor, and re-reads when
 * `messages:changed` names this customer.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { Customer, Message } from '../../../common/domain';
import ConversationPane from '../../../renderer/features/conversation/ConversationPane.svelte';
import { ConversationState } from '../../../renderer/features/conversation/conversation-state.svelte';
import { expectAccessible } from './accessibility';
import { FakeBridge, fail, ok } from './fake-bridge';
import { fixedNow, makeCustomer, makeMessage } from './fixtures';

const maria = makeCustomer(1, { name: 'Maria Lopez', phone: '447700900123' });
const hour = 3_600_000;

function windowOf(items: Message[], hasOlder = false) {
  return ok({ items, hasOlder, hasNewer: false, freshness: { lastSyncedAt: fixedNow - 60_000 } });
}

/** The contents main looks up for the messages that carry a template's id. */
const templateLookups = {
  'compose:template': () => ok({ id: 'welcome_v2', type: 'TEXT_TEMPLATE', title: 'Welcome', text: 'Welcome to Acme!' }),
  'compose:whatsapp-template': () => ok({ id: 'order_update', name: 'order_update', body: 'Hi {{1}}, order {{2}} has shipped.', buttons: [] }),
};

async function openConversation(messages: Message[], options: { customer?: Customer; bridge?: FakeBridge } = {}) {
  const bridge = options.bridge ?? new FakeBridge({ 'messages:window': () => windowOf(messages), ...templateLookups });
  const conversation = new ConversationState(bridge);
  const stop = conversation.listen();
  await conversation.open(options.customer ?? maria);
  render(ConversationPane, { conversation, now: fixedNow, mediaMode: 'browser', sendText: () => Promise.resolve(ok({})) });
  return { bridge, conversation, stop };
}

const log = () => screen.getByRole('log', { name: 'Messages' });
const bubble = (name: RegExp) => within(log()).getByRole('article', { name });

describe('the conversation pane', () => {
  it('passes the accessibility check', async () => {
    await openConversation([makeMessage(), makeMessage({ origin: 'AGENT', status: 'READ' })]);
    expectAccessible();
  });

  it('asks the user to pick a conversation when none is open', () => {
    render(ConversationPane, { conversation: new ConversationState(new FakeBridge()), now: fixedNow, mediaMode: 'browser', sendText: () => Promise.resolve(ok({})) });
    expect(screen.getByRole('heading', { name: 'Choose a conversation' })).toBeInTheDocument();
  });

  it('names the customer, their number and how fresh the conversation is', async () => {
    await openConversation([makeMessage()]);
    expect(screen.getByRole('heading', { name: 'Maria Lopez' })).toBeInTheDocument();
    expect(screen.getByText('+44 7700 900123')).toBeInTheDocument();
    expect(screen.getByText('Updated 1 min ago')).toBeInTheDocument();
  });

  it('shows every payload kind in words', async () => {
    const at = (hoursAgo: number) => fixedNow - hoursAgo * hour;
    await openConversation([
      makeMessage({ sent: at(9), payload: { type: 'TEXT', text: 'Hello, my parcel is late' } }),
      makeMessage({
        sent: at(8),
        payload: {
          type: 'IMAGE',
          category: 'UNSPECIFIED',
          name: 'receipt.jpg',
          src: { mime: 'image/jpeg', size: 250_000, uri: 'https://cdn.example/receipt.jpg' },
          thumbnail: { mime: 'image/jpeg', size: 0, uri: 'https://cdn.example/t.jpg' },
          preview: { mime: 'image/jpeg', size: 0, uri: 'https://cdn.example/p.jpg' },
        },
      }),
      makeMessage({ sent: at(7), payload: { type: 'MEDIA', category: 'APPLICATION', src: { mime: 'application/pdf', size: 1_300_000, uri: 'https://cdn.example/files/invoice.pdf' } } }),
      makeMessage({ sent: at(6), origin: 'AGENT', payload: { type: 'LOCATION', latitude: 51.50735, longitude: -0.12776 } }),
      makeMessage({ sent: at(5), origin: 'AGENT', payload: { type: 'CONTACT', firstname: 'Support', lastname: 'Desk', phone: '+44 20 7946 0958', email: 'help@example.com' } }),
      makeMessage({
        sent: at(4),
        origin: 'BROADCAST',
        payload: {
          type: 'CAROUSEL',
          width: 'MEDIUM',
          content: [
            { type: 'CARD', title: 'Winter sale', description: 'Up to 50% off', suggestions: [{ reply: { text: 'Show me' } }] },
            { type: 'CARD', title: 'Free delivery', description: 'Over £50', suggestions: [] },
          ],
        },
      }),
      makeMessage({ sent: at(3), origin: 'BOT', payload: { type: 'TEMPLATE', template_id: 'welcome_v2' } }),
      makeMessage({ sent: at(2), origin: 'AGENT', payload: { type: 'CARD', template_id: 'order_update', body_variables: ['Maria', '#88213'] } }),
      makeMessage({ sent: at(1), payload: { type: 'STICKER', caption: 'thumbs up' } }),
    ]);

    await within(log()).findByText('Hi Maria, order #88213 has shipped.');
    const messages = within(log()).getAllByRole('article');
    expect(messages.map((message) => message.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringContaining('Hello, my parcel is late'),
      expect.stringMatching(/Image receipt\.jpg image\/jpeg · 244 KB/),
      expect.stringMatching(/File invoice\.pdf application\/pdf · 1\.2 MB/),
      expect.stringContaining('Location 51.50735° N, 0.12776° W'),
      expect.stringMatching(/Contact card Support Desk \+44 20 7946 0958 help@example\.com/),
      expect.stringMatching(/Carousel of 2 cards Winter sale Up to 50% off Show me Free delivery Over £50/),
      expect.stringContaining('Template Welcome Welcome to Acme!'),
      expect.stringContaining('WhatsApp template Hi Maria, order #88213 has shipped.'),
      expect.stringContaining('sticker message thumbs up'),
    ]);
    // An image at an address outside the service is never fetched: its words show, no picture.
    expect(within(messages[1] as HTMLElement).getByText('Preview not available')).toBeInTheDocument();
    expect(within(log()).queryByRole('img')).toBeNull();
  });

  it('shows what it can of a payload that does not have the fields its kind should', async () => {
    await openConversation([makeMessage({ payload: { type: 'LOCATION', title: 'Our shop' } })]);
    expect(within(log()).getByRole('article')).toHaveTextContent('location message Our shop');
  });

  it('renders customer text as text, never as markup', async () => {
    const { conversation } = await openConversation([makeMessage({ payload: { type: 'TEXT', text: '<b>bold</b><img src=x onerror=alert(1)><script>alert(2)</script>' } })]);
    expect(within(log()).getByRole('article')).toHaveTextContent('<b>bold</b><img src=x onerror=alert(1)><script>alert(2)</script>');
    expect(log().querySelector('b, img, script')).toBeNull();
    expect(conversation.items).toHaveLength(1);
  });

  it('labels who sent each outgoing message and shows its delivery status', async () => {
    await openConversation([
      makeMessage({ sent: fixedNow - 9 * hour, origin: 'CUSTOMER', status: 'DELIVERED', payload: { type: 'TEXT', text: 'from the customer' } }),
      makeMessage({ sent: fixedNow - 8 * hour, origin: 'BOT', status: 'SENT', payload: { type: 'TEXT', text: 'from the bot' } }),
      makeMessage({ sent: fixedNow - 7 * hour, origin: 'BROADCAST', status: 'DELIVERED', payload: { type: 'TEXT', text: 'a broadcast' } }),
      makeMessage({ sent: fixedNow - 6 * hour, origin: 'AGENT', status: 'READ', payload: { type: 'TEXT', text: 'from a colleague' } }),
      makeMessage({ sent: fixedNow - 5 * hour, origin: 'AGENT', status: 'ERROR', clientId: 'k1', payload: { type: 'TEXT', text: 'failed at the network' } }),
      makeMessage({ sent: fixedNow - 4 * hour, origin: 'AGENT', status: 'UNDELIVERABLE', clientId: 'k2', payload: { type: 'TEXT', text: 'no such phone' } }),
      makeMessage({
        sent: fixedNow - 3 * hour,
        origin: 'AGENT',
        status: 'CREATED',
        messageId: null,
        clientId: 'k3',
        outbox: { state: 'queued', lastError: null },
        payload: { type: 'TEXT', text: 'waiting in the outbox' },
      }),
      makeMessage({
        sent: fixedNow - 2 * hour,
        origin: 'AGENT',
        status: 'CREATED',
        messageId: null,
        clientId: 'k4',
        outbox: { state: 'failed', lastError: { code: 'OPTED_OUT', message: '403 opted out', retryable: false } },
        payload: { type: 'TEXT', text: 'refused by the service' },
      }),
      makeMessage({ sent: fixedNow - 1 * hour, origin: 'AGENT', status: 'CREATED', messageId: null, clientId: 'k5', outbox: { state: 'unknown', lastError: null }, payload: { type: 'TEXT', text: 'fate unknown' } }),
    ]);

    const byText = (text: string) => within(log()).getByText(text).closest('article') as HTMLElement;
    expect(byText('from the customer')).toHaveAccessibleName(/^Customer at/);
    expect(byText('from the customer')).not.toHaveTextContent(/Sent|Delivered|Read/);
    expect(byText('from the bot')).toHaveTextContent(/^Bot.*Sent$/);
    expect(byText('a broadcast')).toHaveTextContent(/^Broadcast.*Delivered$/);
    expect(byText('from a colleague')).toHaveTextContent(/^Agent.*Read$/);
    expect(byText('failed at the network')).toHaveTextContent(/^You.*Failed/);
    expect(byText('no such phone')).toHaveTextContent('Undeliverable');
    expect(byText('waiting in the outbox')).toHaveTextContent('Waiting to send…');
    expect(byText('refused by the service')).toHaveTextContent('Not sent: This customer opted out of messages on this channel.');
    expect(byText('fate unknown')).toHaveTextContent('Checking whether it was sent…');
  });

  it('puts messages oldest first under a heading per day', async () => {
    const days = (count: number) => fixedNow - count * 86_400_000;
    await openConversation([
      makeMessage({ sent: days(40), payload: { type: 'TEXT', text: 'long ago' } }),
      makeMessage({ sent: days(3), payload: { type: 'TEXT', text: 'this week' } }),
      makeMessage({ sent: days(1), payload: { type: 'TEXT', text: 'yesterday morning' } }),
      makeMessage({ sent: days(1) + 60_000, payload: { type: 'TEXT', text: 'yesterday a minute later' } }),
      makeMessage({ sent: fixedNow - 60_000, payload: { type: 'TEXT', text: 'just now' } }),
    ]);
    const headings = within(log()).getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent);
    expect(headings).toEqual([
      new Date(days(40)).toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
      new Date(days(3)).toLocaleDateString(undefined, { weekday: 'long' }),
      'Yesterday',
      'Today',
    ]);
    const yesterday = within(log()).getByRole('region', { name: 'Yesterday' });
    expect(within(yesterday).getAllByRole('article').map((message) => message.textContent)).toEqual([
      expect.stringContaining('yesterday morning'),
      expect.stringContaining('yesterday a minute later'),
    ]);
  });

  it('reads the older window by cursor until the start of the conversation', async () => {
    const older = [makeMessage({ sent: fixedNow - 5 * hour, payload: { type: 'TEXT', text: 'the first words' } })];
    const newest = [makeMessage({ sent: fixedNow - 2 * hour, key: 'k-new', payload: { type: 'TEXT', text: 'the latest words' } })];
    const bridge = new FakeBridge({ 'messages:window': (query) => (query.before === undefined ? windowOf(newest, true) : windowOf(older, false)) });
    await openConversation([], { bridge });

    // Two messages do not fill the pane, so the view keeps reading back as if the agent scrolled up.
    expect(await within(log()).findByText('the first words')).toBeInTheDocument();
    expect(bridge.inputsOf('messages:window')).toEqual([
      { customerId: maria.id, limit: 50 },
      { customerId: maria.id, before: { sent: fixedNow - 2 * hour, key: 'k-new' }, limit: 50 },
    ]);
    expect(screen.getByText('This is the start of the conversation.')).toBeInTheDocument();
    expect(within(log()).getAllByRole('article').map((message) => message.textContent)).toEqual([
      expect.stringContaining('the first words'),
      expect.stringContaining('the latest words'),
    ]);
  });

  it('re-reads when messages:changed names this conversation, and only then', async () => {
    let messages = [makeMessage({ sent: fixedNow - hour, payload: { type: 'TEXT', text: 'hello?' } })];
    const bridge = new FakeBridge({ 'messages:window': () => windowOf(messages) });
    await openConversation([], { bridge });
    expect(bridge.inputsOf('messages:window')).toHaveLength(1);

    bridge.emit('messages:changed', { customerId: 'someone-else', ids: ['x'] });
    messages = [...messages, makeMessage({ sent: fixedNow - 60_000, payload: { type: 'TEXT', text: 'are you there?' } })];
    bridge.emit('messages:changed', { customerId: maria.id, ids: ['m2'] });

    expect(await within(log()).findByText('are you there?')).toBeInTheDocument();
    expect(bridge.inputsOf('messages:window')).toEqual([
      { customerId: maria.id, limit: 50 },
      { customerId: maria.id, limit: 50 },
    ]);
  });

  it('says why the conversation could not be read, and tries again on request', async () => {
    const bridge = new FakeBridge({ 'messages:window': () => fail('STORAGE', 'disk full') });
    await openConversation([], { bridge });
    expect(screen.getByRole('alert')).toHaveTextContent("Couldn't load this conversation: The app can't write to its data folder");
    bridge.answer('messages:window', () => windowOf([makeMessage({ payload: { type: 'TEXT', text: 'back again' } })]));
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('back again')).toBeInTheDocument();
  });

  it('says when there are no messages with the customer yet', async () => {
    await openConversation([]);
    expect(screen.getByText('No messages with Maria Lopez yet.')).toBeInTheDocument();
  });
});

describe('a conversation updated while open', () => {
  it('keeps older messages already loaded when the newest window is re-read', async () => {
    const older = makeMessage({ sent: fixedNow - 9 * hour, payload: { type: 'TEXT', text: 'older' } });
    const newer = makeMessage({ sent: fixedNow - hour, key: 'n1', status: 'SENT', origin: 'AGENT', payload: { type: 'TEXT', text: 'newer' } });
    let newest = [newer];
    const bridge = new FakeBridge({ 'messages:window': (query) => (query.before === undefined ? windowOf(newest, true) : windowOf([older], false)) });
    await openConversation([], { bridge });
    await within(log()).findByText('older');

    newest = [{ ...newer, status: 'READ' }];
    bridge.emit('messages:changed', { customerId: maria.id, ids: ['n1'] });
    await waitFor(() => expect(bubble(/You|Agent/)).toHaveTextContent('Read'));
    expect(within(log()).getByText('older')).toBeInTheDocument();
    expect(screen.getByText('This is the start of the conversation.')).toBeInTheDocument();
  });
});
