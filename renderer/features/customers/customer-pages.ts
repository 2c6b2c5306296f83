/**
 * How pages of customers join into one list: sorted by last message time, then id, both descending (the order of
 * CustomerCursor), with each customer once even when a row moved between two reads.
 */
import type { Customer, CustomerCursor } from '../../../common/domain';

export function cursorOf(customer: Customer): CustomerCursor {
  return { time: customer.lastMessageTime ?? 0, id: customer.id };
}

function sortsAfter(customer: Customer, cursor: CustomerCursor): boolean {
  const time = customer.lastMessageTime ?? 0;
  return time < cursor.time || (time === cursor.time && customer.id < cursor.id);
}

/** `rows` without customers already in `shown` (the set grows with what is kept). */
function withoutShown(rows: readonly Customer[], shown: Set<string>): Customer[] {
  const kept: Customer[] = [];
  for (const row of rows) {
    if (shown.has(row.id)) continue;
    shown.add(row.id);
    kept.push(row);
  }
  return kept;
}

/** A page read on its own (the first page of a new search), each customer once. */
export function uniqueRows(rows: readonly Customer[]): Customer[] {
  return withoutShown(rows, new Set());
}

export function appendPage(rows: readonly Customer[], page: readonly Customer[]): Customer[] {
  return [...rows, ...withoutShown(page, new Set(rows.map((row) => row.id)))];
}

/**
 * A freshly read top of the list followed by the deeper rows already loaded that sort after it: an agent scrolled
 * far down keeps their place, and a customer who moved up appears once, at their new place.
 */
export function replaceHead(
  rows: readonly Customer[],
  head: readonly Customer[],
  headIsWholeList: boolean,
): { rows: Customer[]; keptDeeperRows: boolean } {
  const fresh = uniqueRows(head);
  const last = fresh.at(-1);
  if (headIsWholeList || last === undefined) return { rows: fresh, keptDeeperRows: false };
  const inHead = new Set(fresh.map((row) => row.id));
  const end = cursorOf(last);
  const deeper = rows.filter((row) => !inHead.has(row.id) && sortsAfter(row, end));
  return { rows: [...fresh, ...deeper], keptDeeperRows: deeper.length > 0 };
}
