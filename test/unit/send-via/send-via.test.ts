/**
 * "Send via" in main: a customer's options are their subscribed agents on sendable channels (an opted-out one shown
 * as such), the default is the agent of their latest message, the agent's choice is remembered in the account's
 * cache (so it outlives a restart) and refused for an agent that is not an option or was opted out of; the outbox
 * refuses a send through an agent the customer opted out of.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agent, Channel, CustomerRecord, MessageRecord } from '../../../common/domain';
import type { InboxError } from '../../../common/result';
import { inMemory, openCache, type Cache } from '../../../main/cache/cache';
import { Outbox } from '../../../main/outbox/outbox';
import { chooseSender, sendOptions } from '../../../main/send-via/send-via';
import { FakeRemote } from '../sync/fake-remote';

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: InboxError }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

const sms: Channel = { id: 'channel-sms', type: 'SMS', name: 'SMS USA', status: 'ACTIVE', created: 1, modified: 1 };
const whatsApp: Channel = { id: 'channel-wa', type: 'WA', name: 'Support line', status: 'ACTIVE', created: 1, modified: 1 };
const viber: Channel = { id: 'channel-vi', type: 'VI', name: 'Promotions', status: 'ACTIVE', created: 1, modified: 1 };
const echo: Channel = { id: 'channel-echo', type: 'ECHO', name: 'Echo', status: 'ACTIVE', created: 1, modified: 1 };
const agentOf = (channel: Channel, id: string): Agent => ({ id, channelId: channel.id, label: `${channel.name} agent`, created: 1, modified: 1 });
const smsAgent = agentOf(sms, 'agent-sms');
const whatsAppAgent = agentOf(whatsApp, 'agent-wa');
const viberAgent = agentOf(viber, 'agent-vi');
const echoAgent = agentOf(echo, 'agent-echo');
const otherSmsAgent = agentOf(sms, 'agent-sms-2');

const customer: CustomerRecord = {
  id: 'ada',
  name: 'Ada',
  phone: '15550100',
  country: 'US',
  subscriptions: { [smsAgent.id]: true, [whatsAppAgent.id]: true, [viberAgent.id]: false, [echoAgent.id]: true },
  chatbotEnabled: {},
  created: 1,
  modified: 1,
  lastMessageTime: 2_000,
};

function message(id: string, agentId: string, sent: number): MessageRecord {
  return { messageId: id, customerId: customer.id, agentId, origin: 'CUSTOMER', status: 'DELIVERED', sent, modified: null, payload: { type: 'TEXT', text: id } };
}

let cache: Cache;

beforeEach(() => {
  cache = unwrap(openCache({ file: inMemory, now: () => 10_000 }));
  unwrap(cache.replaceChannels([sms, whatsApp, viber, echo], [smsAgent, whatsAppAgent, viberAgent, echoAgent, otherSmsAgent]));
  unwrap(cache.upsertCustomers([customer]));
  unwrap(cache.upsertMessages([message('on-whatsapp', whatsAppAgent.id, 1_000), message('on-sms', smsAgent.id, 2_000)]));
});

afterEach(() => cache.close());

describe('send options', () => {
  it("lists the customer's agents on sendable channels, opted-out ones as such, and defaults to the latest message's agent", () => {
    const answer = unwrap(sendOptions(cache, customer.id));

    expect(answer.options.map(({ agentId, channelType, channelName, subscribed }) => ({ agentId, channelType, channelName, subscribed }))).toEqual([
      { agentId: viberAgent.id, channelType: 'VI', channelName: 'Promotions', subscribed: false },
      { agentId: smsAgent.id, channelType: 'SMS', channelName: 'SMS USA', subscribed: true },
      { agentId: whatsAppAgent.id, channelType: 'WA', channelName: 'Support line', subscribed: true },
    ]);
    expect(answer.chosenAgentId).toBe(smsAgent.id);
  });

  it("remembers the choice in the account cache's keyed state, which is kept across restarts", () => {
    expect(unwrap(chooseSender(cache, customer.id, whatsAppAgent.id)).chosenAgentId).toBe(whatsAppAgent.id);

    expect(unwrap(sendOptions(cache, customer.id)).chosenAgentId).toBe(whatsAppAgent.id);
    expect(unwrap(cache.getCursor(`send-via:${customer.id}`))?.value).toBe(whatsAppAgent.id);
  });

  it('refuses an agent the customer opted out of, or one that is not theirs, and keeps the previous choice', () => {
    const optedOut = chooseSender(cache, customer.id, viberAgent.id);
    const stranger = chooseSender(cache, customer.id, otherSmsAgent.id);

    expect(optedOut).toMatchObject({ ok: false, error: { code: 'OPTED_OUT', field: 'agentId', message: 'The customer opted out of Promotions' } });
    expect(stranger).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'agentId' } });
    expect(unwrap(sendOptions(cache, customer.id)).chosenAgentId).toBe(smsAgent.id);
  });

  it('falls back to the default once the remembered agent is opted out of', () => {
    unwrap(chooseSender(cache, customer.id, whatsAppAgent.id));
    unwrap(cache.upsertCustomers([{ ...customer, subscriptions: { ...customer.subscriptions, [whatsAppAgent.id]: false }, modified: 2 }]));

    expect(unwrap(sendOptions(cache, customer.id)).chosenAgentId).toBe(smsAgent.id);
  });

  it('answers NOT_FOUND for a customer the cache does not hold', () => {
    expect(sendOptions(cache, 'nobody')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('the outbox', () => {
  it('refuses a send through an agent the customer opted out of, and takes one through another of theirs', async () => {
    const outbox = new Outbox({ cache, remote: new FakeRemote(() => 10_000) });
    const payload = { type: 'TEXT', text: 'Hello' };

    expect(outbox.send({ customerId: customer.id, agentId: viberAgent.id, payload })).toMatchObject({
      ok: false,
      error: { code: 'OPTED_OUT', field: 'agentId', message: expect.stringContaining('opted out') },
    });
    expect(unwrap(outbox.send({ customerId: customer.id, agentId: whatsAppAgent.id, payload }))).toMatchObject({ agentId: whatsAppAgent.id, channelType: 'WA' });
    await outbox.close();
  });
});
