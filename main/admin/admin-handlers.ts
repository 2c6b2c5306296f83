/**
 * The Administration area's channels for one signed-in account: every call goes to the service as that account
 * (AccountSession), and nothing is queued, so a write without the network fails at once and says why.
 */
import type { HandlerTable } from '../ipc/handler-table';
import type { Api } from '../api/client';
import type { adminChannels } from '../../common/contract/admin';
import { agentHandlers } from './agent-handlers';
import { channelHandlers } from './channel-handlers';
import { scenarioHandlers } from './scenario-handlers';
import { keywordEventHandlers } from './keyword-event-handlers';
import { settingsHandlers } from './settings-handlers';
import { templateHandlers } from './template-handlers';
import { whatsAppTemplateHandlers } from './whatsapp-template-handlers';
import { withSnapshots, type AdminSnapshotStore } from './admin-snapshots';
import { mediaHandlers } from './media-handlers';

export type AdminHandlers = Pick<HandlerTable, keyof typeof adminChannels>;

/** What the area needs of the account besides the service: its cache (for saved copies) and how media is shown. */
export interface AdminContext {
  store: AdminSnapshotStore;
  mode: 'electron' | 'browser';
}

export function adminHandlers(api: Api, context: AdminContext): AdminHandlers {
  return withSnapshots(serviceCalls(api, context), context.store);
}

function serviceCalls(api: Api, { store, mode }: AdminContext): AdminHandlers {
  return { ...channelHandlers(api), ...agentHandlers(api), ...scenarioHandlers(api), ...keywordEventHandlers(api), ...templateHandlers(api), ...settingsHandlers(api), ...whatsAppTemplateHandlers(api, store), ...mediaHandlers(api, mode) };
}
