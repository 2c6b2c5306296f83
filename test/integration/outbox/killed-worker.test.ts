/**
 * The worker stopped in the middle of a send, and the app started again on the same database file: what a crash
 * leaves (a send marked `sending`) is reconciled before anything else, and the server ends with exactly one copy,
 * whether the service had stored the message before the worker died or never received it.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Result } from '../../../common/result';
import { Outbox } from '../../../main/outbox/outbox';
import type { Remote } from '../../../main/remote/remote';
import { outboxLockFile } from '../../../main/sync/sync-services';
import {
  copiesOnServer,
  fastOutbox,
  openCacheFile,
  outboxWorld,
  sendRequests,
  sessionRemote,
  smsSendRoute,
  unwrap,
  waitFor,
  type OutboxWorld,
} from '../sync/world';

let world: OutboxWorld;

beforeEach(async () => {
  world = await outboxWorld(1);
});

afterEach(async () => {
  await world.close();
});

function outboxOn(remote: Remote): Outbox {
  const lockFile = outboxLockFile(world.cache);
  // Settling takes longer than the sandbox's injected latency, so a request still on its way is never resent early.
  return new Outbox({ cache: world.cache, remote, policy: { ...fastOutbox, settleMs: 1_500 }, ...(lockFile ? { lockFile } : {}) });
}

/** The app starts again: the cache file reopened, a new outbox on it. */
async function restart(): Promise<Outbox> {
  world.cache.close();
  world.cache = openCacheFile(world.folder);
  const outbox = outboxOn(sessionRemote(world.session));
  outbox.start();
  return outbox;
}

it('leaves one copy when the worker dies after the service stored the message, before the answer was recorded', async () => {
  const real = sessionRemote(world.session);
  // The crash point: the request completes at the service, then the process stops before it hears the answer.
  const dyingAfterDelivery: Remote = {
    ...real,
    send: async (request) => {
      await real.send(request);
      const killed: Result<{ messageId: string }> = { ok: false, error: { code: 'CANCELLED', message: 'killed', retryable: false } };
      if (request.signal?.aborted) return killed;
      return new Promise((resolve) => request.signal?.addEventListener('abort', () => resolve(killed)));
    },
  };
  const first = outboxOn(dyingAfterDelivery);
  first.start();
  const customer = world.customers[0];
  if (!customer) throw new Error('no customer');
  const text = `Killed after delivery (${Date.now()})`;
  const item = unwrap(first.send({ customerId: customer.id, agentId: world.agent.id, payload: { type: 'TEXT', text } }));
  await waitFor(() => copiesOnServer(world.sandbox, text) === 1, 'the service to store the message');
  await first.close();
  expect(unwrap(world.cache.getSend(item.clientId))?.state).toBe('sending');

  const second = await restart();
  try {
    await waitFor(() => unwrap(world.cache.getSend(item.clientId))?.state === 'sent', 'the reconciled send');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(copiesOnServer(world.sandbox, text)).toBe(1);
    expect(sendRequests(world.sandbox)).toBe(1);
    const sent = unwrap(world.cache.getSend(item.clientId));
    expect(world.sandbox.messages().find((message) => message.message_id === sent?.messageId)).toBeDefined();
  } finally {
    await second.close();
  }
});

it('leaves one copy when the worker dies while the request is still on its way', async () => {
  world.sandbox.addFault({ method: 'POST', path: smsSendRoute, kind: 'latency', latencyMs: 800, times: 1 });
  const first = outboxOn(sessionRemote(world.session));
  first.start();
  const customer = world.customers[0];
  if (!customer) throw new Error('no customer');
  const text = `Killed mid-request (${Date.now()})`;
  const item = unwrap(first.send({ customerId: customer.id, agentId: world.agent.id, payload: { type: 'TEXT', text } }));
  await waitFor(() => unwrap(world.cache.getSend(item.clientId))?.state === 'sending', 'the request to leave');
  await new Promise((resolve) => setTimeout(resolve, 200));
  await first.close();
  expect(unwrap(world.cache.getSend(item.clientId))?.state).toBe('sending');

  const second = await restart();
  try {
    // At first the history does not show it: the outbox waits for the request to settle before sending again.
    await waitFor(() => unwrap(world.cache.getSend(item.clientId))?.state === 'unknown', 'the send to be reconciled');
    expect(copiesOnServer(world.sandbox, text)).toBe(0);
    await waitFor(() => unwrap(world.cache.getSend(item.clientId))?.state === 'sent', 'the send after it settled');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(copiesOnServer(world.sandbox, text)).toBe(1);
  } finally {
    await second.close();
  }
});
