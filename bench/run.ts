/**
 * `npm run bench`: every benchmark, printed as a table and written to bench/results/latest.json as
 * `{"metric": {"value", "unit", "baseline"?, "ratio"?}}`. Figures are what this machine reached in this run;
 * targets are compared in the printout only, never asserted.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { benchCache } from './cache';
import { benchComposer } from './composer';
import { benchComposerKeystroke } from './composer-keystroke';
import { benchConversation } from './conversation';
import { benchRenderer } from './renderer';
import { benchSandboxLists } from './sandbox-lists';
import { benchSync } from './sync';
import { benchUpload } from './upload';
import type { BenchFigures } from './figures';

interface Target {
  /** Better when the figure is below (`max`) or above (`min`) this. */
  max?: number;
  min?: number;
  /** `excess` is how far the value is above its baseline. */
  on: 'value' | 'ratio' | 'excess';
}

const targets: Record<string, Target> = {
  'sandbox.customers_list_p95': { max: 20, on: 'value' },
  'cache.ingest_100k_customers_1m_messages': { max: 25, on: 'value' },
  'cache.search_p95': { max: 5, on: 'value' },
  'cache.search_short_p95': { max: 5, on: 'value' },
  'cache.search_phone_fragment_p95': { max: 5, on: 'value' },
  'cache.unread_counts_p95': { max: 10, on: 'value' },
  'cache.window_p95': { max: 2, on: 'value' },
  'cache.page_deep_p95': { max: 2, on: 'value' },
  'cache.update_p95': { max: 1 / 1000, on: 'ratio' },
  'sync.idle_requests_per_min': { min: 1000, on: 'ratio' },
  'sync.inbound_visible_p95': { max: 2.5, on: 'value' },
  'conversation.older_page_p95': { max: 300, on: 'value' },
  'upload.rss_growth_50mb': { max: 25, on: 'value' },
  'composer.keystroke_p95': { max: 16, on: 'value' },
  'renderer.first_rows_100k': { max: 300, on: 'excess' },
  'renderer.convo_open_p95': { max: 50, on: 'value' },
  'renderer.convo_open_10k_p95': { max: 1.2, on: 'ratio' },
  'renderer.list_dom_ratio': { max: 1.1, on: 'ratio' },
  'renderer.scroll_frame_p95': { max: 16.7, on: 'value' },
  'renderer.search_visible_p95': { max: 100, on: 'value' },
};

const suites: [string, () => Promise<BenchFigures>][] = [
  ['sandbox lists', benchSandboxLists],
  ['cache', benchCache],
  ['sync', benchSync],
  ['conversation', benchConversation],
  ['upload', benchUpload],
  ['composer', benchComposer],
  ['composer keystroke (Chromium; npm run build first)', benchComposerKeystroke],
  ['renderer (Chromium; npm run build first)', benchRenderer],
];

const only = process.argv.slice(2);
const results: BenchFigures = {};
for (const [name, suite] of suites) {
  if (only.length > 0 && !only.some((word) => name.includes(word))) continue;
  console.log(`▶ ${name}`);
  const started = performance.now();
  Object.assign(results, await suite());
  console.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

console.log('\nmetric'.padEnd(46) + 'value'.padStart(14) + 'baseline'.padStart(14) + 'ratio'.padStart(12) + '  target');
for (const [metric, figure] of Object.entries(results)) {
  const target = targets[metric];
  let verdict = '';
  if (target !== undefined) {
    const seen = target.on === 'ratio' ? figure.ratio : target.on === 'excess' ? figure.value - (figure.baseline ?? Number.NaN) : figure.value;
    const met = seen !== undefined && (target.max === undefined || seen < target.max) && (target.min === undefined || seen > target.min);
    verdict = `${target.on} ${target.max !== undefined ? `< ${target.max}` : `> ${target.min}`}: ${met ? 'met' : 'NOT met'}`;
  }
  console.log(
    metric.padEnd(45) +
      `${format(figure.value)} ${figure.unit}`.padStart(14) +
      (figure.baseline === undefined ? '' : format(figure.baseline)).padStart(14) +
      (figure.ratio === undefined ? '' : format(figure.ratio)).padStart(12) +
      `  ${verdict}`,
  );
}

const outDir = fileURLToPath(new URL('./results', import.meta.url));
mkdirSync(outDir, { recursive: true });
writeFileSync(`${outDir}/latest.json`, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwritten to bench/results/latest.json`);

function format(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  return magnitude >= 100 ? value.toFixed(0) : magnitude >= 1 ? value.toFixed(2) : value.toPrecision(3);
}
