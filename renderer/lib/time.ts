/**
 * How times read in the inbox: short list times, day headings in a conversation, clock times on bubbles, and
 * "updated 2 min ago" freshness. Everything is local time in the agent's own locale.
 */

const minute = 60_000;
const hour = 60 * minute;

function startOfDay(time: number): number {
  const date = new Date(time);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** Whole calendar days between two instants in local time (0 = same day, 1 = `time` was yesterday). */
function daysBefore(time: number, now: number): number {
  return Math.round((startOfDay(now) - startOfDay(time)) / (24 * hour));
}

const clockFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const weekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long' });
const shortWeekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const shortDateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const fullDateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const longDateFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const exactFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

/** "14:05" or "2:05 PM", as the locale writes it. */
export function formatClock(time: number): string {
  return clockFormat.format(time);
}

/** The full date and time, for a tooltip or a screen reader. */
export function formatExact(time: number): string {
  return exactFormat.format(time);
}

/** The list's time column: the clock today, "Yesterday", a weekday this week, then a date. */
export function formatListTime(time: number, now: number): string {
  const days = daysBefore(time, now);
  if (days <= 0) return formatClock(time);
  if (days === 1) return 'Yesterday';
  if (days < 7) return shortWeekdayFormat.format(time);
  if (new Date(time).getFullYear() === new Date(now).getFullYear()) return shortDateFormat.format(time);
  return fullDateFormat.format(time);
}

/** A conversation's day separator: "Today", "Yesterday", "Monday", then the full date. */
export function formatDayHeading(time: number, now: number): string {
  const days = daysBefore(time, now);
  if (days <= 0) return 'Today';
  if (days === 1) return 'Yesterday';
  if (days < 7) return weekdayFormat.format(time);
  return longDateFormat.format(time);
}

/** A key that is equal for two instants on the same local calendar day. */
export function localDayKey(time: number): string {
  const date = new Date(time);
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}

/** "just now", "2 min ago", "3 h ago", "yesterday", "4 days ago", or the date. */
export function formatAgo(time: number, now: number): string {
  const elapsed = Math.max(0, now - time);
  if (elapsed < minute) return 'just now';
  if (elapsed < hour) return `${Math.floor(elapsed / minute)} min ago`;
  if (elapsed < 24 * hour) return `${Math.floor(elapsed / hour)} h ago`;
  const days = daysBefore(time, now);
  if (days <= 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  return `on ${fullDateFormat.format(time)}`;
}

/** The freshness line under a list or a conversation. */
export function formatFreshness(lastSyncedAt: number | null, now: number): string {
  return lastSyncedAt === null ? 'Not synced with the service yet' : `Updated ${formatAgo(lastSyncedAt, now)}`;
}
