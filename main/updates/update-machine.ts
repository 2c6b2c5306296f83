/**
 * The desktop app's update cycle in plain Node: looks for a new version at start and every few hours (with jitter,
 * so a fleet of installs does not hit the feed at the same minute), downloads it in the background, and installs it
 * only when the agent consents. The updater port is electron-updater's autoUpdater in the app
 * (main/electron/updates.ts) and a fake feed in tests; its events are fed back through the `on*` methods.
 */
import type { UpdateState } from '../../common/contract/updates';

export const CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;
/** Each wait is the interval plus up to this much, drawn afresh every time. */
export const CHECK_JITTER_MS = 30 * 60 * 1000;

export interface UpdaterPort {
  /** Asks the feed for a newer version; the answer arrives through onAvailable / onNotAvailable / onError. */
  check(): Promise<unknown>;
  download(): Promise<unknown>;
  /** Quits the app and runs the installer of the downloaded version. */
  install(): void;
}

export interface TimerPort {
  setTimeout(callback: () => void, ms: number): { cancel(): void };
}

export interface UpdateMachineOptions {
  updater: UpdaterPort;
  onChange(state: UpdateState): void;
  timer?: TimerPort;
  /** A number in [0, 1): Math.random in the app, fixed in tests. */
  random?: () => number;
}

const realTimer: TimerPort = {
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, ms);
    // A pending check must not keep a quitting app alive.
    handle.unref();
    return { cancel: () => clearTimeout(handle) };
  },
};

/** Codes electron-updater gives a download that is not ours: a bad Authenticode signature or a wrong sha512. */
const SIGNATURE_ERROR_CODES = new Set(['ERR_UPDATER_INVALID_SIGNATURE', 'ERR_CHECKSUM_MISMATCH']);
/** What Squirrel.Mac says when the downloaded app's code signature does not validate (it gives no code). */
const MAC_SIGNATURE_MESSAGE = /code signature|did not pass validation|not signed/i;

export function isSignatureError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = 'code' in error ? error.code : undefined;
  if (typeof code === 'string' && SIGNATURE_ERROR_CODES.has(code)) return true;
  return error instanceof Error && MAC_SIGNATURE_MESSAGE.test(error.message);
}

export class UpdateMachine {
  #state: UpdateState = { status: 'idle' };
  #nextCheck: { cancel(): void } | undefined;
  #stopped = false;
  readonly #updater: UpdaterPort;
  readonly #onChange: (state: UpdateState) => void;
  readonly #timer: TimerPort;
  readonly #random: () => number;

  constructor(options: UpdateMachineOptions) {
    this.#updater = options.updater;
    this.#onChange = options.onChange;
    this.#timer = options.timer ?? realTimer;
    this.#random = options.random ?? Math.random;
  }

  state(): UpdateState {
    return this.#state;
  }

  /** Checks now and then on the schedule until stop(). */
  start(): void {
    this.#stopped = false;
    void this.check();
  }

  stop(): void {
    this.#stopped = true;
    this.#nextCheck?.cancel();
    this.#nextCheck = undefined;
  }

  async check(): Promise<void> {
    // A download under way or waiting for consent is not thrown away by a later check.
    if (this.#busy()) return;
    this.#set({ status: 'checking' });
    try {
      await this.#updater.check();
    } catch (error) {
      this.onError(error);
    } finally {
      this.#scheduleNext();
    }
  }

  onAvailable(version: string): void {
    this.#set({ status: 'available', version });
    this.#set({ status: 'downloading', version, percent: 0 });
    this.#updater.download().catch((error: unknown) => this.onError(error));
  }

  onNotAvailable(): void {
    if (this.#state.status === 'checking') this.#set({ status: 'idle' });
  }

  onProgress(percent: number): void {
    if (this.#state.status !== 'downloading') return;
    const clamped = Math.min(100, Math.max(0, percent));
    this.#set({ ...this.#state, percent: Math.round(clamped * 10) / 10 });
  }

  onDownloaded(version: string): void {
    this.#set({ status: 'ready', version });
  }

  onError(error: unknown): void {
    // electron-updater reports one failure through both its promise and its error event; the first one counts.
    if (this.#state.status === 'error') return;
    this.#set(
      isSignatureError(error)
        ? {
            status: 'error',
            kind: 'signature',
            message: 'The downloaded update is not signed by the 2-Way Inbox publisher, so it was discarded.',
          }
        : { status: 'error', kind: 'other', message: 'Could not check for updates; will try again later.' },
    );
  }

  /** The agent's consent. Only a verified, downloaded version is ever installed. */
  install(): boolean {
    if (this.#state.status !== 'ready') return false;
    this.stop();
    this.#updater.install();
    return true;
  }

  #busy(): boolean {
    const { status } = this.#state;
    return status === 'checking' || status === 'downloading' || status === 'available' || status === 'ready';
  }

  #scheduleNext(): void {
    if (this.#stopped) return;
    this.#nextCheck?.cancel();
    const wait = CHECK_INTERVAL_MS + Math.floor(this.#random() * CHECK_JITTER_MS);
    this.#nextCheck = this.#timer.setTimeout(() => void this.check(), wait);
  }

  #set(state: UpdateState): void {
    this.#state = state;
    this.#onChange(state);
  }
}
