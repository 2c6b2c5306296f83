/**
 * What the composer says about the channel: an SMS conversation counts segments and names the encoding (and what
 * forces UCS-2); a WhatsApp conversation counts down the 24-hour window, or says it is closed and a template is needed.
 */
import { fireEvent, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { whatsAppWindowMs } from '../../../common/payloads/whatsapp-window';
import { openComposer } from './compose-tools';
import { fixedNow, makeCustomer, makeMessage } from './fixtures';

const smsCustomer = makeCustomer(1, { name: 'Maria Lopez', lastChannelType: 'SMS' });
const waCustomer = makeCustomer(2, { name: 'Tom Baker', lastChannelType: 'WA', lastAgentId: 'wa-agent' });

async function typeInto(name: string, text: string): Promise<void> {
  await fireEvent.input(screen.getByRole('textbox', { name: `Message to ${name}` }), { target: { value: text } });
}

describe('the SMS counter', () => {
  it('reads 1 segment for a short text and 2 segments · GSM-7 past 160 characters', async () => {
    await openComposer(smsCustomer);
    await typeInto('Maria Lopez', 'Hello');
    expect(screen.getByRole('status')).toHaveTextContent('1 segment · GSM-7');
    await typeInto('Maria Lopez', 'a'.repeat(161));
    expect(screen.getByRole('status')).toHaveTextContent('2 segments · GSM-7');
  });

  it('names the characters that force UCS-2', async () => {
    await openComposer(smsCustomer);
    await typeInto('Maria Lopez', 'Dziękuję 🙏');
    expect(screen.getByRole('status')).toHaveTextContent('1 segment · UCS-2 (because of “ę”, “🙏”)');
  });

  it('is not shown on other channels', async () => {
    await openComposer(makeCustomer(3, { name: 'Ana', lastChannelType: 'TG' }));
    await typeInto('Ana', 'a'.repeat(161));
    expect(screen.queryByText(/segment/)).not.toBeInTheDocument();
  });
});

function inbound(sent: number, agentId = 'wa-agent') {
  return makeMessage({ customerId: waCustomer.id, agentId, origin: 'CUSTOMER', sent });
}

describe('the WhatsApp 24-hour window in the composer', () => {
  it('counts down quietly inside the window', async () => {
    await openComposer(waCustomer, { messages: [inbound(fixedNow - 90 * 60_000)], now: fixedNow });
    expect(screen.getByRole('status')).toHaveTextContent('Free-form WhatsApp messages for 22 h 30 min more');
  });

  it('is still open one millisecond before 24 h', async () => {
    await openComposer(waCustomer, { messages: [inbound(fixedNow - whatsAppWindowMs + 1)], now: fixedNow });
    expect(screen.getByRole('status')).toHaveTextContent('Free-form WhatsApp messages for less than a minute more');
  });

  it('says free-form messages are closed and a template is needed at exactly 24 h', async () => {
    await openComposer(waCustomer, { messages: [inbound(fixedNow - whatsAppWindowMs)], now: fixedNow });
    expect(screen.getByRole('status')).toHaveTextContent(
      'Free-form WhatsApp messages are closed: the customer last wrote more than 24 hours ago. A WhatsApp template is needed.',
    );
  });

  it('counts only the customer’s messages through this WhatsApp number, not ours or another number’s', async () => {
    const ours = makeMessage({ customerId: waCustomer.id, agentId: 'wa-agent', origin: 'AGENT', sent: fixedNow - 60_000 });
    await openComposer(waCustomer, { messages: [ours, inbound(fixedNow - 60_000, 'other-agent')], now: fixedNow });
    expect(screen.getByRole('status')).toHaveTextContent('Free-form WhatsApp messages are closed: the customer has not written on WhatsApp.');
  });

  it('closes as the clock passes 24 h, with the conversation left open', async () => {
    const { view } = await openComposer(waCustomer, { messages: [inbound(fixedNow - whatsAppWindowMs + 60_000)], now: fixedNow });
    expect(screen.getByRole('status')).toHaveTextContent('Free-form WhatsApp messages for 1 min more');
    await view.rerender({ now: fixedNow + 60_000 });
    expect(screen.getByRole('status')).toHaveTextContent('Free-form WhatsApp messages are closed');
  });

  it('takes a customer message stamped ahead of our clock as just written', async () => {
    await openComposer(waCustomer, { messages: [inbound(fixedNow + 5 * 60_000)], now: fixedNow });
    expect(screen.getByRole('status')).toHaveTextContent('Free-form WhatsApp messages for 24 h more');
  });
});
