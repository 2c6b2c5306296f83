/**
 * Renderer benchmarks in Chromium through browser mode (the built renderer, main's services in this process, a
 * sandbox on 127.0.0.1), each beside a baseline measured in the same run:
 * - `renderer.first_rows_100k`: clicking "Sign in" to the first customer row, with 100k customers already cached,
 *   against the same sign-in to an empty cache (whose rows come from the first sync of a 100-customer service).
 * - `renderer.convo_open_p95`: Signal Desktop's method: two conversations of 1,000 messages opened alternately by
 *   clicking their rows, from the click to the first frame after the thread's messages are in the DOM (the next
 *   requestAnimationFrame), warm-up runs discarded; the baseline is two conversations of 20 messages.
 * - `renderer.convo_open_10k_p95`: the same with two 10,000-message conversations, against the 1,000 figure.
 * - `renderer.list_dom_ratio`: customer rows in the DOM with 100k customers cached over those with 100.
 * - `renderer.scroll_frame_p95`: the main thread's time per frame (from the frame's start to the first task after
 *   it rendered) while the customer list and then a 10,000-message thread scroll by a stretch each frame; the
 *   baseline is the same measure over frames where nothing scrolls.
 * - `renderer.search_visible_p95`: the last keystroke of a name typed into "Search customers" to the first
 *   matching row shown (the next frame after it is in the DOM), 100k customers; the baseline is the bare
 *   `customers:page` call for the same search from the page (what any list would wait for).
 * The 100k customers and the long conversations are written straight into the account's cache file through the
 * cache's own upserts before the app opens it (syncing 100k customers through HTTP would measure sync instead).
 * Needs `npm run build` first. Run alone: `npx tsx bench/renderer.ts`. INBOX_BENCH_RENDERER_SCALE=0.1 shrinks the
 * customers and the number of runs for a quick look; the figures named for 100k come from the full size only.
 * INBOX_BENCH_RENDERER_DIR points at another renderer build, to compare before and after a change.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CustomerRecord, MessageRecord } from '../common/domain';
import type { Result } from '../common/result';
import { accountFolder, CACHE_FILE, OUTBOX_FILE, prepareAccountFolder } from '../main/account/account-folder';
import { createAppServices } from '../main/app-services';
import { openCache, type Cache } from '../main/cache/cache';
import { parseBaseUrl } from '../main/session/base-url';
import { createDispatch } from '../main/ipc/handler-table';
import { startWebHost } from '../main/web-host/server';
import { startSandbox, type RunningSandbox } from '../sandbox/index';
import { percentile, type BenchFigures } from './figures';

const scale = Number(process.env.INBOX_BENCH_RENDERER_SCALE ?? '1');
if (!(scale > 0 && scale <= 1)) throw new Error('INBOX_BENCH_RENDERER_SCALE must be a number above 0, at most 1');
const cachedCustomers = Math.round(100_000 * scale);
const serviceCustomers = 100;
/** Customers seeded as the oldest, whose names the search benchmark types. */
const searchedCustomers = 400;
const runs = Math.max(10, Math.round(100 * scale));
const warmUpRuns = Math.max(3, Math.round(10 * scale));
const signInRuns = Math.max(2, Math.round(5 * scale));
const scrollFrames = Math.max(60, Math.round(300 * scale));
const systemChromium = '/usr/bin/chromium';

/** The conversations opened by the conversation figures: each pair is clicked in turn. */
const longConversations = [
  { name: 'Bench Short One', messages: 20 },
  { name: 'Bench Short Two', messages: 20 },
  { name: 'Bench Thousand One', messages: 1_000 },
  { name: 'Bench Thousand Two', messages: 1_000 },
  { name: 'Bench Tenthousand One', messages: 10_000 },
  { name: 'Bench Tenthousand Two', messages: 10_000 },
] as const;

/** The little of the page's globals the in-page loops use (the Node project's types have no DOM). */
interface PageGlobals {
  requestAnimationFrame(callback: (frameStart: number) => void): number;
  document: {
    getElementById(id: string): { click(): void; id: string } | null;
    querySelector(selector: string): PageElement | null;
    addEventListener(type: string, listener: () => void, options?: object): void;
    body: unknown;
  };
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void; disconnect(): void };
  MessageChannel: new () => { port1: { onmessage: (() => void) | null }; port2: { postMessage(message: unknown): void } };
  benchMarks?: { clickAt?: number; rowsAt?: number };
}
interface PageElement {
  scrollTop: number;
  value: string;
  id: string;
  click(): void;
  dispatchEvent(event: Event): boolean;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): { length: number };
  addEventListener(type: string, listener: () => void, options?: object): void;
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** A small deterministic generator, so every run measures the same data. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

/** Made-up names from syllables: many distinct words, so a typed surname narrows the list the way a real one does. */
function nameMaker(random: () => number): () => string {
  const parts = ['ka', 'lo', 'mi', 'ren', 'tas', 'vel', 'dor', 'bri', 'sun', 'pa', 'gel', 'fio', 'nar', 'ost', 'qui', 'zem'];
  const word = (length: number) => {
    let text = '';
    for (let index = 0; index < length; index += 1) text += parts[Math.floor(random() * parts.length)] ?? 'a';
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
  return () => `${word(2)} ${word(3)}`;
}

interface SeededConversation {
  id: string;
  name: string;
}

/**
 * Writes `count` customers (and the long conversations, newest of all, at the top of the list) into the cache file
 * the app opens for `account` under `userDataDir`, through the cache's own upserts; returns the long conversations.
 */
function seedCache(userDataDir: string, account: { email: string; baseUrl: string }, count: number): { conversations: SeededConversation[]; searched: string[] } {
  const folder = accountFolder(userDataDir, account);
  prepareAccountFolder(folder, { email: account.email, baseUrl: account.baseUrl, sandboxTrial: false });
  const cache: Cache = unwrap(openCache({ file: join(folder, CACHE_FILE), outboxFile: join(folder, OUTBOX_FILE) }));
  try {
    const random = seededRandom(20_261_206);
    const makeName = nameMaker(random);
    const now = Date.now();
    const searched: string[] = [];
    const customer = (id: string, name: string, lastMessageTime: number): CustomerRecord => ({
      id,
      name,
      phone: `1555${String(Math.floor(random() * 10_000_000)).padStart(7, '0')}`,
      country: 'US',
      subscriptions: {},
      chatbotEnabled: {},
      created: now - 400 * 86_400_000,
      modified: now - 400 * 86_400_000,
      lastMessageTime,
    });
    for (let first = 0; first < count; first += 1000) {
      const batch = Array.from({ length: Math.min(1000, count - first) }, (_, offset) => {
        const index = first + offset;
        // The first few are the oldest conversations: the list search looks for them, deep below everyone else.
        const lastMessageTime = index < searchedCustomers ? now - 200 * 86_400_000 - index * 60_000 : now - 3_600_000 - Math.floor(random() * 100 * 86_400_000);
        return customer(`bench-${index}`, makeName(), lastMessageTime);
      });
      if (first === 0) searched.push(...batch.slice(0, searchedCustomers).map((row) => row.name ?? ''));
      unwrap(cache.upsertCustomers(batch));
    }
    const seeded = longConversations.map((conversation, index) => ({ id: `bench-long-${index}`, name: conversation.name }));
    longConversations.forEach((conversation, index) => {
      const id = `bench-long-${index}`;
      // Ahead of the service's customers, so every one of them is a row on screen without scrolling.
      const newest = now + 86_400_000 - index * 60_000;
      unwrap(cache.upsertCustomers([customer(id, conversation.name, newest)]));
      for (let first = 0; first < conversation.messages; first += 1000) {
        const batch = Array.from({ length: Math.min(1000, conversation.messages - first) }, (_, offset): MessageRecord => {
          const sequence = first + offset;
          return {
            messageId: `${id}-m${sequence}`,
            customerId: id,
            agentId: 'bench-agent',
            origin: sequence % 3 === 0 ? 'AGENT' : 'CUSTOMER',
            status: 'DELIVERED',
            sent: newest - (conversation.messages - 1 - sequence) * 60_000,
            modified: null,
            payload: { type: 'TEXT', text: `Message ${sequence} of ${conversation.name}: where is my order, and when will it arrive?` },
          };
        });
        unwrap(cache.upsertMessages(batch));
      }
      unwrap(cache.markRead(id));
    });
    return { conversations: seeded, searched };
  } finally {
    cache.close();
  }
}

interface RunningApp {
  page: Page;
  close(): Promise<void>;
}

async function startApp(browser: Browser, userDataDir: string, rendererDir: string): Promise<RunningApp> {
  const services = await createAppServices({ mode: 'browser', userDataDir });
  const host = await startWebHost({ dispatch: createDispatch(services.handlers), events: services.events, rendererDir, port: 0 });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // tsx names the functions inside the in-page loops through a helper of its own, which the page lacks.
  await page.addInitScript({ content: 'globalThis.__name = (target) => target;' });
  await page.goto(host.launchUrl);
  return {
    page,
    close: async () => {
      await page.close();
      await host.close();
      await services.close();
    },
  };
}

const customerRows = '[role="listbox"][aria-label="Customers"] [role="option"]';

/** Signs in through the form and returns the milliseconds from the click on "Sign in" to the first customer row. */
async function signInToFirstRows(page: Page, sandbox: RunningSandbox): Promise<number> {
  const account = sandbox.accounts[0];
  if (account === undefined) throw new Error('The sandbox has no account');
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.waitFor({ timeout: 120_000 });
  await form.getByLabel('Email').fill(account.email);
  await form.getByLabel('Password').fill(account.password);
  const serviceUrl = form.getByLabel('Service URL');
  if (!(await serviceUrl.isVisible())) await form.getByText('Advanced').click();
  await serviceUrl.fill(sandbox.baseUrl);
  await page.evaluate((rows) => {
    const page = globalThis as unknown as PageGlobals;
    const marks: { clickAt?: number; rowsAt?: number } = {};
    page.benchMarks = marks;
    page.document.addEventListener('submit', () => (marks.clickAt = performance.now()), { capture: true, once: true });
    const observer = new page.MutationObserver(() => {
      if (page.document.querySelector(rows) === null) return;
      marks.rowsAt = performance.now();
      observer.disconnect();
    });
    observer.observe(page.document.body, { subtree: true, childList: true });
  }, customerRows);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).benchMarks?.rowsAt !== undefined, undefined, { timeout: 120_000 });
  const marks = await page.evaluate(() => (globalThis as unknown as PageGlobals).benchMarks);
  if (marks?.clickAt === undefined || marks.rowsAt === undefined) throw new Error('The sign-in click or the first row was not seen');
  return marks.rowsAt - marks.clickAt;
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByRole('form', { name: 'Sign in' }).waitFor({ timeout: 60_000 });
}

/** Waits until main's cache holds at least `count` customers (the first sync is through), asking through the page. */
async function waitForCachedCustomers(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    async (wanted) => {
      const answer = await fetch('/ipc/invoke', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ channel: 'customers:page', input: { limit: 200 } }),
      });
      const body = (await answer.json()) as { ok: boolean; value?: { items: unknown[] } };
      return (body.value?.items.length ?? 0) >= wanted;
    },
    count,
    { timeout: 120_000, polling: 500 },
  );
}

/** Customer rows in the DOM once the list has settled (two frames after the last change). */
async function domRows(page: Page): Promise<number> {
  await page.locator(customerRows).first().waitFor();
  return page.evaluate(async (rows) => {
    const page = globalThis as unknown as PageGlobals;
    for (let frame = 0; frame < 2; frame += 1) await new Promise<void>((resolve) => page.requestAnimationFrame(() => resolve()));
    return page.document.querySelector('[role="listbox"][aria-label="Customers"]')?.querySelectorAll(rows.split(' ').at(-1) ?? '').length ?? 0;
  }, customerRows);
}

/** Click to first frame of the thread, for the two conversations clicked in turn; warm-up runs left out. */
async function conversationOpenTimes(page: Page, pair: readonly SeededConversation[]): Promise<number[]> {
  return page.evaluate(
    async ({ pair, runs, warmUpRuns }) => {
      const page = globalThis as unknown as PageGlobals;
      const nextFrame = () => new Promise<void>((resolve) => page.requestAnimationFrame(() => resolve()));
      const times: number[] = [];
      for (let run = 0; run < warmUpRuns + runs; run += 1) {
        const conversation = pair[run % pair.length];
        const row = conversation === undefined ? null : page.document.getElementById(`customer-${conversation.id}`);
        if (conversation === undefined || row === null) throw new Error(`No row for ${conversation?.name ?? 'a conversation'}`);
        const shown = () =>
          page.document.querySelector(`section[aria-label="Conversation with ${conversation.name}"] [role="log"] article`) !== null;
        const started = performance.now();
        row.click();
        if (!shown()) {
          await new Promise<void>((resolve) => {
            const observer = new page.MutationObserver(() => {
              if (!shown()) return;
              observer.disconnect();
              resolve();
            });
            observer.observe(page.document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
          });
        }
        await nextFrame();
        if (run >= warmUpRuns) times.push(performance.now() - started);
        // Lets the open settle (marking read, the sync line) outside the measured time.
        for (let frame = 0; frame < 3; frame += 1) await nextFrame();
      }
      return times;
    },
    { pair, runs, warmUpRuns },
  );
}

/**
 * The main thread's time for each of `frames` frames while `selector` scrolls by `step` pixels a frame: from the
 * frame's start to the first task after it rendered. `step` 0 measures frames where nothing scrolls.
 */
async function frameTimes(page: Page, selector: string, step: number): Promise<number[]> {
  return page.evaluate(
    async ({ selector, step, frames }) => {
      const page = globalThis as unknown as PageGlobals;
      const element = page.document.querySelector(selector);
      if (element === null) throw new Error(`Nothing to scroll at ${selector}`);
      const durations: number[] = [];
      for (let frame = 0; frame < frames; frame += 1) {
        await new Promise<void>((resolve) =>
          page.requestAnimationFrame((frameStart) => {
            element.scrollTop += step;
            const channel = new page.MessageChannel();
            channel.port1.onmessage = () => {
              durations.push(performance.now() - frameStart);
              resolve();
            };
            channel.port2.postMessage(null);
          }),
        );
      }
      return durations;
    },
    { selector, step, frames: scrollFrames },
  );
}

/** What the cache answers first for a search, asked through the page as the list does; with the call's time. */
async function firstMatch(page: Page, search: string): Promise<{ id: string | undefined; ms: number }> {
  return page.evaluate(async (search) => {
    const started = performance.now();
    const answer = await fetch('/ipc/invoke', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel: 'customers:page', input: { limit: 50, search } }),
    });
    const body = (await answer.json()) as { ok: boolean; value?: { items: { id: string }[] } };
    return { id: body.value?.items[0]?.id, ms: performance.now() - started };
  }, search);
}

/**
 * For each search (the first four letters of a surname): types all but its last letter and waits for that list,
 * then times the last keystroke until the first row of the full search's answer is in the DOM and the next frame has
 * run. A search whose first row is the same as its prefix's cannot be seen to land and is left out.
 */
async function searchTimes(page: Page, names: readonly string[]): Promise<{ times: number[]; queryTimes: number[] }> {
  const times: number[] = [];
  const queryTimes: number[] = [];
  for (const name of names) {
    if (times.length === runs + warmUpRuns) break;
    const before = await firstMatch(page, name.slice(0, -1));
    const after = await firstMatch(page, name);
    queryTimes.push(after.ms);
    if (before.id === undefined || after.id === undefined || before.id === after.id) continue;
    times.push(
      await page.evaluate(
        async ({ partial, full, beforeId, afterId }) => {
          const page = globalThis as unknown as PageGlobals;
          const input = page.document.querySelector('input[type="search"][aria-label="Search customers"]');
          if (input === null) throw new Error('No search box');
          const firstRowIs = (id: string) => page.document.querySelector('[role="listbox"][aria-label="Customers"] [role="option"]')?.id === `customer-${id}`;
          const until = (done: () => boolean) =>
            new Promise<void>((resolve) => {
              if (done()) return resolve();
              const observer = new page.MutationObserver(() => {
                if (!done()) return;
                observer.disconnect();
                resolve();
              });
              observer.observe(page.document.body, { subtree: true, childList: true, attributes: true });
            });
          const type = (text: string) => {
            input.value = text;
            input.dispatchEvent(new Event('input', { bubbles: true }));
          };
          type(partial);
          await until(() => firstRowIs(beforeId));
          const started = performance.now();
          type(full);
          await until(() => firstRowIs(afterId));
          await new Promise<void>((resolve) => page.requestAnimationFrame(() => resolve()));
          return performance.now() - started;
        },
        { partial: name.slice(0, -1), full: name, beforeId: before.id, afterId: after.id },
      ),
    );
  }
  return { times, queryTimes };
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export async function benchRenderer(): Promise<BenchFigures> {
  // Another build (an older commit's, say) can be measured against the same main and data.
  const rendererDir = process.env.INBOX_BENCH_RENDERER_DIR ?? fileURLToPath(new URL('../out/renderer', import.meta.url));
  if (!existsSync(rendererDir)) throw new Error('Build the renderer first: npm run build');
  const emptyDataDir = mkdtempSync(join(tmpdir(), 'inbox-bench-empty-'));
  const fullDataDir = mkdtempSync(join(tmpdir(), 'inbox-bench-full-'));
  const sandbox = await startSandbox({ port: 0, seed: 12, customers: serviceCustomers, messagesPerCustomer: 2 });
  const account = sandbox.accounts[0];
  if (account === undefined) throw new Error('The sandbox has no account');
  // The folder main opens for this account: named after the address as main normalises it.
  const accountId = { email: account.email, baseUrl: unwrap(parseBaseUrl(sandbox.baseUrl)) };
  const browser = await chromium.launch(existsSync(systemChromium) ? { executablePath: systemChromium, args: ['--no-sandbox', '--disable-gpu'] } : {});
  const apps: RunningApp[] = [];
  try {
    // An empty cache each time: the account's folder goes between sign-ins, so every one starts from nothing.
    const empty = await startApp(browser, emptyDataDir, rendererDir);
    apps.push(empty);
    const emptyTimes: number[] = [];
    for (let run = 0; run < signInRuns; run += 1) {
      emptyTimes.push(await signInToFirstRows(empty.page, sandbox));
      if (run === signInRuns - 1) break;
      await signOut(empty.page);
      rmSync(accountFolder(emptyDataDir, accountId), { recursive: true, force: true });
    }
    await waitForCachedCustomers(empty.page, serviceCustomers);
    const rowsWithFew = await domRows(empty.page);
    console.log(`  empty cache: sign-in to first rows ${emptyTimes.map((time) => time.toFixed(0)).join(', ')} ms; ${rowsWithFew} rows in the DOM`);

    const seedStarted = performance.now();
    const seeded = seedCache(fullDataDir, accountId, cachedCustomers);
    console.log(`  seeded ${cachedCustomers} customers in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
    const full = await startApp(browser, fullDataDir, rendererDir);
    apps.push(full);
    const fullTimes: number[] = [];
    for (let run = 0; run < signInRuns; run += 1) {
      fullTimes.push(await signInToFirstRows(full.page, sandbox));
      if (run < signInRuns - 1) await signOut(full.page);
    }
    await waitForCachedCustomers(full.page, 200);
    const rowsWithMany = await domRows(full.page);
    console.log(`  ${cachedCustomers} cached: sign-in to first rows ${fullTimes.map((time) => time.toFixed(0)).join(', ')} ms; ${rowsWithMany} rows in the DOM`);

    const [shortA, shortB, thousandA, thousandB, tenThousandA, tenThousandB] = seeded.conversations;
    if (!shortA || !shortB || !thousandA || !thousandB || !tenThousandA || !tenThousandB) throw new Error('The long conversations were not seeded');
    const openShort = percentile(await conversationOpenTimes(full.page, [shortA, shortB]), 95);
    const openThousand = percentile(await conversationOpenTimes(full.page, [thousandA, thousandB]), 95);
    const openTenThousand = percentile(await conversationOpenTimes(full.page, [tenThousandA, tenThousandB]), 95);
    console.log(`  conversation open p95: 20 messages ${openShort.toFixed(1)} ms, 1,000 ${openThousand.toFixed(1)} ms, 10,000 ${openTenThousand.toFixed(1)} ms`);

    const listScroller = '[role="listbox"][aria-label="Customers"]';
    const idleFrames = await frameTimes(full.page, listScroller, 0);
    const listFrames = await frameTimes(full.page, listScroller, 136);
    // The thread of the open 10,000-message conversation scrolls up, loading older windows as it goes.
    const threadFrames = await frameTimes(full.page, 'section[aria-label^="Conversation with"] .scroller', -120);
    console.log(
      `  frames p95: idle ${percentile(idleFrames, 95).toFixed(1)} ms, list ${percentile(listFrames, 95).toFixed(1)} ms, thread ${percentile(threadFrames, 95).toFixed(1)} ms`,
    );
    await full.page.locator(listScroller).evaluate((list) => (list.scrollTop = 0));

    // The first four letters of the oldest customers' surnames: each is typed, and its last letter timed.
    const names = seeded.searched.map((name) => name.split(' ').at(-1)?.slice(0, 4) ?? '').filter((word) => word.length === 4);
    const search = await searchTimes(full.page, names);
    const searchShown = search.times.slice(warmUpRuns);
    const searchQuery = search.queryTimes.slice(warmUpRuns);
    if (searchShown.length < runs) throw new Error(`Only ${search.times.length} of ${names.length} searches changed the first row`);

    const firstRows = median(fullTimes);
    const firstRowsEmpty = median(emptyTimes);
    const frames = [...listFrames, ...threadFrames];
    const searchValue = percentile(searchShown, 95);
    const searchBaseline = percentile(searchQuery, 95);
    return {
      'renderer.first_rows_100k': { value: round(firstRows), unit: 'ms', baseline: round(firstRowsEmpty), ratio: round(firstRows / firstRowsEmpty, 3) },
      'renderer.convo_open_p95': { value: round(openThousand), unit: 'ms', baseline: round(openShort), ratio: round(openThousand / openShort, 3) },
      'renderer.convo_open_10k_p95': {
        value: round(openTenThousand),
        unit: 'ms',
        baseline: round(openThousand),
        ratio: round(openTenThousand / openThousand, 3),
      },
      'renderer.list_dom_ratio': { value: round(rowsWithMany / rowsWithFew, 3), unit: 'x', baseline: rowsWithFew, ratio: round(rowsWithMany / rowsWithFew, 3) },
      'renderer.scroll_frame_p95': {
        value: round(percentile(frames, 95)),
        unit: 'ms',
        baseline: round(percentile(idleFrames, 95)),
        ratio: round(percentile(frames, 95) / percentile(idleFrames, 95), 3),
      },
      'renderer.search_visible_p95': { value: round(searchValue), unit: 'ms', baseline: round(searchBaseline), ratio: round(searchValue / searchBaseline, 3) },
    };
  } finally {
    for (const app of apps.reverse()) await app.close();
    await browser.close();
    await sandbox.close();
    rmSync(emptyDataDir, { recursive: true, force: true });
    rmSync(fullDataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await benchRenderer());
}
