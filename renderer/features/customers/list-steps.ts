/**
 * Moving between conversations in list order (Alt+Up/Down, and to the next unread): the row `step` places from the
 * open one that a test accepts, reading further pages when the rows loaded end first.
 */
import type { Customer } from '../../../common/domain';
import type { CustomerListState } from './customer-list-state.svelte';

/** How many more pages one move reads at most looking for a row, so a move never walks the whole list. */
const maxPagesPerStep = 20;

export const isUnread = (customer: Customer): boolean => customer.unreadCount > 0;

/** The nearest row after `index` (or before, for -1) that `wanted` accepts, among `rows`. */
export function nearestRow(rows: readonly Customer[], index: number, step: 1 | -1, wanted: (customer: Customer) => boolean): Customer | undefined {
  for (let at = index + step; at >= 0 && at < rows.length; at += step) {
    const row = rows[at];
    if (row !== undefined && wanted(row)) return row;
  }
  return undefined;
}

/**
 * The row to open `step` away from `fromId` that `wanted` accepts. Coming from a conversation not in the list (or
 * none), down starts at the top and up at the bottom of what is loaded.
 */
export async function stepThroughList(
  list: CustomerListState,
  fromId: string | undefined,
  step: 1 | -1,
  wanted: (customer: Customer) => boolean = () => true,
): Promise<Customer | undefined> {
  for (let pages = 0; ; pages++) {
    const rows = list.rows;
    const at = rows.findIndex((row) => row.id === fromId);
    const index = at >= 0 ? at : step > 0 ? -1 : rows.length;
    const found = nearestRow(rows, index, step, wanted);
    if (found !== undefined || step < 0 || !list.hasMore || pages >= maxPagesPerStep) return found;
    const before = rows.length;
    await list.loadMore();
    if (list.rows.length === before) return undefined;
  }
}
