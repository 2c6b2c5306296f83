/**
 * Browser mode's launch in a real browser: the one-time link leaves no token in the address bar, the session
 * cookie belongs to the per-launch `<label>.localhost` name only (cookies ignore ports, so one set for 127.0.0.1 would
 * reach every other local server), and the private launch file the host opens gets the page a session.
 */
import { BROWSER_MODE_ONLY, expect, test } from './fixtures';
import { pathToFileURL } from 'node:url';
import { writeLaunchFile } from '../../main/web-host/launch-file';
import { appOrigin, launchUrl } from '../../playwright.config';

test('the launch link leaves the address bar at once and its cookie stays with this launch\'s host name', { tag: BROWSER_MODE_ONLY }, async ({ page, context }) => {
  await page.goto(launchUrl);
  await expect(page.getByRole('heading', { name: '2-Way Inbox' })).toBeVisible();
  expect(page.url()).toBe(`${appOrigin}/`);
  const port = new URL(appOrigin).port;
  expect(await context.cookies(`http://127.0.0.1:${port}/`)).toEqual([]);
  expect(await context.cookies(`http://localhost:${port}/`)).toEqual([]);
  const [session] = await context.cookies(`${appOrigin}/`);
  expect(session).toMatchObject({ name: 'inbox_session', domain: new URL(appOrigin).hostname, httpOnly: true, sameSite: 'Strict' });
  expect(launchUrl).not.toContain(session?.value);
});

test('the launch file the host opens forwards to the app with a working session', { tag: BROWSER_MODE_ONLY }, async ({ page }) => {
  const file = await writeLaunchFile(launchUrl);
  try {
    await page.goto(pathToFileURL(file.path).href);
    await expect(page).toHaveURL(`${appOrigin}/`);
    await expect(page.getByTestId('app-mode')).toHaveText('browser mode');
  } finally {
    file.remove();
  }
});
