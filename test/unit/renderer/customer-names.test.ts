/**
 * Names as customers write them: an avatar takes whole characters (an emoji is one, never half a surrogate pair),
 * and a name or preview with a right-to-left override is isolated in the list, so it cannot reverse the time or
 * the unread count beside it.
 */
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Avatar from '../../../renderer/features/customers/Avatar.svelte';
import CustomerRow from '../../../renderer/features/customers/CustomerRow.svelte';
import { initials } from '../../../renderer/lib/people';
import { expectAccessible } from './accessibility';
import { fixedNow, makeCustomer } from './fixtures';

/** Whether the string holds a lone half of a surrogate pair, which shows as a broken character. */
function hasBrokenCharacter(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

describe('avatar initials', () => {
  it('never splits an emoji or a letter with its accent', () => {
    const names = ['Ana 👋', '🦊', 'Zoë 👨‍👩‍👧', '𝒜lice Smith', 'Jose\u0301 Ramos', '👍 Bob'];
    for (const name of names) expect(hasBrokenCharacter(initials({ name })), name).toBe(false);
    expect(initials({ name: 'Ana 👋' })).toBe('A');
    expect(initials({ name: '👍 Bob' })).toBe('B');
    expect(initials({ name: '🦊' })).toBe('🦊');
    expect(initials({ name: '👨‍👩‍👧' })).toBe('👨‍👩‍👧');
    expect(initials({ name: 'Jose\u0301 Ramos' })).toBe('JR');
    expect(initials({ name: 'Émile 😀 Zola' })).toBe('ÉZ');
    expect(initials({ name: '\u202Eevil name' })).toBe('EN');
  });

  it('shows whole characters in the avatar', () => {
    const { container } = render(Avatar, { customer: { id: 'c1', name: 'Maria 🌸' } });
    expect(container.querySelector('.avatar')).toHaveTextContent(/^M$/);
  });
});

describe('customer row', () => {
  it('isolates a name and a preview written with a right-to-left override', () => {
    const customer = makeCustomer(1, { name: '\u202EgnoL ynoT', lastMessagePreview: '\u202Etxet desrever', unreadCount: 3 });
    render(CustomerRow, { customer, now: fixedNow, selected: false, active: false, optionId: 'customer-c00001', onOpen: () => undefined });
    expectAccessible();
    for (const text of ['\u202EgnoL ynoT', '\u202Etxet desrever']) {
      const shown = screen.getByText(text);
      const isolated = shown.closest('bdi, [dir="auto"]');
      expect(isolated, `"${text}" is isolated`).not.toBeNull();
    }
  });
});
