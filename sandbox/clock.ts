/**
 * The sandbox's notion of "now": wall time plus an offset the control API can advance, so tests can cross the
 * WhatsApp template edit limits (a day, 30 days) and token expiry without waiting.
 */
export class Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  iso(ms: number = this.now()): string {
    return new Date(ms).toISOString();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
