/** The reply box is spell-checked (the desktop window turns Chromium's checker on; the field asks for it). */
import { render, screen } from '@testing-library/svelte';
import { expect, it } from 'vitest';
import { ok } from '../../../common/result';
import ConversationPane from '../../../renderer/features/conversation/ConversationPane.svelte';
import { ConversationState } from '../../../renderer/features/conversation/conversation-state.svelte';
import { FakeBridge } from './fake-bridge';
import { fixedNow, makeCustomer, makeMessage } from './fixtures';

it('asks for spell-checking in the reply box', async () => {
  const customer = makeCustomer(1, { name: 'Maria Lopez' });
  const bridge = new FakeBridge({
    'messages:window': (query) =>
      ok({ items: [makeMessage({ customerId: query.customerId })], hasOlder: false, hasNewer: false, freshness: { lastSyncedAt: null } }),
  });
  const conversation = new ConversationState(bridge);
  await conversation.open(customer);
  render(ConversationPane, { conversation, now: fixedNow, mediaMode: 'browser', sendText: () => Promise.resolve(ok({})) });
  expect(screen.getByRole('textbox', { name: 'Message to Maria Lopez' })).toHaveAttribute('spellcheck', 'true');
});
