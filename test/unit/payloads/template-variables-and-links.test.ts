/** WhatsApp template variables counted and filled, and link tokens and links found in a text message. */
import { describe, expect, it } from 'vitest';
import { fillVariables, variableCount } from '../../../common/payloads/template-variables';
import { findLinks, linkTokenText, replaceLinks, showLinkTokens, splitLinkTokens } from '../../../common/payloads/link-tokens';

describe('template variables', () => {
  it('counts a text’s highest placeholder, repeated or skipped ones included', () => {
    expect(variableCount('Spring sale! Get {{1}} off all sneakers until {{2}}.')).toBe(2);
    expect(variableCount('{{1}} and {{1}} again, then {{3}}')).toBe(3);
    expect(variableCount('{{ 2 }}')).toBe(2);
    expect(variableCount('No variables')).toBe(0);
    expect(variableCount(undefined)).toBe(0);
  });

  it('fills each placeholder with its value, leaving one without a value as it is', () => {
    expect(fillVariables('Get {{1}} off until {{2}}, {{1}}!', ['20%', 'Sunday'])).toBe('Get 20% off until Sunday, 20%!');
    expect(fillVariables('Hi {{1}}, order {{2}}', ['Ada'])).toBe('Hi Ada, order {{2}}');
  });
});

describe('link tokens', () => {
  it('splits a text around its tokens and shows them by name', () => {
    const text = `Track it here: ${linkTokenText(146746)}. Or ${linkTokenText(9)}`;
    expect(splitLinkTokens(text)).toEqual([
      { kind: 'text', text: 'Track it here: ' },
      { kind: 'link', id: 146746 },
      { kind: 'text', text: '. Or ' },
      { kind: 'link', id: 9 },
    ]);
    expect(showLinkTokens(text, (id) => (id === 146746 ? 'Watch this' : undefined))).toBe('Track it here: [Watch this]. Or [link]');
  });

  it('finds each link once without the sentence’s punctuation, and replaces them with short ones', () => {
    const text = 'See https://shop.acme.example/spring, and (https://a.example/x?y=1). Again: https://shop.acme.example/spring.';
    expect(findLinks(text)).toEqual(['https://shop.acme.example/spring', 'https://a.example/x?y=1']);
    expect(findLinks('no links, just http:// and words')).toEqual([]);
    expect(replaceLinks(text, [{ base: 'https://shop.acme.example/spring', short: 'http://x4p.me/Sw5Tp' }])).toBe(
      'See http://x4p.me/Sw5Tp, and (https://a.example/x?y=1). Again: http://x4p.me/Sw5Tp.',
    );
  });
});
