/**
 * A loop's sleep that someone else can cut short: the sync engine's loops and the outbox worker sleep until their
 * next due time, or until news (a send, the network's return, a change of focus) wakes them. A wake that comes
 * while the loop is busy is kept, so its next sleep returns at once and nothing is missed.
 */
import type { Clock } from '../api/retry';

export class Waker {
  #controller = new AbortController();

  wake(): void {
    this.#controller.abort();
  }

  /** Sleeps `ms`, unless woken or `stop` aborts first; answers whether the whole time passed. */
  async sleep(clock: Clock, ms: number, stop: AbortSignal): Promise<boolean> {
    const controller = this.#controller;
    let completed = false;
    if (!controller.signal.aborted && !stop.aborted) {
      // One signal for either cause, with listeners removed afterwards: a loop sleeps thousands of times a day, and
      // nothing of each sleep may stay attached to the long-lived stop signal.
      const either = new AbortController();
      const abort = () => either.abort();
      controller.signal.addEventListener('abort', abort, { once: true });
      stop.addEventListener('abort', abort, { once: true });
      try {
        completed = await clock.sleep(ms, either.signal);
      } finally {
        controller.signal.removeEventListener('abort', abort);
        stop.removeEventListener('abort', abort);
      }
    }
    if (this.#controller === controller && controller.signal.aborted) this.#controller = new AbortController();
    return completed;
  }
}
