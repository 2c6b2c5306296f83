/**
 * The browser-mode scenarios in the desktop app: the built app in Electron signs in to a sandbox through the form,
 * lists and opens a conversation, and keeps a draft (in a spell-checked composer) through a reload. Runs only where
 * an Electron binary is installed, and fails (never skips) where not.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import { signInWithForm } from '../e2e/sign-in';
import { installedElectronBinary } from './electron-binary';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

let service: RunningSandbox | undefined;
let desktop: ElectronApplication | undefined;
let configHome: string | undefined;

test.beforeAll(async () => {
  const executablePath = installedElectronBinary(projectRoot);
  if (executablePath === undefined) throw new Error('No Electron binary is installed: run the browser-mode suite (npm run test:e2e) instead');
  service = await startSandbox({ port: 0, seed: 9, customers: 3, messagesPerCustomer: 2 });
  // A user-data folder of its own (Electron puts it under XDG_CONFIG_HOME on Linux), so no agent's data is touched.
  configHome = mkdtempSync(join(tmpdir(), 'inbox-electron-e2e-'));
  desktop = await electron.launch({
    executablePath,
    args: [projectRoot],
    env: { ...process.env, XDG_CONFIG_HOME: configHome, INBOX_UPDATE_FEED_URL: '' },
  });
});

test.afterAll(async () => {
  await desktop?.close();
  await service?.close();
  if (configHome !== undefined) rmSync(configHome, { recursive: true, force: true });
});

/** The desktop window, signed in (the first test signs in through the form; later ones find the inbox). */
async function signedInWindow(): Promise<Page> {
  if (desktop === undefined || service === undefined) throw new Error('the app did not start');
  const page = await desktop.firstWindow();
  if (await page.getByRole('form', { name: 'Sign in' }).isVisible()) await signInWithForm(page, service);
  return page;
}

test('signs in through the form and opens a conversation from the list', async () => {
  const page = await signedInWindow();
  const firstRow = page.getByRole('region', { name: 'Conversations' }).getByRole('option').first();
  await expect(firstRow).toBeVisible({ timeout: 30_000 });
  await firstRow.click();
  await expect(page.getByRole('region', { name: /^Conversation with / })).toBeVisible();
});

test('a draft comes back after the window reloads', async () => {
  const page = await signedInWindow();
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
