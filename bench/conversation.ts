/**
 * Conversation benchmarks against an in-process sandbox on 127.0.0.1.
 * - `conversation.older_page_p95`: three customers with 3,000 messages each, a cache holding only their newest page
 *   (as the first fill leaves it). The agent scrolls each back to its start; every step is timed main-side from the
 *   request for older messages (`conversation:load-older`, which fetches the next page from the service into the
 *   cache) until the window the renderer reads next (`messages:window` before the oldest shown) holds them.
 * Run alone: `npx tsx bench/conversation.ts`.
 */
import { pathToFileURL } from 'node:url';
import type { Message } from '../common/domain';
import { inMemory, openCache } from '../main/cache/cache';
import { loadOlderHistory } from '../main/conversation/older-history';
import { apiRemote } from '../main/remote/remote';
import { Session } from '../main/session/session';
import { SyncEngine } from '../main/sync/sync-engine';
import { createMemoryVault } from '../main/vault/memory-vault';
import { DEMO_ACCOUNT, startSandbox } from '../sandbox/index';
import { percentile, type BenchFigures } from './figures';

const customers = 3;
const historyLength = 3_000;
const windowSize = 50;

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

export async function benchConversation(): Promise<BenchFigures> {
  const sandbox = await startSandbox({ port: 0, seed: 7, customers, messagesPerCustomer: historyLength });
  const session = new Session({ vault: createMemoryVault('conversation benchmark') });
  const cache = unwrap(openCache({ file: inMemory }));
  try {
    unwrap(await session.signIn({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password, baseUrl: sandbox.baseUrl }, { remember: false }));
    const remote = apiRemote(session);
    const engine = new SyncEngine({ remote, cache });
    engine.start();
    await engine.syncNow();
    await engine.stop();

    const samples: number[] = [];
    for (const customer of unwrap(cache.customerPage({ limit: customers })).items) {
      let shown: Message[] = unwrap(cache.messageWindow({ customerId: customer.id, limit: windowSize })).items;
      for (;;) {
        const oldest = shown[0];
        if (oldest === undefined) break;
        const started = performance.now();
        const loaded = unwrap(await loadOlderHistory({ remote, cache }, customer.id));
        const window = unwrap(cache.messageWindow({ customerId: customer.id, limit: windowSize, before: { sent: oldest.sent, key: oldest.key } }));
        samples.push(performance.now() - started);
        shown = [...window.items, ...shown];
        if (loaded.reachedStart && !window.hasOlder) break;
      }
      if (shown.length < historyLength) throw new Error(`Paged back to ${shown.length} of ${historyLength} messages`);
    }
    return { 'conversation.older_page_p95': { value: percentile(samples, 95), unit: 'ms' } };
  } finally {
    cache.close();
    session.close();
    await sandbox.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [name, figure] of Object.entries(await benchConversation())) console.log(`${name}: ${figure.value} ${figure.unit}`);
}
