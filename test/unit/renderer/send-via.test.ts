/**
 * "Send via" in the composer: a combobox of the customer's channels named by type and channel, defaulting to what
 * main answers (the latest message's agent, or the remembered choice), an opted-out channel listed but disabled with
 * the reason, the composer's tools, counter and file check following the chosen channel, and every send going
 * through the chosen agent.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { SendOption, SendOptions } from '../../../common/contract/send-via';
import { fail, ok } from '../../../common/result';
import { expectAccessible } from './accessibility';
import { openComposer } from './compose-tools';
import { fixedNow, makeCustomer } from './fixtures';

const smsOption: SendOption = { agentId: 'a1', channelId: 'ch-sms', channelType: 'SMS', channelName: 'SMS UK', agentLabel: '+447700900001', subscribed: true };
const whatsAppOption: SendOption = { agentId: 'a2', channelId: 'ch-wa', channelType: 'WA', channelName: 'Support line', agentLabel: null, subscribed: true };
const viberOption: SendOption = { agentId: 'a3', channelId: 'ch-vi', channelType: 'VI', channelName: 'Promotions', agentLabel: null, subscribed: false };
const options = [smsOption, whatsAppOption, viberOption];

const onSms = makeCustomer(7, { name: 'Sam Reed', lastChannelType: 'SMS', lastAgentId: 'a1', subscriptions: { a1: true, a2: true, a3: false } });

/** Opens Sam's conversation with main answering `chosenAgentId` as the agent to send through, and remembering choices. */
async function openWithSendVia(chosenAgentId: string | null) {
  let remembered = chosenAgentId;
  const answer = (): SendOptions => ({ options, chosenAgentId: remembered });
  const opened = await openComposer(onSms, {
    handlers: {
      'send-via:options': () => ok(answer()),
      // Sam wrote an hour ago on every channel: WhatsApp's 24-hour window is open.
      'compose:last-inbound': () => ok({ sent: fixedNow - 3_600_000 }),
      'send-via:choose': ({ agentId }) => {
        remembered = agentId;
        return ok(answer());
      },
    },
  });
  const sendVia = await screen.findByRole('combobox', { name: 'Send via' });
  return { ...opened, sendVia };
}

describe('Send via', () => {
  it('passes the accessibility check and names each option by channel type and channel', async () => {
    const { sendVia } = await openWithSendVia('a1');

    expect(within(sendVia).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'SMS · SMS UK',
      'WhatsApp · Support line',
      'Viber · Promotions — opted out',
    ]);
    expectAccessible();
  });

  it("defaults to the agent main names (the latest message's), and sends through it", async () => {
    const { bridge, sendVia } = await openWithSendVia('a1');
    expect(sendVia).toHaveValue('a1');

    await fireEvent.input(screen.getByRole('textbox', { name: 'Message to Sam Reed' }), { target: { value: 'Hello' } });
    await fireEvent.keyDown(screen.getByRole('textbox', { name: 'Message to Sam Reed' }), { key: 'Enter' });

    await waitFor(() => expect(bridge.inputsOf('outbox:send')).toEqual([{ customerId: onSms.id, agentId: 'a1', payload: { type: 'TEXT', text: 'Hello' } }]));
  });

  it('shows the remembered choice when main answers it', async () => {
    const { sendVia } = await openWithSendVia('a2');

    await waitFor(() => expect(sendVia).toHaveValue('a2'));
    expect(screen.getByRole('button', { name: 'Location' })).toBeEnabled();
  });

  it('lists an opted-out channel but will not let it be chosen, saying why', async () => {
    const { sendVia } = await openWithSendVia('a1');
    const optedOut = within(sendVia).getByRole('option', { name: 'Viber · Promotions — opted out' });

    expect(optedOut).toBeDisabled();
  });

  it('tells main the choice, and then sends text, locations and the rest through the chosen agent', async () => {
    const { bridge, sendVia } = await openWithSendVia('a1');
    expect(screen.queryByRole('button', { name: 'Location' })).toBeNull();

    await fireEvent.change(sendVia, { target: { value: 'a2' } });
    await waitFor(() => expect(bridge.inputsOf('send-via:choose')).toEqual([{ customerId: onSms.id, agentId: 'a2' }]));
    await fireEvent.click(await screen.findByRole('button', { name: 'Location' }));
    const dialog = screen.getByRole('dialog', { name: 'Location' });
    await fireEvent.input(within(dialog).getByRole('textbox', { name: 'Latitude' }), { target: { value: '51.5' } });
    await fireEvent.input(within(dialog).getByRole('textbox', { name: 'Longitude' }), { target: { value: '-0.12' } });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Send location' }));

    await waitFor(() => expect(bridge.inputsOf('outbox:send')).toEqual([{ customerId: onSms.id, agentId: 'a2', payload: { type: 'LOCATION', latitude: 51.5, longitude: -0.12 } }]));
  });

  it('offers what the chosen channel takes: the SMS counter on SMS, the WhatsApp window on WhatsApp', async () => {
    const { sendVia } = await openWithSendVia('a1');
    const composer = screen.getByRole('form', { name: 'Reply' });
    expect(within(composer).getByRole('status')).toHaveTextContent(/segment/);
    expect(screen.queryByRole('button', { name: 'Contact' })).toBeNull();

    await fireEvent.change(sendVia, { target: { value: 'a2' } });

    await waitFor(() => expect(within(composer).getByRole('status')).toHaveTextContent(/WhatsApp/));
    expect(screen.getByRole('button', { name: 'Contact' })).toBeEnabled();
  });

  it('keeps the previous choice and says why when main refuses one', async () => {
    const { bridge, sendVia } = await openWithSendVia('a1');
    bridge.answer('send-via:choose', () => fail('OPTED_OUT', 'The customer opted out of Support line', { field: 'agentId' }));

    await fireEvent.change(sendVia, { target: { value: 'a2' } });

    expect(await screen.findByRole('alert')).toHaveTextContent('The customer opted out of Support line');
    expect(sendVia).toHaveValue('a1');
  });

  it('checks a file against the chosen channel', async () => {
    const { conversation, sendVia } = await openWithSendVia('a1');
    await fireEvent.change(sendVia, { target: { value: 'a2' } });
    await waitFor(() => expect(conversation.channelType).toBe('WA'));
  });
});
