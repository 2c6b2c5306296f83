/**
 * Every keyboard shortcut of the app, in one table: the handlers ask `matchShortcut` whether a key press is one of
 * them, and the "Keyboard shortcuts" sheet lists the same table, so what the sheet says and what the keys do cannot
 * drift apart.
 */

/** The modifier that means "command" here: Cmd on a Mac, Ctrl elsewhere. Either is accepted wherever it is asked for. */
export type Modifier = 'command' | 'alt' | 'shift';

export interface KeyCombo {
  /** `KeyboardEvent.key`, compared without case for letters. */
  key: string;
  modifiers?: readonly Modifier[];
  /** The key alone must not be typed into a field: it would steal a character (`?`). */
  notWhileTyping?: boolean;
}

export interface Shortcut {
  /** What it does, as the sheet shows it. */
  label: string;
  /** Where it works, as the sheet groups it. */
  area: 'Anywhere in the inbox' | 'Customer list' | 'Find in conversation' | 'Reply box' | 'Pane separator';
  combos: readonly KeyCombo[];
}

export const shortcuts = {
  showShortcuts: {
    label: 'Show keyboard shortcuts',
    area: 'Anywhere in the inbox',
    combos: [{ key: '?', notWhileTyping: true }, { key: '/', modifiers: ['command'] }],
  },
  searchCustomers: { label: 'Search customers', area: 'Anywhere in the inbox', combos: [{ key: 'k', modifiers: ['command'] }] },
  findInConversation: { label: 'Find in conversation', area: 'Anywhere in the inbox', combos: [{ key: 'f', modifiers: ['command'] }] },
  nextConversation: { label: 'Next conversation', area: 'Anywhere in the inbox', combos: [{ key: 'ArrowDown', modifiers: ['alt'] }] },
  previousConversation: { label: 'Previous conversation', area: 'Anywhere in the inbox', combos: [{ key: 'ArrowUp', modifiers: ['alt'] }] },
  nextUnread: { label: 'Next unread conversation', area: 'Anywhere in the inbox', combos: [{ key: 'ArrowDown', modifiers: ['alt', 'shift'] }] },
  previousUnread: {
    label: 'Previous unread conversation',
    area: 'Anywhere in the inbox',
    combos: [{ key: 'ArrowUp', modifiers: ['alt', 'shift'] }],
  },
  listMove: { label: 'Move through the list', area: 'Customer list', combos: [{ key: 'ArrowUp' }, { key: 'ArrowDown' }] },
  listPage: { label: 'Move a page', area: 'Customer list', combos: [{ key: 'PageUp' }, { key: 'PageDown' }] },
  listEnds: { label: 'First or last loaded', area: 'Customer list', combos: [{ key: 'Home' }, { key: 'End' }] },
  listOpen: { label: 'Open the conversation', area: 'Customer list', combos: [{ key: 'Enter' }] },
  listClearSearch: { label: 'Clear the search', area: 'Customer list', combos: [{ key: 'Escape' }] },
  findNext: { label: 'Next match', area: 'Find in conversation', combos: [{ key: 'Enter' }] },
  findPrevious: { label: 'Previous match', area: 'Find in conversation', combos: [{ key: 'Enter', modifiers: ['shift'] }] },
  findClose: { label: 'Close find', area: 'Find in conversation', combos: [{ key: 'Escape' }] },
  replySend: { label: 'Send the reply', area: 'Reply box', combos: [{ key: 'Enter' }] },
  replyNewLine: { label: 'New line', area: 'Reply box', combos: [{ key: 'Enter', modifiers: ['shift'] }] },
  separatorResize: { label: 'Narrower or wider', area: 'Pane separator', combos: [{ key: 'ArrowLeft' }, { key: 'ArrowRight' }] },
  separatorEnds: { label: 'Narrowest or widest', area: 'Pane separator', combos: [{ key: 'Home' }, { key: 'End' }] },
} as const satisfies Record<string, Shortcut>;

export type ShortcutId = keyof typeof shortcuts;

/** Whether focus is where a key types text: a field, a text area, an editable element. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit', 'reset', 'range'].includes(target.type);
}

/**
 * AltGr reports Ctrl and Alt together on Windows (and Ctrl+Alt is how some layouts type AltGr letters elsewhere):
 * such a press is a character being typed, never a shortcut.
 */
export function isAltGr(event: KeyboardEvent): boolean {
  return event.ctrlKey && event.altKey;
}

function comboMatches(combo: KeyCombo, event: KeyboardEvent): boolean {
  const modifiers: readonly Modifier[] = combo.modifiers ?? [];
  const command = event.ctrlKey || event.metaKey;
  if (command !== modifiers.includes('command') || event.altKey !== modifiers.includes('alt')) return false;
  // A key typed with Shift (`?` itself) carries it; only a combo that names Shift or a named key asks about it.
  if ((modifiers.includes('shift') || combo.key.length > 1) && event.shiftKey !== modifiers.includes('shift')) return false;
  if (combo.notWhileTyping === true && isTyping(event.target)) return false;
  return combo.key.length === 1 ? event.key.toLowerCase() === combo.key.toLowerCase() : event.key === combo.key;
}

/** Whether a key press is this shortcut; never when it is an AltGr character. */
export function matchShortcut(id: ShortcutId, event: KeyboardEvent): boolean {
  if (isAltGr(event)) return false;
  const shortcut: Shortcut = shortcuts[id];
  return shortcut.combos.some((combo) => comboMatches(combo, event));
}

/** The first shortcut among `ids` that a key press is, if any. */
export function shortcutOf<Id extends ShortcutId>(event: KeyboardEvent, ids: readonly Id[]): Id | undefined {
  return ids.find((id) => matchShortcut(id, event));
}

const keyNames: Record<string, string> = {
  ArrowUp: '↑',
  ArrowDown: '↓',
  ArrowLeft: '←',
  ArrowRight: '→',
  PageUp: 'Page Up',
  PageDown: 'Page Down',
  Escape: 'Esc',
};

/** How a combo reads on the sheet, with Cmd on a Mac and Ctrl elsewhere: ["Ctrl", "F"]. */
export function comboKeys(combo: KeyCombo, mac: boolean): string[] {
  const names: Record<Modifier, string> = { command: mac ? 'Cmd' : 'Ctrl', alt: mac ? 'Option' : 'Alt', shift: 'Shift' };
  const key = keyNames[combo.key] ?? (combo.key.length === 1 ? combo.key.toUpperCase() : combo.key);
  return [...(combo.modifiers ?? []).map((modifier) => names[modifier]), key];
}
