/**
 * Unsent messages outlive a damaged cache, against the real sandbox: sends queued while offline, the cache file then
 * damaged (its header, or a page of the messages table), the app started again. The cache is rebuilt, sync refills
 * it, and the outbox delivers every queued send exactly once; the draft is still there. And when the outbox file is
 * the damaged one, its sends are found again through their pending messages and still delivered once.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { Outbox } from '../../../main/outbox/outbox';
import { outboxLockFile } from '../../../main/sync/sync-services';
import { outboxFileFor } from '../../../main/cache/durable';
import { copiesOnServer, fastOutbox, firstFill, openCacheFile, outboxWorld, sendRequests, sessionRemote, unwrap, waitFor, type OutboxWorld } from '../sync/world';

let world: OutboxWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

function overwrite(file: string, offset: number, length: number): void {
  const handle = fs.openSync(file, 'r+');
  fs.writeSync(handle, Buffer.alloc(length, 0x5a), 0, length, offset);
  fs.closeSync(handle);
}

const damage = {
  'cache header': (file: string) => overwrite(file, 0, 100),
  'outbox file header': (file: string) => overwrite(outboxFileFor(file), 0, 100),
  'cache messages table page': (file: string) => {
    const db = new Database(file, { readonly: true });
    const size = Number(db.pragma('page_size', { simple: true }));
    const leaves = db.prepare("SELECT pageno FROM dbstat WHERE name = 'messages' AND pagetype = 'leaf' ORDER BY pageno").pluck().all();
    db.close();
    const page = leaves[Math.floor(leaves.length / 2)];
    if (typeof page !== 'number') throw new Error('no leaf page of messages');
    overwrite(file, (page - 1) * size, size);
  },
};

function outboxOver(current: OutboxWorld): Outbox {
  const lockFile = outboxLockFile(current.cache);
  return new Outbox({ cache: current.cache, remote: sessionRemote(current.session), policy: fastOutbox, ...(lockFile ? { lockFile } : {}) });
}

it.each(Object.keys(damage) as Array<keyof typeof damage>)(
  'delivers every send queued before the app found a damaged %s, each once',
  async (what) => {
    const current = await outboxWorld(2, { customers: 40, messagesPerCustomer: 20 });
    world = current;
    const [maria, bob] = current.customers;
    if (!maria || !bob) throw new Error('no customers');
    const stamp = Date.now();
    const texts = [`First words to Maria (${stamp})`, `First words to Bob (${stamp})`, `Second words to Maria (${stamp})`];
    // Queued while offline: the outbox is not running.
    const queueing = outboxOver(current);
    const queued = [maria, bob, maria].map((customer, index) =>
      unwrap(queueing.send({ customerId: customer.id, agentId: current.agent.id, payload: { type: 'TEXT', text: texts[index] ?? '' } })),
    );
    await queueing.close();
    unwrap(current.cache.saveDraft(bob.id, 'Let me check with the warehouse'));
    const file = current.cache.file;
    current.cache.close();
    damage[what](file);

    current.cache = openCacheFile(current.folder);
    // A damaged page is found by the first read that reaches it.
    for (const customer of unwrap(current.cache.customerPage({ limit: 100 })).items) current.cache.messageWindow({ customerId: customer.id, limit: 50 });
    const outboxDamaged = what === 'outbox file header';
    const moved = fs.readdirSync(current.folder).filter((name) => name.includes('.corrupt-'));
    expect(moved).toEqual([expect.stringMatching(outboxDamaged ? /^cache\.outbox\.sqlite\.corrupt-/ : /^cache\.sqlite\.corrupt-/)]);
    // Sends found through their pending messages may have left: they are looked for in the history first.
    const expected = outboxDamaged ? 'unknown' : 'queued';
    expect(unwrap(current.cache.listSends()).map((item) => [item.clientId, item.state])).toEqual(queued.map((item) => [item.clientId, expected]));
    const draft = outboxDamaged ? undefined : 'Let me check with the warehouse';
    expect(unwrap(current.cache.getDraft(bob.id))?.text).toBe(draft);

    const before = sendRequests(current.sandbox);
    const outbox = outboxOver(current);
    outbox.start();
    try {
      await firstFill(current.cache, sessionRemote(current.session));
      const cache = current.cache;
      await waitFor(() => unwrap(cache.listSends()).every((item) => item.state === 'sent'), 'every kept send to be delivered');
    } finally {
      await outbox.close();
    }

    for (const text of texts) expect(copiesOnServer(current.sandbox, text)).toBe(1);
    expect(sendRequests(current.sandbox) - before).toBe(3);
    expect(unwrap(current.cache.listSends()).map((item) => item.attempts)).toEqual(outboxDamaged ? [2, 2, 2] : [1, 1, 1]);
    // Maria's thread shows each of her messages once, under the server's id (two sends of one second may show in
    // either order: the service's times have whole seconds).
    const thread = unwrap(current.cache.messageWindow({ customerId: maria.id, limit: 50 })).items;
    const mine = thread.filter((item) => item.clientId !== null).map((item) => [item.clientId, item.outbox?.state, item.messageId !== null]);
    const expectedMine = [queued[0], queued[2]].map((item) => [item?.clientId, 'sent', true]);
    expect(mine).toHaveLength(2);
    expect(mine).toEqual(expect.arrayContaining(expectedMine));
    expect(unwrap(current.cache.getDraft(bob.id))?.text).toBe(draft);
  },
);
