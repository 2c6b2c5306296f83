/** How times, numbers and names read in the inbox. */
import { describe, expect, it } from 'vitest';
import { displayName, formatPhone, initials } from '../../../renderer/lib/people';
import { formatAgo, formatDayHeading, formatFreshness, formatListTime } from '../../../renderer/lib/time';
import { fixedNow } from './fixtures';

const minute = 60_000;
const day = 86_400_000;

describe('times', () => {
  it('says how long ago the app last heard from the service', () => {
    expect(formatFreshness(null, fixedNow)).toBe('Not synced with the service yet');
    expect(formatFreshness(fixedNow - 20_000, fixedNow)).toBe('Updated just now');
    expect(formatFreshness(fixedNow - 2 * minute - 5_000, fixedNow)).toBe('Updated 2 min ago');
    expect(formatFreshness(fixedNow - 3 * 60 * minute, fixedNow)).toBe('Updated 3 h ago');
    expect(formatAgo(fixedNow - day - minute, fixedNow)).toBe('yesterday');
    expect(formatAgo(fixedNow - 4 * day, fixedNow)).toBe('4 days ago');
    expect(formatAgo(fixedNow + minute, fixedNow)).toBe('just now');
  });

  it('writes list times as a clock today, then yesterday, a weekday, a date', () => {
    expect(formatListTime(fixedNow - 5 * minute, fixedNow)).toMatch(/\d{1,2}:\d{2}/);
    expect(formatListTime(fixedNow - day, fixedNow)).toBe('Yesterday');
    expect(formatListTime(fixedNow - 3 * day, fixedNow)).toBe(new Date(fixedNow - 3 * day).toLocaleDateString(undefined, { weekday: 'short' }));
    expect(formatListTime(fixedNow - 30 * day, fixedNow)).toBe(new Date(fixedNow - 30 * day).toLocaleDateString(undefined, { day: 'numeric', month: 'short' }));
    expect(formatListTime(fixedNow - 400 * day, fixedNow)).toContain(String(new Date(fixedNow - 400 * day).getFullYear()));
  });

  it('heads conversation days by calendar day, not by 24 hours', () => {
    const lateYesterday = new Date(fixedNow);
    lateYesterday.setDate(lateYesterday.getDate() - 1);
    lateYesterday.setHours(23, 59);
    const earlyToday = new Date(fixedNow);
    earlyToday.setHours(0, 1);
    expect(formatDayHeading(lateYesterday.getTime(), fixedNow)).toBe('Yesterday');
    expect(formatDayHeading(earlyToday.getTime(), fixedNow)).toBe('Today');
  });
});

describe('people', () => {
  it('writes the service numbers (international digits without +) the international way', () => {
    expect(formatPhone('447700900123')).toBe('+44 7700 900123');
    expect(formatPhone('14155550123')).toBe('+1 415 555 0123');
    expect(formatPhone('999')).toBe('+999');
    expect(formatPhone('')).toBe('');
  });

  it('names a customer by name, or by number when the name is missing or blank', () => {
    expect(displayName({ name: 'Maria Lopez', phone: '447700900123' })).toBe('Maria Lopez');
    expect(displayName({ name: '   ', phone: '447700900123' })).toBe('+44 7700 900123');
    expect(displayName({ name: null, phone: '447700900123' })).toBe('+44 7700 900123');
  });

  it('takes the first and last initials for the avatar', () => {
    expect(initials({ name: 'maria del carmen lopez' })).toBe('ML');
    expect(initials({ name: 'Cher' })).toBe('C');
    expect(initials({ name: null })).toBe('#');
  });
});
