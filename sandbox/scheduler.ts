/**
 * Every timer the sandbox starts goes through here, so close() and reset() can cancel all of them: with life
 * off nothing is ever scheduled, and a closed sandbox leaves no handle keeping the process alive.
 */
export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  after(ms: number, run: () => void): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  every(ms: number, run: () => void): void {
    if (this.stopped) return;
    const timer = setInterval(run, ms);
    this.timers.add(timer);
  }

  /** Cancel everything pending; the scheduler stays usable. */
  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  stop(): void {
    this.clear();
    this.stopped = true;
  }

  get pending(): number {
    return this.timers.size;
  }
}
