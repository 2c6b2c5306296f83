/**
 * Sends whose answer was lost while the service's clock is 10 minutes off ours, against the real sandbox (its
 * clock moved through its control, its Date headers and `sent` times with it): the outbox reconciles on the
 * service's clock, so a clock behind does not make a second copy and a clock ahead does not take an older message
 * with the same words for ours.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Outbox } from '../../../main/outbox/outbox';
import { outboxLockFile } from '../../../main/sync/sync-services';
import { copiesOnServer, fastOutbox, outboxWorld, sendRequests, sessionRemote, smsSendRoute, unwrap, waitFor, type OutboxWorld } from '../sync/world';

const MINUTE_MS = 60_000;

let world: OutboxWorld;
let outbox: Outbox;

beforeEach(async () => {
  world = await outboxWorld(1);
  const lockFile = outboxLockFile(world.cache);
  outbox = new Outbox({ cache: world.cache, remote: sessionRemote(world.session), policy: fastOutbox, ...(lockFile ? { lockFile } : {}) });
  outbox.start();
});

afterEach(async () => {
  await outbox.close();
  await world.close();
});

function customer() {
  const first = world.customers[0];
  if (!first) throw new Error('no customer');
  return first;
}

async function sendAndSettle(text: string): Promise<string> {
  const item = unwrap(outbox.send({ customerId: customer().id, agentId: world.agent.id, payload: { type: 'TEXT', text } }));
  await waitFor(() => unwrap(world.cache.getSend(item.clientId))?.state === 'sent', `"${text}" to be sent`);
  return item.clientId;
}

it('a service clock 10 minutes behind: the send that arrived (answer lost) is found, not sent again', async () => {
  const { sandbox } = world;
  sandbox.advanceClock(-10 * MINUTE_MS);
  sandbox.addFault({ method: 'POST', path: smsSendRoute, kind: 'reset-after', times: 1 });
  const before = sendRequests(sandbox);
  const text = `Your refund was approved (${Date.now()})`;

  const clientId = await sendAndSettle(text);

  expect(copiesOnServer(sandbox, text)).toBe(1);
  expect(sendRequests(sandbox) - before).toBe(1);
  const sent = unwrap(world.cache.getSend(clientId));
  expect(sandbox.messages().find((message) => message.message_id === sent?.messageId)).toMatchObject({ origin: 'AGENT' });
});

it('a service clock 10 minutes ahead: the same words sent 8 minutes earlier are not taken for the lost send, which is sent', async () => {
  const { sandbox, session } = world;
  const text = `See you tomorrow (${Date.now()})`;
  // Someone else (another device of the team) sent these words through the same agent, 8 service minutes ago.
  sandbox.advanceClock(2 * MINUTE_MS);
  const earlier = unwrap(
    await session.call('sms.send', { path: { agent_id: world.agent.id }, body: { customerNumber: customer().phone, payload: { type: 'TEXT', text } } }),
  );
  sandbox.advanceClock(8 * MINUTE_MS);
  sandbox.addFault({ method: 'POST', path: smsSendRoute, kind: 'reset-before', times: 1 });

  const clientId = await sendAndSettle(text);

  expect(copiesOnServer(sandbox, text)).toBe(2);
  const sent = unwrap(world.cache.getSend(clientId));
  expect(sent?.messageId).not.toBe(earlier.message_id);
  expect(sandbox.messages().find((message) => message.message_id === sent?.messageId)).toBeDefined();
});
