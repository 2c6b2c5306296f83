/** What the Contact dialog makes of the agent's words: required names, and a phone number libphonenumber-js accepts. */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

export type PhoneCheck = { ok: true; value: string } | { ok: false; message: string };

export function checkRequired(what: string, text: string): string | undefined {
  return text.trim() === '' ? `${what} is required` : undefined;
}

/**
 * A phone number in international form ("+1 202 555 0143"), sent as E.164 ("+12025550143") so whoever receives the
 * card can call it from anywhere. Without a country code there is no telling which country's number it is.
 */
export function checkPhone(text: string): PhoneCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'Phone is required' };
  if (!trimmed.startsWith('+')) return { ok: false, message: 'Phone needs its country code, starting with +, e.g. +1 202 555 0143' };
  const phone = parsePhoneNumberFromString(trimmed);
  if (phone === undefined || !phone.isValid()) return { ok: false, message: `${trimmed} is not a valid phone number` };
  return { ok: true, value: phone.number };
}
