/**
 * Signing in through the form to a service the test started itself (a sandbox with the data the test needs), as an
 * agent would with the Advanced "Service URL"; resolves once the inbox shows the account.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { openApp } from './fixtures';
import type { RunningSandbox } from '../../sandbox/index';

export async function signInTo(page: Page, sandbox: RunningSandbox): Promise<void> {
  await openApp(page);
  await signInWithForm(page, sandbox);
}

/** The sign-in form on the page as it stands (the desktop suite's window opens on it by itself). */
export async function signInWithForm(page: Page, sandbox: RunningSandbox): Promise<void> {
  const account = sandbox.accounts[0];
  if (account === undefined) throw new Error('The sandbox has no account');
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(account.email);
  await form.getByLabel('Password').fill(account.password);
  await (await serviceUrlField(form)).fill(sandbox.baseUrl);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('account-email')).toHaveText(account.email, { timeout: 20_000 });
}

/**
 * The form's "Service URL" field, with Advanced opened if it is closed: the form opens it by itself when it
 * remembers a service other than the default from an earlier sign-in, and a blind click would close it again.
 */
export async function serviceUrlField(form: Locator): Promise<Locator> {
  const serviceUrl = form.getByLabel('Service URL');
  if (!(await serviceUrl.isVisible())) await form.getByText('Advanced').click();
  return serviceUrl;
}
