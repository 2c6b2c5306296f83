/**
 * A new customer's number as the agent types it, written the way the service stores it (international digits
 * without "+", reference line 1892): national numbers read in the chosen region, international ones in their own,
 * and anything else refused with words that say what to fix.
 */
import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../../../common/phone-number';

function service(typed: string, region?: 'GB' | 'US' | 'DE') {
  const number = normalisePhone(typed, region);
  return number.ok ? number.value.service : number.error.message;
}

describe('normalisePhone', () => {
  it('reads a national number in the chosen region', () => {
    expect(normalisePhone('020 7946 0958', 'GB')).toEqual({
      ok: true,
      value: { service: '442079460958', international: '+44 20 7946 0958', country: 'GB' },
    });
    expect(service('(650) 253-0000', 'US')).toBe('16502530000');
  });

  it('takes the country from a number with + or 00, whatever region is chosen', () => {
    expect(service('+44 20 7946 0958', 'US')).toBe('442079460958');
    expect(service('0044 20 7946 0958', 'DE')).toBe('442079460958');
    expect(service('+1 650 253 0000')).toBe('16502530000');
  });

  it('refuses a national number without a region, an invalid number and letters, naming the phone field', () => {
    expect(normalisePhone('020 7946 0958', undefined)).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', field: 'phone', message: 'Start the number with + and its country code, or choose its country' },
    });
    expect(service('12', 'GB')).toBe('This is not a valid phone number in United Kingdom');
    expect(service('+44 12')).toBe('This is not a valid phone number');
    expect(service('call me', 'GB')).toBe('A phone number has only digits, spaces, dashes and brackets');
    expect(service('   ', 'GB')).toBe('Enter the customer’s phone number');
  });
});
