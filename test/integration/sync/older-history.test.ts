/**
 * A 3,000-message conversation against the real sandbox: the first fill keeps only its newest page, and
 * `conversation:load-older` pages back through the whole history into the cache, claiming the start only with the
 * last page, which a restart still knows. A customer who writes meanwhile shifts the service's offsets; nothing is
 * lost to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoadOlderResult } from '../../../common/contract/conversation';
import type { Cache } from '../../../main/cache/cache';
import { conversationHandlers } from '../../../main/conversation/conversation-handlers';
import { EventBus } from '../../../main/ipc/event-bus';
import { createDispatch, type HandlerTable } from '../../../main/ipc/handler-table';
import type { Session } from '../../../main/session/session';
import type { RunningSandbox } from '../../../sandbox/index';
import { firstFill, openCacheFile, sandboxOn, sessionRemote, signedIn, tempFolder, unwrap } from './world';

const historyLength = 3_000;

let sandbox: RunningSandbox;
let session: Session;
let folder: { path: string; remove: () => Promise<void> };
let cache: Cache;

beforeAll(async () => {
  sandbox = await sandboxOn({ customers: 2, messagesPerCustomer: historyLength });
  session = await signedIn(sandbox.baseUrl);
  folder = await tempFolder('older-history-');
  cache = openCacheFile(folder.path);
  await firstFill(cache, sessionRemote(session));
});

afterAll(async () => {
  cache.close();
  session.close();
  await sandbox.close();
  await folder.remove();
});

function heldIds(customerId: string): Set<string> {
  const ids = new Set<string>();
  let window = unwrap(cache.messageWindow({ customerId, limit: 200 }));
  for (;;) {
    for (const message of window.items) if (message.messageId !== null) ids.add(message.messageId);
    const oldest = window.items[0];
    if (!window.hasOlder || oldest === undefined) return ids;
    window = unwrap(cache.messageWindow({ customerId, limit: 200, before: { sent: oldest.sent, key: oldest.key } }));
  }
}

describe('a 3,000-message conversation', () => {
  it('pages back to its start, claiming the start only with the last page, and a restart still knows it', async () => {
    const customerId = sandbox.messages()[0]?.customer_id ?? '';
    const history = sandbox.messages().filter((message) => message.customer_id === customerId).map((message) => message.message_id);
    expect(history).toHaveLength(historyLength);
    expect(heldIds(customerId).size).toBeLessThan(historyLength);
    expect(unwrap(cache.messageWindow({ customerId, limit: 50 })).startReached).toBe(false);

    const dispatch = createDispatch(conversationHandlers(cache, new EventBus(), sessionRemote(session)) as HandlerTable);
    const answers: LoadOlderResult[] = [];
    for (let calls = 0; calls < 100; calls++) {
      if (calls === 20) {
        // The customer writes while the agent reads back: the service's offsets move by these.
        for (let index = 0; index < 7; index++) await sandbox.injectInbound({ customer: customerId, text: `meanwhile ${index}` });
      }
      const answer = await dispatch('conversation:load-older', { customerId });
      if (!answer.ok) throw new Error(answer.error.message);
      const loaded = LoadOlderResult.parse(answer.value);
      answers.push(loaded);
      if (loaded.reachedStart) break;
    }
    expect(answers.at(-1)?.reachedStart).toBe(true);
    expect(answers.slice(0, -1).every((answer) => !answer.reachedStart && answer.added > 0)).toBe(true);

    // Every message the service held before the customer wrote again is in the cache: no gap, no page skipped.
    const held = heldIds(customerId);
    expect(history.filter((id) => !held.has(id))).toEqual([]);

    cache.close();
    cache = openCacheFile(folder.path);
    expect(unwrap(cache.messageWindow({ customerId, limit: 50 })).startReached).toBe(true);
    const reopened = createDispatch(conversationHandlers(cache, new EventBus(), sessionRemote(session)) as HandlerTable);
    const requests = sandbox.requestLog().length;
    expect(await reopened('conversation:load-older', { customerId })).toEqual({ ok: true, value: { added: 0, reachedStart: true } });
    expect(sandbox.requestLog()).toHaveLength(requests);
  });
});
