/**
 * The customer details panel: whether it is open (remembered across restarts), the open customer's details read
 * from main's cache (`customers:details`, again when `customers:changed` names them), the name being edited and
 * saved (`customers:update`), a channel's chatbot switched, and the deletion the agent confirms first
 * (`customers:delete`). Every write goes to the service at once; main refuses it offline and says so.
 */
import type { InboxBridge } from '../../../common/contract';
import { CustomerName, type CustomerDetails } from '../../../common/contract/customers';
import type { InboxError } from '../../../common/result';
import { rendererStorage } from '../../lib/renderer-storage';

/** Where the panel's open or closed state is kept (the renderer's own storage, kept across restarts). */
export const detailsOpenKey = 'inbox.customer-details.open';

export class CustomerDetailsState {
  open = $state(false);
  details = $state.raw<CustomerDetails | undefined>(undefined);
  loadError = $state.raw<InboxError | undefined>(undefined);
  /** The Name field as typed. */
  name = $state('');
  nameError = $state<string | undefined>(undefined);
  saving = $state(false);
  saveError = $state.raw<InboxError | undefined>(undefined);
  /** Said after a save, until the name is typed again. */
  savedName = $state<string | undefined>(undefined);
  /** The channel whose chatbot switch is on its way. */
  switchingChannel = $state<string | undefined>(undefined);
  chatbotError = $state.raw<InboxError | undefined>(undefined);
  confirmingDelete = $state(false);
  deleting = $state(false);
  deleteError = $state.raw<InboxError | undefined>(undefined);

  #customerId: string | undefined;
  #generation = 0;
  readonly #storage: Storage | undefined;

  constructor(
    private readonly bridge: InboxBridge,
    options: { storage?: Storage } = {},
  ) {
    this.#storage = options.storage ?? rendererStorage();
    this.open = this.#storage?.getItem(detailsOpenKey) === 'true';
  }

  /** Reads the shown customer again when main says they changed; returns the function that stops listening. */
  listen(): () => void {
    return this.bridge.on('customers:changed', ({ ids }) => {
      if (this.open && this.#customerId !== undefined && ids.includes(this.#customerId)) void this.#read(this.#customerId, false);
    });
  }

  toggle(): void {
    this.open = !this.open;
    this.#storage?.setItem(detailsOpenKey, String(this.open));
    // Changes that came while it was closed were not read: opening reads again, keeping a name being typed.
    if (this.open && this.#customerId !== undefined) void this.#read(this.#customerId, this.details === undefined);
  }

  /**
   * Shows this customer's details (none: nothing open); the Name field starts from their name. A closed panel reads
   * them when it opens, not with every conversation the agent goes through.
   */
  async show(customerId: string | undefined): Promise<void> {
    if (customerId === this.#customerId) return;
    this.#customerId = customerId;
    this.details = undefined;
    this.loadError = undefined;
    this.saveError = undefined;
    this.nameError = undefined;
    this.savedName = undefined;
    this.chatbotError = undefined;
    this.confirmingDelete = false;
    this.deleteError = undefined;
    this.name = '';
    if (customerId !== undefined && this.open) await this.#read(customerId, true);
  }

  setName(name: string): void {
    this.name = name;
    this.nameError = undefined;
    this.savedName = undefined;
  }

  async saveName(): Promise<void> {
    const id = this.#customerId;
    if (id === undefined || this.saving) return;
    const name = CustomerName.safeParse(this.name);
    if (!name.success) {
      this.nameError = name.error.issues[0]?.message ?? 'Enter a name';
      return;
    }
    this.saving = true;
    this.saveError = undefined;
    const saved = await this.bridge.invoke('customers:update', { id, name: name.data });
    this.saving = false;
    if (id !== this.#customerId) return;
    if (!saved.ok) {
      this.saveError = saved.error;
      return;
    }
    this.name = saved.value.name ?? '';
    this.savedName = saved.value.name ?? '';
    if (this.details) this.details = { ...this.details, customer: saved.value };
  }

  async setChatbot(channelId: string, enabled: boolean): Promise<void> {
    const id = this.#customerId;
    if (id === undefined || this.switchingChannel !== undefined) return;
    this.switchingChannel = channelId;
    this.chatbotError = undefined;
    const changed = await this.bridge.invoke('customers:update', { id, chatbot: { channelId, enabled } });
    this.switchingChannel = undefined;
    if (id !== this.#customerId) return;
    if (!changed.ok) this.chatbotError = changed.error;
    else await this.#read(id, false);
  }

  askDelete(): void {
    this.deleteError = undefined;
    this.confirmingDelete = true;
  }

  cancelDelete(): void {
    if (!this.deleting) this.confirmingDelete = false;
  }

  /** Deletes the customer on the service and in this app; true once they are gone (already gone counts). */
  async confirmDelete(): Promise<boolean> {
    const id = this.#customerId;
    if (id === undefined || this.deleting) return false;
    this.deleting = true;
    this.deleteError = undefined;
    const deleted = await this.bridge.invoke('customers:delete', { id });
    this.deleting = false;
    if (!deleted.ok) {
      this.deleteError = deleted.error;
      return false;
    }
    this.confirmingDelete = false;
    return true;
  }

  async #read(customerId: string, fillName: boolean): Promise<void> {
    const generation = ++this.#generation;
    const read = await this.bridge.invoke('customers:details', { id: customerId });
    if (generation !== this.#generation || customerId !== this.#customerId) return;
    if (!read.ok) {
      this.loadError = read.error;
      return;
    }
    this.loadError = undefined;
    const previous = this.details?.customer.name ?? '';
    this.details = read.value ?? undefined;
    const name = read.value?.customer.name ?? '';
    // A name the agent is typing stays; a field still showing the old name follows the new one.
    if (fillName || this.name === previous) this.name = name;
  }
}
