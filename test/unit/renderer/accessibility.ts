/**
 * The accessibility check every component test starts with: what a screen-reader or keyboard user would trip on
 * first. Every control has a name, every id reference points at an element, ids are unique, no image lacks alt
 * text, nothing jumps the tab order, and no customer text is ever turned into markup (there is no <script>).
 */
import { computeAccessibleName } from 'dom-accessibility-api';
import { expect } from 'vitest';

const controls = [
  'button',
  'a[href]',
  'input:not([type="hidden"])',
  'textarea',
  'select',
  '[role="button"]',
  '[role="option"]',
  '[role="listbox"]',
  '[role="textbox"]',
  '[role="log"]',
  '[role="dialog"]',
  'form',
  'section[aria-label]',
].join(',');

const idReferences = ['aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-activedescendant', 'aria-owns'];

export function expectAccessible(root: HTMLElement = document.body): void {
  const problems: string[] = [];

  for (const element of root.querySelectorAll<HTMLElement>(controls)) {
    if (element.closest('[aria-hidden="true"]')) continue;
    if (computeAccessibleName(element).trim() === '') problems.push(`${describe(element)} has no accessible name`);
  }

  const seen = new Set<string>();
  for (const element of root.querySelectorAll<HTMLElement>('[id]')) {
    if (seen.has(element.id)) problems.push(`id "${element.id}" is used twice`);
    seen.add(element.id);
  }

  for (const element of root.querySelectorAll<HTMLElement>(idReferences.map((name) => `[${name}]`).join(','))) {
    for (const name of idReferences) {
      for (const id of (element.getAttribute(name) ?? '').split(/\s+/).filter((part) => part !== '')) {
        if (document.getElementById(id) === null) problems.push(`${describe(element)} ${name} points at missing "${id}"`);
      }
    }
  }

  for (const image of root.querySelectorAll('img:not([alt])')) problems.push(`${describe(image)} has no alt text`);
  for (const element of root.querySelectorAll<HTMLElement>('[tabindex]')) {
    if (element.tabIndex > 0) problems.push(`${describe(element)} has a positive tabindex`);
  }
  if (root.querySelector('script') !== null) problems.push('a <script> element was rendered');

  expect(problems).toEqual([]);
}

function describe(element: Element): string {
  const role = element.getAttribute('role');
  return `<${element.tagName.toLowerCase()}${role ? ` role="${role}"` : ''}${element.id ? ` id="${element.id}"` : ''}>`;
}
