/** The crash log: secrets never reach it, it stays private and capped, and an error is offered once on the next start. */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CrashLog, recordUncaughtErrors, redactSecrets } from '../../../main/crash-log';

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZ2VudC00MiIsImV4cCI6MTg5MzQ1NjAwMH0.c2lnbmF0dXJlLXNlY3JldC12YWx1ZQ';
const TOKEN = 'mw_live_7Qk2rTz9XbV4pLw8';
const PASSWORD = 'hunter2-Correct-Horse';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function logDir(): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), 'inbox-crash-'));
  dirs.push(parent);
  return join(parent, 'user-data');
}

describe('the crash log', () => {
  it('keeps the error but none of the token, password or JWT it carried', async () => {
    const dir = await logDir();
    const log = new CrashLog({ dir });
    const error = new Error(
      `Sign-in failed: {"token":"${TOKEN}","password":"${PASSWORD}"} Authorization: Bearer ${JWT} ` +
        `at https://agent:${PASSWORD}@api.example.com/omni?api_key=${TOKEN}`,
    );
    log.record('Uncaught exception in main', error);
    const text = await readFile(log.path, 'utf8');
    expect(text).toContain('Sign-in failed');
    expect(text).toContain('Uncaught exception in main');
    for (const secret of [TOKEN, PASSWORD, JWT, JWT.split('.')[2] ?? JWT]) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });

  it('is 0600 in a 0700 folder', async () => {
    const dir = await logDir();
    const log = new CrashLog({ dir });
    log.record('test', new Error('boom'));
    expect((await stat(log.path)).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('rotates when it outgrows its cap, so the two files together stay under twice the cap', async () => {
    const dir = await logDir();
    const log = new CrashLog({ dir, maxBytes: 2_000 });
    for (let i = 0; i < 50; i += 1) log.record(`entry ${i}`, new Error('x'.repeat(200)));
    const current = await stat(log.path);
    const rotated = await stat(join(dir, 'crash.1.log'));
    expect(current.size).toBeLessThanOrEqual(2_000);
    expect(rotated.size).toBeLessThanOrEqual(2_000);
    expect(rotated.mode & 0o777).toBe(0o600);
    expect(await readFile(log.path, 'utf8')).toContain('entry 49');
  });

  it('offers recorded errors once, on the next start', async () => {
    const dir = await logDir();
    expect(new CrashLog({ dir }).takeUnseen()).toBe(false);
    new CrashLog({ dir }).record('test', new Error('boom'));
    const nextStart = new CrashLog({ dir });
    expect(nextStart.takeUnseen()).toBe(true);
    expect(nextStart.takeUnseen()).toBe(false);
    expect(existsSync(nextStart.path)).toBe(true);
  });

  it("records the process's uncaught exceptions and unhandled rejections", async () => {
    const dir = await logDir();
    const log = new CrashLog({ dir });
    const fakeProcess = new EventEmitter();
    recordUncaughtErrors(log, fakeProcess as NodeJS.Process);
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    fakeProcess.emit('uncaughtException', new Error(`thrown with password=${PASSWORD}`));
    fakeProcess.emit('unhandledRejection', new Error('rejected'));
    const printed = stderr.mock.calls.flat().join('\n');
    stderr.mockRestore();
    const text = await readFile(log.path, 'utf8');
    expect(text).toContain('thrown with password=[redacted]');
    expect(text).toContain('rejected');
    expect(printed).toContain('thrown with password=[redacted]');
    expect(printed).not.toContain(PASSWORD);
  });

  it('redacts credentials in every form the app meets them', () => {
    expect(redactSecrets(`session=${TOKEN}; other=1`)).toBe('session=[redacted]; other=1');
    expect(redactSecrets(`Basic ${Buffer.from(`a:${PASSWORD}`).toString('base64')}`)).toBe('Basic [redacted]');
    expect(redactSecrets('nothing secret here')).toBe('nothing secret here');
  });
});
