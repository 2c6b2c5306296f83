/**
 * Turns what an agent types into a search the cache can run safely. FTS5 has its own query language, where quotes,
 * `*`, parentheses, `-`, `:` and words like NOT mean something; user text is never passed through: it is cut into
 * words and each word becomes a quoted prefix term, so any input is a valid query.
 */

/** Words as FTS5's unicode61 tokenizer sees them: runs of letters and digits. */
const wordPattern = /[\p{L}\p{N}]+/gu;

/** Input that is only a phone number's digits and the punctuation people type around them. */
const phonePattern = /^[\d\s+().-]+$/;

/** A search whose every word is shorter matches too many rows for the index to pay off; it takes the short scan. */
const minimumIndexedWordLength = 3;

export type SearchPlan =
  | { kind: 'none' }
  /** An FTS5 MATCH expression: every word must appear as the start of a word in the name or the phone. */
  | { kind: 'indexed'; match: string }
  /** Only 1-2 character words (folded): each must start a word, checked row by row over the newest customers. */
  | { kind: 'short'; terms: string[] };

export function planSearch(input: string | undefined): SearchPlan {
  const trimmed = input?.trim() ?? '';
  const words = (phonePattern.test(trimmed) ? [trimmed.replace(/\D/g, '')] : (trimmed.match(wordPattern) ?? [])).filter(
    (word) => word !== '',
  );
  if (words.length === 0) return { kind: 'none' };
  if (words.every((word) => [...word].length < minimumIndexedWordLength)) {
    return { kind: 'short', terms: words.map(foldForMatching) };
  }
  return { kind: 'indexed', match: words.map(prefixTerm).join(' ') };
}

/** A quoted FTS5 prefix term; the word holds only letters and digits, and quoting makes even `NOT` a plain word. */
function prefixTerm(word: string): string {
  return `"${word.replaceAll('"', '""')}"*`;
}

/** Case and accents folded the way the FTS5 tokenizer (`remove_diacritics 2`) folds them. */
function foldForMatching(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whether every folded term starts some word of `text`: the short scan's test, the same rule as FTS5 prefixes. */
export function startsWordsFor(text: string, foldedTerms: readonly string[]): boolean {
  const words = foldForMatching(text).match(wordPattern) ?? [];
  return foldedTerms.every((term) => words.some((word) => word.startsWith(term)));
}
