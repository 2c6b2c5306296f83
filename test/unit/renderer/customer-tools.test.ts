/**
 * Message actions and the customer details panel in jsdom: the actions menu is an ARIA menu (opened by its button,
 * by right-click and by Shift+F10, focus on the first item, arrows move it, Escape returns it to the button), and
 * "Delete message" asks first, then deletes through `messages:delete` and leaves the thread; the panel saves a name,
 * switches a chatbot with a MANUALLY mode, remembers being open, and deletes a customer only after a confirmation
 * that names them.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { CustomerDetails as Details } from '../../../common/contract/customers';
import type { Message } from '../../../common/domain';
import ConversationPane from '../../../renderer/features/conversation/ConversationPane.svelte';
import { ConversationState } from '../../../renderer/features/conversation/conversation-state.svelte';
import CustomerDetails from '../../../renderer/features/customers/CustomerDetails.svelte';
import { CustomerDetailsState, detailsOpenKey } from '../../../renderer/features/customers/customer-details-state.svelte';
import { expectAccessible } from './accessibility';
import { FakeBridge, fail, ok } from './fake-bridge';
import { fixedNow, makeCustomer, makeMessage } from './fixtures';

const maria = makeCustomer(1, { name: 'Maria Lopez', phone: '447700900123' });

async function openThread(messages: Message[]) {
  let shown = messages;
  const bridge = new FakeBridge({
    'messages:window': () => ok({ items: shown, hasOlder: false, hasNewer: false, freshness: { lastSyncedAt: fixedNow } }),
    'messages:delete': ({ messageId }) => {
      shown = shown.filter((message) => message.messageId !== messageId);
      return ok({ alreadyGone: false });
    },
  });
  const conversation = new ConversationState(bridge);
  await conversation.open(maria);
  render(ConversationPane, { conversation, now: fixedNow, mediaMode: 'browser', sendText: () => Promise.resolve(ok({})) });
  return { bridge, conversation };
}

const articles = () => within(screen.getByRole('log', { name: 'Messages' })).getAllByRole('article');

describe('message actions', () => {
  it('is an ARIA menu: focus on the first item, arrows move it, Escape gives it back to the button', async () => {
    await openThread([makeMessage({ messageId: 'm-1', key: 'm-1', payload: { type: 'TEXT', text: 'Hello' } })]);
    expectAccessible();
    const button = within(articles()[0] as HTMLElement).getByRole('button', { name: 'Message actions' });
    await fireEvent.click(button);
    const menu = screen.getByRole('menu', { name: 'Message actions' });
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const items = within(menu).getAllByRole('menuitem');
    expect(items.map((item) => item.textContent)).toEqual(['Copy text', 'Delete message']);
    await waitFor(() => expect(items[0]).toHaveFocus());
    await fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(items[1]).toHaveFocus();
    await fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(items[0]).toHaveFocus();
    await fireEvent.keyDown(menu, { key: 'End' });
    expect(items[1]).toHaveFocus();
    await fireEvent.keyDown(menu, { key: 'Escape' });
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(button).toHaveFocus();
  });

  it('opens from the message\'s context menu and from Shift+F10', async () => {
    await openThread([makeMessage({ messageId: 'm-1', key: 'm-1' })]);
    const message = articles()[0] as HTMLElement;
    await fireEvent.contextMenu(message);
    expect(screen.getByRole('menu', { name: 'Message actions' })).toBeInTheDocument();
    await fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
    await fireEvent.keyDown(within(message).getByRole('button', { name: 'Message actions' }), { key: 'F10', shiftKey: true });
    expect(screen.getByRole('menu', { name: 'Message actions' })).toBeInTheDocument();
  });

  it('copies the message\'s words and says so', async () => {
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (text: string) => Promise.resolve(void copied.push(text)) },
    });
    await openThread([makeMessage({ messageId: 'm-1', key: 'm-1', payload: { type: 'TEXT', text: 'Parcel 42 is late' } })]);
    await fireEvent.click(within(articles()[0] as HTMLElement).getByRole('button', { name: 'Message actions' }));
    await fireEvent.click(screen.getByRole('menuitem', { name: 'Copy text' }));
    expect(await screen.findByText('Text copied')).toHaveAttribute('role', 'status');
    expect(copied).toEqual(['Parcel 42 is late']);
    Reflect.deleteProperty(navigator, 'clipboard');
  });

  it('offers Open and Save for a file, and no Delete for a send the service does not have yet', async () => {
    await openThread([
      makeMessage({
        messageId: null,
        key: 'client-1',
        clientId: 'client-1',
        origin: 'AGENT',
        payload: { type: 'MEDIA', name: 'invoice.pdf', src: { mime: 'application/pdf', size: 10, uri: 'https://omni.mmdsmart.com/api/media/e/file-1' } },
      }),
    ]);
    await fireEvent.click(within(articles()[0] as HTMLElement).getByRole('button', { name: 'Message actions' }));
    const items = within(screen.getByRole('menu')).getAllByRole('menuitem');
    expect(items.map((item) => item.textContent)).toEqual(['Copy text', 'Open', 'Save']);
    expect(items[2]).toHaveAttribute('download', 'invoice.pdf');
  });

  it('deletes a message only after the confirmation, and it leaves the thread', async () => {
    const { bridge } = await openThread([makeMessage({ messageId: 'm-1', key: 'm-1' }), makeMessage({ messageId: 'm-2', key: 'm-2', sent: fixedNow - 1000 })]);
    await fireEvent.click(within(articles()[1] as HTMLElement).getByRole('button', { name: 'Message actions' }));
    await fireEvent.click(screen.getByRole('menuitem', { name: 'Delete message' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete this message?' });
    expect(bridge.inputsOf('messages:delete')).toEqual([]);
    await fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(articles()).toHaveLength(1));
    expect(bridge.inputsOf('messages:delete')).toEqual([{ customerId: maria.id, messageId: 'm-2' }]);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });
});

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

const details: Details = {
  customer: { ...maria, chatbotEnabled: { 'channel-wa': 'DISABLED_AUTO' } },
  subscriptions: [
    { agentId: 'agent-sms', agentLabel: '145044111206', channelName: 'SMS USA', channelType: 'SMS', subscribed: false },
    { agentId: 'agent-wa', agentLabel: null, channelName: 'WhatsApp', channelType: 'WA', subscribed: true },
  ],
  chatbots: [{ channelId: 'channel-wa', channelName: 'WhatsApp', channelType: 'WA', mode: 'DISABLED_AUTO' }],
};

/** The panel, open (as the agent left it), showing Maria. */
async function showPanel(bridge: FakeBridge, storage = memoryStorage()) {
  storage.setItem(detailsOpenKey, 'true');
  const panel = new CustomerDetailsState(bridge, { storage });
  let deleted = 0;
  render(CustomerDetails, { panel, onDeleted: () => deleted++ });
  await panel.show(maria.id);
  return { panel, storage, deleted: () => deleted };
}

describe('the customer details panel', () => {
  it('shows the customer, each subscription and the chatbot, accessibly', async () => {
    await showPanel(new FakeBridge({ 'customers:details': () => ok(details) }));
    const panel = screen.getByRole('complementary', { name: 'Customer details' });
    expectAccessible();
    expect(within(panel).getByRole('textbox', { name: 'Name' })).toHaveValue('Maria Lopez');
    expect(within(panel).getByText('+44 7700 900123')).toBeInTheDocument();
    expect(within(panel).getByText('Opted out')).toBeInTheDocument();
    expect(within(panel).getByText(/messaging them needs their own consent/)).toBeInTheDocument();
    expect(within(panel).getByRole('switch', { name: 'Chatbot on WhatsApp' })).toHaveAttribute('aria-checked', 'false');
  });

  it('saves a name with customers:update and refuses a blank one before any call', async () => {
    const bridge = new FakeBridge({
      'customers:details': () => ok(details),
      'customers:update': ({ name }) => ok({ ...maria, name: name ?? null }),
    });
    await showPanel(bridge);
    const field = screen.getByRole('textbox', { name: 'Name' });
    await fireEvent.input(field, { target: { value: '   ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('Enter a name')).toBeInTheDocument();
    expect(bridge.inputsOf('customers:update')).toEqual([]);
    await fireEvent.input(field, { target: { value: 'Maria Garcia' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Saved'));
    expect(bridge.inputsOf('customers:update')).toEqual([{ id: maria.id, name: 'Maria Garcia' }]);
  });

  it('says why a save failed offline, in main\'s words', async () => {
    await showPanel(
      new FakeBridge({
        'customers:details': () => ok(details),
        'customers:update': () => fail('NETWORK', 'You are offline, so changing a customer needs the network. Nothing was changed.'),
      }),
    );
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('You are offline, so changing a customer needs the network. Nothing was changed.');
  });

  it('switches a channel\'s chatbot on', async () => {
    const bridge = new FakeBridge({ 'customers:details': () => ok(details), 'customers:update': () => ok(maria) });
    await showPanel(bridge);
    await fireEvent.click(screen.getByRole('switch', { name: 'Chatbot on WhatsApp' }));
    await waitFor(() => expect(bridge.inputsOf('customers:update')).toEqual([{ id: maria.id, chatbot: { channelId: 'channel-wa', enabled: true } }]));
  });

  it('deletes the customer only after a confirmation that names them', async () => {
    const bridge = new FakeBridge({ 'customers:details': () => ok(details), 'customers:delete': () => ok({ alreadyGone: false }) });
    const { deleted } = await showPanel(bridge);
    await fireEvent.click(screen.getByRole('button', { name: 'Delete customer' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete Maria Lopez?' });
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(bridge.inputsOf('customers:delete')).toEqual([]);
    await fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(deleted()).toBe(1));
    expect(bridge.inputsOf('customers:delete')).toEqual([{ id: maria.id }]);
  });

  it('remembers whether it is open', () => {
    const storage = memoryStorage();
    const first = new CustomerDetailsState(new FakeBridge(), { storage });
    expect(first.open).toBe(false);
    first.toggle();
    expect(storage.getItem(detailsOpenKey)).toBe('true');
    expect(new CustomerDetailsState(new FakeBridge(), { storage }).open).toBe(true);
  });

  it('reads nothing while closed, as the agent goes through conversations, and reads the open one when it opens', async () => {
    let name = 'Maria Lopez';
    const bridge = new FakeBridge({ 'customers:details': () => ok({ ...details, customer: { ...maria, name } }) });
    const panel = new CustomerDetailsState(bridge, { storage: memoryStorage() });
    const stop = panel.listen();
    await panel.show(makeCustomer(2).id);
    await panel.show(maria.id);
    name = 'Maria Garcia';
    bridge.emit('customers:changed', { ids: [maria.id] });
    expect(bridge.inputsOf('customers:details')).toEqual([]);

    panel.toggle();
    await waitFor(() => expect(panel.name).toBe('Maria Garcia'));
    expect(bridge.inputsOf('customers:details')).toEqual([{ id: maria.id }]);
    stop();
  });
});
