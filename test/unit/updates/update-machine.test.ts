/**
 * The update cycle against a fake feed: what the agent sees at each step, that a download starts by itself and
 * installs only on consent, that a bad signature is named as such, the check schedule's jitter, and that no feed
 * means no updates.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { UpdateState } from '../../../common/contract/updates';
import { readUpdateFeed, updateHandlers, UPDATE_FEED_ENV } from '../../../main/updates/update-feed';
import { CHECK_INTERVAL_MS, CHECK_JITTER_MS, UpdateMachine } from '../../../main/updates/update-machine';

/** A feed as electron-updater would report it: each call's outcome is scripted by the test. */
class FakeFeed {
  checks = 0;
  downloads = 0;
  installs = 0;
  machine!: UpdateMachine;
  onCheck: () => void = () => this.machine.onNotAvailable();
  onDownload: () => Promise<unknown> = () => Promise.resolve([]);

  check(): Promise<unknown> {
    this.checks += 1;
    this.onCheck();
    return Promise.resolve(null);
  }
  download(): Promise<unknown> {
    this.downloads += 1;
    return this.onDownload();
  }
  install(): void {
    this.installs += 1;
  }
}

function codedError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

function setUp(random = 0.5) {
  const feed = new FakeFeed();
  const states: UpdateState[] = [];
  const timers: { ms: number; run: () => void; cancelled: boolean }[] = [];
  const machine = new UpdateMachine({
    updater: feed,
    onChange: (state) => states.push(state),
    random: () => random,
    timer: {
      setTimeout: (run, ms) => {
        const timer = { ms, run, cancelled: false };
        timers.push(timer);
        return { cancel: () => (timer.cancelled = true) };
      },
    },
  });
  feed.machine = machine;
  return { feed, machine, states, timers };
}

describe('the update machine', () => {
  it('finds a new version, downloads it in the background with progress, then waits for consent', async () => {
    const { feed, machine, states } = setUp();
    feed.onCheck = () => machine.onAvailable('1.2.0');
    await machine.check();
    machine.onProgress(42.42);
    machine.onDownloaded('1.2.0');
    expect(states).toEqual([
      { status: 'checking' },
      { status: 'available', version: '1.2.0' },
      { status: 'downloading', version: '1.2.0', percent: 0 },
      { status: 'downloading', version: '1.2.0', percent: 42.4 },
      { status: 'ready', version: '1.2.0' },
    ]);
    expect(feed.downloads).toBe(1);
    expect(feed.installs).toBe(0);

    expect(machine.install()).toBe(true);
    expect(feed.installs).toBe(1);
  });

  it('goes back to idle when the feed has nothing newer', async () => {
    const { machine, states } = setUp();
    await machine.check();
    expect(states).toEqual([{ status: 'checking' }, { status: 'idle' }]);
  });

  it('never installs without a downloaded version', async () => {
    const { feed, machine } = setUp();
    expect(machine.install()).toBe(false);
    feed.onCheck = () => machine.onAvailable('1.2.0');
    await machine.check();
    expect(machine.install()).toBe(false);
    expect(feed.installs).toBe(0);
  });

  it('reports a feed that cannot be reached as an error and checks again later', async () => {
    const { feed, machine, states, timers } = setUp();
    feed.check = () => Promise.reject(new Error('net::ERR_NAME_NOT_RESOLVED'));
    await machine.check();
    expect(states.at(-1)).toEqual({ status: 'error', kind: 'other', message: 'Could not check for updates; will try again later.' });
    expect(timers.filter((timer) => !timer.cancelled)).toHaveLength(1);
  });

  it.each([
    ['Windows (Authenticode)', codedError('New version 1.2.0 is not signed by the application owner', 'ERR_UPDATER_INVALID_SIGNATURE')],
    ['any platform (sha512)', codedError('sha512 checksum mismatch, expected abc, got def', 'ERR_CHECKSUM_MISMATCH')],
    ['macOS (Squirrel)', new Error('Code signature at URL file:///tmp/2-Way Inbox.app did not pass validation')],
  ])('names a download whose signature does not match on %s and never offers it', async (_platform, failure) => {
    const { feed, machine, states } = setUp();
    feed.onCheck = () => machine.onAvailable('1.2.0');
    feed.onDownload = () => Promise.reject(failure);
    await machine.check();
    await Promise.resolve();
    expect(states.at(-1)).toMatchObject({ status: 'error', kind: 'signature' });
    expect(machine.install()).toBe(false);
  });

  it('checks at start and then every interval plus a fresh jitter, until stopped', async () => {
    const { feed, machine, timers } = setUp(0.25);
    machine.start();
    await Promise.resolve();
    expect(feed.checks).toBe(1);
    expect(timers.map((timer) => timer.ms)).toEqual([CHECK_INTERVAL_MS + CHECK_JITTER_MS * 0.25]);
    timers[0]?.run();
    await Promise.resolve();
    expect(feed.checks).toBe(2);
    machine.stop();
    expect(timers.every((timer) => timer.cancelled || timer === timers[0])).toBe(true);
  });

  it('does not throw away a download in progress when the next check comes', async () => {
    const { feed, machine, states } = setUp();
    feed.onCheck = () => machine.onAvailable('1.2.0');
    await machine.check();
    await machine.check();
    expect(feed.checks).toBe(1);
    expect(states.at(-1)).toMatchObject({ status: 'downloading' });
  });
});

describe('the update feed', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  async function userData(settings?: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'inbox-updates-'));
    dirs.push(dir);
    if (settings !== undefined) await writeFile(join(dir, 'updates.json'), settings);
    return dir;
  }

  it('is off when neither the environment nor the settings name one, and the channels say so', async () => {
    expect(readUpdateFeed(await userData(), {})).toEqual({ feedUrl: undefined });
    const handlers = updateHandlers(undefined);
    expect(await handlers['updates:state']({})).toEqual({ ok: true, value: { status: 'off' } });
    expect(await handlers['updates:install']({})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('comes from the environment first, then from updates.json', async () => {
    const dir = await userData(JSON.stringify({ feedUrl: 'https://updates.example.com/settings/' }));
    expect(readUpdateFeed(dir, { [UPDATE_FEED_ENV]: 'https://updates.example.com/env/' })).toEqual({
      feedUrl: 'https://updates.example.com/env/',
    });
    expect(readUpdateFeed(dir, {})).toEqual({ feedUrl: 'https://updates.example.com/settings/' });
  });

  it.each(['http://updates.example.com/', 'https://user:pass@updates.example.com/', 'not a url', 'file:///tmp/feed'])(
    'refuses %s with a clear reason: installers are only taken over https',
    async (feedUrl) => {
      const result = readUpdateFeed(await userData(), { [UPDATE_FEED_ENV]: feedUrl });
      expect(result.feedUrl).toBeUndefined();
      expect(result).toMatchObject({ problem: expect.stringContaining('https://') });
    },
  );

  it('says why a damaged updates.json turned updates off', async () => {
    expect(readUpdateFeed(await userData('{nope'), {})).toMatchObject({ feedUrl: undefined, problem: expect.stringContaining('not JSON') });
  });
});
