/** Component tests: DOM matchers, the layout jsdom lacks that the virtual list needs, and a clean DOM after each test. */
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/svelte';
import { afterEach } from 'vitest';

/**
 * jsdom lays nothing out, and the virtual list learns every size from ResizeObserver. So an element that scrolls
 * reports the size of a window pane and any other element the height of one list row; an element counts as shown
 * when it is attached (jsdom's offsetParent is always null).
 */
export const paneSize = { width: 360, height: 640 };
export const rowHeight = 76;

class LaidOutResizeObserver implements ResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element): void {
    queueMicrotask(() => {
      const scrolls = target instanceof HTMLElement && /auto|scroll/.test(target.style.overflowY);
      const size = scrolls ? paneSize : { width: paneSize.width, height: rowHeight };
      const contentRect = DOMRectReadOnly.fromRect({ x: 0, y: 0, ...size });
      const box = [{ inlineSize: size.width, blockSize: size.height }];
      this.callback([{ target, contentRect, borderBoxSize: box, contentBoxSize: box, devicePixelContentBoxSize: box }], this);
    });
  }
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= LaidOutResizeObserver;
Object.defineProperty(HTMLElement.prototype, 'offsetParent', {
  configurable: true,
  get(this: HTMLElement) {
    return this.isConnected ? this.parentElement : null;
  },
});
Element.prototype.scrollTo ??= function scrollTo(this: Element, options?: ScrollToOptions | number) {
  if (typeof options === 'object' && options.top !== undefined) this.scrollTop = options.top;
};
Element.prototype.scrollBy ??= function scrollBy(this: Element, options?: ScrollToOptions | number) {
  if (typeof options === 'object' && options.top !== undefined) this.scrollTop += options.top;
};

afterEach(() => cleanup());
