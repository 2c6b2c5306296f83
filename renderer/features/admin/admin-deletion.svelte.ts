/**
 * A deletion the agent confirms first: the item waiting for confirmation, the request while it runs, and what came
 * of it. An item the service no longer has counts as deleted (the agent is told it was already gone); either way
 * the list is read again.
 */
import type { InboxError, Result } from '../../../common/result';
import { isGone, whenOnline } from './admin-words';

export class AdminDeletion<T> {
  item = $state.raw<T | undefined>(undefined);
  busy = $state(false);
  error = $state.raw<InboxError | undefined>(undefined);
  /** The item was already gone when deleted: said above the list. */
  notice = $state.raw<InboxError | undefined>(undefined);

  constructor(
    private readonly remove: (item: T) => Promise<Result<unknown>>,
    private readonly afterwards: () => Promise<void>,
  ) {}

  ask(item: T): void {
    this.error = undefined;
    this.item = item;
  }

  cancel(): void {
    if (!this.busy) this.item = undefined;
  }

  async confirm(): Promise<void> {
    const item = this.item;
    if (item === undefined || this.busy) return;
    this.busy = true;
    const answer = await whenOnline(() => this.remove(item));
    this.busy = false;
    if (!answer.ok && !isGone(answer.error)) {
      this.error = answer.error;
      return;
    }
    this.notice = answer.ok ? undefined : answer.error;
    this.item = undefined;
    await this.afterwards();
  }
}
