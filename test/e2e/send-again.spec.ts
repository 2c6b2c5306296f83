/**
 * "Try again" on a message the service marked failed, in Chromium through browser mode against the sandbox: the
 * seeded history holds agent messages the service marked UNDELIVERABLE or ERROR (the sandbox seeds some, by seed);
 * the thread says why, and Try again sends the same payload once more as a new message through the same agent.
 */
import { expect, test } from './fixtures';
import { startSandbox, type RunningSandbox } from '../../sandbox/index';
import { expectNoSeriousViolations } from './axe';
import { signInTo } from './sign-in';

let service: RunningSandbox | undefined;
test.afterAll(async () => {
  await service?.close();
});

test('a message the service marked failed is sent again through the same agent', async ({ page }) => {
  test.setTimeout(150_000);
  service = await startSandbox({ port: 0, seed: 5, customers: 40, messagesPerCustomer: 6 });
  const failed = service
    .messages()
    .find(
      (message) =>
        message.origin === 'AGENT' &&
        (message.status === 'UNDELIVERABLE' || message.status === 'ERROR') &&
        (message.payload as { type?: unknown }).type === 'TEXT',
    );
  if (failed === undefined) throw new Error('The seeded sandbox holds no failed text message from an agent: pick another seed');
  const payload = failed.payload as { type: 'TEXT'; text: string };
  const marker = `Any news? (${Date.now()})`;
  await service.injectInbound({ customer: failed.customer_id, text: marker });
  await signInTo(page, service);

  const row = page.getByRole('region', { name: 'Conversations' }).getByRole('option').filter({ hasText: marker });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.click();
  const thread = page.getByRole('region', { name: /^Conversation with / }).getByRole('log', { name: 'Messages' });
  const reason = failed.status === 'UNDELIVERABLE' ? "Undeliverable: the network could not deliver it to the customer's phone" : 'Failed: the service could not send it';
  const message = thread.getByRole('article').filter({ hasText: payload.text }).filter({ hasText: reason });
  await expect(message).toHaveCount(1);
  await expectNoSeriousViolations(page, 'a thread with a message the service marked failed');

  const since = (service?.requestLog() ?? []).length;
  await message.getByRole('button', { name: 'Try again' }).click();
  await expect(message.getByRole('status')).toHaveText('Sent again as a new message');

  const sends = () => (service?.requestLog() ?? []).slice(since).filter((entry) => entry.method === 'POST' && entry.path.endsWith('/send'));
  await expect.poll(() => sends().length, { timeout: 30_000 }).toBe(1);
  const [send] = sends();
  expect(send?.path).toContain(`/${failed.agent_id}/send`);
  expect((send?.body as { payload: unknown }).payload).toEqual(payload);
  await expect(thread.getByRole('article').filter({ hasText: payload.text })).toHaveCount(2, { timeout: 30_000 });
});
