/**
 * Composer benchmarks in Node (the Chromium figure, `composer.keystroke_p95`, is in composer-keystroke.ts).
 * - `composer.sms_count_p95`: what the SMS counter adds to each keystroke: 1,000 characters typed one at a time
 *   (GSM-7 text with one UCS-2 character part-way, so both encodings are counted), each prefix counted as the
 *   counter does on input.
 * Run alone: `npx tsx bench/composer.ts`.
 */
import { pathToFileURL } from 'node:url';
import { countSmsSegments, describeSmsSegments } from '../common/payloads/sms-segments';
import { percentile, type BenchFigures } from './figures';

const typed = `${'Your order ships on Monday, tracking follows by email. '.repeat(9)}Dziękuję! ${'See you soon. '.repeat(40)}`.slice(0, 1_000);

export function benchComposer(): Promise<BenchFigures> {
  const samples: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    for (let length = 1; length <= typed.length; length += 1) {
      const started = performance.now();
      describeSmsSegments(countSmsSegments(typed.slice(0, length)));
      if (round > 0) samples.push(performance.now() - started);
    }
  }
  return Promise.resolve({ 'composer.sms_count_p95': { value: percentile(samples, 95), unit: 'ms' } });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await benchComposer());
}
