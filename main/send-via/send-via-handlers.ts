/** The "Send via" channels: a customer's agents to send through and the one the agent chose, from the account's cache. */
import type { HandlerTable } from '../ipc/handler-table';
import type { Cache } from '../cache/cache';
import { chooseSender, sendOptions } from './send-via';

export const sendViaChannelNames = ['send-via:options', 'send-via:choose'] as const;

type SendViaHandlers = Pick<HandlerTable, (typeof sendViaChannelNames)[number]>;

export function sendViaHandlers(cache: Cache): SendViaHandlers {
  return {
    'send-via:options': ({ customerId }) => sendOptions(cache, customerId),
    'send-via:choose': ({ customerId, agentId }) => chooseSender(cache, customerId, agentId),
  };
}
