/** The renderer opens in Chromium through browser mode and reaches main through the contract. */
import { BROWSER_MODE_ONLY, expect, test } from './fixtures';
import { launchUrl } from '../../playwright.config';

test('opens the app in browser mode and shows what main reports about itself', { tag: BROWSER_MODE_ONLY }, async ({ page }) => {
  await page.goto(launchUrl);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { name: '2-Way Inbox' })).toBeVisible();
  await expect(page.getByTestId('app-mode')).toHaveText('browser mode');
  await expect(page.getByTestId('app-version')).toHaveText(/^\d+\.\d+\.\d+/);
});

test('the page cannot call main without the launch secret', { tag: BROWSER_MODE_ONLY }, async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.goto('/');
  expect(response?.status()).toBe(403);
  await context.close();
});

test('the content security policy blocks inline script', { tag: BROWSER_MODE_ONLY }, async ({ page }) => {
  await page.goto(launchUrl);
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true;';
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
});
