/**
 * Settings in the Administration area: short links saved alone; a chatbot provider's secret typed into a masked
 * field, sent once and never shown back; turning a provider on without its secret, or pasting credentials that
 * are not Dialogflow's, refused next to the field with no request.
 */
import { fireEvent, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './accessibility';
import { adminBridge, adminCalls, adminData, openAdministration } from './admin-fixtures';

const credentials = {
  type: 'service_account',
  project_id: 'help-desk-bot',
  private_key_id: 'k1',
  private_key: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n',
  client_email: 'bot@help-desk-bot.iam.gserviceaccount.com',
  client_id: '1',
  auth_uri: 'https://accounts.google.com/o/oauth2/auth',
  token_uri: 'https://oauth2.googleapis.com/token',
  auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
  client_x509_cert_url: 'https://www.googleapis.com/robot/v1/metadata/x509/bot',
};

async function openSettings(data = adminData()) {
  const bridge = adminBridge(data);
  await openAdministration(bridge, 'Settings');
  const form = await screen.findByRole('form', { name: 'Settings' });
  return { bridge, form };
}

describe('settings', () => {
  it('saves short links alone, and passes the accessibility check', async () => {
    const { bridge, form } = await openSettings();
    const shortLinks = within(form).getByRole('checkbox', { name: 'Short links' });
    expect(shortLinks).toBeChecked();
    expectAccessible();
    await fireEvent.click(shortLinks);
    await fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(bridge.inputsOf('admin:update-settings')).toEqual([{ shortLinks: false }]);
    expect(await within(form).findByText('Settings saved.')).toBeInTheDocument();
    expect(within(form).getByRole('checkbox', { name: 'Short links' })).not.toBeChecked();
  });

  it('masks a provider’s token, sends it once and clears it from the form', async () => {
    const data = adminData();
    data.settings.chatbotCom = { enabled: false, hasToken: false };
    const { bridge, form } = await openSettings(data);
    const token = within(form).getByLabelText('Chatbot.com access token');
    expect(token).toHaveAttribute('type', 'password');
    await fireEvent.click(within(form).getByRole('checkbox', { name: 'Chatbot.com' }));
    await fireEvent.input(token, { target: { value: 'cbc-token-42' } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(bridge.inputsOf('admin:update-settings')).toEqual([{ chatbotCom: { enabled: true, accessToken: 'cbc-token-42' } }]);
    await within(form).findByText('Settings saved.');
    expect(within(form).getByLabelText('Chatbot.com access token')).toHaveValue('');
    expect(document.body.textContent).not.toContain('cbc-token-42');
    expect(within(form).getByLabelText('Chatbot.com access token')).toHaveAccessibleDescription(/A token is saved/);
  });

  it('refuses turning chatbot.com on without a token, sending nothing', async () => {
    const data = adminData();
    data.settings.chatbotCom = { enabled: false, hasToken: false };
    const { bridge, form } = await openSettings(data);
    await fireEvent.click(within(form).getByRole('checkbox', { name: 'Chatbot.com' }));
    await fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    const token = within(form).getByLabelText('Chatbot.com access token');
    expect(token).toHaveAttribute('aria-invalid', 'true');
    expect(token).toHaveAccessibleDescription(expect.stringContaining('Enter the chatbot.com access token'));
    expect(adminCalls(bridge)).toEqual(['admin:settings']);
  });

  it.each([
    ['not JSON', '{"type": ', 'The credentials are not valid JSON'],
    ['missing fields', JSON.stringify({ type: 'service_account', project_id: 'x' }), 'The credentials lack or mistype: private_key_id'],
  ])('refuses Dialogflow credentials that are %s, sending nothing', async (_case, text, words) => {
    const { bridge, form } = await openSettings();
    await fireEvent.click(within(form).getByRole('checkbox', { name: 'Dialogflow' }));
    await fireEvent.input(within(form).getByLabelText('Dialogflow credentials (JSON)'), { target: { value: text } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    const field = within(form).getByLabelText('Dialogflow credentials (JSON)');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(expect.stringContaining(words));
    expect(adminCalls(bridge)).toEqual(['admin:settings']);
  });

  it('sends valid Dialogflow credentials parsed', async () => {
    const { bridge, form } = await openSettings();
    await fireEvent.click(within(form).getByRole('checkbox', { name: 'Dialogflow' }));
    await fireEvent.input(within(form).getByLabelText('Dialogflow credentials (JSON)'), { target: { value: JSON.stringify(credentials) } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(bridge.inputsOf('admin:update-settings')).toEqual([{ dialogflow: { enabled: true, credentials } }]);
  });

  it('refuses a key file whose email, private key or addresses are not a service account’s, sending nothing', async () => {
    const { bridge, form } = await openSettings();
    await fireEvent.click(within(form).getByRole('checkbox', { name: 'Dialogflow' }));
    const pasted = { ...credentials, client_email: 'bot', private_key: 'abc', token_uri: 'oauth2/token' };
    await fireEvent.input(within(form).getByLabelText('Dialogflow credentials (JSON)'), { target: { value: JSON.stringify(pasted) } });
    await fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('The credentials lack or mistype: private_key, client_email, token_uri')).toBeInTheDocument();
    expect(bridge.inputsOf('admin:update-settings')).toEqual([]);
  });

  it('shows a saved copy of the settings with its time when the service cannot be reached', async () => {
    const data = adminData();
    const { form } = await openSettings({ ...data, settings: { ...data.settings, savedAt: Date.UTC(2026, 0, 5, 9, 30) } });
    expect(within(form.parentElement ?? document.body).getByText(/^Saved copy from .*2026/)).toBeInTheDocument();
  });
});
