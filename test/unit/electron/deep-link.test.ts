/** twoway-inbox:// links: what is accepted, what is refused, where they are found, and how a phone becomes a customer. */
import { describe, expect, it } from 'vitest';
import { deepLinkInArgv, parseDeepLink, resolveDeepLink, type CustomerLookup } from '../../../main/deep-link';

function lookupOf(phones: Record<string, string[]>): CustomerLookup {
  return { customerIdsByPhoneDigits: (digits) => Promise.resolve(phones[digits] ?? []) };
}

describe('parseDeepLink', () => {
  it.each([
    ['twoway-inbox://customer/cus_8f2a', { kind: 'customer-id', customerId: 'cus_8f2a' }],
    ['twoway-inbox://customer/cus_8f2a/', { kind: 'customer-id', customerId: 'cus_8f2a' }],
    ['twoway-inbox://customer/%2B15551234567', { kind: 'customer-phone', phoneDigits: '15551234567' }],
    ['twoway-inbox://customer/+1 (555) 123-4567', { kind: 'customer-phone', phoneDigits: '15551234567' }],
    ['twoway-inbox://customer/15551234567', { kind: 'customer-phone', phoneDigits: '15551234567', orCustomerId: '15551234567' }],
    ['TWOWAY-INBOX://customer/abc', { kind: 'customer-id', customerId: 'abc' }],
  ])('reads %s', (link, expected) => {
    expect(parseDeepLink(link)).toEqual(expected);
  });

  it.each([
    'https://customer/abc',
    'twoway-inbox://settings/abc',
    'twoway-inbox://customer/',
    'twoway-inbox://customer/a/b',
    'twoway-inbox://customer/..%2Fetc',
    'twoway-inbox://customer/%E0%A4%A',
    'twoway-inbox://customer/<script>',
    'twoway-inbox://customer/+12',
    `twoway-inbox://customer/${'a'.repeat(600)}`,
    'not a link',
  ])('refuses %s', (link) => {
    expect(parseDeepLink(link)).toBeUndefined();
  });
});

describe('deepLinkInArgv', () => {
  it('finds the link the OS appended after Chromium flags, and nothing in a plain launch', () => {
    expect(deepLinkInArgv(['/opt/2-Way Inbox/inbox', '--no-sandbox', 'twoway-inbox://customer/abc'])).toBe(
      'twoway-inbox://customer/abc',
    );
    expect(deepLinkInArgv(['/opt/2-Way Inbox/inbox', '--no-sandbox'])).toBeUndefined();
  });
});

describe('resolveDeepLink', () => {
  it('opens the one cached customer with that phone', async () => {
    const link = parseDeepLink('twoway-inbox://customer/+15551234567');
    if (link === undefined) throw new Error('link did not parse');
    expect(await resolveDeepLink(link, lookupOf({ '15551234567': ['cus_1'] }))).toBe('cus_1');
  });

  it('opens nothing for a phone no customer has, or that two customers share', async () => {
    const link = parseDeepLink('twoway-inbox://customer/+15551234567');
    if (link === undefined) throw new Error('link did not parse');
    expect(await resolveDeepLink(link, lookupOf({}))).toBeUndefined();
    expect(await resolveDeepLink(link, lookupOf({ '15551234567': ['cus_1', 'cus_2'] }))).toBeUndefined();
  });

  it('takes a digits-only target as an id when no customer has it as a phone', async () => {
    const link = parseDeepLink('twoway-inbox://customer/123456789');
    if (link === undefined) throw new Error('link did not parse');
    expect(await resolveDeepLink(link, lookupOf({}))).toBe('123456789');
    expect(await resolveDeepLink(link, lookupOf({ '123456789': ['cus_9'] }))).toBe('cus_9');
  });
});
