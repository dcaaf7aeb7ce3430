/** Fields of the card Forms (docs/dingtalk-cards.md §2.5): hidden constants and paragraphs, pre-filled again. */
import type { CardFormField } from '../../../domain/ports/chat-gateway.port';

/** Values to show again, by field name (absent or blank = empty). */
export type FormPrefill = Readonly<Record<string, string | undefined>>;

export function hidden(name: string, value: string): CardFormField {
  return { name, kind: 'line', hidden: true, defaultValue: value };
}

export function paragraph(name: string, words: { label: string; placeholder: string }, required: boolean, prefill: FormPrefill): CardFormField {
  const field: CardFormField = { name, kind: 'paragraph', label: words.label, placeholder: words.placeholder, required };
  const value = prefill[name];
  if (value !== undefined && value.trim() !== '') field.defaultValue = value;
  return field;
}

/** One line of text (a ticket number). */
export function line(name: string, words: { label: string; placeholder: string }, prefill: FormPrefill): CardFormField {
  return { ...paragraph(name, words, true, prefill), kind: 'line' };
}
