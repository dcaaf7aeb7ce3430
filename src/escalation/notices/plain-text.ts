/**
 * Text helpers for notices: filling catalog templates, and turning user-written text (titles, reasons, notes)
 * into one Markdown-safe line that reads the same as plain text (sampleText) and as Markdown (sampleMarkdown).
 */

/** Replaces `{name}` with `values[name]`; a name without a value is left as written (a test catches it). */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => values[name] ?? whole);
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

/**
 * One line of user-written text, safe inside a notice: control characters dropped, every run of white space
 * (line breaks included) made one space, so it can neither start a line nor end our structure; a Markdown link
 * or image (`[x](url)`) and an HTML tag (`<font …>`) are broken apart with a space, so nothing hides a URL or
 * changes the look. Cut to `max` characters.
 */
export function inlineText(text: string, max: number, ellipsis: string): string {
  const oneLine = text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return truncate(oneLine, max, ellipsis)
    .replace(/\]\(/g, '] (')
    .replace(/<(?=[A-Za-z/!?])/g, '< ');
}
