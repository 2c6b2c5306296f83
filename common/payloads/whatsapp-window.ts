/**
 * WhatsApp's customer-service window: a business may send free-form messages only within 24 hours of the
 * customer's last message to it; after that (or before the customer ever wrote) only approved templates go out.
 * The API reference does not state the rule (it is WhatsApp Business policy, which the service enforces), so the
 * composer follows it here rather than letting the agent write a message that will be refused.
 */

export const whatsAppWindowMs = 24 * 60 * 60 * 1000;

export type WhatsAppWindow =
  | { open: true; closesAt: number; remainingMs: number }
  | { open: false; reason: 'never-written' | 'expired'; closedAt: number | null };

/**
 * The window at `now` given the time of the customer's last inbound WhatsApp message (null: none ever). It is open
 * while less than 24 h have passed, so at exactly 24 h it is closed. An inbound time ahead of `now` (the service's
 * clock ahead of ours) means the customer just wrote: the window is open, with never more than 24 h left.
 */
export function whatsAppWindowAt(lastInboundAt: number | null, now: number): WhatsAppWindow {
  if (lastInboundAt === null) return { open: false, reason: 'never-written', closedAt: null };
  const closesAt = lastInboundAt + whatsAppWindowMs;
  if (now >= closesAt) return { open: false, reason: 'expired', closedAt: closesAt };
  return { open: true, closesAt, remainingMs: Math.min(closesAt - now, whatsAppWindowMs) };
}

/** The time left, as a person reads it at a glance: "23 h 59 min", "5 min", "less than a minute". */
export function formatWindowLeft(remainingMs: number): string {
  const minutes = Math.floor(remainingMs / 60_000);
  if (minutes < 1) return 'less than a minute';
  const hours = Math.floor(minutes / 60);
  const restMinutes = minutes % 60;
  if (hours === 0) return `${restMinutes} min`;
  return restMinutes === 0 ? `${hours} h` : `${hours} h ${restMinutes} min`;
}
