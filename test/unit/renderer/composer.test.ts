/**
 * Writing a reply: Enter sends, Shift+Enter and an input method's Enter do not, nothing blank is sent, a failed
 * send keeps the words and says why, and each conversation keeps its own draft. Words are never lost to a send on
 * its way: what is typed meanwhile stays, Enter meanwhile queues the next reply, and replies go out in order.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { Customer } from '../../../common/domain';
import { fail, ok, type Result } from '../../../common/result';
import ConversationPane from '../../../renderer/features/conversation/ConversationPane.svelte';
import { ConversationState, type SendText } from '../../../renderer/features/conversation/conversation-state.svelte';
import { expectAccessible } from './accessibility';
import { deferred, FakeBridge } from './fake-bridge';
import { fixedNow, makeCustomer, makeMessage } from './fixtures';

const maria = makeCustomer(1, { name: 'Maria Lopez' });

async function openWith(sendText: SendText, customer: Customer = maria) {
  const bridge = new FakeBridge({
    'messages:window': (query) => ok({ items: [makeMessage({ customerId: query.customerId })], hasOlder: false, hasNewer: false, freshness: { lastSyncedAt: null } }),
  });
  const conversation = new ConversationState(bridge);
  await conversation.open(customer);
  render(ConversationPane, { conversation, now: fixedNow, mediaMode: 'browser', sendText });
  return { conversation, field: screen.getByRole('textbox', { name: `Message to ${customer.name}` }) };
}

function sender(answer: Result<unknown> = ok({})) {
  return vi.fn<SendText>(() => Promise.resolve(answer));
}

async function type(field: HTMLElement, text: string): Promise<void> {
  await fireEvent.input(field, { target: { value: text } });
}

describe('the composer', () => {
  it('passes the accessibility check', async () => {
    await openWith(sender());
    expectAccessible();
  });

  it('sends with Enter and empties the field once the app has the message', async () => {
    const send = sender();
    const { field } = await openWith(send);
    expect(field).toHaveAccessibleDescription('Enter to send · Shift+Enter for a new line');
    await type(field, '  Your parcel is on its way  ');
    const notPrevented = await fireEvent.keyDown(field, { key: 'Enter' });

    expect(notPrevented).toBe(false);
    expect(send).toHaveBeenCalledExactlyOnceWith('Your parcel is on its way');
    await waitFor(() => expect(field).toHaveValue(''));
  });

  it('starts a new line with Shift+Enter instead of sending', async () => {
    const send = sender();
    const { field } = await openWith(send);
    await type(field, 'First line');
    const notPrevented = await fireEvent.keyDown(field, { key: 'Enter', shiftKey: true });

    expect(notPrevented).toBe(true);
    expect(send).not.toHaveBeenCalled();
    expect(field).toHaveValue('First line');
  });

  it('sends a reply of several lines as written', async () => {
    const send = sender();
    const { field } = await openWith(send);
    await type(field, 'Line one\nLine two');
    await fireEvent.keyDown(field, { key: 'Enter' });
    expect(send).toHaveBeenCalledWith('Line one\nLine two');
  });

  it('leaves Enter to an input method that is composing a character', async () => {
    const send = sender();
    const { field } = await openWith(send);
    await type(field, 'にほん');
    await fireEvent.keyDown(field, { key: 'Enter', isComposing: true });
    expect(send).not.toHaveBeenCalled();
  });

  it('sends nothing blank', async () => {
    const send = sender();
    const { field } = await openWith(send);
    await type(field, '   \n  ');
    await fireEvent.keyDown(field, { key: 'Enter' });
    expect(send).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
  });

  it('sends with the Send button too, once at a time', async () => {
    const answer = deferred<Result<unknown>>();
    const send = vi.fn<SendText>(() => answer.promise);
    const { field } = await openWith(send);
    await type(field, 'Thanks!');
    await fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await fireEvent.keyDown(field, { key: 'Enter' });
    expect(send).toHaveBeenCalledTimes(1);
    answer.resolve(ok({}));
    await waitFor(() => expect(field).toHaveValue(''));
  });

  it('keeps the words and says why when the send is refused', async () => {
    const { field } = await openWith(sender(fail('OPTED_OUT', '403')));
    await type(field, 'Hello again');
    await fireEvent.keyDown(field, { key: 'Enter' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Not sent: This customer opted out of messages on this channel.');
    expect(field).toHaveValue('Hello again');
  });

  it('says why it is disabled when the customer opted out everywhere', async () => {
    const send = sender();
    const { field } = await openWith(send, makeCustomer(2, { name: 'Opted Out', subscriptions: { a1: false, a2: false } }));
    expect(field).toBeDisabled();
    expect(field).toHaveAccessibleDescription('This customer opted out of messages, so replies cannot be sent.');
  });

  it('keeps each conversation its own draft', async () => {
    const { conversation, field } = await openWith(sender());
    await type(field, 'Half a thought');
    await conversation.open(makeCustomer(2, { name: 'James Carter' }));
    const other = await screen.findByRole('textbox', { name: 'Message to James Carter' });
    expect(other).toHaveValue('');
    await conversation.open(maria);
    expect(await screen.findByRole('textbox', { name: 'Message to Maria Lopez' })).toHaveValue('Half a thought');
  });

  it('keeps what is typed while the previous reply is being taken, and clears only what was sent', async () => {
    const answer = deferred<Result<unknown>>();
    const send = vi.fn<SendText>(() => answer.promise);
    const { field } = await openWith(send);
    await type(field, 'Your parcel left the depot');
    await fireEvent.keyDown(field, { key: 'Enter' });
    await type(field, 'It should arrive tomo');
    answer.resolve(ok({}));
    await waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(field).toHaveValue('It should arrive tomo');
    expect(send).toHaveBeenCalledExactlyOnceWith('Your parcel left the depot');
  });

  it('queues a reply sent with Enter while the previous one is on its way, and sends them in the order typed', async () => {
    const answers = [deferred<Result<unknown>>(), deferred<Result<unknown>>(), deferred<Result<unknown>>()];
    const queued = [...answers];
    const send = vi.fn<SendText>(() => queued.shift()?.promise ?? Promise.resolve(ok({})));
    const { field } = await openWith(send);
    for (const words of ['One', 'Two', 'Three']) {
      await type(field, words);
      await fireEvent.keyDown(field, { key: 'Enter' });
      expect(field).toHaveValue('');
    }
    expect(send.mock.calls).toEqual([['One']]);
    answers[0]?.resolve(ok({}));
    await waitFor(() => expect(send.mock.calls).toEqual([['One'], ['Two']]));
    answers[1]?.resolve(ok({}));
    await waitFor(() => expect(send.mock.calls).toEqual([['One'], ['Two'], ['Three']]));
    answers[2]?.resolve(ok({}));
    await waitFor(() => expect(field).toHaveValue(''));
  });

  it('puts a reply that was not taken back in the field, with the ones queued after it and what was typed since', async () => {
    const first = deferred<Result<unknown>>();
    const queued = [first];
    const send = vi.fn<SendText>(() => queued.shift()?.promise ?? Promise.resolve(ok({})));
    const { field } = await openWith(send);
    await type(field, 'Hello again');
    await fireEvent.keyDown(field, { key: 'Enter' });
    await type(field, 'Are you there?');
    await fireEvent.keyDown(field, { key: 'Enter' });
    await type(field, 'Still typ');
    first.resolve(fail('OPTED_OUT', '403'));

    expect(await screen.findByRole('alert')).toHaveTextContent('Not sent: This customer opted out of messages on this channel.');
    expect(field).toHaveValue('Hello again\nAre you there?\nStill typ');
    // The reply queued behind the refused one is not sent ahead of it.
    expect(send.mock.calls).toEqual([['Hello again']]);
  });

  it('puts back, in its own conversation, a queued reply whose conversation was left before it could go', async () => {
    const first = deferred<Result<unknown>>();
    const send = vi.fn<SendText>(() => first.promise);
    const { conversation, field } = await openWith(send);
    await type(field, 'First');
    await fireEvent.keyDown(field, { key: 'Enter' });
    await type(field, 'Second');
    await fireEvent.keyDown(field, { key: 'Enter' });
    await conversation.open(makeCustomer(2, { name: 'James Carter' }));
    first.resolve(ok({}));
    expect(await screen.findByRole('textbox', { name: 'Message to James Carter' })).toHaveValue('');
    await waitFor(() => expect(conversation.draft).toBe(''));

    await conversation.open(maria);
    expect(await screen.findByRole('textbox', { name: 'Message to Maria Lopez' })).toHaveValue('Second');
    expect(screen.getByRole('alert')).toHaveTextContent('Not sent:');
    expect(send.mock.calls).toEqual([['First']]);
  });
});
