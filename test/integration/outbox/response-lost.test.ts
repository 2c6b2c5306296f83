/**
 * Sends whose answer never arrives, against the real sandbox: "processed but response lost" (the connection is
 * reset after the send was stored) and "reset before processing". The outbox reconciles against the history and
 * the server ends with exactly one copy either way.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Outbox } from '../../../main/outbox/outbox';
import { outboxLockFile } from '../../../main/sync/sync-services';
import { copiesOnServer, fastOutbox, outboxWorld, sendRequests, sessionRemote, smsSendRoute, unwrap, waitFor, type OutboxWorld } from '../sync/world';

let world: OutboxWorld;
let outbox: Outbox;

beforeAll(async () => {
  world = await outboxWorld(2);
  const lockFile = outboxLockFile(world.cache);
  outbox = new Outbox({ cache: world.cache, remote: sessionRemote(world.session), policy: fastOutbox, ...(lockFile ? { lockFile } : {}) });
  outbox.start();
});

afterAll(async () => {
  await outbox.close();
  await world.close();
});

async function sendAndSettle(customerIndex: number, text: string): Promise<string> {
  const customer = world.customers[customerIndex];
  if (!customer) throw new Error('no customer');
  const item = unwrap(outbox.send({ customerId: customer.id, agentId: world.agent.id, payload: { type: 'TEXT', text } }));
  await waitFor(() => unwrap(world.cache.getSend(item.clientId))?.state === 'sent', `"${text}" to be sent`);
  return item.clientId;
}

it('ends with exactly one copy when the send was processed but its response was lost', async () => {
  const { sandbox } = world;
  sandbox.addFault({ method: 'POST', path: smsSendRoute, kind: 'reset-after', times: 1 });
  const before = sendRequests(sandbox);
  const text = `Your refund was approved (${Date.now()})`;

  const clientId = await sendAndSettle(0, text);

  expect(copiesOnServer(sandbox, text)).toBe(1);
  // The one POST (its answer lost, logged as a reset) and no second one: the history showed it had arrived.
  expect(sandbox.requestLog().filter((entry) => entry.method === 'POST' && entry.path.endsWith('/send')).slice(-1)[0]).toMatchObject({
    status: 0,
    faults: ['reset-after'],
  });
  expect(sendRequests(sandbox) - before).toBe(1);
  const sent = unwrap(world.cache.getSend(clientId));
  expect(sent).toMatchObject({ state: 'sent', attempts: 1 });
  expect(sandbox.messages().find((message) => message.message_id === sent?.messageId)).toBeDefined();
});

it('ends with exactly one copy when the connection was reset before the send was processed', async () => {
  const { sandbox } = world;
  sandbox.addFault({ method: 'POST', path: smsSendRoute, kind: 'reset-before', times: 1 });
  const before = sendRequests(sandbox);
  const text = `Your parcel is on its way (${Date.now()})`;

  const clientId = await sendAndSettle(1, text);

  expect(copiesOnServer(sandbox, text)).toBe(1);
  expect(sendRequests(sandbox) - before).toBe(2);
  expect(unwrap(world.cache.getSend(clientId))).toMatchObject({ state: 'sent', attempts: 2 });
});
