/**
 * What the sync and outbox integration tests share: a real sandbox on 127.0.0.1, a signed-in session, a cache
 * file in a temporary folder, a first fill through the real sync engine, and ways to count what the server holds.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Agent, Customer } from '../../../common/domain';
import type { InboxError } from '../../../common/result';
import { openCache, type Cache } from '../../../main/cache/cache';
import { Session } from '../../../main/session/session';
import { apiRemote, type Remote } from '../../../main/remote/remote';
import { SyncEngine } from '../../../main/sync/sync-engine';
import { createMemoryVault } from '../../../main/vault/memory-vault';
import { DEMO_ACCOUNT, startSandbox, type RunningSandbox, type SandboxOptions } from '../../../sandbox/index';

export function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: InboxError }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

export async function tempFolder(prefix: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export function sandboxOn(options: SandboxOptions): Promise<RunningSandbox> {
  return startSandbox({ port: 0, seed: 11, control: true, ...options });
}

/**
 * The app's session signed in to the sandbox's demo account. The client does not retry on its own here, so every
 * request the outbox or the engine makes is one the sandbox logs, and their own backoff is what is tested.
 */
export async function signedIn(baseUrl: string): Promise<Session> {
  const session = new Session({ vault: createMemoryVault('integration test'), retry: { maxAttempts: 1 }, responseTimeoutMs: 5_000 });
  unwrap(await session.signIn({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password, baseUrl }, { remember: false }));
  return session;
}

export function openCacheFile(folder: string): Cache {
  return unwrap(openCache({ file: join(folder, 'cache.sqlite') }));
}

/** One complete first fill by the real engine (every customer, channels and agents, the newest histories). */
export async function firstFill(cache: Cache, remote: Remote, initialHistories = 1_000): Promise<void> {
  const engine = new SyncEngine({ remote, cache, policy: { initialHistories } });
  engine.start();
  try {
    const status = await engine.syncNow();
    if (status.state !== 'online') throw new Error(`The first fill ended ${status.state}: ${status.lastError?.message ?? ''}`);
  } finally {
    await engine.stop();
  }
}

export function sessionRemote(session: Session): Remote {
  return apiRemote(session);
}

/** The first agent of an SMS channel: text goes to any phone number through it. */
export function smsAgent(cache: Cache): Agent {
  const sms = new Set(unwrap(cache.listChannels()).filter((channel) => channel.type === 'SMS').map((channel) => channel.id));
  const agent = unwrap(cache.listAgents()).find((candidate) => sms.has(candidate.channelId));
  if (!agent) throw new Error('The sandbox has no SMS agent');
  return agent;
}

/** Customers with a phone number who have not opted out of `agentId`. */
export function reachableCustomers(cache: Cache, agentId: string, count: number): Customer[] {
  const found: Customer[] = [];
  let after = undefined as Parameters<Cache['customerPage']>[0]['after'];
  while (found.length < count) {
    const page = unwrap(cache.customerPage({ limit: 200, ...(after ? { after } : {}) }));
    found.push(...page.items.filter((customer) => /^\d{8,15}$/.test(customer.phone) && customer.subscriptions[agentId] !== false));
    if (!page.nextCursor) break;
    after = page.nextCursor;
  }
  if (found.length < count) throw new Error(`Only ${found.length} reachable customers, ${count} wanted`);
  return found.slice(0, count);
}

/** How many messages with exactly this text the sandbox holds. */
export function copiesOnServer(sandbox: RunningSandbox, text: string): number {
  return sandbox.messages().filter((message) => textOf(message.payload) === text).length;
}

export function textOf(payload: unknown): string | undefined {
  if (payload === null || typeof payload !== 'object' || !('text' in payload)) return undefined;
  return typeof payload.text === 'string' ? payload.text : undefined;
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Outbox timing scaled down so fault-heavy runs finish in seconds; the rules are the app's. */
export const fastOutbox = {
  backoff: { baseMs: 20, maxMs: 200 },
  settleMs: 300,
  scanMs: 1_000,
  concurrency: 8,
} as const;

export interface OutboxWorld {
  sandbox: RunningSandbox;
  session: Session;
  folder: string;
  /** The cache file after a first fill; `reopen` closes it and opens the same file again (an app restart). */
  cache: Cache;
  agent: Agent;
  customers: Customer[];
  close(): Promise<void>;
}

/** A sandbox, a signed-in session and a filled cache file, with `customerCount` customers an SMS agent can reach. */
export async function outboxWorld(customerCount: number, options: SandboxOptions = {}): Promise<OutboxWorld> {
  const folder = await tempFolder('outbox-');
  const sandbox = await sandboxOn({ customers: Math.max(30, customerCount * 2), messagesPerCustomer: 2, ...options });
  const session = await signedIn(sandbox.baseUrl);
  const cache = openCacheFile(folder.path);
  await firstFill(cache, sessionRemote(session));
  const agent = smsAgent(cache);
  const world: OutboxWorld = {
    sandbox,
    session,
    folder: folder.path,
    cache,
    agent,
    customers: reachableCustomers(cache, agent.id, customerCount),
    close: async () => {
      world.cache.close();
      session.close();
      await sandbox.close();
      await folder.remove();
    },
  };
  return world;
}

/** POSTs to a send route the sandbox answered (a request it dropped before answering is not logged). */
export function sendRequests(sandbox: RunningSandbox): number {
  return sandbox.requestLog().filter((entry) => entry.method === 'POST' && entry.path.endsWith('/send')).length;
}

export const smsSendRoute = '/api/agents/sms/{agent_id}/send';
