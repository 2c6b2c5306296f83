/** A text longer than its channel takes is refused with a clear message before the outbox stores anything. */
import { afterEach, describe, expect, it } from 'vitest';
import { maxTextLengthByChannel } from '../../../common/api-decisions';
import { maxTextLength, parseSendPayload, sendableChannelTypes, textLength } from '../../../common/payloads';
import { inMemory, openCache, type Cache } from '../../../main/cache/cache';
import { Outbox } from '../../../main/outbox/outbox';
import { agent, channel, FakeRemote } from '../sync/fake-remote';
import { ManualClock } from '../sync/manual-clock';

const text = (value: string) => ({ type: 'TEXT', text: value });

describe('text length per channel', () => {
  it('takes a text of exactly the limit and refuses one character more, on every channel', () => {
    for (const channelType of sendableChannelTypes) {
      const limit = maxTextLength(channelType);
      expect(limit).toBe(maxTextLengthByChannel[channelType]);
      expect(parseSendPayload(channelType, text('a'.repeat(limit))).ok).toBe(true);
      expect(parseSendPayload(channelType, text('a'.repeat(limit + 1)))).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'text' } });
    }
  });

  it('refuses a 900,000-character text saying how long it is and what the channel takes', () => {
    expect(parseSendPayload('WA', text('x'.repeat(900_000)))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'text', message: 'This message has 900,000 characters; WhatsApp takes at most 4,096' },
    });
  });

  it('counts characters as people see them: an emoji is one', () => {
    expect(textLength('👋🏽 hi')).toBe(5);
    expect(parseSendPayload('VI', text('👋'.repeat(1000))).ok).toBe(true);
  });
});

describe('the outbox', () => {
  let cache: Cache;
  let outbox: Outbox;

  afterEach(async () => {
    await outbox.close();
    cache.close();
  });

  it('refuses an over-long text before storing it, so nothing is queued or sent', () => {
    const clock = new ManualClock();
    const remote = new FakeRemote(() => clock.now());
    const opened = openCache({ file: inMemory, now: () => clock.now() });
    if (!opened.ok) throw new Error(opened.error.message);
    cache = opened.value;
    cache.replaceChannels([channel], [{ ...agent }]);
    cache.upsertCustomers([remote.addCustomer('alice')]);
    outbox = new Outbox({ cache, remote, clock, policy: {} });

    const refused = outbox.send({ customerId: 'alice', agentId: agent.id, payload: text('x'.repeat(900_000)) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'text' } });
    expect(cache.messageWindow({ customerId: 'alice', limit: 10 })).toMatchObject({ ok: true, value: { items: [] } });
    expect(remote.calls).toEqual([]);
  });
});
