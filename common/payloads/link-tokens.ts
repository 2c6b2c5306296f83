/**
 * Link tokens and links in a text message. A token is written `{{link:ID}}` (line 2786) and the service puts the
 * tracked link in its place when sending; the app shows it by the token's name, never as the raw token. Links the
 * agent wrote can be swapped for short ones (`links.shorten`, lines 2698-2780) before sending.
 */

const tokenPattern = /\{\{\s*link:(\d+)\s*\}\}/g;

export function linkTokenText(id: number): string {
  return `{{link:${id}}}`;
}

/** A piece of a text: words as written, or a link token by its id. */
export type TextPiece = { kind: 'text'; text: string } | { kind: 'link'; id: number };

/** The text cut around its link tokens, in order, for showing each token by its name. */
export function splitLinkTokens(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let from = 0;
  for (const match of text.matchAll(tokenPattern)) {
    if (match.index > from) pieces.push({ kind: 'text', text: text.slice(from, match.index) });
    pieces.push({ kind: 'link', id: Number(match[1]) });
    from = match.index + match[0].length;
  }
  if (from < text.length) pieces.push({ kind: 'text', text: text.slice(from) });
  return pieces;
}

/** The text with every token shown by its name (`[Watch this]`), an unknown one as "link". */
export function showLinkTokens(text: string, nameOf: (id: number) => string | undefined): string {
  return text.replace(tokenPattern, (_, id: string) => `[${nameOf(Number(id)) ?? 'link'}]`);
}

/** Trailing punctuation that ends a sentence rather than the link. */
const trailing = /[.,;:!?)\]'"’”]+$/;

/** The http(s) links written in a text, each once, in the order they first appear. */
export function findLinks(text: string): string[] {
  const found = (text.match(/https?:\/\/[^\s<>]+/gi) ?? []).map((link) => link.replace(trailing, '')).filter((link) => /^https?:\/\/[^/]/i.test(link));
  return [...new Set(found)];
}

/** The text with each link replaced by its short form. */
export function replaceLinks(text: string, pairs: readonly { base: string; short: string }[]): string {
  let result = text;
  for (const { base, short } of pairs) result = result.split(base).join(short);
  return result;
}
