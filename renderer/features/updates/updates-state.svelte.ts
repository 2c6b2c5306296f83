/**
 * The app's own update as the window shows it: main's update machine state (`updates:state` at start, then
 * `updates:changed`), and the agent's consent to restart into a downloaded version (`updates:install`).
 */
import type { InboxBridge } from '../../../common/contract';
import type { UpdateState } from '../../../common/contract/updates';

export class UpdatesState {
  current = $state.raw<UpdateState>({ status: 'off' });
  /** Why the last restart request was refused, shown beside the button. */
  installProblem = $state<string | undefined>(undefined);
  installing = $state(false);

  constructor(private readonly bridge: InboxBridge) {}

  listen(): () => void {
    let heard = false;
    const stop = this.bridge.on('updates:changed', (state) => {
      heard = true;
      this.current = state;
    });
    void this.bridge.invoke('updates:state', {}).then((result) => {
      // An event that arrived while the read was under way is newer than what the read answers.
      if (result.ok && !heard) this.current = result.value;
    });
    return stop;
  }

  async install(): Promise<void> {
    this.installing = true;
    this.installProblem = undefined;
    const result = await this.bridge.invoke('updates:install', {});
    // On success the app quits; staying here means it did not.
    this.installing = false;
    if (!result.ok) this.installProblem = result.error.message;
  }
}
