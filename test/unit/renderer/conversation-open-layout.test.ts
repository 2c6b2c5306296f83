/**
 * Opening another conversation never asks for the layout of the thread it replaces: reading the scroll metrics of a
 * thread whose page changed forces the browser to lay it out again, only to throw it away (the cost that
 * `renderer.convo_open_p95` in bench/renderer.ts showed in `metricsOf`). Only older messages going in above need
 * the place from before the change.
 */
import { render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Customer, Message } from '../../../common/domain';
import ConversationPane from '../../../renderer/features/conversation/ConversationPane.svelte';
import { ConversationState } from '../../../renderer/features/conversation/conversation-state.svelte';
import { FakeBridge, ok } from './fake-bridge';
import { fixedNow, makeCustomer, makeMessage } from './fixtures';

const maria = makeCustomer(1, { name: 'Maria Lopez' });
const james = makeCustomer(2, { name: 'James Carter' });

function historyOf(customer: Customer): Message[] {
  return Array.from({ length: 5 }, (_, index) =>
    makeMessage({ customerId: customer.id, sent: fixedNow - (10 - index) * 60_000, payload: { type: 'TEXT', text: `${customer.name ?? ''} says ${index}` } }),
  );
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('opening another conversation', () => {
  it('reads no layout of the thread it replaces', async () => {
    const bridge = new FakeBridge({
      'messages:window': ({ customerId }) =>
        ok({ items: historyOf(customerId === maria.id ? maria : james), hasOlder: false, hasNewer: false, freshness: { lastSyncedAt: fixedNow } }),
    });
    const conversation = new ConversationState(bridge);
    await conversation.open(maria);
    render(ConversationPane, { conversation, now: fixedNow, mediaMode: 'browser', sendText: () => Promise.resolve(ok({})) });
    const log = () => screen.getByRole('log', { name: 'Messages' });
    await waitFor(() => expect(within(log()).getAllByRole('article')).toHaveLength(5));

    /** Layout reads made while Maria's messages were still on the page, about to go. */
    const readsOfTheOldThread: string[] = [];
    const scrollHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollHeight');
    vi.spyOn(Element.prototype, 'scrollHeight', 'get').mockImplementation(function (this: Element) {
      if (this.textContent?.includes('Maria Lopez says') === true) readsOfTheOldThread.push(this.className);
      return (scrollHeight?.get?.call(this) as number | undefined) ?? 0;
    });
    await conversation.open(james);
    await waitFor(() => expect(within(log()).getAllByText(/James Carter says/)).toHaveLength(5));
    expect(readsOfTheOldThread).toEqual([]);
  });
});
