/** WhatsApp's 24-hour window at its edges: exactly 24 h, a millisecond either side, never written, clock skew. */
import { describe, expect, it } from 'vitest';
import { formatWindowLeft, whatsAppWindowAt, whatsAppWindowMs } from '../../../common/payloads/whatsapp-window';

const lastInbound = Date.UTC(2026, 11, 1, 9, 0, 0);

describe('the WhatsApp 24-hour window', () => {
  it('is open one millisecond before 24 h with one millisecond left', () => {
    expect(whatsAppWindowAt(lastInbound, lastInbound + whatsAppWindowMs - 1)).toEqual({
      open: true,
      closesAt: lastInbound + whatsAppWindowMs,
      remainingMs: 1,
    });
  });

  it('is closed at exactly 24 h and one millisecond after', () => {
    for (const now of [lastInbound + whatsAppWindowMs, lastInbound + whatsAppWindowMs + 1]) {
      expect(whatsAppWindowAt(lastInbound, now)).toEqual({ open: false, reason: 'expired', closedAt: lastInbound + whatsAppWindowMs });
    }
  });

  it('is open with the full 24 h the moment the customer writes', () => {
    expect(whatsAppWindowAt(lastInbound, lastInbound)).toMatchObject({ open: true, remainingMs: whatsAppWindowMs });
  });

  it('is closed when the customer never wrote', () => {
    expect(whatsAppWindowAt(null, lastInbound)).toEqual({ open: false, reason: 'never-written', closedAt: null });
  });

  it('is open with at most 24 h left when the service clock is ahead of ours', () => {
    expect(whatsAppWindowAt(lastInbound + 5 * 60_000, lastInbound)).toMatchObject({ open: true, remainingMs: whatsAppWindowMs });
  });

  it('says the time left at a glance', () => {
    expect(formatWindowLeft(whatsAppWindowMs - 1)).toBe('23 h 59 min');
    expect(formatWindowLeft(2 * 60 * 60_000)).toBe('2 h');
    expect(formatWindowLeft(5 * 60_000 + 59_000)).toBe('5 min');
    expect(formatWindowLeft(59_999)).toBe('less than a minute');
  });
});
