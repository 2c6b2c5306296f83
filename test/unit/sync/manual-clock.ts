/**
 * A clock for tests that moves only when told: sleeps resolve as `advance` passes their time, in order, with the
 * promises they release allowed to settle in between, so minutes of polling run in milliseconds.
 */
import type { Clock } from '../../../main/api/retry';

interface Sleeper {
  at: number;
  ms: number;
  resolve: (completed: boolean) => void;
}

export class ManualClock implements Clock {
  #now: number;
  readonly #sleepers = new Set<Sleeper>();
  /** Every sleep asked for, in ms, in order. */
  readonly sleeps: number[] = [];
  randomValue = 0.5;

  constructor(start = Date.UTC(2025, 5, 1, 12)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  random = (): number => this.randomValue;

  sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
    this.sleeps.push(ms);
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const sleeper: Sleeper = { at: this.#now + ms, ms, resolve };
      this.#sleepers.add(sleeper);
      signal?.addEventListener(
        'abort',
        () => {
          if (this.#sleepers.delete(sleeper)) resolve(false);
        },
        { once: true },
      );
    });
  }

  /** Lets everything that is ready run: resolved promises, and the work they start. */
  async settle(): Promise<void> {
    for (let turn = 0; turn < 30; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Moves time forward by `ms`, waking each sleeper at its time. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    await this.settle();
    for (;;) {
      const next = [...this.#sleepers].filter((sleeper) => sleeper.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.#now = Math.max(this.#now, next.at);
      this.#sleepers.delete(next);
      next.resolve(true);
      await this.settle();
    }
    this.#now = target;
    await this.settle();
  }

  /** Time passes with no timer firing (the computer was asleep); the overdue ones fire at the next `advance`. */
  suspend(ms: number): void {
    this.#now += ms;
  }

  /** The longest current sleep still pending, e.g. a loop waiting to be woken. */
  pendingSleeps(): number[] {
    return [...this.#sleepers].map((sleeper) => sleeper.at - this.#now).sort((a, b) => a - b);
  }
}
