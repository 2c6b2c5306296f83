/**
 * Two app instances on one database file: only the holder of the outbox lock delivers; the other stores the sends
 * the agent writes there, and the holder delivers them. When the holder quits, the other takes over.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Outbox } from '../../../main/outbox/outbox';
import type { Remote } from '../../../main/remote/remote';
import { outboxLockFile } from '../../../main/sync/sync-services';
import type { Cache } from '../../../main/cache/cache';
import { copiesOnServer, fastOutbox, openCacheFile, outboxWorld, sessionRemote, unwrap, waitFor, type OutboxWorld } from '../sync/world';

let world: OutboxWorld;
let secondCache: Cache;

beforeAll(async () => {
  world = await outboxWorld(1);
  secondCache = openCacheFile(world.folder);
});

afterAll(async () => {
  secondCache.close();
  await world.close();
});

function counting(remote: Remote): { remote: Remote; sends: () => number } {
  let sends = 0;
  return {
    remote: {
      ...remote,
      send: (request) => {
        sends += 1;
        return remote.send(request);
      },
    },
    sends: () => sends,
  };
}

it('never runs one outbox in two instances, and hands over when the holder quits', async () => {
  const lockFile = outboxLockFile(world.cache);
  if (lockFile === undefined) throw new Error('the cache is a file, so the outbox has a lock');
  const first = counting(sessionRemote(world.session));
  const second = counting(sessionRemote(world.session));
  const a = new Outbox({ cache: world.cache, remote: first.remote, lockFile, policy: fastOutbox });
  const b = new Outbox({ cache: secondCache, remote: second.remote, lockFile, policy: fastOutbox });
  a.start();
  await waitFor(() => a.role === 'worker', 'the first instance to take the lock');
  b.start();
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(b.role).toBe('standby');
  expect(b.lockHolder).toMatchObject({ pid: process.pid });

  const customer = world.customers[0];
  if (!customer) throw new Error('no customer');
  const stamp = Date.now();
  const texts = [1, 2, 3, 4, 5].map((index) => `Written in the second window #${index} (${stamp})`);
  const items = texts.map((text) => unwrap(b.send({ customerId: customer.id, agentId: world.agent.id, payload: { type: 'TEXT', text } })));
  await waitFor(() => items.every((item) => unwrap(secondCache.getSend(item.clientId))?.state === 'sent'), 'the holder to deliver');
  expect(second.sends()).toBe(0);
  expect(first.sends()).toBe(5);
  for (const text of texts) expect(copiesOnServer(world.sandbox, text)).toBe(1);
  const onServer = world.sandbox.messages().filter((message) => texts.some((text) => JSON.stringify(message.payload).includes(text)));
  // In the order written (the sandbox lists messages in the order it stored them).
  expect(onServer.map((message) => JSON.stringify(message.payload))).toEqual(
    texts.map((text) => JSON.stringify({ type: 'TEXT', text })),
  );

  await a.close();
  await waitFor(() => b.role === 'worker', 'the second instance to take over');
  const text = `After the first window closed (${stamp})`;
  const item = unwrap(b.send({ customerId: customer.id, agentId: world.agent.id, payload: { type: 'TEXT', text } }));
  await waitFor(() => unwrap(secondCache.getSend(item.clientId))?.state === 'sent', 'the new holder to deliver');
  expect(second.sends()).toBe(1);
  expect(copiesOnServer(world.sandbox, text)).toBe(1);
  await b.close();
});
