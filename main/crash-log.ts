/**
 * Main-process errors nobody caught, kept for the agent and for support: appended to crash.log in the user-data
 * folder (0600, in a 0700 folder), rotated to crash.1.log when it outgrows its cap so it never fills a disk, with
 * anything that looks like a secret (tokens, passwords, JWTs, keys, credentials in URLs) replaced before a byte is
 * written. An error recorded marks the log as unseen; the next start offers it once.
 */
import fs from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from './user-data';

export const CRASH_LOG_FILE = 'crash.log';
export const ROTATED_CRASH_LOG_FILE = 'crash.1.log';
const UNSEEN_MARKER_FILE = 'crash.unseen';
export const DEFAULT_CRASH_LOG_MAX_BYTES = 256 * 1024;
/** One entry is capped too, so a huge message cannot push everything else out at once. */
const MAX_ENTRY_CHARS = 16 * 1024;
const REDACTED = '[redacted]';

const SECRET_PATTERNS: readonly [RegExp, string][] = [
  // JSON Web Tokens: three base64url parts, the first a JSON header ("eyJ").
  [/eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g, REDACTED],
  // Authorization headers' schemes.
  [/\b(Bearer|Basic|Token)\s+[\w.~+/=-]{6,}/gi, `$1 ${REDACTED}`],
  // key=value, key: value and "key": "value" for names that hold secrets.
  [
    /\b([\w-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|authorization|cookie|session|credential)[\w-]*)(["']?\s*[:=]\s*["']?)[^\s"'&,;}]+/gi,
    `$1$2${REDACTED}`,
  ],
  // Credentials in URLs: scheme://user:password@host.
  [/\b([a-z][\w+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi, `$1${REDACTED}@`],
];

export function redactSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((redacted, [pattern, replacement]) => redacted.replace(pattern, replacement), text);
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  try {
    return typeof error === 'string' ? error : JSON.stringify(error);
  } catch {
    return String(error);
  }
}

export interface CrashLogOptions {
  dir: string;
  maxBytes?: number;
  now?: () => Date;
}

export class CrashLog {
  readonly path: string;
  readonly #dir: string;
  readonly #maxBytes: number;
  readonly #now: () => Date;

  constructor(options: CrashLogOptions) {
    this.#dir = options.dir;
    this.path = join(options.dir, CRASH_LOG_FILE);
    this.#maxBytes = options.maxBytes ?? DEFAULT_CRASH_LOG_MAX_BYTES;
    this.#now = options.now ?? (() => new Date());
  }

  /** Answers the entry as written (redacted). Never throws: a log that cannot be written must not turn one failure into two. */
  record(context: string, error: unknown): string {
    const body = redactSecrets(describe(error)).slice(0, MAX_ENTRY_CHARS);
    const entry = `[${this.#now().toISOString()}] ${redactSecrets(context)}\n${body}\n\n`;
    try {
      fs.mkdirSync(this.#dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
      this.#rotateIfFull(Buffer.byteLength(entry));
      fs.appendFileSync(this.path, entry, { mode: PRIVATE_FILE_MODE });
      fs.chmodSync(this.path, PRIVATE_FILE_MODE);
      fs.writeFileSync(join(this.#dir, UNSEEN_MARKER_FILE), '', { mode: PRIVATE_FILE_MODE });
    } catch (failure) {
      console.error('Could not write the crash log:', redactSecrets(describe(failure)));
    }
    return entry;
  }

  /** True once after errors were recorded (by this run or an earlier one): the caller offers the log then. */
  takeUnseen(): boolean {
    try {
      fs.rmSync(join(this.#dir, UNSEEN_MARKER_FILE));
      return fs.existsSync(this.path);
    } catch {
      return false;
    }
  }

  #rotateIfFull(incoming: number): void {
    let size = 0;
    try {
      size = fs.statSync(this.path).size;
    } catch {
      return;
    }
    if (size + incoming <= this.#maxBytes) return;
    fs.renameSync(this.path, join(this.#dir, ROTATED_CRASH_LOG_FILE));
  }
}

/** Routes the process's uncaught errors and unhandled rejections to the log, and the same redacted text to stderr. */
export function recordUncaughtErrors(log: CrashLog, target: NodeJS.Process = process): void {
  target.on('uncaughtException', (error) => console.error(log.record('Uncaught exception in main', error)));
  target.on('unhandledRejection', (reason) => console.error(log.record('Unhandled rejection in main', reason)));
}
