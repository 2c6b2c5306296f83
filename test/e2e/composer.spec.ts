/**
 * The rich composer in Chromium through browser mode against the sandbox: a location and a contact sent to a
 * customer on WhatsApp show in the thread, and the requests the sandbox received carry the reference's bodies; an
 * SMS conversation's counter reads "2 segments · GSM-7" for 161 characters, and it offers no Location (SMS takes none);
 * axe finds nothing serious on the forms.
 */
import { expect, test } from './fixtures';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import { expectNoSeriousViolations } from './axe';
import { signInTo } from './sign-in';
import { openConversationSaying } from './conversations';

let service: RunningSandbox | undefined;
test.afterAll(async () => {
  await service?.close();
});

test('a location and a contact go to a WhatsApp customer, and an SMS counter reads 2 segments', async ({ page }) => {
  test.setTimeout(120_000);
  service = await startSandbox({ port: 0, seed: 10, customers: 3, messagesPerCustomer: 2 });
  const greeting = `Where is your shop? (${Date.now()})`;
  await service.injectInbound({ customer: '447911123456', text: greeting, channelType: 'WA' });
  await signInTo(page, service);

  const conversation = await openConversationSaying(page, greeting);
  const composer = conversation.getByRole('form', { name: 'Reply' });
  await expect(composer.getByRole('status')).toHaveText(/^Free-form WhatsApp messages for 2\d h( \d+ min)? more$/);
  const thread = conversation.getByRole('log', { name: 'Messages' });
  const since = (service?.requestLog() ?? []).length;

  await composer.getByRole('button', { name: 'Location' }).click();
  const location = composer.getByRole('dialog', { name: 'Location' });
  await location.getByRole('textbox', { name: 'Latitude' }).fill('95');
  await location.getByRole('button', { name: 'Send location' }).click();
  await expect(location.getByRole('textbox', { name: 'Latitude' })).toHaveAccessibleDescription('Latitude must be between -90 and 90');
  await expectNoSeriousViolations(page, 'the Location form showing an error');
  await location.getByRole('textbox', { name: 'Latitude' }).fill('51.5007');
  await location.getByRole('textbox', { name: 'Longitude' }).fill('-0.1246');
  await location.getByRole('button', { name: 'Send location' }).click();
  await expect(location).toHaveCount(0);
  await expect(thread.getByRole('article').filter({ hasText: 'Location' })).toHaveCount(1);

  await composer.getByRole('button', { name: 'Contact' }).click();
  const contact = composer.getByRole('dialog', { name: 'Contact' });
  await contact.getByRole('textbox', { name: 'First name' }).fill('Ada');
  await contact.getByRole('textbox', { name: 'Last name' }).fill('Lovelace');
  await contact.getByRole('textbox', { name: 'Phone' }).fill('+1 202 555 0143');
  await contact.getByRole('button', { name: 'Send contact' }).click();
  await expect(contact).toHaveCount(0);
  await expect(thread.getByRole('article').filter({ hasText: 'Contact card' }).filter({ hasText: 'Ada Lovelace' })).toHaveCount(1);

  const sends = () => (service?.requestLog() ?? []).slice(since).filter((entry) => entry.method === 'POST' && entry.path.includes('/send'));
  await expect.poll(() => sends().length).toBe(2);
  expect(sends().map((entry) => [entry.path, (entry.body as { payload?: unknown } | undefined)?.payload])).toEqual([
    [expect.stringMatching(/whatsapp/), { type: 'LOCATION', latitude: 51.5007, longitude: -0.1246 }],
    [expect.stringMatching(/whatsapp/), { type: 'CONTACT', firstname: 'Ada', lastname: 'Lovelace', phone: '+12025550143' }],
  ]);

  const question = `Is it open on Sunday? (${Date.now()})`;
  await service.injectInbound({ customer: '447911654321', text: question, channelType: 'SMS' });
  const smsConversation = await openConversationSaying(page, question);
  const smsComposer = smsConversation.getByRole('form', { name: 'Reply' });
  await smsComposer.getByRole('textbox', { name: /^Message to / }).fill('Yes, from ten to four. '.repeat(7));
  await expect(smsComposer.getByRole('status')).toHaveText('2 segments · GSM-7');
  await expect(smsComposer.getByRole('button', { name: 'Location' })).toHaveCount(0);
  await expectNoSeriousViolations(page, 'an SMS conversation with its counter');
});
