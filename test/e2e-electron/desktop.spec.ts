/**
 * What only the desktop app has, in the built app in Electron (the browser-mode scenarios run there too, through
 * test/e2e/fixtures.ts): the window's composer is spell-checked, and a draft survives the window reloading. Runs only
 * where an Electron binary is installed, and fails (never skips) where not.
 */
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import { e2eTarget, expect, openApp, test } from '../e2e/fixtures';
import { signInWithForm } from '../e2e/sign-in';

let service: RunningSandbox | undefined;

test.beforeAll(async () => {
  if (e2eTarget !== 'electron') throw new Error('The desktop scenarios run in the desktop app: npx playwright test --config playwright.electron.config.ts');
  service = await startSandbox({ port: 0, seed: 9, customers: 3, messagesPerCustomer: 2 });
});

test.afterAll(async () => {
  await service?.close();
});

test('the composer is spell-checked and a draft comes back after the window reloads', async ({ page }) => {
  if (service === undefined) throw new Error('the sandbox did not start');
  await openApp(page);
  await signInWithForm(page, service);
  const conversation = page.getByRole('region', { name: /^Conversation with / });
  const composer = conversation.getByRole('textbox', { name: /^Message to / });
  await page.getByRole('region', { name: 'Conversations' }).getByRole('option').first().click();
  await expect(composer).toHaveAttribute('spellcheck', 'true');
  const words = `Your replacement ships on Monday (${Date.now()})`;
  await composer.fill(words);
  await page.reload();
  await page.getByRole('region', { name: 'Conversations' }).getByRole('option').first().click();
  await expect(composer).toHaveValue(words, { timeout: 20_000 });
});
