/**
 * The outbox's lock file: one holder at a time, even between two instances in one process; a lock whose process
 * died or whose heartbeat stopped is taken over; a holder notices when the file is no longer its own.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { acquireInstanceLock, type InstanceLock, type LockAttempt } from '../../../main/outbox/instance-lock';

let folder: string;
let file: string;
const held: InstanceLock[] = [];

function attempt(options: Parameters<typeof acquireInstanceLock>[1] = {}): LockAttempt {
  const result = acquireInstanceLock(file, options);
  if (!result.ok) throw new Error(result.error.message);
  if (result.value.acquired) held.push(result.value.lock);
  return result.value;
}

function writeForeignLock(pid: number, ageMs = 0): void {
  fs.writeFileSync(file, JSON.stringify({ pid, host: hostname(), token: 'someone-else', since: Date.now() - ageMs }));
  const touched = new Date(Date.now() - ageMs);
  fs.utimesSync(file, touched, touched);
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  if (child.pid === undefined) throw new Error('no child pid');
  return child.pid;
}

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'outbox-lock-'));
  file = join(folder, 'outbox.lock');
});

afterEach(async () => {
  for (const lock of held.splice(0)) lock.release();
  await rm(folder, { recursive: true, force: true });
});

it('lets one holder in, not a second instance of the same process, and the next one after a release', () => {
  const first = attempt();
  expect(first.acquired).toBe(true);
  const second = attempt();
  expect(second).toEqual({ acquired: false, holder: expect.objectContaining({ pid: process.pid }) });

  if (first.acquired) first.lock.release();
  expect(fs.existsSync(file)).toBe(false);
  expect(attempt().acquired).toBe(true);
});

it('takes over a lock whose process is gone', async () => {
  writeForeignLock(await deadPid());
  expect(attempt().acquired).toBe(true);
});

it('takes over a lock whose heartbeat stopped, even if its process id is in use', () => {
  writeForeignLock(process.pid, 60_000);
  expect(attempt({ staleMs: 30_000 }).acquired).toBe(true);
});

it('leaves a live lock of another process alone', () => {
  writeForeignLock(process.ppid);
  expect(attempt()).toEqual({ acquired: false, holder: expect.objectContaining({ pid: process.ppid, token: 'someone-else' }) });
});

it('treats a fresh unreadable lock as held and an old one as stale', () => {
  fs.writeFileSync(file, '{"pid": 12');
  expect(attempt()).toEqual({ acquired: false, holder: null });
  const old = new Date(Date.now() - 120_000);
  fs.utimesSync(file, old, old);
  expect(attempt().acquired).toBe(true);
});

it('notices when the file stops naming it', async () => {
  let lost = false;
  const mine = attempt({
    heartbeatMs: 10,
    onLost: () => {
      lost = true;
    },
  });
  if (!mine.acquired) throw new Error('not acquired');
  expect(mine.lock.stillHeld()).toBe(true);
  writeForeignLock(process.ppid);
  expect(mine.lock.stillHeld()).toBe(false);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(lost).toBe(true);
  // Releasing a lock that is no longer ours leaves the new holder's file in place.
  mine.lock.release();
  expect(fs.existsSync(file)).toBe(true);
});
