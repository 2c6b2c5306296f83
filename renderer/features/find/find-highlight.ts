/**
 * Shows where find in conversation matched, without touching the messages' DOM: the found words are painted with the
 * CSS Custom Highlight API (`::highlight(find-match)`), and the current match's message is marked with a data
 * attribute the thread's style outlines. Where the API is missing (jsdom), only the mark is set.
 */

/** The attribute the thread's messages carry with their key (MessageBubble), to find one on screen. */
export const messageKeyAttribute = 'data-message-key';
/** Set on the current match's message. */
export const currentMatchAttribute = 'data-find-current';

const wordPattern = /[\p{L}\p{N}]+/gu;

/** The typed words, each matched where it starts a word, as the cache's search matches them. */
function matcherOf(text: string): RegExp | undefined {
  const words = text.match(wordPattern) ?? [];
  if (words.length === 0) return undefined;
  const alternatives = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})`, 'giu');
}

export function messageElement(root: ParentNode, key: string): HTMLElement | null {
  // Compared, not put into a selector: a key is the service's id, and may hold anything.
  return [...root.querySelectorAll<HTMLElement>(`[${messageKeyAttribute}]`)].find((element) => element.getAttribute(messageKeyAttribute) === key) ?? null;
}

/** Ranges over the words in the messages with these keys' text (their time and status left out). */
function wordRanges(root: ParentNode, keys: ReadonlySet<string>, matcher: RegExp): Range[] {
  const ranges: Range[] = [];
  for (const element of root.querySelectorAll<HTMLElement>(`[${messageKeyAttribute}]`)) {
    if (!keys.has(element.getAttribute(messageKeyAttribute) ?? '')) continue;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      if (node.parentElement?.closest('time, .meta') !== null) continue;
      for (const found of (node.textContent ?? '').matchAll(matcher)) {
        const range = document.createRange();
        range.setStart(node, found.index);
        range.setEnd(node, found.index + found[0].length);
        ranges.push(range);
      }
    }
  }
  return ranges;
}

/** Paints the matches shown under `root` and marks the current one's message; returns what undoes it. */
export function highlightMatches(root: HTMLElement, text: string, matchKeys: readonly string[], currentKey: string | undefined): () => void {
  const current = currentKey === undefined ? null : messageElement(root, currentKey);
  current?.setAttribute(currentMatchAttribute, '');
  const matcher = matcherOf(text);
  const registry = typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights : undefined;
  if (registry !== undefined && matcher !== undefined) {
    registry.set('find-match', new Highlight(...wordRanges(root, new Set(matchKeys), matcher)));
    if (currentKey !== undefined) registry.set('find-current', new Highlight(...wordRanges(root, new Set([currentKey]), matcher)));
  }
  return () => {
    current?.removeAttribute(currentMatchAttribute);
    registry?.delete('find-match');
    registry?.delete('find-current');
  };
}
