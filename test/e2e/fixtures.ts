/**
 * The `test` every end-to-end spec uses: Playwright's, plus one automatic step after each test that signs the
 * browser-mode host out. All specs share one host (and so one main process), whose session outlives the page: a
 * spec that ended signed in used to leave the next one facing an inbox where it expected the sign-in form.
 */
import { test as base, type Page } from '@playwright/test';
import { appOrigin } from '../../playwright.config';

export { expect, type Locator, type Page } from '@playwright/test';

/** Asks main to sign out through the page's own authorised bridge route, as the "Sign out" button would. */
async function signOutThroughHost(page: Page): Promise<void> {
  if (page.isClosed() || !page.url().startsWith(appOrigin)) return;
  await page.evaluate(async () => {
    await fetch('/ipc/invoke', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel: 'session:sign-out', input: {} }),
    });
  });
}

export const test = base.extend<{ leavesHostSignedOut: undefined }>({
  leavesHostSignedOut: [
    async ({ page }, use) => {
      await use(undefined);
      await signOutThroughHost(page);
    },
    { auto: true },
  ],
});
