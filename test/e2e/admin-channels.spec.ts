/**
 * Channels and agents in the Administration area, in Chromium through browser mode against a sandbox of the test's
 * own: an SMS channel and a Telegram channel created, changed and deleted, numbers added and an agent deleted, a
 * bot configured and one chatbot story set on every channel, each checked against the requests and bodies the
 * reference documents in the sandbox's request log (a token logged as sent, never itself); limits refused before
 * any request; no serious axe violation on the channel screens and dialogs, light or dark.
 */
import { expect, test, type Page } from './fixtures';
import { startSandbox, type RequestLogEntry, type RunningSandbox } from '../../sandbox/index';
import { expectNoSeriousViolations } from './axe';
import { signInTo } from './sign-in';

let sandbox: RunningSandbox;

// Each test runs axe over several screens, which takes a while on a busy two-core machine.
test.describe.configure({ timeout: 300_000 });

test.beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 21, customers: 2, messagesPerCustomer: 1, life: false });
});

test.afterAll(async () => {
  await sandbox.close();
});

/** The channel and agent writes the app made since the request log held `since` entries, as the sandbox logged them. */
function channelWrites(since: number): Pick<RequestLogEntry, 'method' | 'path' | 'status' | 'body'>[] {
  return sandbox
    .requestLog()
    .slice(since)
    .filter((entry) => entry.method !== 'GET' && /^\/api\/(channels|agents)/.test(entry.path))
    .map(({ method, path, status, body }) => ({ method, path, status, body }));
}

/** axe over the page as it is now, in light and then in dark mode. */
async function expectAccessibleInBothSchemes(page: Page, screen: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoSeriousViolations(page, `${screen} (${scheme})`);
  }
}

async function openChannels(page: Page): Promise<void> {
  await signInTo(page, sandbox);
  await page.getByRole('button', { name: 'Administration' }).click();
  await expect(page.getByRole('tabpanel').getByRole('table', { name: 'Channels' })).toBeVisible();
}

test('SMS channel: created, changed, numbers added and one deleted, then deleted, limits refused first', async ({ page }) => {
  await openChannels(page);
  const since = sandbox.requestLog().length;
  const panel = page.getByRole('tabpanel');
  await expectAccessibleInBothSchemes(page, 'the channel list');

  await panel.getByRole('button', { name: 'New channel' }).click();
  const dialog = page.getByRole('dialog', { name: 'New channel' });
  await dialog.getByRole('combobox', { name: 'Channel type' }).selectOption({ label: 'RCS' });
  await dialog.getByRole('textbox', { name: 'Colour' }).fill('#FFD700');
  await expect(dialog.getByText(/too faint/)).toBeVisible();
  await expectAccessibleInBothSchemes(page, 'the new RCS channel form');

  await dialog.getByRole('combobox', { name: 'Channel type' }).selectOption({ label: 'SMS' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('E2E SMS');
  await dialog.getByRole('combobox', { name: 'Region' }).selectOption('EU');
  await dialog.getByRole('combobox', { name: 'Country' }).selectOption('GB');
  await dialog.getByRole('textbox', { name: 'VLN quantity' }).fill('21');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByText('At most 20 numbers at a time')).toBeVisible();
  await expectAccessibleInBothSchemes(page, 'the new SMS channel form with an error');
  expect(channelWrites(since)).toEqual([]);

  await dialog.getByRole('textbox', { name: 'VLN quantity' }).fill('2');
  await dialog.getByRole('button', { name: 'Create' }).click();
  const details = page.getByRole('region', { name: 'E2E SMS' });
  await expect(details.getByRole('button', { name: 'Chatbot story' })).toHaveCount(2);
  const id = openedChannelId(since);

  const settings = details.getByRole('form', { name: 'Channel settings' });
  await settings.getByRole('textbox', { name: 'Welcome message' }).fill('Welcome to E2E SMS!');
  await settings.getByRole('combobox', { name: 'Chatbot story' }).selectOption({ index: 1 });
  const story = (await settings.getByRole('combobox', { name: 'Chatbot story' }).inputValue()).split(':');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings.getByText('Saved.')).toBeVisible();
  await expectAccessibleInBothSchemes(page, 'a channel’s details');

  await details.getByRole('textbox', { name: 'Numbers to add' }).fill('1');
  await details.getByRole('button', { name: 'Add numbers' }).click();
  await expect(details.getByRole('button', { name: 'Chatbot story' })).toHaveCount(3);
  const firstAgent = (await details.locator('tbody tr td:first-child').first().getAttribute('id'))?.replace(/^agent-/, '') ?? '';
  await details.getByRole('button', { name: 'Delete' }).first().click();
  const confirmAgent = page.getByRole('alertdialog', { name: 'Delete this agent?' });
  await expectAccessibleInBothSchemes(page, 'the agent delete confirmation');
  await confirmAgent.getByRole('button', { name: 'Delete' }).click();
  await expect(details.getByRole('button', { name: 'Chatbot story' })).toHaveCount(2);

  await details.getByRole('button', { name: 'Back to channels' }).click();
  const row = panel.getByRole('row').filter({ hasText: 'E2E SMS' });
  await row.getByRole('button', { name: 'Delete' }).click();
  await expectAccessibleInBothSchemes(page, 'the channel delete confirmation');
  await page.getByRole('alertdialog', { name: 'Delete this channel?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(panel.getByRole('row').filter({ hasText: 'E2E SMS' })).toHaveCount(0);

  expect(channelWrites(since)).toEqual([
    { method: 'POST', path: '/api/channels', status: 201, body: { type: 'SMS', vln_quantity: 2, config: { name: 'E2E SMS', region: 'EU', country: 'GB' } } },
    {
      method: 'PATCH',
      path: `/api/channels/${id}`,
      status: 200,
      body: { welcome_message: 'Welcome to E2E SMS!', chatbot: { story_id: story[1], origin: story[0] } },
    },
    { method: 'POST', path: `/api/channels/${id}/agents`, status: 201, body: { type: 'SMS', provider: 'IZONET', vln_quantity: 1 } },
    { method: 'DELETE', path: `/api/channels/${id}/agents/${firstAgent}`, status: 200, body: undefined },
    { method: 'DELETE', path: `/api/channels/${id}`, status: 200, body: undefined },
  ]);
});

/** The id of the first channel whose details were read since the log's mark `since`: the one just created. */
function openedChannelId(since: number): string {
  const created = sandbox.requestLog().slice(since).find((entry) => entry.method === 'GET' && /^\/api\/channels\/[^/]+$/.test(entry.path));
  return created?.path.split('/').at(-1) ?? '';
}

test('Telegram channel: created, its bot configured with the token never shown, and one story on every channel', async ({ page }) => {
  await openChannels(page);
  const since = sandbox.requestLog().length;
  const panel = page.getByRole('tabpanel');
  const token = '1827085009:AAGcSqLyPTdmnNmWL4-e2e';

  await panel.getByRole('button', { name: 'New channel' }).click();
  const dialog = page.getByRole('dialog', { name: 'New channel' });
  await dialog.getByRole('combobox', { name: 'Channel type' }).selectOption({ label: 'Telegram' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('E2E Telegram');
  await dialog.getByRole('textbox', { name: 'Bot name' }).fill('E2EBot');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByText('Enter the access token Telegram issued')).toBeVisible();
  expect(channelWrites(since)).toEqual([]);
  await dialog.getByLabel('Access token').fill(token);
  await expectAccessibleInBothSchemes(page, 'the new Telegram channel form');
  await dialog.getByRole('button', { name: 'Create' }).click();

  const details = page.getByRole('region', { name: 'E2E Telegram' });
  await expect(details.getByRole('cell', { name: 'E2EBot' })).toBeVisible();
  await expect(page.getByText(token)).toHaveCount(0);
  await expectAccessibleInBothSchemes(page, 'a Telegram channel’s details');
  const agentId = (await details.locator('tbody tr td:first-child').first().getAttribute('id'))?.replace(/^agent-/, '') ?? '';
  await details.getByRole('button', { name: 'Configure bot' }).click();
  const configure = page.getByRole('dialog', { name: 'Configure Telegram bot' });
  await expect(configure.getByLabel('Access token')).toHaveValue('');
  await configure.getByRole('combobox', { name: 'Status' }).selectOption('HOLD');
  await configure.getByLabel('Access token').fill(`${token}-2`);
  await expectAccessibleInBothSchemes(page, 'the Telegram bot form');
  await configure.getByRole('button', { name: 'Save' }).click();
  await expect(details.getByRole('cell', { name: 'On hold' })).toBeVisible();

  await details.getByRole('button', { name: 'Back to channels' }).click();
  await panel.getByRole('button', { name: 'Chatbot story for every channel' }).click();
  const everywhere = page.getByRole('dialog', { name: 'Chatbot story for every channel' });
  await everywhere.getByRole('combobox', { name: 'Chatbot story' }).selectOption({ index: 1 });
  // The option names the story's chatbot too when several are enabled; sentences name the story alone.
  const storyName = ((await everywhere.getByRole('combobox', { name: 'Chatbot story' }).locator('option:checked').textContent()) ?? '').replace(/ \(.*\)$/, '');
  const story = (await everywhere.getByRole('combobox', { name: 'Chatbot story' }).inputValue()).split(':');
  await expectAccessibleInBothSchemes(page, 'the every-channel chatbot story form');
  await everywhere.getByRole('button', { name: 'Use this chatbot story on every channel' }).click();
  const confirm = page.getByRole('alertdialog', { name: `Use ${storyName} on every channel?` });
  await expectAccessibleInBothSchemes(page, 'the every-channel confirmation');
  await confirm.getByRole('button', { name: 'Use on every channel' }).click();
  await expect(panel.getByText(`${storyName} is now the chatbot story of every channel.`)).toBeVisible();

  expect(channelWrites(since)).toEqual([
    { method: 'POST', path: '/api/channels', status: 201, body: { type: 'TG', config: { name: 'E2E Telegram', bot_name: 'E2EBot', access_token: '[secret]' } } },
    { method: 'PATCH', path: `/api/agents/telegram/${agentId}`, status: 200, body: { status: 'HOLD', config: { bot_name: 'E2EBot', access_token: '[secret]' } } },
    { method: 'PUT', path: '/api/channels/chatbot', status: 204, body: { story_id: story[1], origin: story[0] } },
  ]);
});
