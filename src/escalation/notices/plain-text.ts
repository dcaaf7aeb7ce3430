/**
 * Text helpers for notices: catalog templates, and user-written text (titles, reasons, notes) as one inert line
 * (no link can hide a URL, no tag changes the look, no `@all`), reading the same as plain text and as Markdown.
 */
import { oneLine } from '../../domain/shared/text';

export { fill, placeholders, truncate } from '../../domain/shared/text';

export function inlineText(text: string, max: number, ellipsis: string): string {
  return oneLine(text, max, ellipsis);
}
