/**
 * Customers deleted while reads from the service were on their way. A sync look, a fetch of the open
 * conversation or of older history may have read a customer (or their messages) just before the agent deleted
 * them; storing that answer afterwards would bring the customer back into the list until the next look. Each read
 * whose answer will be stored takes a ticket when it starts, and drops what it read of a customer deleted since.
 * A read that starts after the delete is believed: a customer who writes again is back on the service, and here.
 * Kept in memory for the account's session: once every read begun before the delete has ended, none can resurrect.
 */
export interface ReadTicket {
  readonly started: number;
}

export class DeletedCustomers {
  #readsStarted = 0;
  /** Per deleted customer, how many reads had started when it was deleted. */
  readonly #deletedAfterRead = new Map<string, number>();

  /** Marks the start of a read from the service whose answer will be stored. */
  beginRead(): ReadTicket {
    return { started: ++this.#readsStarted };
  }

  /** The service has deleted this customer (or had already): reads begun before now must not store them again. */
  deleted(customerId: string): void {
    this.#deletedAfterRead.set(customerId, this.#readsStarted);
  }

  /** Whether the customer was deleted after the read holding `ticket` began, making what it read of them stale. */
  deletedSince(ticket: ReadTicket, customerId: string): boolean {
    const deletedAfter = this.#deletedAfterRead.get(customerId);
    return deletedAfter !== undefined && ticket.started <= deletedAfter;
  }

  /** What a read holding `ticket` may store: everything but what belongs to customers deleted since it began. */
  stillWanted<T>(ticket: ReadTicket, items: readonly T[], customerOf: (item: T) => string): T[] {
    return items.filter((item) => !this.deletedSince(ticket, customerOf(item)));
  }
}
