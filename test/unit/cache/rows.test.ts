/**
 * Rows changed behind the app's back (another program, a bad disk write that still parses) are refused with the
 * table and column named, instead of reaching the renderer as if they were typed.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../common/result';
import { outboxFileFor } from '../../../main/cache/durable';
import { customer, message, t0, testCache, unwrap } from './fixtures';

function tampered(sql: string) {
  const { cache, file } = testCache();
  unwrap(cache.upsertCustomers([customer(1)]));
  unwrap(cache.upsertMessages([message(customer(1).id, 'm1', t0 + 60_000)]));
  unwrap(cache.enqueueSend({ clientId: 'c1', customerId: customer(1).id, agentId: 'agent-sms', channelType: 'SMS', payload: { type: 'TEXT', text: 'hi' } }));
  const other = new Database(file);
  // Sends live in the outbox's own file, which the app attaches under this name.
  other.prepare('ATTACH DATABASE ? AS durable').run(outboxFileFor(file));
  other.exec(sql);
  other.close();
  return cache;
}

function errorOf(result: Result<unknown>) {
  return result.ok ? undefined : result.error;
}

describe('reading a tampered row', () => {
  it.each([
    ['a message payload that is not JSON', "UPDATE messages SET payload = '{\"type\":' WHERE message_id = 'm1'", /message row.*payload: not valid JSON/],
    ['a message payload without a kind', "UPDATE messages SET payload = '{\"text\":\"hi\"}' WHERE message_id = 'm1'", /message row.*payload\.type/],
    ['a message status outside the list', "UPDATE messages SET status = 'LOST' WHERE message_id = 'm1'", /message row.*status/],
    ['a sent time that is text', "UPDATE messages SET sent = 'yesterday' WHERE message_id = 'm1'", /message row.*sent/],
    ['an outbox error of the wrong shape', `UPDATE durable.outbox SET last_error = '{"code":1}' WHERE client_id = 'c1'`, /message row.*outbox_last_error/],
  ])('refuses %s in a conversation window', (_, sql, error) => {
    const cache = tampered(sql);
    expect(errorOf(cache.messageWindow({ customerId: customer(1).id, limit: 10 }))).toMatchObject({ code: 'STORAGE', message: expect.stringMatching(error) });
  });

  it.each([
    ['a negative unread count', 'UPDATE customers SET unread_count = -3', /customer row.*unread_count/],
    ['chatbot modes that are not an object of strings', `UPDATE customers SET chatbot_enabled = '{"channel":true}'`, /customer row.*chatbot_enabled/],
    ['a name stored as bytes', "UPDATE customers SET name = x'00ff'", /customer row.*name/],
  ])('refuses %s in a customer page', (_, sql, error) => {
    const cache = tampered(sql);
    expect(errorOf(cache.customerPage({ limit: 10 }))).toMatchObject({ code: 'STORAGE', message: expect.stringMatching(error) });
  });

  it('refuses an outbox item whose state is not one of its states', () => {
    const cache = tampered("PRAGMA ignore_check_constraints = 1; UPDATE durable.outbox SET state = 'lost' WHERE client_id = 'c1'");
    expect(errorOf(cache.getSend('c1'))).toMatchObject({ code: 'STORAGE', message: expect.stringMatching(/outbox row.*state/) });
  });
});
