/**
 * The notification rules, with a clock that moves only when told and ports that record: who gets a notification,
 * what it says, the per-minute limit and its summary, the agent's preferences, and the unread badge.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultNotificationPrefs, type NotificationPrefs } from '../../../common/contract/notifications';
import type { Customer, MessageRecord } from '../../../common/domain';
import { ok } from '../../../common/result';
import { InboundNotifier, type InboxNotification, type NotifierCache } from '../../../main/notify/inbound-notifier';
import { ManualClock } from '../sync/manual-clock';

const SECOND = 1000;

let clock: ManualClock;
let shown: InboxNotification[];
let badges: number[];
let prefs: NotificationPrefs;
let unread: number;
let customers: Map<string, Customer>;
let notifier: InboundNotifier;
let nextId: number;

function customer(id: string, name: string | null, phone = '15550001111'): Customer {
  return {
    id,
    name,
    phone,
    country: 'US',
    subscriptions: {},
    chatbotEnabled: {},
    created: 1,
    modified: 1,
    lastMessageTime: 1,
    lastMessagePreview: null,
    unreadCount: 0,
    lastAgentId: null,
    lastChannelType: null,
  };
}

function message(customerId: string, text: string): MessageRecord {
  return {
    messageId: `m-${nextId++}`,
    customerId,
    agentId: 'agent-1',
    origin: 'CUSTOMER',
    status: 'DELIVERED',
    sent: clock.now(),
    modified: null,
    payload: { type: 'TEXT', text },
  };
}

/** The sync engine reporting `texts` as new messages of `customerId`; the cache's unread total grows with them. */
function news(customerId: string, ...texts: string[]): void {
  unread += texts.length;
  notifier.inbound({ customerId, messages: texts.map((text) => message(customerId, text)) });
}

const cache: NotifierCache = {
  getCustomer: (id) => ok(customers.get(id) ?? null),
  unreadCounts: () => ok({ messages: unread, conversations: unread > 0 ? 1 : 0, byChannel: {} }),
};

beforeEach(() => {
  clock = new ManualClock();
  shown = [];
  badges = [];
  prefs = defaultNotificationPrefs;
  unread = 0;
  nextId = 1;
  customers = new Map([
    ['maria', customer('maria', 'Maria Lopez')],
    ['nameless', customer('nameless', null, '15557654321')],
  ]);
  notifier = new InboundNotifier({
    ports: { show: (notification) => shown.push(notification), setBadge: (count) => badges.push(count) },
    cache,
    prefs: () => prefs,
    clock,
  });
  notifier.setFocus({ windowFocused: false, visible: true });
});

describe('who is notified', () => {
  it('shows the customer’s name and the message', () => {
    news('maria', 'Where is my order?');
    expect(shown).toEqual([{ customerId: 'maria', title: 'Maria Lopez', body: 'Where is my order?' }]);
  });

  it('names a customer without a name by phone number', () => {
    news('nameless', 'hi');
    expect(shown.map((notification) => notification.title)).toEqual(['15557654321']);
  });

  it('makes one notification of a burst, counting its messages and quoting the newest', () => {
    news('maria', 'hello', 'are you there?', 'I need help with my order');
    expect(shown).toEqual([{ customerId: 'maria', title: 'Maria Lopez', body: '3 new messages: I need help with my order' }]);
  });

  it('stays quiet about the conversation the agent is looking at, in a focused window', () => {
    notifier.setFocus({ customerId: 'maria', windowFocused: true, visible: true });
    news('maria', 'thanks!');
    news('nameless', 'hello');
    expect(shown.map((notification) => notification.customerId)).toEqual(['nameless']);
  });

  it('notifies about the open conversation once the window is in the background', () => {
    notifier.setFocus({ customerId: 'maria', windowFocused: false, visible: true });
    news('maria', 'thanks!');
    expect(shown.map((notification) => notification.customerId)).toEqual(['maria']);
  });
});

describe('preferences', () => {
  it('shows nothing while notifications are off', () => {
    prefs = { enabled: false, showMessageText: true };
    news('maria', 'Where is my order?');
    expect(shown).toEqual([]);
  });

  it('leaves the message text out when the agent asked so', () => {
    prefs = { enabled: true, showMessageText: false };
    news('maria', 'my card number is 4111');
    news('nameless', 'one', 'two');
    expect(shown.map((notification) => notification.body)).toEqual(['New message', '2 new messages']);
    expect(JSON.stringify(shown)).not.toContain('4111');
  });
});

describe('the limit of five a minute', () => {
  it('holds back the sixth conversation onwards and sums them up once the minute is over', async () => {
    for (let index = 0; index < 8; index += 1) {
      customers.set(`c${index}`, customer(`c${index}`, `Customer ${index}`));
      news(`c${index}`, `question ${index}`);
      await clock.advance(SECOND);
    }
    news('c6', 'still waiting');
    expect(shown.map((notification) => notification.customerId)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);

    await clock.advance(60 * SECOND);

    expect(shown.slice(5)).toEqual([{ title: 'New messages', body: '3 more conversations have new messages' }]);
  });

  it('notifies one by one again once the minute has passed', async () => {
    for (let index = 0; index < 6; index += 1) news('maria', `message ${index}`);
    await clock.advance(61 * SECOND);
    news('nameless', 'hello');
    expect(shown.map((notification) => notification.body)).toEqual([
      'message 0',
      'message 1',
      'message 2',
      'message 3',
      'message 4',
      '1 more conversation has new messages',
      'hello',
    ]);
  });

  it('sends no summary after sign-out', async () => {
    for (let index = 0; index < 6; index += 1) news('maria', `message ${index}`);
    notifier.close();
    await clock.advance(2 * 60 * SECOND);
    expect(shown).toHaveLength(5);
  });
});

describe('the badge', () => {
  it('follows the unread total, and clears at sign-out', () => {
    news('maria', 'one', 'two');
    notifier.setFocus({ customerId: 'maria', windowFocused: true, visible: true });
    news('maria', 'three');
    unread = 0;
    notifier.refreshBadge();
    unread = 4;
    notifier.refreshBadge();
    notifier.close();
    expect(badges).toEqual([2, 3, 0, 4, 0]);
  });

  it('reads the unread total once for a run of list changes, after they settle', async () => {
    let reads = 0;
    const counting = new InboundNotifier({
      ports: { show: () => undefined, setBadge: (count) => badges.push(count) },
      cache: { ...cache, unreadCounts: () => ((reads += 1), cache.unreadCounts()) },
      prefs: () => prefs,
      clock,
    });
    unread = 2;
    for (let change = 0; change < 10; change += 1) counting.listChanged();
    expect(reads).toBe(0);

    await clock.advance(SECOND);
    expect(reads).toBe(1);
    expect(badges).toEqual([2]);

    counting.listChanged();
    counting.close();
    await clock.advance(SECOND);
    expect(reads).toBe(1);
  });

  it('is set even while notifications are off', () => {
    prefs = { enabled: false, showMessageText: true };
    news('maria', 'one');
    expect(badges).toEqual([1]);
  });
});
