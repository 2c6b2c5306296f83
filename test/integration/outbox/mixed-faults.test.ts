/**
 * 1000 sends to 50 customers while about one request in five to the send and history routes goes wrong: 500, 502
 * and 503 answers, connections reset before or after the send was processed, added latency, and 429s. Counted on
 * the server afterwards: none lost, none duplicated, each customer's messages in the order they were written.
 * (The 429s ask for `Retry-After: 0` and the outbox's waits are scaled down, so the run takes seconds; the unit
 * tests show the real waits.)
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FaultSpec } from '../../../sandbox/index';
import { Outbox } from '../../../main/outbox/outbox';
import { outboxLockFile } from '../../../main/sync/sync-services';
import { fastOutbox, outboxWorld, sessionRemote, smsSendRoute, textOf, unwrap, waitFor, type OutboxWorld } from '../sync/world';

const SENDS = 1000;
const CUSTOMERS = 50;
const historyRoute = '/api/messages/{identifier}';

let world: OutboxWorld;

beforeAll(async () => {
  world = await outboxWorld(CUSTOMERS, { customers: 120 });
});

afterAll(async () => {
  await world.close();
});

/** About 20% of requests to `path` spoiled, spread over every kind of failure a send can meet. */
function mixedFaults(method: string, path: string): FaultSpec[] {
  return [
    { method, path, kind: 'status', status: 500, probability: 0.03 },
    { method, path, kind: 'status', status: 502, probability: 0.03 },
    { method, path, kind: 'status', status: 503, probability: 0.03 },
    { method, path, kind: 'reset-before', probability: 0.03 },
    { method, path, kind: 'reset-after', probability: 0.04 },
    { method, path, kind: 'latency', latencyMs: 15, jitterMs: 10, probability: 0.02 },
    { method, path, kind: 'rate-limit', retryAfter: '0', probability: 0.02 },
  ];
}

it('delivers 1000 sends under 20% mixed faults with none lost and none duplicated', { timeout: 90_000 }, async () => {
  const { sandbox, cache } = world;
  for (const fault of [...mixedFaults('POST', smsSendRoute), ...mixedFaults('GET', historyRoute)]) sandbox.addFault(fault);
  const lockFile = outboxLockFile(cache);
  const settled = new Set<string>();
  const outbox = new Outbox({
    cache,
    remote: sessionRemote(world.session),
    policy: fastOutbox,
    ...(lockFile ? { lockFile } : {}),
    onChanged: ({ clientId, item }) => {
      if (item?.state === 'sent' || item?.state === 'failed') settled.add(clientId);
    },
  });
  outbox.start();
  try {
    const written = new Map<string, { customerId: string; index: number }>();
    for (let index = 0; index < SENDS; index += 1) {
      const customer = world.customers[index % CUSTOMERS];
      if (!customer) throw new Error('no customer');
      const text = `Load message #${index}`;
      written.set(text, { customerId: customer.id, index });
      unwrap(outbox.send({ customerId: customer.id, agentId: world.agent.id, payload: { type: 'TEXT', text } }));
    }
    await waitFor(() => settled.size === SENDS, 'every send to settle', 80_000);
    expect(unwrap(cache.listSends({ states: ['queued', 'sending', 'unknown', 'failed'] }))).toEqual([]);

    const faulted = sandbox.requestLog().filter((entry) => entry.faults !== undefined && entry.faults.length > 0);
    const kinds = new Set(faulted.flatMap((entry) => entry.faults ?? []));
    expect([...kinds].sort()).toEqual(['latency', 'rate-limit', 'reset-after', 'reset-before', 'status']);
    const sendAttempts = sandbox.requestLog().filter((entry) => entry.method === 'POST' && entry.path.endsWith('/send'));
    const faultedSends = sendAttempts.filter((entry) => entry.faults !== undefined && entry.faults.length > 0).length;
    expect(faultedSends / sendAttempts.length).toBeGreaterThan(0.12);

    const copies = new Map<string, number>();
    const order = new Map<string, number[]>();
    for (const message of sandbox.messages()) {
      const text = textOf(message.payload);
      const sent = text === undefined ? undefined : written.get(text);
      if (text === undefined || !sent) continue;
      copies.set(text, (copies.get(text) ?? 0) + 1);
      expect(message.customer_id).toBe(sent.customerId);
      order.set(sent.customerId, [...(order.get(sent.customerId) ?? []), sent.index]);
    }
    const lost = [...written.keys()].filter((text) => !copies.has(text));
    const duplicated = [...copies].filter(([, count]) => count > 1).map(([text]) => text);
    expect({ lost, duplicated }).toEqual({ lost: [], duplicated: [] });
    for (const indexes of order.values()) expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
    const items = unwrap(cache.listSends({ states: ['sent'] }));
    expect(items).toHaveLength(SENDS);
    const serverIds = new Set(sandbox.messages().map((message) => message.message_id));
    expect(items.every((item) => item.messageId !== null && serverIds.has(item.messageId))).toBe(true);
  } finally {
    await outbox.close();
  }
});
