/**
 * Sync benchmarks against the real sandbox on 127.0.0.1, counted in the sandbox's own request log.
 * - `sync.idle_requests_per_min`: 10k customers, nothing changing, the window focused with no conversation open.
 *   The engine runs on an accelerated clock (100 simulated seconds per real second) for 30 simulated minutes after
 *   its first fill; every request it makes in that time is counted. Baseline: the naive client that polls every
 *   customer's history at the engine's focused interval, whose cost per poll is measured on a sample of customers.
 *   The ratio is baseline / value (how many times fewer requests), the form the target "above 1000" reads.
 *   `…_open_conversation` is the same with one conversation open and focused (its fast poll included).
 * - `sync.inbound_visible_p95`: one conversation open, the window focused, the engine's real intervals; messages
 *   are injected into that conversation at random moments (not in step with the polls) and timed from
 *   `injectInbound` until the message is in the cache and `messages:changed` named it.
 * Run alone: `npx tsx bench/sync.ts`.
 */
import { pathToFileURL } from 'node:url';
import type { Clock } from '../main/api/retry';
import { inMemory, openCache, type Cache } from '../main/cache/cache';
import { Session } from '../main/session/session';
import { apiRemote, type Remote } from '../main/remote/remote';
import { defaultSyncPolicy } from '../main/sync/schedule';
import { SyncEngine } from '../main/sync/sync-engine';
import { createMemoryVault } from '../main/vault/memory-vault';
import { DEMO_ACCOUNT, startSandbox, type RunningSandbox } from '../sandbox/index';
import { percentile, type BenchFigures } from './figures';

const idleCustomers = 10_000;
const simulatedMinutes = 30;
const speedUp = 100;
/** Customers whose history the naive baseline actually polls, to measure what one poll of one customer costs. */
const naiveSample = 500;
const injections = 100;
const warmUpInjections = 10;

/** Real time, run `speed` times faster: sleeps are shortened, `now` runs ahead accordingly. */
function acceleratedClock(speed: number): Clock {
  const startedAt = Date.now();
  const startedReal = performance.now();
  return {
    now: () => startedAt + Math.round((performance.now() - startedReal) * speed),
    random: Math.random,
    sleep: (ms, signal) =>
      new Promise((resolve) => {
        if (signal?.aborted) return resolve(false);
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve(true);
        }, ms / speed);
        const onAbort = () => {
          clearTimeout(timer);
          resolve(false);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
  };
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function signedIn(sandbox: RunningSandbox): Promise<Session> {
  const session = new Session({ vault: createMemoryVault('benchmark'), retry: { maxAttempts: 1 } });
  unwrap(await session.signIn({ ...DEMO_ACCOUNT, baseUrl: sandbox.baseUrl }, { remember: false }));
  return session;
}

function apiRequests(sandbox: RunningSandbox): number {
  return sandbox.requestLog().filter((entry) => entry.path !== '/api/auth').length;
}

/** Requests per simulated minute the engine makes with nothing changing, after its first fill. */
async function idleRate(remote: Remote, sandbox: RunningSandbox, customerId?: string): Promise<{ perMinute: number; firstFill: number }> {
  const cache: Cache = unwrap(openCache({ file: inMemory }));
  const clock = acceleratedClock(speedUp);
  const engine = new SyncEngine({ remote, cache, clock });
  engine.setFocus({ windowFocused: true, visible: true, ...(customerId ? { customerId } : {}) });
  const beforeFill = apiRequests(sandbox);
  engine.start();
  await engine.syncNow();
  const firstFill = apiRequests(sandbox) - beforeFill;
  const from = apiRequests(sandbox);
  const startedAt = clock.now();
  await clock.sleep(simulatedMinutes * 60_000);
  const minutes = (clock.now() - startedAt) / 60_000;
  const requests = apiRequests(sandbox) - from;
  await engine.stop();
  cache.close();
  return { perMinute: requests / minutes, firstFill };
}

/** What the naive client spends per minute: one history request per customer, every focused interval. */
async function naiveRate(remote: Remote, sandbox: RunningSandbox, customerIds: readonly string[]): Promise<{ perMinute: number; pollSeconds: number }> {
  const sample = customerIds.slice(0, naiveSample);
  const from = apiRequests(sandbox);
  const started = performance.now();
  for (const id of sample) unwrap(await remote.history(id, { offset: 0, limit: 50 }));
  const sampleSeconds = (performance.now() - started) / 1000;
  const perCustomer = (apiRequests(sandbox) - from) / sample.length;
  const perPoll = perCustomer * customerIds.length;
  // A poll of every customer that takes longer than the interval sets the pace instead.
  const pollSeconds = (sampleSeconds / sample.length) * customerIds.length;
  const intervalSeconds = Math.max(defaultSyncPolicy.focusedMs / 1000, pollSeconds);
  return { perMinute: perPoll * (60 / intervalSeconds), pollSeconds };
}

async function benchIdle(): Promise<BenchFigures> {
  const sandbox = await startSandbox({ port: 0, seed: 5, customers: idleCustomers, messagesPerCustomer: 1 });
  const session = await signedIn(sandbox);
  try {
    const remote = apiRemote(session);
    const ids: string[] = [];
    for (let offset = 0; offset < idleCustomers; offset += 1000) ids.push(...unwrap(await remote.customers({ offset, limit: 1000 })).items.map((customer) => customer.id));
    const idle = await idleRate(remote, sandbox);
    const open = await idleRate(remote, sandbox, ids[0]);
    const naive = await naiveRate(remote, sandbox, ids);
    console.log(
      `  idle, ${idleCustomers} customers: first fill ${idle.firstFill} requests; then ${idle.perMinute.toFixed(2)}/min ` +
        `(${open.perMinute.toFixed(1)}/min with a conversation open); naive poll of every history takes ` +
        `${naive.pollSeconds.toFixed(1)} s and costs ${Math.round(naive.perMinute)}/min`,
    );
    const round = (value: number) => Math.round(value * 100) / 100;
    return {
      'sync.idle_requests_per_min': {
        value: round(idle.perMinute),
        unit: 'req/min',
        baseline: Math.round(naive.perMinute),
        ratio: Math.round(naive.perMinute / idle.perMinute),
      },
      'sync.idle_requests_per_min_open_conversation': {
        value: round(open.perMinute),
        unit: 'req/min',
        baseline: Math.round(naive.perMinute),
        ratio: Math.round(naive.perMinute / open.perMinute),
      },
    };
  } finally {
    session.close();
    await sandbox.close();
  }
}

async function benchInboundVisible(): Promise<BenchFigures> {
  const sandbox = await startSandbox({ port: 0, seed: 6, customers: 200 });
  const session = await signedIn(sandbox);
  const cache = unwrap(openCache({ file: inMemory }));
  const seen = new Map<string, number>();
  const engine = new SyncEngine({
    remote: apiRemote(session),
    cache,
    onMessagesChanged: (_customerId, ids) => {
      const now = performance.now();
      for (const id of ids) if (!seen.has(id)) seen.set(id, now);
    },
  });
  try {
    engine.start();
    await engine.syncNow();
    const open = unwrap(cache.customerPage({ limit: 1 })).items[0];
    if (!open) throw new Error('no customer');
    engine.setFocus({ windowFocused: true, visible: true, customerId: open.id });
    const injected: { id: string; at: number }[] = [];
    for (let index = 0; index < warmUpInjections + injections; index += 1) {
      // Arrivals at random moments, independent of the polls, as customers write.
      await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 600));
      const at = performance.now();
      const { message_id: id } = await sandbox.injectInbound({ customer: open.id, text: `Inbound ${index}` });
      injected.push({ id, at });
    }
    const deadline = Date.now() + 15_000;
    while (injected.some(({ id }) => !seen.has(id)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const samples = injected.slice(warmUpInjections).map(({ id, at }) => {
      const visibleAt = seen.get(id);
      const inCache = unwrap(cache.messageWindow({ customerId: open.id, around: id, limit: 1 })).items.length === 1;
      if (visibleAt === undefined || !inCache) throw new Error(`Injected message ${id} never became visible`);
      return (visibleAt - at) / 1000;
    });
    const p95 = percentile(samples, 95);
    console.log(
      `  inbound visible over ${samples.length} injections (open conversation polled every ` +
        `${defaultSyncPolicy.openConversationMs / 1000} s): p50 ${percentile(samples, 50).toFixed(2)} s, p95 ${p95.toFixed(2)} s, ` +
        `max ${Math.max(...samples).toFixed(2)} s`,
    );
    return { 'sync.inbound_visible_p95': { value: Math.round(p95 * 1000) / 1000, unit: 's' } };
  } finally {
    await engine.stop();
    cache.close();
    session.close();
    await sandbox.close();
  }
}

export async function benchSync(): Promise<BenchFigures> {
  return { ...(await benchIdle()), ...(await benchInboundVisible()) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [name, figure] of Object.entries(await benchSync())) {
    const comparison = figure.baseline === undefined ? '' : `  (baseline ${figure.baseline} ${figure.unit}, ratio ${figure.ratio})`;
    console.log(`${name}: ${figure.value} ${figure.unit}${comparison}`);
  }
}
