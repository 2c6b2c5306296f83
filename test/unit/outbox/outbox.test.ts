/**
 * The outbox against a scripted service and a clock that moves only when told: stored and shown before anything
 * leaves, delivered in order per customer, refused sends failing with their reason, unknown outcomes reconciled
 * before any retry, backoff honouring Retry-After and waiting for the network, and sends cut off by a restart.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxChange } from '../../../common/contract/outbox';
import type { OutboxItem } from '../../../common/domain';
import type { InboxError } from '../../../common/result';
import { inMemory, openCache, type Cache } from '../../../main/cache/cache';
import { Outbox, type OutboxPolicy } from '../../../main/outbox/outbox';
import { agent, channel, FakeRemote } from '../sync/fake-remote';
import { ManualClock } from '../sync/manual-clock';

const SECOND = 1000;

let clock: ManualClock;
let remote: FakeRemote;
let cache: Cache;
let outbox: Outbox;
let changes: OutboxChange[];
let sent: OutboxItem[];

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: InboxError }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function newOutbox(policy: Partial<OutboxPolicy> = {}): Outbox {
  let next = 0;
  outbox = new Outbox({
    cache,
    remote,
    clock,
    policy,
    newClientId: () => `client-${++next}`,
    onChanged: (change) => changes.push(change),
    onSent: (item) => sent.push(item),
  });
  return outbox;
}

const text = (words: string) => ({ type: 'TEXT', text: words });
const statesOf = (clientId: string) => changes.filter((change) => change.clientId === clientId).map((change) => change.item?.state);

function serverTexts(customerId: string): string[] {
  return remote.outgoing(customerId).map((message) => String(message.payload['text']));
}

beforeEach(() => {
  clock = new ManualClock();
  remote = new FakeRemote(() => clock.now());
  cache = unwrap(openCache({ file: inMemory, now: () => clock.now() }));
  unwrap(cache.replaceChannels([channel], [{ ...agent }]));
  for (const id of ['alice', 'bob']) {
    const customer = remote.addCustomer(id);
    unwrap(cache.upsertCustomers([customer]));
  }
  changes = [];
  sent = [];
});

afterEach(async () => {
  await outbox.close();
  cache.close();
});

describe('sending', () => {
  it('stores the send and shows it as pending before any request leaves', () => {
    newOutbox();
    const item = unwrap(outbox.send({ customerId: 'alice', agentId: agent.id, payload: text('Hello Alice') }));

    expect(item).toMatchObject({ clientId: 'client-1', state: 'queued', attempts: 0, channelType: 'SMS' });
    expect(remote.calls).toEqual([]);
    const thread = unwrap(cache.messageWindow({ customerId: 'alice', limit: 10 }));
    expect(thread.items).toEqual([
      expect.objectContaining({ key: 'client-1', messageId: null, status: 'CREATED', outbox: { state: 'queued', lastError: null } }),
    ]);
  });

  it('delivers each customer’s sends in order, one at a time, and follows their status', async () => {
    newOutbox();
    outbox.start();
    for (const words of ['one', 'two', 'three']) unwrap(outbox.send({ customerId: 'alice', agentId: agent.id, payload: text(words) }));
    unwrap(outbox.send({ customerId: 'bob', agentId: agent.id, payload: text('hi Bob') }));
    let release = (): void => undefined;
    remote.gate = new Promise((resolve) => {
      release = resolve;
    });
    await clock.advance(0);
    // One send in flight per customer: Alice's second waits for her first.
    expect(remote.calls.map((call) => call.customerId).sort()).toEqual(['alice', 'bob']);
    remote.gate = undefined;
    release();
    await clock.advance(0);

    expect(serverTexts('alice')).toEqual(['one', 'two', 'three']);
    expect(serverTexts('bob')).toEqual(['hi Bob']);
    expect(statesOf('client-1')).toEqual(['queued', 'sending', 'sent']);
    const thread = unwrap(cache.messageWindow({ customerId: 'alice', limit: 10 }));
    expect(thread.items.map((message) => [message.key, message.messageId !== null, message.outbox?.state])).toEqual([
      ['client-1', true, 'sent'],
      ['client-2', true, 'sent'],
      ['client-3', true, 'sent'],
    ]);
    expect(sent.map((item) => item.clientId).sort()).toEqual(['client-1', 'client-2', 'client-3', 'client-4']);
  });

  it('sends through the agent the conversation last used when none is named', async () => {
    remote.addMessage('alice', { text: 'hi', origin: 'CUSTOMER' });
    const history = remote.histories.get('alice') ?? [];
    unwrap(cache.upsertMessages(history));
    newOutbox();
    const item = unwrap(outbox.send({ customerId: 'alice', payload: text('hello again') }));
    expect(item.agentId).toBe(agent.id);
  });

  it('refuses what it cannot send before storing anything: an unknown customer or agent, a kind the channel does not take', () => {
    newOutbox();
    expect(outbox.send({ customerId: 'nobody', agentId: agent.id, payload: text('x') })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(outbox.send({ customerId: 'alice', agentId: 'agent-x', payload: text('x') })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const image = { type: 'IMAGE', src: { mime: 'image/png', size: 10, uri: 'https://example.test/a.png' } };
    expect(outbox.send({ customerId: 'alice', agentId: agent.id, payload: image })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(outbox.send({ customerId: 'alice', agentId: agent.id, payload: { type: 'TEXT' } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'text' },
    });
    expect(unwrap(cache.listSends())).toEqual([]);
  });
});

describe('failures', () => {
  it('fails a refused send at once with its reason (opted out), lets the next go, and the agent can retry or discard', async () => {
    remote.sendOutcomes.push({ code: 'OPTED_OUT', message: 'Customer opted out', retryable: false });
    newOutbox();
    outbox.start();
    unwrap(outbox.send({ customerId: 'alice', agentId: agent.id, payload: text('blocked') }));
    unwrap(outbox.send({ customerId: 'alice', agentId: agent.id, payload: text('next one') }));
    await clock.advance(0);

    expect(unwrap(cache.getSend('client-1'))).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError: { code: 'OPTED_OUT', message: 'Customer opted out' },
    });
    expect(serverTexts('alice')).toEqual(['next one']);

    unwrap(outbox.retry('client-1'));
    await clock.advance(0);
    expect(unwrap(cache.getSend('client-1'))).toMatchObject({ state: 'sent', attempts: 2, lastError: null });
    expect(serverTexts('alice')).toEqual(['next one', 'blocked']);
    expect(outbox.retry('client-1')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('discards a failed send: gone from the outbox and from the thread', async () => {
    remote.sendOutcomes.push({ code: 'VALIDATION', message: 'payload.text is too long', retryable: false });
    newOutbox();
    outbox.start();
    unwrap(outbox.send({ customerId: 'alice', agentId: agent.id, payload: text('too long') }));
    await clock.advance(0);
    expect(unwrap(outbox.discard('client-1'))).toEqual({ clientId: 'client-1' });
    expect(unwrap(cache.listSends())).toEqual([]);
    expect(unwrap(cache.messageWindow({ customerId: 'alice', limit: 10 })).items).toEqual([]);
    expect(changes.at(-1)).toEqual({ customerId: 'alice', clientId: 'client-1', item: null });
  });

  it('reconciles a send whose answer was lost, finds it, and never sends it again', async () => {
    remote.sendOutcomes.push('lost');
    newOutbox();
    outbox.start();
    unwrap(outbox.send({ customerId: 'alice', agentId: agent.id, payload: text('did it arrive?') }));
    await clock.advance(5 * SECOND);

    expect(serverTexts('alice')).toEqual(['did it arrive?']);
    expect(remote.count('send')).toBe(1);
    expect(remote.count('history', 'alice')).toBe(1);
    expect(statesOf('client-1')).toEqual(['queued', 'sending', 'unknown', 'sent']);
    expect(unwrap(cache.getSend('client-1'))?.messageId).toBe(remote.outgoing('alice')[0]?.messageId);
  });

  it('waits for a request cut off mid-way to settle, and finds the copy the slow service made late', async () => {
    remote.sendOutcomes.push({ code: 'UNKNOWN_OUTCOME', message: 'no answer for 30000 ms', retryable: false });
    newOutbox();
    outbox.start();
    unwrap(outbox.send({ customerId: 'alice', agentId: agent.id, payload: text('slow service') }));
    await clock.advance(5 * SECOND);
    expect(remote.count('history', 'alice')).toBe(1);
    expect(unwrap(cache.getSend('client-1'))?.state).toBe('unknown');

    remote.addMessage('alice', { payload: text('slow service'), origin: 'AGENT', status: 'SENT' });
    await clock.advance(30 * SECOND);
    expect(remote.count('send')).toBe(1);
    expect(serverTexts('alice')).toEqual(['slow service']);
    expect(unwrap(cache.getSend('client-1'))?.state).toBe('sent');
  });

  it('looks in the history after a 5xx before trying again, and sends once when the message is not there', async () => {
    remote.sendOutcomes.push({ code: 'SERVER', message: 'The service answered HTTP 500', retryable: true });
    newOutbox();
    outbox.start();
    unwrap(outbox.send({ customerId: 'alice', agentId: agent.id, payload: text('after a 500') }));
    await clock.advance(5 * SECOND);

    expect(remote.calls.map((call) => call.operation)).toEqual(['send', 'history', 'send']);
    expect(serverTexts('alice')).toEqual(['after a 500']);
  });

  it('does not take an identical message another send already claimed for this one', async () => {
    newOutbox();
    outbox.start();
    unwrap(outbox.send({ customerId: 'alice', agentId: agent.id, payload: text('ok') }));
    await clock.advance(0);
    remote.sendOutcomes.push({ code: 'SERVER', message: 'The service answered HTTP 502', retryable: true });
    unwrap(outbox.send({ customerId: 'alice', agentId: agent.id, payload: text('ok') }));
    await clock.advance(5 * SECOND);

    expect(serverTexts('alice')).toEqual(['ok', 'ok']);
    const [first, second] = [unwrap(cache.getSend('client-1')), unwrap(cache.getSend('client-2'))];
    expect(first?.messageId).not.toBe(second?.messageId);
  });

  it('honours Retry-After on a 429: no customer’s send goes before it has passed', async () => {
    remote.sendOutcomes.push({ code: 'RATE_LIMITED', message: 'Too Many Requests', retryable: true, retryAfterSeconds: 30 });
    newOutbox({ concurrency: 1 });
    outbox.start();
    unwrap(outbox.send({ customerId: 'alice', agentId: agent.id, payload: text('slow down') }));
    unwrap(outbox.send({ customerId: 'bob', agentId: agent.id, payload: text('me too') }));
    await clock.advance(29 * SECOND);
    expect(remote.count('send')).toBe(1);
    expect(unwrap(cache.getSend('client-1'))).toMatchObject({ state: 'queued', lastError: { code: 'RATE_LIMITED' } });

    await clock.advance(5 * SECOND);
    expect(serverTexts('alice')).toEqual(['slow down']);
    expect(serverTexts('bob')).toEqual(['me too']);
  });

  it('backs off while the network is down and sends the moment it returns', async () => {
    const offline: InboxError = { code: 'NETWORK', message: 'Could not reach the service: ECONNREFUSED', retryable: true };
    remote.sendOutcomes.push(offline, offline, offline);
    newOutbox();
    outbox.start();
    unwrap(outbox.send({ customerId: 'alice', agentId: agent.id, payload: text('written offline') }));
    await clock.advance(2 * SECOND);
    const attemptsWhileDown = remote.count('send');
    expect(attemptsWhileDown).toBeGreaterThanOrEqual(2);
    expect(attemptsWhileDown).toBeLessThanOrEqual(3);
    outbox.setOnline(false);
    await clock.advance(10 * 60 * SECOND);
    expect(remote.count('send')).toBe(attemptsWhileDown);

    remote.sendOutcomes.length = 0;
    outbox.setOnline(true);
    await clock.advance(0);
    expect(serverTexts('alice')).toEqual(['written offline']);
  });
});

describe('restarts', () => {
  it('reconciles a send left `sending` by a crash: found, it is not sent again', async () => {
    newOutbox();
    unwrap(outbox.send({ customerId: 'alice', agentId: agent.id, payload: text('in flight at the crash') }));
    // The crash: claimed and sent, the answer never recorded.
    const claimed = unwrap(cache.claimNextSend('alice'));
    expect(claimed?.state).toBe('sending');
    remote.addMessage('alice', { payload: text('in flight at the crash'), origin: 'AGENT', status: 'SENT' });

    newOutbox().start();
    await clock.advance(0);
    expect(remote.count('send')).toBe(0);
    expect(unwrap(cache.getSend('client-1'))).toMatchObject({ state: 'sent', messageId: remote.outgoing('alice')[0]?.messageId });
  });

  it('reconciles a send left `sending` by a crash: absent, it is sent once', async () => {
    newOutbox();
    unwrap(outbox.send({ customerId: 'alice', agentId: agent.id, payload: text('never left') }));
    unwrap(cache.claimNextSend('alice'));

    newOutbox().start();
    await clock.advance(0);
    // Not found yet, but the request may still be in the service's hands: nothing is resent before it settles.
    expect(unwrap(cache.getSend('client-1'))?.state).toBe('unknown');
    await clock.advance(29 * SECOND);
    expect(remote.count('send')).toBe(0);

    await clock.advance(2 * SECOND);
    expect(serverTexts('alice')).toEqual(['never left']);
    expect(unwrap(cache.getSend('client-1'))).toMatchObject({ state: 'sent', attempts: 2 });
  });

});
