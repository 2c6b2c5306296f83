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
  /** An FTS5 MATCH expression: every word must appear as the start of a word. */
  | { kind: 'indexed'; match: string }
  /** Only 1-2 character words (folded), too short for the index to pay off. */
  | { kind: 'short'; terms: string[] };

/** The words of a search; input that looks like a phone number is one word of its digits. */
function searchWords(input: string | undefined): string[] {
  const trimmed = input?.trim() ?? '';
  const words = phonePattern.test(trimmed) ? [trimmed.replace(/\D/g, '')] : (trimmed.match(wordPattern) ?? []);
  return words.filter((word) => word !== '');
}

export function planSearch(input: string | undefined): SearchPlan {
  const words = searchWords(input);
  if (words.length === 0) return { kind: 'none' };
  if (words.every((word) => [...word].length < minimumIndexedWordLength)) {
    return { kind: 'short', terms: words.map(foldForMatching) };
  }
  return { kind: 'indexed', match: words.map(prefixTerm).join(' ') };
}

/**
 * A test of one text, row by row, that says what the index would: every word of the search starts a word of the
 * text, folded alike. Built once per search; a text of plain ASCII skips the Unicode folding.
 */
export function wordStartTest(input: string | undefined): (text: string) => boolean {
  // A word holds only letters and digits: nothing in it means anything to a regular expression.
  const patterns = searchWords(foldForMatching(input ?? '')).map((word) => new RegExp(`(?<![\\p{L}\\p{N}])${word}`, 'u'));
  return (text) => {
    const folded = asciiOnly.test(text) ? text.toLowerCase() : foldForMatching(text);
    return patterns.every((pattern) => pattern.test(folded));
  };
}

const asciiOnly = /^\p{ASCII}*$/u;

/** A quoted FTS5 prefix term; the word holds only letters and digits, and quoting makes even `NOT` a plain word. */
function prefixTerm(word: string): string {
  return `"${word.replaceAll('"', '""')}"*`;
}

/** Case and accents folded the way the FTS5 tokenizer (`remove_diacritics 2`) folds them. */
function foldForMatching(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A folded word of a customer search; a word of digits only may also match any part of the phone number. */
export interface CustomerSearchTerm {
  text: string;
  digits: boolean;
}

export type CustomerSearchPlan =
  | { kind: 'none' }
  /** Every term is 1-2 characters: tested row by row over the newest customers (searchWordsOf, phoneDigitsOf). */
  | { kind: 'short'; terms: CustomerSearchTerm[] }
  /**
   * At least one term of 3+ characters. `match` (FTS5, name words) holds the words that are not all digits, short
   * ones riding along; each of `fragments` (3+ digits) must appear anywhere in the phone or start a name word;
   * `shortDigits` (1-2 digits) are tested on the rows the others select.
   */
  | { kind: 'indexed'; match: string | undefined; fragments: string[]; shortDigits: string[] };

const digitsOnly = /^[0-9]+$/;

/**
 * A customer search: like planSearch, except that a word of digits (or a whole input that looks like a phone
 * number) matches any run of digits in the phone number, as the README promises ("6604" finds +1 713 287 6604),
 * or the start of a name word. One or two digits match anywhere too, so each digit typed narrows the list the
 * previous one showed; they are answered by the short scan, as one or two letters are.
 */
export function planCustomerSearch(input: string | undefined): CustomerSearchPlan {
  // Folded before it is cut into words, as searchWordsOf folds names: a letter typed as a base and a combining mark
  // stays one word.
  const words = searchWords(foldForMatching(input ?? ''));
  if (words.length === 0) return { kind: 'none' };
  const terms = words.map((word) => ({ text: word, digits: digitsOnly.test(word) }));
  if (words.every((word) => [...word].length < minimumIndexedWordLength)) return { kind: 'short', terms };
  const named = words.filter((word) => !digitsOnly.test(word));
  const digitWords = words.filter((word) => digitsOnly.test(word));
  return {
    kind: 'indexed',
    match: named.length === 0 ? undefined : named.map(prefixTerm).join(' '),
    fragments: digitWords.filter((word) => word.length >= minimumIndexedWordLength),
    shortDigits: digitWords.filter((word) => word.length < minimumIndexedWordLength),
  };
}

/**
 * What a customer's name is searched by, one row at a time: its words folded, each after one space, so that
 * `instr(search_words, ' ' || term)` says whether the term starts a word. Kept on the customer row (migration 9).
 */
export function searchWordsOf(name: string | null): string {
  return (foldForMatching(name ?? '').match(wordPattern) ?? []).map((word) => ` ${word}`).join('');
}

/** The phone number's digits alone, which phone fragments are matched against wherever they appear. */
export function phoneDigitsOf(phone: string): string {
  return phone.replace(/\D/g, '');
}
