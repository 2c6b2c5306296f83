/**
 * "Send via" for the open conversation: the customer's agents to send through and the chosen one, as main answers
 * them (`send-via:options`); a choice goes to main (`send-via:choose`), which remembers it for that customer. Until
 * main has answered (or when it cannot), sends go through the conversation's last agent, as before there was a choice.
 */
import type { InboxBridge } from '../../../common/contract';
import type { SendOption } from '../../../common/contract/send-via';
import type { InboxError } from '../../../common/result';

export class SendViaState {
  options = $state.raw<SendOption[]>([]);
  chosenAgentId = $state<string | null>(null);
  /** Why the options could not be read, or why the last choice was refused. */
  error = $state.raw<InboxError | undefined>(undefined);
  /** The customer the options are for. */
  customerId = $state<string | undefined>(undefined);

  /** Bumped for each customer, so a late answer about the previous one is dropped. */
  #generation = 0;

  constructor(private readonly bridge: InboxBridge) {}

  readonly chosen = $derived(this.options.find((option) => option.agentId === this.chosenAgentId));

  /** Reads the customer's options (again, when their subscriptions may have changed). */
  async load(customerId: string): Promise<void> {
    const generation = this.customerId === customerId ? this.#generation : this.#reset(customerId);
    const answer = await this.bridge.invoke('send-via:options', { customerId });
    if (generation !== this.#generation) return;
    if (answer.ok) {
      this.options = answer.value.options;
      this.chosenAgentId = answer.value.chosenAgentId;
      this.error = undefined;
    } else this.error = answer.error;
  }

  /** Sends to this customer go through `agentId` from now on, here and after a restart. */
  async choose(agentId: string): Promise<void> {
    const customerId = this.customerId;
    if (customerId === undefined) return;
    const generation = this.#generation;
    const previous = this.chosenAgentId;
    this.chosenAgentId = agentId;
    const answer = await this.bridge.invoke('send-via:choose', { customerId, agentId });
    if (generation !== this.#generation) return;
    if (answer.ok) {
      this.options = answer.value.options;
      this.chosenAgentId = answer.value.chosenAgentId;
      this.error = undefined;
    } else {
      this.chosenAgentId = previous;
      this.error = answer.error;
    }
  }

  /** The agent a send to `customerId` goes through, when main has named one for them. */
  agentFor(customerId: string): string | undefined {
    return this.customerId === customerId ? (this.chosenAgentId ?? undefined) : undefined;
  }

  clear(): void {
    this.#reset(undefined);
  }

  #reset(customerId: string | undefined): number {
    this.customerId = customerId;
    this.options = [];
    this.chosenAgentId = null;
    this.error = undefined;
    return ++this.#generation;
  }
}
