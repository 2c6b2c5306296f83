/**
 * Phone numbers as the reference writes them: international digits without "+" ("145044111206", line 1651). The
 * reference's own examples are not valid numbers for their countries ("145044111206" has 11 national digits for
 * +1; "3809861675507" is one digit long for Ukraine), so we accept any E.164-shaped number whose country calling
 * code exists, and take the country from libphonenumber-js when the number is valid, else from the calling code.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import metadata from 'libphonenumber-js/metadata.min.json';

export interface PhoneNumber {
  /** Digits only, e.g. "145044111206". */
  digits: string;
  /** ISO 3166 alpha-2, e.g. "US". */
  country: string;
  valid: boolean;
}

const callingCodeCountries: Record<string, string[]> = metadata.country_calling_codes;

/** Strips "+", spaces, dashes, dots and parentheses; undefined when what is left is not 8-15 digits. */
export function phoneDigits(input: string): string | undefined {
  const digits = input.trim().replace(/[\s\-().]/g, '').replace(/^\+/, '');
  return /^[1-9]\d{7,14}$/.test(digits) ? digits : undefined;
}

export function parsePhone(input: string): PhoneNumber | undefined {
  const digits = phoneDigits(input);
  if (digits === undefined) return undefined;
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  if (parsed === undefined) return undefined;
  const valid = parsed.isValid();
  const country = (valid ? parsed.country : undefined) ?? callingCodeCountries[parsed.countryCallingCode]?.[0];
  if (country === undefined) return undefined;
  return { digits, country, valid };
}
