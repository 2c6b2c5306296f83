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
// Playwright loads this file in the runner and in each worker: keep one secret and one data folder for all of them.
process.env.INBOX_WEB_SECRET ??= randomBytes(24).toString('base64url');
process.env.INBOX_E2E_USER_DATA ??= mkdtempSync(join(tmpdir(), 'inbox-e2e-'));
const systemChromium = '/usr/bin/chromium';

export const launchUrl = `http://127.0.0.1:${port}/?launch=${process.env.INBOX_WEB_SECRET}`;

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
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
    url: `http://127.0.0.1:${port}/?launch=${process.env.INBOX_WEB_SECRET}`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
