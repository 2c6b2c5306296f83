/** Opens a conversation in the pane with the composer's tools, answering the outbox as main does. */
import { render } from '@testing-library/svelte';
import type { Customer, Message, OutboxItem } from '../../../common/domain';
import { ok } from '../../../common/result';
import ConversationPane from '../../../renderer/features/conversation/ConversationPane.svelte';
import { ConversationState } from '../../../renderer/features/conversation/conversation-state.svelte';
import { FakeBridge } from './fake-bridge';
import { fixedNow, makeCustomer, makeMessage } from './fixtures';

export function outboxItem(customerId: string, payload: OutboxItem['payload']): OutboxItem {
  return { clientId: 'k1', customerId, agentId: 'a1', channelType: 'WA', payload, state: 'queued', attempts: 0, nextAttemptAt: fixedNow, lastError: null, messageId: null, createdAt: fixedNow };
}

export async function openComposer(
  customer: Customer = makeCustomer(1, { name: 'Maria Lopez', lastChannelType: 'WA' }),
  options: { messages?: Message[]; now?: number; handlers?: ConstructorParameters<typeof FakeBridge>[0] } = {},
) {
  const messages = options.messages ?? [makeMessage({ customerId: customer.id })];
  const bridge = new FakeBridge({
    'messages:window': () => ok({ items: messages, hasOlder: false, hasNewer: false, freshness: { lastSyncedAt: fixedNow } }),
    'outbox:send': (request) => ok(outboxItem(request.customerId, request.payload)),
    ...options.handlers,
  });
  const conversation = new ConversationState(bridge);
  await conversation.open(customer);
  const view = render(ConversationPane, { conversation, now: options.now ?? fixedNow, mediaMode: 'browser', sendText: (text) => conversation.sendText(text) });
  return { bridge, conversation, view };
}
