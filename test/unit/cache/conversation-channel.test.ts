/**
 * Which channel a conversation is on, as the list and the header show it and as replies go: the agent of the
 * newest message sent through an agent the channel list knows, with that agent's channel type.
 */
import { describe, expect, it } from 'vitest';
import { customer, message, minute, seedChannels, t0, testCache, unwrap } from './fixtures';

describe("a customer's channel", () => {
  it('is unknown before the conversation has any message', () => {
    const { cache } = testCache({ memory: true });
    seedChannels(cache);
    unwrap(cache.upsertCustomers([customer(1)]));
    expect(unwrap(cache.getCustomer('customer-0001'))).toMatchObject({ lastAgentId: null, lastChannelType: null });
  });

  it('follows the newest message: a conversation that moved from SMS to WhatsApp shows WhatsApp', () => {
    const { cache } = testCache({ memory: true });
    seedChannels(cache);
    unwrap(cache.upsertCustomers([customer(1)]));
    unwrap(cache.upsertMessages([message('customer-0001', 'm1', t0)]));
    expect(unwrap(cache.getCustomer('customer-0001'))).toMatchObject({ lastAgentId: 'agent-sms', lastChannelType: 'SMS' });

    unwrap(cache.upsertMessages([message('customer-0001', 'm2', t0 + minute, { agentId: 'agent-wa' })]));
    expect(unwrap(cache.customerPage({ limit: 10 })).items[0]).toMatchObject({ lastAgentId: 'agent-wa', lastChannelType: 'WA' });
  });

  it('skips a newest message whose agent the channel list does not name (deleted, or not synced yet)', () => {
    const { cache } = testCache({ memory: true });
    seedChannels(cache);
    unwrap(cache.upsertCustomers([customer(1)]));
    unwrap(
      cache.upsertMessages([
        message('customer-0001', 'm1', t0, { agentId: 'agent-wa' }),
        message('customer-0001', 'm2', t0 + minute, { agentId: 'agent-gone' }),
      ]),
    );
    expect(unwrap(cache.getCustomer('customer-0001'))).toMatchObject({ lastAgentId: 'agent-wa', lastChannelType: 'WA' });
  });

  it('follows a queued reply through another channel, and goes back when the reply is discarded', () => {
    const { cache } = testCache({ memory: true, now: () => t0 + minute });
    seedChannels(cache);
    unwrap(cache.upsertCustomers([customer(1)]));
    unwrap(cache.upsertMessages([message('customer-0001', 'm1', t0)]));
    const reply = { clientId: 'client-1', customerId: 'customer-0001', agentId: 'agent-wa', channelType: 'WA' as const };
    unwrap(cache.enqueueSend({ ...reply, payload: { type: 'TEXT', text: 'Switching to WhatsApp' } }));
    expect(unwrap(cache.getCustomer('customer-0001'))).toMatchObject({ lastAgentId: 'agent-wa', lastChannelType: 'WA' });

    unwrap(cache.discardSend('client-1'));
    expect(unwrap(cache.getCustomer('customer-0001'))).toMatchObject({ lastAgentId: 'agent-sms', lastChannelType: 'SMS' });
  });

  it('is shown the same on every kind of page: plain, searched, short-searched and filtered', () => {
    const { cache } = testCache({ memory: true });
    seedChannels(cache);
    unwrap(cache.upsertCustomers([customer(1), customer(2)]));
    unwrap(cache.upsertMessages([message('customer-0001', 'm1', t0, { agentId: 'agent-wa' }), message('customer-0002', 'm2', t0)]));
    const channelsOf = (items: { id: string; lastChannelType: string | null }[]) =>
      Object.fromEntries(items.map((item) => [item.id, item.lastChannelType]));
    expect(channelsOf(unwrap(cache.customerPage({ limit: 10 })).items)).toEqual({ 'customer-0001': 'WA', 'customer-0002': 'SMS' });
    expect(channelsOf(unwrap(cache.customerPage({ limit: 10, search: 'Customer' })).items)).toEqual({ 'customer-0001': 'WA', 'customer-0002': 'SMS' });
    expect(channelsOf(unwrap(cache.customerPage({ limit: 10, search: 'Cu' })).items)).toEqual({ 'customer-0001': 'WA', 'customer-0002': 'SMS' });
    expect(channelsOf(unwrap(cache.customerPage({ limit: 10, channelId: 'channel-wa' })).items)).toEqual({ 'customer-0001': 'WA' });
  });
});
