/**
 * Drafts kept by main: the words come back when a conversation opens (after a reload: a new window state), are
 * saved once typing pauses and at once when the agent leaves the field, the conversation or the page, keep a reply
 * on its way until the outbox has it, and go when it does. The customer list marks who has a draft.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Customer, Draft } from '../../../common/domain';
import type { Result } from '../../../common/result';
import ConversationPane from '../../../renderer/features/conversation/ConversationPane.svelte';
import { ConversationState, type SendText } from '../../../renderer/features/conversation/conversation-state.svelte';
import InboxView from '../../../renderer/features/inbox/InboxView.svelte';
import { expectAccessible } from './accessibility';
import { deferred, FakeBridge, fail, ok } from './fake-bridge';
import { fixedNow, makeCustomer, makeMessage, servePages } from './fixtures';

const maria = makeCustomer(1, { name: 'Maria Lopez' });
const james = makeCustomer(2, { name: 'James Carter' });

/** A bridge whose drafts channels behave as main's: one draft per customer, `drafts:changed` on each change. */
function draftsBridge(kept: Record<string, string> = {}): { bridge: FakeBridge; kept: Record<string, string> } {
  const asDraft = (customerId: string): Draft | null => {
    const text = kept[customerId];
    return text === undefined ? null : { customerId, text, updatedAt: fixedNow };
  };
  const bridge: FakeBridge = new FakeBridge({
    'messages:window': (query) => ok({ items: [makeMessage({ customerId: query.customerId })], hasOlder: false, hasNewer: false, freshness: { lastSyncedAt: null } }),
    'drafts:get': ({ customerId }) => ok(asDraft(customerId)),
    'drafts:list': () => ok({ drafts: Object.keys(kept).flatMap((id) => asDraft(id) ?? []) }),
    'drafts:save': ({ customerId, text }) => {
      if (text === '') Reflect.deleteProperty(kept, customerId);
      else kept[customerId] = text;
      bridge.emit('drafts:changed', { customerId, draft: asDraft(customerId) });
      return ok({});
    },
  });
  return { bridge, kept };
}

/** A long pause, so only leaving the field, the conversation or the page saves (the pause is tested on its own). */
const noPauseSave = { draftSaveDelayMs: 3_600_000 };

async function openPane(bridge: FakeBridge, send: SendText = () => Promise.resolve(ok({})), customer: Customer = maria) {
  const conversation = new ConversationState(bridge, noPauseSave);
  const stop = conversation.listen();
  await conversation.open(customer);
  render(ConversationPane, { conversation, now: fixedNow, mediaMode: 'browser', sendText: send });
  const field = () => screen.getByRole('textbox', { name: `Message to ${conversation.customer?.name ?? ''}` });
  return { conversation, stop, field };
}

async function type(field: HTMLElement, text: string): Promise<void> {
  await fireEvent.input(field, { target: { value: text } });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('drafts kept by main', () => {
  it('brings a kept draft back when the conversation opens, as after a reload', async () => {
    const { bridge } = draftsBridge({ [maria.id]: 'Your refund was appro' });
    const { field } = await openPane(bridge);
    await waitFor(() => expect(field()).toHaveValue('Your refund was appro'));
  });

  it('saves once typing pauses, not on every keystroke', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { bridge, kept } = draftsBridge();
    const conversation = new ConversationState(bridge, { draftSaveDelayMs: 400 });
    await conversation.open(maria);
    await vi.waitFor(() => expect(bridge.inputsOf('drafts:get')).toHaveLength(1));
    for (const text of ['W', 'Wh', 'Whe', 'When']) {
      conversation.setDraft(text);
      vi.advanceTimersByTime(399);
    }
    expect(bridge.inputsOf('drafts:save')).toEqual([]);
    vi.advanceTimersByTime(1);
    await vi.waitFor(() => expect(kept).toEqual({ [maria.id]: 'When' }));
    expect(bridge.inputsOf('drafts:save')).toEqual([{ customerId: maria.id, text: 'When' }]);
  });

  it('saves at once when the field loses focus, the conversation changes or the page hides', async () => {
    const { bridge, kept } = draftsBridge();
    const { conversation, stop, field } = await openPane(bridge);
    await type(field(), 'On blur');
    await fireEvent.blur(field());
    await waitFor(() => expect(kept).toEqual({ [maria.id]: 'On blur' }));

    await type(field(), 'On switch');
    await conversation.open(james);
    await waitFor(() => expect(kept).toEqual({ [maria.id]: 'On switch' }));

    await type(await screen.findByRole('textbox', { name: 'Message to James Carter' }), 'On page hide');
    window.dispatchEvent(new Event('pagehide'));
    await waitFor(() => expect(kept).toEqual({ [maria.id]: 'On switch', [james.id]: 'On page hide' }));
    stop();
  });

  it('keeps words typed before main answered after the kept ones', async () => {
    const { bridge, kept } = draftsBridge({ [maria.id]: 'Kept from before.' });
    const slow = deferred<Result<Draft | null>>();
    bridge.answer('drafts:get', () => slow.promise);
    const { conversation, field } = await openPane(bridge);
    await type(field(), 'Typed at once');
    slow.resolve(ok({ customerId: maria.id, text: 'Kept from before.', updatedAt: fixedNow }));
    await waitFor(() => expect(field()).toHaveValue('Kept from before.\nTyped at once'));
    conversation.saveDraft();
    await waitFor(() => expect(kept).toEqual({ [maria.id]: 'Kept from before.\nTyped at once' }));
  });

  it('saves nothing over a kept draft it could not read', async () => {
    const { bridge, kept } = draftsBridge({ [maria.id]: 'Kept' });
    bridge.answer('drafts:get', () => fail('STORAGE', 'The cache is busy'));
    const { field } = await openPane(bridge);
    await type(field(), 'New words');
    await fireEvent.blur(field());
    expect(bridge.inputsOf('drafts:save')).toEqual([]);
    expect(kept).toEqual({ [maria.id]: 'Kept' });
  });

  it('keeps a reply on its way in the draft until the outbox has it, then clears it', async () => {
    const answer = deferred<Result<unknown>>();
    const { bridge, kept } = draftsBridge({ [maria.id]: 'Thanks for waiting' });
    const { conversation, field } = await openPane(bridge, () => answer.promise);
    await waitFor(() => expect(field()).toHaveValue('Thanks for waiting'));
    await fireEvent.keyDown(field(), { key: 'Enter' });
    await type(field(), 'P.S.');
    conversation.saveDraft();
    // A reload now would still find the words of the reply that is not taken yet.
    await waitFor(() => expect(kept).toEqual({ [maria.id]: 'Thanks for waiting\nP.S.' }));
    answer.resolve(ok({}));
    await waitFor(() => expect(kept).toEqual({ [maria.id]: 'P.S.' }));
    await type(field(), '');
    conversation.saveDraft();
    await waitFor(() => expect(kept).toEqual({}));
  });

  it('keeps the words of a reply the outbox refused in the draft', async () => {
    const { bridge, kept } = draftsBridge();
    const { field } = await openPane(bridge, () => Promise.resolve(fail('OPTED_OUT', '403')));
    await waitFor(() => expect(bridge.inputsOf('drafts:get')).toHaveLength(1));
    await type(field(), 'Are you still there?');
    await fireEvent.keyDown(field(), { key: 'Enter' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Not sent:');
    await fireEvent.blur(field());
    await waitFor(() => expect(kept).toEqual({ [maria.id]: 'Are you still there?' }));
  });
});

describe('the draft marker in the customer list', () => {
  function renderInbox(kept: Record<string, string>) {
    const { bridge } = draftsBridge(kept);
    bridge.answer('customers:page', servePages(() => [maria, james]));
    bridge.answer('inbox:unread', () => ok({ messages: 0, conversations: 0, byChannel: {} }));
    render(InboxView, { bridge, now: fixedNow });
    return bridge;
  }

  it('says "Draft" on the rows of customers with a kept draft, and passes the accessibility check', async () => {
    renderInbox({ [james.id]: 'See you' });
    const row = await screen.findByRole('option', { name: /James Carter/ });
    await waitFor(() => expect(row).toHaveAccessibleName(/ Draft /));
    expect(within(row).getByText('Draft')).toBeVisible();
    expect(screen.getByRole('option', { name: /Maria Lopez/ })).not.toHaveTextContent('Draft');
    expectAccessible();
  });

  it('follows drafts:changed as drafts are kept and cleared', async () => {
    const bridge = renderInbox({});
    const row = await screen.findByRole('option', { name: /Maria Lopez/ });
    await waitFor(() => expect(bridge.inputsOf('drafts:list')).toHaveLength(1));
    bridge.emit('drafts:changed', { customerId: maria.id, draft: { customerId: maria.id, text: 'Hi', updatedAt: fixedNow } });
    await waitFor(() => expect(row).toHaveTextContent('Draft'));
    bridge.emit('drafts:changed', { customerId: maria.id, draft: null });
    await waitFor(() => expect(row).not.toHaveTextContent('Draft'));
  });
});
