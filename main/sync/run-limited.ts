/**
 * Bounded concurrency for a batch of requests: at most `limit` in flight, and after the first failure no further
 * one starts, so a server that is refusing (429, 5xx) sees the requests already sent and no storm after them.
 */
import { ok, type Result } from '../../common/result';

export async function runLimited<T>(tasks: readonly (() => Promise<Result<T>>)[], limit: number): Promise<Result<T[]>> {
  const values: T[] = [];
  let failure: Result<never> | undefined;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < tasks.length) {
      const index = next++;
      const task = tasks[index];
      if (!task) return;
      const result = await task();
      if (result.ok) values[index] = result.value;
      else failure ??= result;
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return failure ?? ok(values);
}
