/**
 * Signing in through the form to a service the test started itself (a sandbox with the data the test needs), as an
 * agent would with the Advanced "Service URL"; resolves once the inbox shows the account.
 */
import { expect, type Page } from '@playwright/test';
import { launchUrl } from '../../playwright.config';
import type { RunningSandbox } from '../../sandbox/index';

export async function signInTo(page: Page, sandbox: RunningSandbox): Promise<void> {
  await page.goto(launchUrl);
  await signInWithForm(page, sandbox);
}

/** The sign-in form on the page as it stands (the desktop suite's window opens on it by itself). */
export async function signInWithForm(page: Page, sandbox: RunningSandbox): Promise<void> {
  const account = sandbox.accounts[0];
  if (account === undefined) throw new Error('The sandbox has no account');
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(account.email);
  await form.getByLabel('Password').fill(account.password);
  await form.getByText('Advanced').click();
  await form.getByLabel('Service URL').fill(sandbox.baseUrl);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('account-email')).toHaveText(account.email, { timeout: 20_000 });
}
