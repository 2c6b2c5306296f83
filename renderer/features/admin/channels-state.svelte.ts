/** The channel list's state: one page at a time, narrowed by type and status (read-only in this version). */
import type { InboxBridge } from '../../../common/contract';
import type { AdminChannel, ListedChannelType } from '../../../common/contract/admin';
import type { ChannelStatus } from '../../../common/domain';
import { AdminList } from './admin-list.svelte';

export class ChannelsState {
  readonly list: AdminList<AdminChannel>;
  type = $state<ListedChannelType | undefined>(undefined);
  status = $state<ChannelStatus | undefined>(undefined);

  constructor(bridge: InboxBridge) {
    this.list = new AdminList((request) =>
      bridge.invoke('admin:channels', { ...request, ...(this.type ? { type: this.type } : {}), ...(this.status ? { status: this.status } : {}) }),
    );
  }

  async narrow(filters: { type?: ListedChannelType | undefined; status?: ChannelStatus | undefined }): Promise<void> {
    if ('type' in filters) this.type = filters.type;
    if ('status' in filters) this.status = filters.status;
    await this.list.reload();
  }
}
