/**
 * A phone number the agent types for a new customer, checked and written the one way the service stores it. The
 * renderer checks as the agent types and main checks again before any request, with the same rules: a number with
 * "+" names its own country; one without is read in the region the agent chose ("020 7946 0958" in GB).
 */
import { getCountries, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { servicePhone } from './api-decisions';
import { fail, ok, type Result } from './result';

export type PhoneRegion = CountryCode;

/** Every region libphonenumber-js knows, by ISO 3166 alpha-2 code. */
export const phoneRegions: readonly PhoneRegion[] = getCountries();

export function isPhoneRegion(value: string): value is PhoneRegion {
  return (phoneRegions as readonly string[]).includes(value);
}

export interface NormalisedPhone {
  /** What the service is sent and stores: international digits without "+" ("442079460958"). */
  service: string;
  /** "+44 20 7946 0958", for the agent to read back. */
  international: string;
  /** The number's region, when the number says which (shared calling codes may not). */
  country: PhoneRegion | undefined;
}

/** Checks a typed number (spaces, dashes, dots and brackets allowed) and writes it the service's way. */
export function normalisePhone(typed: string, region: PhoneRegion | undefined): Result<NormalisedPhone> {
  const text = typed.trim();
  if (text === '') return fail('BAD_INPUT', 'Enter the customer’s phone number', { field: 'phone' });
  if (/[^\d\s\-().+]/.test(text)) return fail('BAD_INPUT', 'A phone number has only digits, spaces, dashes and brackets', { field: 'phone' });
  const international = text.startsWith('+') || text.startsWith('00');
  if (!international && region === undefined) {
    return fail('BAD_INPUT', 'Start the number with + and its country code, or choose its country', { field: 'phone' });
  }
  const parsed = parsePhoneNumberFromString(text.replace(/^00/, '+'), international ? undefined : region);
  if (parsed === undefined || !parsed.isValid()) {
    const where = international || region === undefined ? '' : ` in ${regionName(region)}`;
    return fail('BAD_INPUT', `This is not a valid phone number${where}`, { field: 'phone' });
  }
  return ok({ service: servicePhone(parsed.number), international: parsed.formatInternational(), country: parsed.country });
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** "United Kingdom" for GB; the code itself when the runtime has no name for it. */
export function regionName(region: string): string {
  try {
    return regionNames.of(region) ?? region;
  } catch {
    return region;
  }
}
