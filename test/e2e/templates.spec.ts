/**
 * Templates in Chromium through browser mode against the sandbox: a WhatsApp template with two variables is refused
 * while one is empty and sent once both are filled, and a stored template goes to a Telegram customer; both show in
 * the thread by their content, and the sandbox received exactly the reference's send bodies (a CARD with the
 * template's id and values, a TEMPLATE with the stored template's id), after listing APPROVED WhatsApp templates only.
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

/** Asks the sandbox itself (as its REST client would) for an id the send bodies must carry. */
async function serviceGet(sandbox: RunningSandbox, path: string): Promise<unknown> {
  const account = sandbox.accounts[0];
  if (account === undefined) throw new Error('The sandbox has no account');
  const auth = await fetch(`${sandbox.baseUrl}/api/auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  const { token } = (await auth.json()) as { token: string };
  const answer = await fetch(`${sandbox.baseUrl}${path}`, { headers: { authorization: token } });
  return answer.json();
}

test('a WhatsApp template is refused while a variable is empty and sent once filled; a stored template is sent', async ({ page }) => {
  test.setTimeout(120_000);
  service = await startSandbox({ port: 0, seed: 12, customers: 3, messagesPerCustomer: 2 });
  const { templates } = (await serviceGet(service, '/api/templates?search=Greeting')) as { templates: { _id: string; payload: { title: string } }[] };
  const greetingId = templates.find((template) => template.payload.title === 'Greeting')?._id;
  const question = `Any sales on? (${Date.now()})`;
  await service.injectInbound({ customer: '447911123456', text: question, channelType: 'WA' });
  await signInTo(page, service);

  const conversation = await openConversationSaying(page, question);
  const composer = conversation.getByRole('form', { name: 'Reply' });
  const thread = conversation.getByRole('log', { name: 'Messages' });
  const since = (service?.requestLog() ?? []).length;

  await composer.getByRole('button', { name: 'WhatsApp templates' }).click();
  const whatsApp = composer.getByRole('dialog', { name: 'WhatsApp template' });
  await whatsApp.getByRole('radio', { name: /^spring_sale/ }).check();
  await whatsApp.getByRole('textbox', { name: 'Variable 1' }).fill('20%');
  await whatsApp.getByRole('button', { name: 'Send template' }).click();
  await expect(whatsApp.getByRole('textbox', { name: 'Variable 2' })).toHaveAccessibleDescription('{{2}} in the body Variable 2 is required');
  await expectNoSeriousViolations(page, 'the WhatsApp template form refusing an empty variable');
  await whatsApp.getByRole('textbox', { name: 'Variable 2' }).fill('Sunday');
  await expect(whatsApp.getByRole('region', { name: 'Preview' })).toContainText('Spring sale! Get 20% off all sneakers until Sunday.');
  await whatsApp.getByRole('button', { name: 'Send template' }).click();
  await expect(whatsApp).toHaveCount(0);
  await expect(thread.getByRole('article').filter({ hasText: 'Spring sale! Get 20% off all sneakers until Sunday.' })).toHaveCount(1);

  const greeting = `Hello from Telegram (${Date.now()})`;
  await service.injectInbound({ customer: '447911654321', text: greeting, channelType: 'TG' });
  const telegram = await openConversationSaying(page, greeting);
  const telegramComposer = telegram.getByRole('form', { name: 'Reply' });
  await telegramComposer.getByRole('button', { name: 'Templates' }).click();
  const stored = telegramComposer.getByRole('dialog', { name: 'Templates' });
  await stored.getByRole('radio', { name: /^Greeting/ }).check();
  await expect(stored.getByRole('region', { name: 'Preview' })).toContainText('Thanks for contacting Acme Store');
  await expectNoSeriousViolations(page, 'the Templates form with a template picked');
  await stored.getByRole('button', { name: 'Send template' }).click();
  await expect(stored).toHaveCount(0);
  await expect(telegram.getByRole('log', { name: 'Messages' }).getByRole('article').filter({ hasText: 'How can we help you today?' })).toHaveCount(1);

  const log = () => (service?.requestLog() ?? []).slice(since);
  const sends = () => log().filter((entry) => entry.method === 'POST' && entry.path.includes('/send'));
  await expect.poll(() => sends().length).toBe(2);
  // The app asked for the agent's APPROVED templates only (before this test asks the sandbox for the sale's id).
  const listed = log().filter((entry) => entry.path.endsWith('/templates') && entry.path.includes('/whatsapp/'));
  expect(listed.map((entry) => new URL(entry.url, service?.baseUrl).searchParams.get('status'))).toEqual(['APPROVED']);
  const whatsAppSend = sends()[0];
  const saleId = ((await serviceGet(service, whatsAppSend?.path.replace('/send', '/templates?search=spring_sale') ?? '')) as { templates: { id: string }[] }).templates[0]?.id;
  expect(sends().map((entry) => [entry.path, entry.body])).toEqual([
    [expect.stringMatching(/^\/api\/agents\/whatsapp\/[^/]+\/send$/), { customerNumber: '447911123456', payload: { type: 'CARD', template_id: saleId, body_variables: ['20%', 'Sunday'] } }],
    [expect.stringMatching(/^\/api\/agents\/telegram\/[^/]+\/send$/), { customerNumber: '447911654321', payload: { type: 'TEMPLATE', template_id: greetingId } }],
  ]);
});
