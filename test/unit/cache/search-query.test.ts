/**
 * What an agent types becomes a search plan: nothing, a short scan, or an FTS5 expression built only from quoted
 * prefix terms, so no input can smuggle FTS5 syntax into the query.
 */
import { describe, expect, it } from 'vitest';
import { phoneDigitsOf, planCustomerSearch, planSearch, searchWordsOf } from '../../../main/cache/search-query';

describe('planSearch', () => {
  it('makes each word a quoted prefix term that must match', () => {
    expect(planSearch('  maria  gonz ')).toEqual({ kind: 'indexed', match: '"maria"* "gonz"*' });
  });

  it('drops FTS5 syntax, keeping the words around it', () => {
    expect(planSearch('"mar" OR (NOT rossi*) name:x ^y NEAR(a b)')).toEqual({
      kind: 'indexed',
      match: '"mar"* "OR"* "NOT"* "rossi"* "name"* "x"* "y"* "NEAR"* "a"* "b"*',
    });
  });

  it('reads a phone number typed with punctuation as one run of digits', () => {
    expect(planSearch('+1 (555) 010-1234')).toEqual({ kind: 'indexed', match: '"15550101234"*' });
    expect(planSearch('555.01')).toEqual({ kind: 'indexed', match: '"55501"*' });
  });

  it('sends one or two characters to the short scan, folded like the index folds them', () => {
    expect(planSearch('Ér')).toEqual({ kind: 'short', terms: ['er'] });
    expect(planSearch('+4')).toEqual({ kind: 'short', terms: ['4'] });
    expect(planSearch('a b')).toEqual({ kind: 'short', terms: ['a', 'b'] });
    // One word long enough makes the index selective, and the short words ride along.
    expect(planSearch('a gonz')).toEqual({ kind: 'indexed', match: '"a"* "gonz"*' });
  });

  it('treats empty or symbol-only input as no search', () => {
    for (const input of [undefined, '', '   ', '"*()', '-:^']) expect(planSearch(input)).toEqual({ kind: 'none' });
  });
});

describe('planCustomerSearch', () => {
  it('looks for digits anywhere in the phone number, and name words by their start', () => {
    expect(planCustomerSearch('32875')).toEqual({ kind: 'indexed', match: undefined, fragments: ['32875'], shortDigits: [] });
    expect(planCustomerSearch('+1 (713) 287')).toEqual({ kind: 'indexed', match: undefined, fragments: ['1713287'], shortDigits: [] });
    expect(planCustomerSearch('Müller 6604 49')).toEqual({ kind: 'indexed', match: '"muller"*', fragments: ['6604'], shortDigits: ['49'] });
  });

  it('sends one or two characters to the short scan, saying which are digits', () => {
    expect(planCustomerSearch('Ér 4')).toEqual({ kind: 'short', terms: [{ text: 'er', digits: false }, { text: '4', digits: true }] });
    expect(planCustomerSearch('+71')).toEqual({ kind: 'short', terms: [{ text: '71', digits: true }] });
  });

  it('folds before cutting into words, so a decomposed accent does not split a word', () => {
    expect(planCustomerSearch('Mu\u0308ller')).toMatchObject({ match: '"muller"*' });
  });

  it('treats empty or symbol-only input as no search', () => {
    for (const input of [undefined, '', '   ', '"*()', '-:^']) expect(planCustomerSearch(input)).toEqual({ kind: 'none' });
  });
});

describe('what a customer row is searched by', () => {
  it('keeps folded name words each after a space, and the phone\'s digits alone', () => {
    expect(searchWordsOf("Seán O'Brien")).toBe(' sean o brien');
    expect(searchWordsOf(null)).toBe('');
    expect(phoneDigitsOf('+1 (713) 287-5671')).toBe('17132875671');
  });
});
