/**
 * An ordered view of a large collection by one key, built on first use and then kept up to date one item at a
 * time, so listing 100k customers sorted by any field costs a scan instead of a sort per request.
 */
export type SortKey = string | number;

interface Entry<T> {
  key: SortKey;
  /** Tie-breaker: insertion order, so equal keys keep a stable order. */
  sequence: number;
  item: T;
}

function compareEntries<T>(a: Entry<T>, b: Entry<T>): number {
  if (a.key < b.key) return -1;
  if (a.key > b.key) return 1;
  return a.sequence - b.sequence;
}

export class SortedIndex<T> {
  private entries: Entry<T>[] | undefined;
  private readonly entryOf = new Map<T, Entry<T>>();

  constructor(
    private readonly source: () => Iterable<T>,
    private readonly keyOf: (item: T) => SortKey,
    private readonly sequenceOf: (item: T) => number,
  ) {}

  /** Items in ascending key order. */
  ascending(): readonly Entry<T>[] {
    if (this.entries === undefined) {
      const built: Entry<T>[] = [];
      for (const item of this.source()) {
        const entry = { key: this.keyOf(item), sequence: this.sequenceOf(item), item };
        built.push(entry);
        this.entryOf.set(item, entry);
      }
      built.sort(compareEntries);
      this.entries = built;
    }
    return this.entries;
  }

  insert(item: T): void {
    if (this.entries === undefined) return;
    const entry = { key: this.keyOf(item), sequence: this.sequenceOf(item), item };
    this.entries.splice(this.position(entry), 0, entry);
    this.entryOf.set(item, entry);
  }

  remove(item: T): void {
    const entry = this.entryOf.get(item);
    if (this.entries === undefined || entry === undefined) return;
    const index = this.position(entry);
    if (this.entries[index] === entry) this.entries.splice(index, 1);
    this.entryOf.delete(item);
  }

  /** Call after the item's key may have changed. */
  update(item: T): void {
    const entry = this.entryOf.get(item);
    if (entry !== undefined && entry.key === this.keyOf(item)) return;
    this.remove(item);
    this.insert(item);
  }

  private position(entry: Entry<T>): number {
    const entries = this.entries ?? [];
    let low = 0;
    let high = entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const current = entries[middle];
      if (current !== undefined && compareEntries(current, entry) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
