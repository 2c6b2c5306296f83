/**
 * The sync engine as the agent sees it (`sync:status` and its event): syncing, up to date, offline or slowed down,
 * and when it last heard from the service. It also tells the engine what the agent is looking at (`sync:focus`),
 * which decides how often it asks the service for news, and what the system says about the network.
 */
import type { InboxBridge } from '../../../common/contract';
import type { SyncFocus, SyncStatus } from '../../../common/contract/sync';

export class SyncState {
  status = $state.raw<SyncStatus | undefined>(undefined);
  /** True while a sync the agent asked for runs. */
  refreshing = $state(false);

  #lastFocus = '';

  constructor(private readonly bridge: InboxBridge) {}

  listen(): () => void {
    return this.bridge.on('sync:status', (status) => {
      this.status = status;
    });
  }

  async load(): Promise<void> {
    const result = await this.bridge.invoke('sync:status', {});
    if (result.ok) this.status ??= result.value;
  }

  /** Looks for changes now ("Sync now"). */
  async syncNow(): Promise<void> {
    if (this.refreshing) return;
    this.refreshing = true;
    const result = await this.bridge.invoke('sync:now', {});
    this.refreshing = false;
    if (result.ok) this.status = result.value;
  }

  /** Tells the engine what is on screen; repeats of the same view are not sent again. */
  async focus(focus: SyncFocus): Promise<void> {
    const key = JSON.stringify(focus);
    if (key === this.#lastFocus) return;
    this.#lastFocus = key;
    await this.bridge.invoke('sync:focus', focus);
  }

  async network(online: boolean): Promise<void> {
    await this.bridge.invoke('sync:network', { online });
  }
}
