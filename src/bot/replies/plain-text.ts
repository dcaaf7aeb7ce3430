/**
 * User-written text shown back in chat (titles, reasons, solutions, the picker's quote) is never amplified: a
 * Markdown link or image cannot hide a URL, an HTML tag cannot change the look, `@all` / `@所有人` cannot ping a
 * group. Also template filling and cutting to a length (in code points, so emoji are never split).
 */

/** Replaces `{name}` with `values[name]`; a name without a value is left as written (a test catches it). */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => (values[name] === undefined ? whole : String(values[name])));
}

/** The `{name}` placeholders of a template. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{([a-zA-Z]+)\}/g)].map((m) => m[1]!);
}

/** At most `max` characters (code points), `ellipsis` appended when cut. */
export function truncate(text: string, max: number, ellipsis: string): string {
  const chars = [...text];
  return chars.length > max ? chars.slice(0, max).join('').trimEnd() + ellipsis : text;
}

/** Number of characters as a person counts them (code points). */
export function charCount(text: string): number {
  return [...text].length;
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;
/** `[label](url)` and `![alt](url)` → `label (url)`: the URL stays visible, nothing is a link. */
const MD_LINK = /!?\[([^\]\n]*)\]\(([^)\n]*)\)/g;
/** Mentions of everybody, in the spellings DingTalk and Markdown renderers know. */
const AT_ALL = /@(?=(all|everyone|所有人|全体成员)(?![A-Za-z0-9_]))/gi;

/** Multi-line user text made inert: links unwrapped, tags broken, `@all` turned into a harmless full-width `＠`. */
export function neutralise(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .replace(MD_LINK, (_m, label: string, url: string) => (label.trim() ? `${label} (${url})` : url))
    .replace(/\]\(/g, '] (')
    .replace(/<(?=[A-Za-z/!?])/g, '< ')
    .replace(AT_ALL, '＠');
}

/** One line of user text for a card row or a list: neutralised, white space collapsed, cut to `max`. */
export function oneLine(text: string, max: number, ellipsis: string): string {
  return truncate(neutralise(text).replace(/\s+/g, ' ').trim(), max, ellipsis);
}
