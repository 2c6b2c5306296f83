/**
 * The `test` every end-to-end spec uses, for both places the scenarios run:
 * - browser mode (playwright.config.ts, everywhere): Playwright's own page in Chromium, on the browser-mode host;
 * - the desktop app (playwright.electron.config.ts, wherever an Electron binary is installed): the built app launched
 *   through Playwright's `_electron` once per worker, whose window is the `page` and whose context is the `context`.
 * Specs open the app with `openApp(page)`, never a URL of their own, so the same spec runs in both. A spec that is
 * about browser mode itself (its launch link, cookies, a second browser) is tagged `@browser-mode` and is not run in
 * the desktop app.
 *
 * After each test one automatic step signs main out: all tests share one main process (the host, or the desktop
 * app), whose session outlives the page, and a spec that ended signed in used to leave the next one facing an inbox
 * where it expected the sign-in form.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, test as base, type ElectronApplication, type Page } from '@playwright/test';
import { appOrigin, launchUrl } from '../../playwright.config';
import { installedElectronBinary } from '../e2e-electron/electron-binary';

export { expect, type Locator, type Page } from '@playwright/test';

export type E2eTarget = 'browser' | 'electron';
export const e2eTarget: E2eTarget = process.env.INBOX_E2E_TARGET === 'electron' ? 'electron' : 'browser';

export { BROWSER_MODE_ONLY } from './scenario-tags';

/** The desktop window's page (main/electron/main-window.ts loads the renderer from the app's own scheme). */
const DESKTOP_ENTRY = 'app://inbox/index.html';

/** Opens the app afresh: browser mode's one-time launch link, or the desktop window reloaded. */
export async function openApp(page: Page): Promise<void> {
  await page.goto(e2eTarget === 'electron' ? DESKTOP_ENTRY : launchUrl);
}

/** Asks main to sign out through the page's own bridge, as the "Sign out" button would. */
async function signOutThroughMain(page: Page): Promise<void> {
  if (page.isClosed()) return;
  if (e2eTarget === 'electron') {
    await page.evaluate(async () => {
      const bridge = (globalThis as unknown as { inbox?: { invoke(channel: string, input: object): Promise<unknown> } }).inbox;
      await bridge?.invoke('session:sign-out', {});
    });
    return;
  }
  if (!page.url().startsWith(appOrigin)) return;
  await page.evaluate(async () => {
    await fetch('/ipc/invoke', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel: 'session:sign-out', input: {} }),
    });
  });
}

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The built app in Electron, with a user-data folder of its own so no agent's data is touched. */
async function launchDesktopApp(): Promise<{ app: ElectronApplication; close(): Promise<void> }> {
  const executablePath = installedElectronBinary(projectRoot);
  if (executablePath === undefined) throw new Error('No Electron binary is installed: run the browser-mode suite (npm run test:e2e) instead');
  // Electron puts the user-data folder under XDG_CONFIG_HOME on Linux (and under the profile elsewhere).
  const configHome = mkdtempSync(join(tmpdir(), 'inbox-electron-e2e-'));
  const app = await electron.launch({
    executablePath,
    args: [projectRoot],
    env: { ...process.env, XDG_CONFIG_HOME: configHome, INBOX_UPDATE_FEED_URL: '' },
  });
  return {
    app,
    close: async () => {
      await app.close();
      rmSync(configHome, { recursive: true, force: true });
    },
  };
}

const browserTest = base.extend<{ leavesMainSignedOut: undefined }>({
  leavesMainSignedOut: [
    async ({ page }, use) => {
      await use(undefined);
      await signOutThroughMain(page);
    },
    { auto: true },
  ],
});

const desktopTest = browserTest.extend<object, { desktopApp: ElectronApplication }>({
  desktopApp: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const desktop = await launchDesktopApp();
      await use(desktop.app);
      await desktop.close();
    },
    { scope: 'worker' },
  ],
  context: async ({ desktopApp }, use) => {
    await use(desktopApp.context());
  },
  page: async ({ desktopApp }, use) => {
    await use(await desktopApp.firstWindow());
  },
});

/**
 * Typed as the browser suite's `test`: the desktop one only adds a worker fixture no spec names, and replaces
 * `page` and `context` with the desktop window's.
 */
export const test: typeof browserTest = e2eTarget === 'electron' ? desktopTest : browserTest;
