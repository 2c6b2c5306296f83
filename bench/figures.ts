/** The shape every benchmark returns, and the percentile helper they share. */
export interface BenchFigure {
  value: number;
  unit: string;
  /** The same measure taken the naive way, in the same run, where a side-by-side comparison exists. */
  baseline?: number;
  /** value / baseline. */
  ratio?: number;
}
export type BenchFigures = Record<string, BenchFigure>;

/** The p-th percentile (0-100) of samples, nearest-rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times, and returns each run's milliseconds. */
export async function timeRuns(fn: () => unknown, runs = 100, warmup = 10): Promise<number[]> {
  for (let index = 0; index < warmup; index += 1) await fn();
  const samples: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}
