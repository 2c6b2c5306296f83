/**
 * WhatsApp template variables: a template's header and body hold `{{1}}`, `{{2}}`, … (lines 4523-4527 send their
 * values as `header_variables` and `body_variables`, the first value for `{{1}}`). The count of a text's variables is
 * its highest number, so a value is asked for every placeholder even when the template skips or repeats one.
 */

const placeholder = /\{\{\s*(\d+)\s*\}\}/g;

/** How many values a template text takes: its highest `{{n}}`, 0 without any. */
export function variableCount(text: string | undefined): number {
  let highest = 0;
  for (const match of (text ?? '').matchAll(placeholder)) highest = Math.max(highest, Number(match[1]));
  return highest;
}

/** The text with each `{{n}}` replaced by the n-th value; a placeholder without a value stays as it is. */
export function fillVariables(text: string, values: readonly string[]): string {
  return text.replace(placeholder, (whole, number: string) => values[Number(number) - 1] ?? whole);
}
