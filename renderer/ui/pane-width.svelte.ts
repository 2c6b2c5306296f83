/**
 * A pane's width as the agent left it with its separator, kept in the renderer's local storage so it survives a
 * restart (Electron keeps the window's storage; it is not private: only a number of pixels). What is read back is
 * checked: anything but a number in range gives the default.
 */
import { z } from 'zod';

const storageKeyPrefix = 'inbox.pane-width.';
const StoredWidth = z.coerce.number().finite();

export class PaneWidth {
  width = $state(0);

  constructor(
    private readonly name: string,
    readonly fallback: number,
    readonly min: number,
    readonly max: number,
  ) {
    this.width = this.#read();
  }

  set(width: number): void {
    this.width = Math.round(Math.min(this.max, Math.max(this.min, width)));
    try {
      localStorage.setItem(storageKeyPrefix + this.name, String(this.width));
    } catch {
      // Storage full or denied: the width holds for this session, which is all a layout preference needs.
    }
  }

  #read(): number {
    let stored: string | null = null;
    try {
      stored = localStorage.getItem(storageKeyPrefix + this.name);
    } catch {
      return this.fallback;
    }
    const parsed = StoredWidth.safeParse(stored);
    if (stored === null || !parsed.success || parsed.data < this.min || parsed.data > this.max) return this.fallback;
    return parsed.data;
  }
}
