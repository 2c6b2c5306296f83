/**
 * What an agent types becomes a search plan: nothing, a short scan, or an FTS5 expression built only from quoted
 * prefix terms, so no input can smuggle FTS5 syntax into the query.
 */
import { describe, expect, it } from 'vitest';
import { planSearch, startsWordsFor } from '../../../main/cache/search-query';

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

describe('startsWordsFor', () => {
  it('needs every term to start some word, ignoring case and accents', () => {
    expect(startsWordsFor("Seán O'Brien 353851234567", ['br'])).toBe(true);
    expect(startsWordsFor('José Müller', ['mu', 'jo'])).toBe(true);
    expect(startsWordsFor('José Müller', ['mu', 'x'])).toBe(false);
    expect(startsWordsFor('José Müller', ['ll'])).toBe(false);
    expect(startsWordsFor('José Müller 4915112345678', ['49'])).toBe(true);
  });
});
