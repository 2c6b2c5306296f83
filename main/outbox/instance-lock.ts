/**
 * One outbox worker per database file, across app instances: the worker holds a lock file beside the database
 * naming its process and a random token, and touches it as a heartbeat. A lock whose process is gone, or whose
 * heartbeat stopped, is stale and taken over; a live one (even another instance inside this very process) is not.
 * The holder checks before each send that the lock is still its own, so a takeover race costs at most a pause.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { hostname } from 'node:os';
import { z } from 'zod';
import { fail, ok, type Result } from '../../common/result';

export interface LockHolder {
  pid: number;
  host: string;
  token: string;
  since: number;
}

const LockHolderSchema = z.object({ pid: z.number().int(), host: z.string(), token: z.string(), since: z.number() });

export interface LockOptions {
  /** A lock whose heartbeat is older than this is stale, even if its process id is alive (it may have been reused). */
  staleMs?: number;
  /** How often the holder touches the file. */
  heartbeatMs?: number;
  /** Told when the lock turned out to be someone else's after all (the file was replaced or removed). */
  onLost?: () => void;
}

export const DEFAULT_LOCK_STALE_MS = 30_000;
export const DEFAULT_LOCK_HEARTBEAT_MS = 5_000;

export type LockAttempt = { acquired: true; lock: InstanceLock } | { acquired: false; holder: LockHolder | null };

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const parsed = LockHolderSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The lock's holder and heartbeat; a half-written or foreign file has no known holder and is stale once old. */
function readHolder(file: string): { holder: LockHolder | null; touchedAt: number } | undefined {
  try {
    const touchedAt = fs.statSync(file).mtimeMs;
    return { holder: parseHolder(fs.readFileSync(file, 'utf8')), touchedAt };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function isStale(found: { holder: LockHolder | null; touchedAt: number }, staleMs: number): boolean {
  if (Date.now() - found.touchedAt > staleMs) return true;
  if (!found.holder) return false;
  return found.holder.host === hostname() && !processAlive(found.holder.pid);
}

/** Creates `file` holding `content` only if it does not exist yet, atomically (a hard link never overwrites). */
function createExclusive(file: string, content: string): boolean {
  const temporary = `${file}.${randomUUID()}.tmp`;
  fs.writeFileSync(temporary, content);
  try {
    fs.linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

export function acquireInstanceLock(file: string, options: LockOptions = {}): Result<LockAttempt> {
  const staleMs = options.staleMs ?? DEFAULT_LOCK_STALE_MS;
  const me: LockHolder = { pid: process.pid, host: hostname(), token: randomUUID(), since: Date.now() };
  const content = JSON.stringify(me);
  try {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      if (createExclusive(file, content)) return ok({ acquired: true, lock: new InstanceLock(file, me, options) });
      const found = readHolder(file);
      if (found === undefined) continue;
      if (!isStale(found, staleMs)) return ok({ acquired: false, holder: found.holder });
      // Move the stale lock aside, then make sure what was moved is the stale one and not a lock someone else
      // created meanwhile; if it is theirs, it goes back and they keep it.
      const aside = `${file}.stale-${me.token}`;
      try {
        fs.renameSync(file, aside);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      const moved = readHolder(aside);
      if (moved?.holder?.token !== found.holder?.token && moved !== undefined && !isStale(moved, staleMs)) {
        fs.renameSync(aside, file);
        return ok({ acquired: false, holder: moved.holder });
      }
      fs.rmSync(aside, { force: true });
    }
    return ok({ acquired: false, holder: readHolder(file)?.holder ?? null });
  } catch (error) {
    return fail('STORAGE', `The outbox lock ${file} cannot be taken: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export class InstanceLock {
  readonly #file: string;
  readonly #me: LockHolder;
  readonly #options: LockOptions;
  readonly #heartbeat: NodeJS.Timeout;
  #released = false;

  constructor(file: string, me: LockHolder, options: LockOptions) {
    this.#file = file;
    this.#me = me;
    this.#options = options;
    this.#heartbeat = setInterval(() => this.#beat(), options.heartbeatMs ?? DEFAULT_LOCK_HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  get holder(): LockHolder {
    return this.#me;
  }

  /** Whether the file still names this holder; false after a release or a takeover. */
  stillHeld(): boolean {
    if (this.#released) return false;
    try {
      return readHolder(this.#file)?.holder?.token === this.#me.token;
    } catch {
      // A lock that cannot be read cannot be shown to be ours.
      return false;
    }
  }

  release(): void {
    if (this.#released) return;
    clearInterval(this.#heartbeat);
    if (this.stillHeld()) fs.rmSync(this.#file, { force: true });
    this.#released = true;
  }

  #beat(): void {
    if (!this.stillHeld()) {
      clearInterval(this.#heartbeat);
      this.#released = true;
      this.#options.onLost?.();
      return;
    }
    const now = new Date();
    try {
      fs.utimesSync(this.#file, now, now);
    } catch {
      // A failed touch only ages the heartbeat; the next one tries again.
    }
  }
}
