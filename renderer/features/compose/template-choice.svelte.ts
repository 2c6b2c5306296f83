/**
 * The list a template form picks from: loaded through main, searched by the service (a newer search's answer wins
 * over an older one still on its way), and the one the agent chose.
 */
import type { InboxError, Result } from '../../../common/result';

export class TemplateChoice<T extends { id: string }> {
  items = $state.raw<T[]>([]);
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state.raw<InboxError | undefined>(undefined);
  chosenId = $state<string | undefined>(undefined);
  /** Bumped by each search, so an older answer arriving late is dropped. */
  #asked = 0;

  constructor(private readonly load: (search: string) => Promise<Result<{ items: T[] }>>) {}

  get chosen(): T | undefined {
    return this.items.find((item) => item.id === this.chosenId);
  }

  async search(text: string): Promise<void> {
    const asked = ++this.#asked;
    this.status = 'loading';
    const answer = await this.load(text);
    if (asked !== this.#asked) return;
    if (answer.ok) {
      this.items = answer.value.items;
      this.error = undefined;
      this.status = 'ready';
    } else {
      this.error = answer.error;
      this.status = 'error';
    }
  }
}
