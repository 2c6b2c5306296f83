/**
 * A page of the account's media library (`media:list`) as a picker shows it: one page at a time, optionally of one
 * type, with the way to the pages before and after. A page asked for while another was on its way wins.
 */
import type { MediaLibraryPage, LibraryMedia } from '../../../common/contract/media';
import type { InboxError, Result } from '../../../common/result';

export type MediaTypeFilter = 'image' | 'video' | 'file' | undefined;
export type MediaLibraryQuery = { offset: number; limit: number; type?: 'image' | 'video' | 'file' };
export type LoadMediaLibrary = (query: MediaLibraryQuery) => Promise<Result<MediaLibraryPage>>;

export const mediaLibraryPageSize = 24;

export class MediaLibraryState {
  items = $state.raw<LibraryMedia[]>([]);
  total = $state(0);
  offset = $state(0);
  type = $state<MediaTypeFilter>(undefined);
  loading = $state(false);
  error = $state.raw<InboxError | undefined>(undefined);
  #asked = 0;

  constructor(
    private readonly load: LoadMediaLibrary,
    private readonly pageSize = mediaLibraryPageSize,
  ) {}

  get hasPrevious(): boolean {
    return this.offset > 0;
  }

  get hasNext(): boolean {
    return this.offset + this.items.length < this.total;
  }

  /** Shows the page at `offset` of files of `type` (undefined: every type). */
  async show(type: MediaTypeFilter, offset = 0): Promise<void> {
    const asked = ++this.#asked;
    this.type = type;
    this.loading = true;
    const page = await this.load({ offset, limit: this.pageSize, ...(type === undefined ? {} : { type }) });
    if (asked !== this.#asked) return;
    this.loading = false;
    if (!page.ok) {
      this.error = page.error;
      return;
    }
    this.error = undefined;
    this.items = page.value.items;
    this.total = page.value.total;
    this.offset = page.value.offset;
  }

  next(): Promise<void> {
    return this.show(this.type, this.offset + this.pageSize);
  }

  previous(): Promise<void> {
    return this.show(this.type, Math.max(0, this.offset - this.pageSize));
  }
}
