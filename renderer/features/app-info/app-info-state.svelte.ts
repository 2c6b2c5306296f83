/** What the app knows about itself, loaded once through the contract. */
import type { AppInfo } from '../../../common/contract/app';
import type { InboxError } from '../../../common/result';
import type { InboxBridge } from '../../../common/contract';

export class AppInfoState {
  info = $state<AppInfo | undefined>(undefined);
  error = $state<InboxError | undefined>(undefined);

  constructor(private readonly bridge: InboxBridge) {}

  async load(): Promise<void> {
    const result = await this.bridge.invoke('app:info', {});
    if (result.ok) {
      this.info = result.value;
      this.error = undefined;
    } else {
      this.error = result.error;
    }
  }
}
