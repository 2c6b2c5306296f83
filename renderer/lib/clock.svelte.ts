/** The current time as reactive state, so "updated 2 min ago" and "Yesterday" stay true while the app stays open. */

const defaultTickMs = 30_000;

export class Clock {
  now = $state(Date.now());
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly tickMs = defaultTickMs) {}

  start(): () => void {
    this.stop();
    this.now = Date.now();
    this.#timer = setInterval(() => {
      this.now = Date.now();
    }, this.tickMs);
    return () => this.stop();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
