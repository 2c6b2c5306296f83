/**
 * The WhatsApp templates screen's state: the WhatsApp agents to choose from (read from the channel list), the
 * chosen agent's templates a page at a time, and the review status they are narrowed to.
 */
import type { InboxBridge } from '../../../common/contract';
import type { AdminChannel, WhatsAppTemplateStatus, WhatsAppTemplateSummary } from '../../../common/contract/admin';
import type { InboxError } from '../../../common/result';
import { ok } from '../../../common/result';
import { AdminList } from './admin-list.svelte';

export interface WhatsAppAgentChoice {
  id: string;
  /** The channel's name and the agent's, as the picker shows them. */
  name: string;
}

/** More WhatsApp channels than one page of the service's list is not a case this screen pages through. */
const MAX_CHANNELS = 100;

export class WhatsAppTemplatesState {
  readonly list: AdminList<WhatsAppTemplateSummary>;
  agents = $state.raw<WhatsAppAgentChoice[]>([]);
  agentsLoaded = $state(false);
  agentsError = $state.raw<InboxError | undefined>(undefined);
  agentId = $state<string | undefined>(undefined);
  status = $state<WhatsAppTemplateStatus | undefined>(undefined);

  constructor(private readonly bridge: InboxBridge) {
    this.list = new AdminList((request) => {
      const agentId = this.agentId;
      if (agentId === undefined) return Promise.resolve(ok({ items: [], total: 0 }));
      return bridge.invoke('admin:whatsapp-templates', { ...request, agentId, ...(this.status ? { status: this.status } : {}) });
    });
  }

  /** Reads the WhatsApp agents, picks the first and reads its templates. */
  async load(): Promise<void> {
    const answer = await this.bridge.invoke('admin:channels', { offset: 0, limit: MAX_CHANNELS, type: 'WA' });
    this.agentsLoaded = true;
    if (!answer.ok) {
      this.agentsError = answer.error;
      return;
    }
    this.agentsError = undefined;
    this.agents = answer.value.items.flatMap(({ channel, agents }: AdminChannel) =>
      agents.map((agent) => ({ id: agent.id, name: agent.label ? `${channel.name} (${agent.label})` : channel.name })),
    );
    this.agentId = this.agents[0]?.id;
    await this.list.reload();
  }

  async narrow(filters: { agentId?: string | undefined; status?: WhatsAppTemplateStatus | undefined }): Promise<void> {
    if ('agentId' in filters) this.agentId = filters.agentId;
    if ('status' in filters) this.status = filters.status;
    await this.list.reload();
  }
}
