/**
 * The API's shapes as the cache stores them: ISO dates to milliseconds, absent fields to null, a message without
 * a known origin or time skipped rather than guessed, agents labelled from whatever their config names.
 */
import { expect, it } from 'vitest';
import { channelRecords, customerRecord, messageRecord, NO_AGENT_ID, timeOf } from '../../../main/remote/map-api';

it('reads ISO date-times as epoch milliseconds and anything else as null', () => {
  expect(timeOf('2020-07-01T13:22:05.409Z')).toBe(Date.UTC(2020, 6, 1, 13, 22, 5, 409));
  expect(timeOf('yesterday')).toBeNull();
  expect(timeOf(null)).toBeNull();
  expect(timeOf(undefined)).toBeNull();
});

it('maps a customer of the reference example, and one with only the required fields', () => {
  expect(
    customerRecord({
      _id: '4762e0fe-1780-bac2-dccf-b03fc9409a1d',
      name: 'John Smith',
      phone: '145044111206',
      country: 'US',
      subscriptions: { 'a348d8d2-9114-a701-f6bb-4169aa2a1423': true },
      chatbot_enabled: { 'b348d8d2-9114-a701-f6bb-4169aa2a1423': 'ENABLED_MANUALLY' },
      created: '2020-07-01T13:22:05.409Z',
      modified: '2020-07-01T13:22:05.409Z',
      last_message_time: '2020-07-01T13:22:05.409Z',
    }),
  ).toEqual({
    id: '4762e0fe-1780-bac2-dccf-b03fc9409a1d',
    name: 'John Smith',
    phone: '145044111206',
    country: 'US',
    subscriptions: { 'a348d8d2-9114-a701-f6bb-4169aa2a1423': true },
    chatbotEnabled: { 'b348d8d2-9114-a701-f6bb-4169aa2a1423': 'ENABLED_MANUALLY' },
    created: Date.UTC(2020, 6, 1, 13, 22, 5, 409),
    modified: Date.UTC(2020, 6, 1, 13, 22, 5, 409),
    lastMessageTime: Date.UTC(2020, 6, 1, 13, 22, 5, 409),
  });
  expect(customerRecord({ _id: 'c1', phone: '15550001' })).toMatchObject({
    name: null,
    country: null,
    subscriptions: {},
    chatbotEnabled: {},
    lastMessageTime: null,
  });
});

it('maps a message into the conversation it was asked for, and skips one it cannot place', () => {
  const example = {
    customer_id: '6de4fc8d-84c7-c6ee-6ee0-fe05c37612a0',
    message_id: 'ef9ada80-10ad-4e68-90cf-b050db455117',
    agent_id: 'bf03f2d3-645d-4d5c-a70e-a0f195fbba46',
    payload: { type: 'TEXT', text: 'hi' },
    origin: 'AGENT',
    sent: '2020-11-18T15:11:58.240Z',
    status: 'READ',
  };
  expect(messageRecord(example, '6de4fc8d-84c7-c6ee-6ee0-fe05c37612a0')).toEqual({
    messageId: 'ef9ada80-10ad-4e68-90cf-b050db455117',
    customerId: '6de4fc8d-84c7-c6ee-6ee0-fe05c37612a0',
    agentId: 'bf03f2d3-645d-4d5c-a70e-a0f195fbba46',
    origin: 'AGENT',
    status: 'READ',
    sent: Date.UTC(2020, 10, 18, 15, 11, 58, 240),
    modified: null,
    payload: { type: 'TEXT', text: 'hi' },
  });
  expect(messageRecord({ ...example, customer_id: '+145044111206' }, 'c1')?.customerId).toBe('c1');
  expect(messageRecord({ ...example, agent_id: null, status: undefined }, 'c1')).toMatchObject({ agentId: NO_AGENT_ID, status: 'SENT' });
  expect(messageRecord({ ...example, sent: null }, 'c1')).toBeNull();
  expect(messageRecord({ ...example, sent: null, created: '2020-11-18T15:11:58.000Z' }, 'c1')?.sent).toBe(Date.UTC(2020, 10, 18, 15, 11, 58));
  expect(messageRecord({ ...example, origin: 'SYSTEM' }, 'c1')).toBeNull();
  expect(messageRecord({ ...example, status: 'QUEUED' }, 'c1')).toBeNull();
});

it('maps channels with their agents, labelled by what their config names, and skips unknown channel types', () => {
  expect(
    channelRecords({
      _id: 'ch1',
      type: 'SMS',
      status: 'ACTIVE',
      config: { name: 'SMS USA' },
      agents: [
        { _id: 'a1', config: { vln: '+15550001' } },
        { _id: 'a2', config: {} },
      ],
    }),
  ).toEqual({
    channel: { id: 'ch1', type: 'SMS', name: 'SMS USA', status: 'ACTIVE', created: null, modified: null },
    agents: [
      { id: 'a1', channelId: 'ch1', label: '+15550001', created: null, modified: null },
      { id: 'a2', channelId: 'ch1', label: null, created: null, modified: null },
    ],
  });
  expect(channelRecords({ _id: 'ch2', type: 'TG', status: 'PAUSED', agents: [{ _id: 'a3', config: { bot_name: 'AcmeBot' } }] })).toMatchObject({
    channel: { name: 'TG', status: null },
    agents: [{ label: 'AcmeBot' }],
  });
  expect(channelRecords({ _id: 'ch3', type: 'FAX' })).toBeNull();
});
