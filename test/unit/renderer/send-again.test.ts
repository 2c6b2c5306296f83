/**
 * "Try again" on a message the service marked failed (ERROR, UNDELIVERABLE, UPLOAD_ERROR): the reason is shown, and
 * the button sends the same payload again as a new message through the same agent, once; a refusal says why. A
 * delivered message, a customer's message and a send the outbox still holds are not offered it.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../common/domain';
import { fail } from '../../../common/result';
import { canSendAgain, viewStatus } from '../../../renderer/features/conversation/message-status';
import { expectAccessible } from './accessibility';
import { openComposer } from './compose-tools';
import { makeCustomer, makeMessage } from './fixtures';

const customer = makeCustomer(3, { name: 'Lena Fox', lastChannelType: 'WA', lastAgentId: 'a1', subscriptions: { a1: true, a9: true } });
const picture = { type: 'IMAGE', category: 'UNSPECIFIED', src: { mime: 'image/png', size: 9, uri: 'https://omni.example/api/media/m1' } };

function failedMessage(overrides: Partial<Message> = {}): Message {
  return makeMessage({ customerId: customer.id, origin: 'AGENT', agentId: 'a9', status: 'UNDELIVERABLE', payload: { type: 'TEXT', text: 'Your order shipped' }, ...overrides });
}

describe('a message the service marked failed', () => {
  it('shows why and offers Try again, and passes the accessibility check', async () => {
    await openComposer(customer, { messages: [failedMessage()] });
    const message = screen.getByRole('article', { name: /^Agent at / });

    expect(message).toHaveTextContent("Undeliverable: the network could not deliver it to the customer's phone");
    expect(within(message).getByRole('button', { name: 'Try again' })).toBeEnabled();
    expectAccessible();
  });

  it('sends the same payload again as a new message through the same agent, not the one chosen for replies', async () => {
    const { bridge } = await openComposer(customer, { messages: [failedMessage({ status: 'ERROR', payload: picture })] });

    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));

    const message = screen.getByRole('article', { name: /^Agent at / });
    expect(await within(message).findByRole('status')).toHaveTextContent('Sent again as a new message');
    expect(bridge.inputsOf('outbox:send')).toEqual([{ customerId: customer.id, agentId: 'a9', payload: picture }]);
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('says why when the outbox does not take it, and can be tried again', async () => {
    const { bridge } = await openComposer(customer, { messages: [failedMessage()] });
    bridge.answer('outbox:send', () => fail('OPTED_OUT', 'The customer opted out of this channel', { field: 'agentId' }));

    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Not sent again: The customer opted out of this channel');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Try again' })).toBeEnabled());
  });
});

describe('which messages can be sent again', () => {
  it('those of ours the service marked failed, with the reason shown', () => {
    for (const status of ['ERROR', 'UNDELIVERABLE', 'UPLOAD_ERROR'] as const) {
      const message = failedMessage({ status });
      expect(canSendAgain(message)).toBe(true);
      expect(viewStatus(message)).toMatchObject({ tone: 'failed', detail: expect.any(String) });
    }
  });

  it('not delivered ones, the customer’s, or sends the outbox still holds (it has its own Try again)', () => {
    expect(canSendAgain(failedMessage({ status: 'DELIVERED' }))).toBe(false);
    expect(canSendAgain(failedMessage({ origin: 'CUSTOMER' }))).toBe(false);
    expect(canSendAgain(failedMessage({ clientId: 'k1', outbox: { state: 'failed', lastError: null } }))).toBe(false);
    expect(canSendAgain(failedMessage({ clientId: 'k1', outbox: { state: 'sent', lastError: null } }))).toBe(true);
  });
});
