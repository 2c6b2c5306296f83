/**
 * The desktop end-to-end suite: the browser-mode suite's scenarios (test/e2e, all but those tagged `@browser-mode`)
 * and the desktop-only ones (test/e2e-electron), in the built app (`npm run build`) launched in the real Electron
 * binary through Playwright's `_electron` (test/e2e/fixtures.ts swaps the page for the desktop window). Where no
 * Electron binary is installed it fails at once rather than pass or skip; `npm test` checks first and says in one line
 * why it was not run.
 */
import { defineConfig } from '@playwright/test';

// Read by test/e2e/fixtures.ts in the runner and in every worker, which load this file too.
process.env.INBOX_E2E_TARGET = 'electron';

export default defineConfig({
  testDir: 'test',
  testMatch: ['e2e/**/*.spec.ts', 'e2e-electron/**/*.spec.ts'],
  grepInvert: /@browser-mode/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  reporter: 'list',
  use: { trace: 'retain-on-failure' },
});
