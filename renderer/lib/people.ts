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

/** Up to two initials for the avatar; a "#" for a customer known only by number. */
export function initials(customer: Pick<CustomerRecord, 'name'>): string {
  const words = (customer.name ?? '').trim().split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return '#';
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words.at(-1)?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

const avatarHues = 8;

/** A stable colour slot per customer, so the same person keeps the same avatar colour everywhere. */
export function avatarHue(id: string): number {
  let hash = 0;
  for (let index = 0; index < id.length; index++) hash = (hash * 31 + id.charCodeAt(index)) >>> 0;
  return hash % avatarHues;
}
