/**
 * Injected faults, matched per route and method: what a flaky network or an overloaded service does to a client.
 * "Before" faults answer instead of the handler (the request never happened); "after" faults let the handler make
 * its change and then spoil the answer (the request happened, the client cannot tell).
 */
import { z } from 'zod';
import { faultKinds, type FaultKind, type FaultSpec } from './options';
import { routePattern } from './operations';
import type { Random } from './random';

export const FaultSpecSchema = z.object({
  method: z.string().min(1).optional(),
  path: z.string().min(1),
  kind: z.enum(faultKinds),
  probability: z.number().min(0).max(1).optional(),
  times: z.number().int().positive().optional(),
  status: z.number().int().min(100).max(599).optional(),
  latencyMs: z.number().nonnegative().optional(),
  jitterMs: z.number().nonnegative().optional(),
  retryAfter: z.string().min(1).optional(),
});

export interface ActiveFault extends FaultSpec {
  id: string;
  /** How many requests it has spoiled so far. */
  applied: number;
}

/** Faults that answer after the handler ran. */
export const afterFaultKinds: readonly FaultKind[] = ['reset-after', 'malformed-json', 'wrong-type'];

export class FaultTable {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  constructor(private readonly random: Random) {}

  add(spec: FaultSpec): string {
    const id = `fault-${this.nextId++}`;
    this.faults.push({ ...spec, path: routePattern(spec.path), id, applied: 0 });
    return id;
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((fault) => fault.id !== id);
    return this.faults.length !== before;
  }

  clear(): void {
    this.faults = [];
  }

  list(): ActiveFault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  /**
   * The faults that fire for this request: each matching fault rolls its probability and, when it fires, uses up
   * one of its `times`. `route` is the matched route pattern (undefined for unknown paths).
   */
  take(method: string, route: string | undefined, path: string): ActiveFault[] {
    const fired: ActiveFault[] = [];
    for (const fault of this.faults) {
      if (fault.method !== undefined && fault.method.toUpperCase() !== method.toUpperCase()) continue;
      const pathMatches = fault.path === '*' || fault.path === route || fault.path === path;
      if (!pathMatches) continue;
      if (fault.probability !== undefined && !this.random.chance(fault.probability)) continue;
      fault.applied++;
      if (fault.times !== undefined) fault.times--;
      fired.push({ ...fault });
    }
    this.faults = this.faults.filter((fault) => fault.times === undefined || fault.times > 0);
    return fired;
  }
}

/** The delay a latency fault adds, jittered by up to `jitterMs` either way. */
export function faultDelay(fault: FaultSpec, random: Random): number {
  const jitter = fault.jitterMs ?? 0;
  return Math.max(0, (fault.latencyMs ?? 0) + (random.next() * 2 - 1) * jitter);
}

/** Cut a JSON text short, as a proxy that dropped the connection halfway would. */
export function truncateJson(text: string): string {
  return text.length <= 2 ? '{"' : text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}

/**
 * The same answer with one field's type changed: the first string becomes a number, or the first number a string,
 * or the first boolean a string, searching depth-first (into the first element of arrays).
 */
export function changeOneFieldType(value: unknown): { changed: boolean; value: unknown } {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const inner = changeOneFieldType(value[index]);
      if (inner.changed) return { changed: true, value: value.map((item, at) => (at === index ? inner.value : item)) };
    }
    return { changed: false, value };
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    for (const [key, field] of entries) {
      if (typeof field === 'string') return { changed: true, value: { ...value, [key]: field.length + 0.5 } };
      if (typeof field === 'number') return { changed: true, value: { ...value, [key]: String(field) } };
      if (typeof field === 'boolean') return { changed: true, value: { ...value, [key]: String(field) } };
    }
    for (const [key, field] of entries) {
      const inner = changeOneFieldType(field);
      if (inner.changed) return { changed: true, value: { ...value, [key]: inner.value } };
    }
  }
  return { changed: false, value };
}
