/** The SMS counter: segments and encoding at the GSM-7 and UCS-2 limits, and which characters force UCS-2. */
import { describe, expect, it } from 'vitest';
import { countSmsSegments, describeSmsSegments } from '../../../common/payloads/sms-segments';

describe('SMS segments', () => {
  it('fits 160 GSM-7 characters in one segment and splits at 161 into segments of 153', () => {
    expect(countSmsSegments('a'.repeat(160))).toEqual({ segments: 1, encoding: 'GSM-7', ucs2Characters: [] });
    expect(countSmsSegments('a'.repeat(161))).toMatchObject({ segments: 2, encoding: 'GSM-7' });
    expect(countSmsSegments('a'.repeat(306))).toMatchObject({ segments: 2 });
    expect(countSmsSegments('a'.repeat(307))).toMatchObject({ segments: 3 });
  });

  it('counts GSM-7 extension characters such as { and [ as two', () => {
    expect(countSmsSegments('{}[]' + 'a'.repeat(152))).toMatchObject({ segments: 1, encoding: 'GSM-7' });
    expect(countSmsSegments('{}[]' + 'a'.repeat(153))).toMatchObject({ segments: 2, encoding: 'GSM-7' });
  });

  it('keeps é in GSM-7 but switches to UCS-2 (70, then 67 per segment) for ą, naming it once', () => {
    expect(countSmsSegments('é' + 'a'.repeat(159))).toMatchObject({ segments: 1, encoding: 'GSM-7' });
    expect(countSmsSegments('ąą' + 'a'.repeat(68))).toEqual({ segments: 1, encoding: 'UCS-2', ucs2Characters: ['ą'] });
    expect(countSmsSegments('ą' + 'a'.repeat(70))).toMatchObject({ segments: 2, encoding: 'UCS-2' });
    expect(countSmsSegments('ą' + 'a'.repeat(133))).toMatchObject({ segments: 2 });
    expect(countSmsSegments('ą' + 'a'.repeat(134))).toMatchObject({ segments: 3 });
  });

  it('counts nothing for an empty text', () => {
    expect(countSmsSegments('')).toEqual({ segments: 0, encoding: 'GSM-7', ucs2Characters: [] });
  });

  it('says the count and encoding, and why UCS-2', () => {
    expect(describeSmsSegments(countSmsSegments('a'.repeat(161)))).toBe('2 segments · GSM-7');
    expect(describeSmsSegments(countSmsSegments('hi'))).toBe('1 segment · GSM-7');
    expect(describeSmsSegments(countSmsSegments('Thanks 😀 ą'))).toBe('1 segment · UCS-2 (because of “😀”, “ą”)');
  });
});
