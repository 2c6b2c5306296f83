/**
 * The desktop end-to-end suite: the built app (`npm run build`) launched in the real Electron binary through
 * Playwright's `_electron`, running the browser-mode suite's scenarios in the desktop window. Where no Electron binary
 * is installed it fails at once rather than pass or skip; `npm test` checks first and says in one line why it was not run.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e-electron',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  reporter: 'list',
  use: { trace: 'retain-on-failure' },
});
