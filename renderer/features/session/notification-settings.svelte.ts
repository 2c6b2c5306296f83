/**
 * The agent's notification preferences as the header shows them: loaded with `prefs:notifications` when the agent
 * opens the settings, each change sent alone with `prefs:set-notifications`. A change shows at once and goes back
 * when main refuses it, so the checkbox always ends up saying what main holds.
 */
import type { InboxBridge } from '../../../common/contract';
import type { NotificationPrefs } from '../../../common/contract/notifications';
import type { InboxError } from '../../../common/result';

export type NotificationPref = keyof NotificationPrefs;

export class NotificationSettings {
  open = $state(false);
  prefs = $state.raw<NotificationPrefs | undefined>(undefined);
  loading = $state(false);
  /** The preference being saved; the checkboxes wait for it, so answers cannot arrive out of order. */
  saving = $state<NotificationPref | undefined>(undefined);
  error = $state.raw<InboxError | undefined>(undefined);

  constructor(private readonly bridge: InboxBridge) {}

  toggle(): void {
    if (this.open) this.close();
    else void this.#openAndLoad();
  }

  close(): void {
    this.open = false;
    this.error = undefined;
  }

  async set(pref: NotificationPref, value: boolean): Promise<void> {
    const before = this.prefs;
    if (before === undefined || this.saving !== undefined) return;
    this.saving = pref;
    this.error = undefined;
    this.prefs = { ...before, [pref]: value };
    const result = await this.bridge.invoke('prefs:set-notifications', { [pref]: value });
    this.saving = undefined;
    if (result.ok) {
      this.prefs = result.value;
    } else {
      this.prefs = before;
      this.error = result.error;
    }
  }

  async #openAndLoad(): Promise<void> {
    this.open = true;
    this.error = undefined;
    this.loading = true;
    const result = await this.bridge.invoke('prefs:notifications', {});
    this.loading = false;
    if (result.ok) this.prefs = result.value;
    else this.error = result.error;
  }
}
