/**
 * End-to-end tests: the real renderer in Chromium, served by browser mode's host (the same handler table as the
 * desktop app). Debian's Chromium is used where it is installed, since no browser can be downloaded here.
 */
import { defineConfig } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = Number(process.env.INBOX_E2E_PORT ?? 45173);
// Playwright loads this file in the runner and in each worker: keep one host name, one launch key and one data
// folder for all of them. The key, unlike a real launch token, opens a session again for every test's fresh context.
process.env.INBOX_E2E_HOST_LABEL ??= `e2e-${randomBytes(8).toString('hex')}`;
process.env.INBOX_E2E_LAUNCH_KEY ??= randomBytes(24).toString('base64url');
process.env.INBOX_E2E_USER_DATA ??= mkdtempSync(join(tmpdir(), 'inbox-e2e-'));
const systemChromium = '/usr/bin/chromium';

/** The app's only origin: browser mode answers a per-launch `<label>.localhost` name, never 127.0.0.1. */
export const appOrigin = `http://${process.env.INBOX_E2E_HOST_LABEL}.localhost:${port}`;
export const launchUrl = `${appOrigin}/?launch=${process.env.INBOX_E2E_LAUNCH_KEY}`;

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: 'list',
  use: {
    baseURL: appOrigin,
    trace: 'retain-on-failure',
    launchOptions: existsSync(systemChromium)
      ? {
          executablePath: systemChromium,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        }
      : {},
  },
  webServer: {
    command: `npx tsx main/web-host/cli.ts --port ${port} --no-open --user-data ${process.env.INBOX_E2E_USER_DATA}`,
    // Readiness only: the host answers a foreign Host with 403, which Playwright counts as up.
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
