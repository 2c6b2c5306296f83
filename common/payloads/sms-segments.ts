/**
 * How an SMS text is billed: its segment count and encoding, and the characters that push it from GSM-7 (160
 * characters, 153 per segment once split) to UCS-2 (70, 67). The tables come from a maintained library
 * (sms-segments-calculator), not from our own copy of the GSM 03.38 alphabet.
 */
import { SegmentedMessage } from 'sms-segments-calculator';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegments {
  segments: number;
  encoding: SmsEncoding;
  /** Each character that forces UCS-2, once, in the order it first appears. */
  ucs2Characters: string[];
}

export function countSmsSegments(text: string): SmsSegments {
  const message = new SegmentedMessage(text);
  return {
    // The library counts an empty text as one segment; nothing is sent for it, so nothing is billed.
    segments: text === '' ? 0 : message.segmentsCount,
    encoding: message.encodingName,
    ucs2Characters: message.encodingName === 'UCS-2' ? [...new Set(message.getNonGsmCharacters())] : [],
  };
}

/** What the composer's counter says, e.g. "2 segments · GSM-7" or "1 segment · UCS-2 (because of “é”, “😀”)". */
export function describeSmsSegments({ segments, encoding, ucs2Characters }: SmsSegments): string {
  const count = `${segments} ${segments === 1 ? 'segment' : 'segments'} · ${encoding}`;
  if (ucs2Characters.length === 0) return count;
  return `${count} (because of ${ucs2Characters.map((character) => `“${character}”`).join(', ')})`;
}
