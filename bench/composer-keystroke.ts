/**
 * `composer.keystroke_p95`: 1,000 characters typed into an SMS conversation with the counter on, in Chromium
 * through browser mode (the built renderer, main's services in this process, a sandbox on 127.0.0.1). Each
 * keystroke is timed from its input event until the page has applied it (the counter's new count laid out); the
 * baseline is the same typing in a Telegram conversation, which has no counter.
 * Needs `npm run build` first. Run alone: `npx tsx bench/composer-keystroke.ts`.
 */
import { chromium } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createAppServices } from '../main/app-services';
import { createDispatch } from '../main/ipc/handler-table';
import { startWebHost } from '../main/web-host/server';
import { startSandbox } from '../sandbox/index';
import { signInWithForm } from '../test/e2e/sign-in';
import { percentile, type BenchFigures } from './figures';

const typedLength = 1_000;

/** The little of the page's DOM the typing loop uses (the Node project's types have no DOM). */
interface ReplyField {
  value: string;
  dispatchEvent(event: Event): boolean;
  form: { offsetHeight: number; querySelector(selector: string): { textContent: string | null } | null } | null;
}
interface PageGlobals {
  requestAnimationFrame(callback: () => void): number;
}
const systemChromium = '/usr/bin/chromium';

export async function benchComposerKeystroke(): Promise<BenchFigures> {
  const rendererDir = fileURLToPath(new URL('../out/renderer', import.meta.url));
  if (!existsSync(rendererDir)) throw new Error('Build the renderer first: npm run build');
  const userDataDir = mkdtempSync(join(tmpdir(), 'inbox-bench-'));
  const sandbox = await startSandbox({ port: 0, seed: 11, customers: 2, messagesPerCustomer: 2 });
  const services = await createAppServices({ mode: 'browser', userDataDir });
  const host = await startWebHost({ dispatch: createDispatch(services.handlers), events: services.events, rendererDir, port: 0 });
  const browser = await chromium.launch(existsSync(systemChromium) ? { executablePath: systemChromium, args: ['--no-sandbox', '--disable-gpu'] } : {});
  try {
    const question = `Do you open on Sunday? (${Date.now()})`;
    const viaTelegram = `And on Monday? (${Date.now()})`;
    await sandbox.injectInbound({ customer: '447911654321', text: question, channelType: 'SMS' });
    await sandbox.injectInbound({ customer: '447911654322', text: viaTelegram, channelType: 'TG' });
    const page = await browser.newPage();
    await page.goto(host.launchUrl);
    await signInWithForm(page, sandbox);

    /** Types into the conversation whose latest words are `preview`; returns each keystroke's time and what the counter says. */
    async function typeInto(preview: string): Promise<{ times: number[]; finalCount: string }> {
      await page.getByRole('region', { name: 'Conversations' }).getByRole('option').filter({ hasText: preview }).click({ timeout: 60_000 });
      return page.getByRole('form', { name: 'Reply' }).getByRole('textbox').evaluate(async (field, length) => {
        const textarea = field as unknown as ReplyField;
        const browserWindow = globalThis as unknown as PageGlobals;
        const measured: number[] = [];
        let text = '';
        for (let index = 0; index < length; index += 1) {
          text += index % 7 === 6 ? ' ' : 'abcdef'.charAt(index % 7);
          const started = performance.now();
          textarea.value = text;
          textarea.dispatchEvent(new Event('input', { bubbles: true }));
          // Svelte applies the change in a microtask queued before this one; then style and layout are forced, so
          // the figure holds everything a keystroke costs but the wait for the next frame.
          await Promise.resolve();
          void textarea.form?.offsetHeight;
          measured.push(performance.now() - started);
          await new Promise<void>((resolve) => browserWindow.requestAnimationFrame(() => resolve()));
        }
        return { times: measured, finalCount: textarea.form?.querySelector('[role="status"]')?.textContent ?? '' };
      }, typedLength);
    }

    const sms = await typeInto(question);
    // 1,000 GSM-7 characters are 7 segments of 153: anything else means the counter was not what was measured.
    if (sms.finalCount !== '7 segments · GSM-7') throw new Error(`The counter read "${sms.finalCount}" after typing`);
    const telegram = await typeInto(viaTelegram);
    const value = percentile(sms.times, 95);
    const baseline = percentile(telegram.times, 95);
    return { 'composer.keystroke_p95': { value, unit: 'ms', baseline, ratio: value / baseline } };
  } finally {
    await browser.close();
    await host.close();
    await services.close();
    await sandbox.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await benchComposerKeystroke());
}
