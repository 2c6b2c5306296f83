/** How a customer is named on screen: their name, else their number written the international way. */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { CustomerRecord } from '../../common/domain';

/** The service stores international digits without "+" (reference line 1651): "+44 7700 900123" for reading. */
export function formatPhone(phone: string): string {
  const digits = phone.replace(/[^\d]/g, '');
  if (digits === '') return phone;
  return parsePhoneNumberFromString(`+${digits}`)?.formatInternational() ?? `+${digits}`;
}

export function hasName(customer: Pick<CustomerRecord, 'name'>): boolean {
  return (customer.name ?? '').trim() !== '';
}

export function displayName(customer: Pick<CustomerRecord, 'name' | 'phone'>): string {
  return hasName(customer) ? (customer.name ?? '').trim() : formatPhone(customer.phone);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** What a reader sees as the word's first character: a whole emoji or letter with its accents, never half of one. */
function firstGrapheme(word: string): string {
  return graphemes.segment(word)[Symbol.iterator]().next().value?.segment ?? '';
}

/** Bidi controls (U+202A-202E, U+2066-2069) and marks shape how text runs, they are no one's initial. */
const invisible = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const startsWithLetterOrDigit = /^[\p{L}\p{N}]/u;

/**
 * Up to two initials for the avatar, from the first and last words that start with a letter or digit ("Ana 👋"
 * is "A"); a name of emoji alone shows its first one; a "#" for a customer known only by number.
 */
export function initials(customer: Pick<CustomerRecord, 'name'>): string {
  const words = (customer.name ?? '').replace(invisible, '').trim().split(/\s+/).filter((word) => word !== '');
  const named = words.filter((word) => startsWithLetterOrDigit.test(word));
  if (named.length === 0) return words.length === 0 ? '#' : firstGrapheme(words[0] ?? '');
  const first = firstGrapheme(named[0] ?? '');
  const last = named.length > 1 ? firstGrapheme(named.at(-1) ?? '') : '';
  return (first + last).toUpperCase();
}

const avatarHues = 8;

/** A stable colour slot per customer, so the same person keeps the same avatar colour everywhere. */
export function avatarHue(id: string): number {
  let hash = 0;
  for (let index = 0; index < id.length; index++) hash = (hash * 31 + id.charCodeAt(index)) >>> 0;
  return hash % avatarHues;
}
