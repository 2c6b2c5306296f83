/**
 * Which channel each conversation is on, as the agent sees it before replying: named in the customer's row and in
 * the conversation header, by the name customers know the app by, and not guessed when it is not known yet.
 */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import InboxView from '../../../renderer/features/inbox/InboxView.svelte';
import { FakeBridge, ok } from './fake-bridge';
import { fixedNow, makeCustomer, makeMessage, servePages } from './fixtures';

const customers = [
  makeCustomer(1, { name: 'Maria Lopez', lastAgentId: 'a-wa', lastChannelType: 'WA' }),
  makeCustomer(2, { name: 'Chen Wei', lastAgentId: 'a-wechat', lastChannelType: 'WECHAT' }),
  makeCustomer(3, { name: 'Olga Petrova', lastAgentId: 'a-vi', lastChannelType: 'VI' }),
  makeCustomer(4, { name: 'New Person', lastAgentId: null, lastChannelType: null }),
];

function bridge(): FakeBridge {
  return new FakeBridge({
    'customers:page': servePages(() => customers),
    'inbox:unread': () => ok({ messages: 0, conversations: 0, byChannel: {} }),
    'messages:window': () => ok({ items: [makeMessage()], hasOlder: false, hasNewer: false, freshness: { lastSyncedAt: fixedNow } }),
    'sync:status': () => ok({ state: 'online', lastSyncedAt: fixedNow }),
    'sync:focus': () => ok({}),
  });
}

describe('the channel a conversation is on', () => {
  it("is named in each customer's row", async () => {
    render(InboxView, { bridge: bridge(), now: fixedNow });
    expect(within(await screen.findByRole('option', { name: /Maria Lopez/ })).getByText('WhatsApp')).toBeInTheDocument();
    expect(within(screen.getByRole('option', { name: /Chen Wei/ })).getByText('WeChat')).toBeInTheDocument();
    expect(within(screen.getByRole('option', { name: /Olga Petrova/ })).getByText('Viber')).toBeInTheDocument();
  });

  it('is not guessed for a conversation with no channel yet', async () => {
    render(InboxView, { bridge: bridge(), now: fixedNow });
    const row = await screen.findByRole('option', { name: /New Person/ });
    for (const name of ['SMS', 'WhatsApp', 'Viber', 'Telegram', 'RCS', 'WeChat']) expect(within(row).queryByText(name)).toBeNull();
  });

  it('is named in the header of the open conversation', async () => {
    render(InboxView, { bridge: bridge(), now: fixedNow });
    await fireEvent.click(await screen.findByRole('option', { name: /Maria Lopez/ }));
    const pane = await screen.findByRole('region', { name: 'Conversation with Maria Lopez' });
    expect(within(pane).getByText('WhatsApp')).toHaveAttribute('title', 'On WhatsApp');
  });
});
