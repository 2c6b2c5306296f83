/**
 * How fast the sandbox answers a page of customers with search and sort when an account has 100k customers
 * (target: p95 under 20 ms over loopback). Run alone with `npx tsx bench/sandbox-lists.ts`.
 */
import { pathToFileURL } from 'node:url';
import { DEMO_ACCOUNT, startSandbox } from '../sandbox/index';
import { percentile, timeRuns, type BenchFigures } from './figures';

const CUSTOMERS = 100_000;
const WARM_UP_RUNS = 30;
const MEASURED_RUNS = 300;

const round = (value: number) => Math.round(value * 100) / 100;

export async function benchSandboxLists(): Promise<BenchFigures> {
  const seedStart = performance.now();
  const sandbox = await startSandbox({ port: 0, customers: CUSTOMERS, messagesPerCustomer: 0 });
  const seedMs = performance.now() - seedStart;
  try {
    const login = await fetch(`${sandbox.baseUrl}/api/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(DEMO_ACCOUNT),
    });
    const { token } = (await login.json()) as { token: string };
    const searches = ['mar', 'son', 'ann', 'garc', 'lee', '4474', '97252', 'li', 'a', 'zz'];
    const sorts = ['name', 'last_message_time', 'created', 'phone', 'modified'];
    const query = (run: number) =>
      new URLSearchParams({
        search: searches[run % searches.length] ?? 'a',
        sort: sorts[run % sorts.length] ?? 'name',
        order: run % 2 === 0 ? '1' : '-1',
        offset: String((run % 4) * 50),
        limit: '50',
      });
    let run = 0;
    const listOnce = async (): Promise<void> => {
      const response = await fetch(`${sandbox.baseUrl}/api/customers?${query(run++).toString()}`, { headers: { authorization: token } });
      if (response.status !== 200) throw new Error(`customers.list answered ${response.status}`);
      await response.json();
    };
    const timings = await timeRuns(listOnce, MEASURED_RUNS, WARM_UP_RUNS);
    return {
      'sandbox.seed_100k_customers': { value: round(seedMs), unit: 'ms' },
      'sandbox.customers_list_p50': { value: round(percentile(timings, 50)), unit: 'ms' },
      'sandbox.customers_list_p95': { value: round(percentile(timings, 95)), unit: 'ms' },
      'sandbox.customers_list_max': { value: round(Math.max(...timings)), unit: 'ms' },
    };
  } finally {
    await sandbox.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await benchSandboxLists();
  for (const [name, figure] of Object.entries(figures)) console.log(`${name.padEnd(50)} ${String(figure.value).padStart(10)} ${figure.unit}`);
}
