/**
 * How a request records the FAQ (docs/domain.md §8), as rows of its history: the caller saw entry F-… before
 * filing and still needed help (`faq_shown`), or the entry answered the question and the request was recorded
 * resolved by it (`faq_answered`). The field `faq` holds the entry's ref.
 */

export const FAQ_SHOWN = 'faq_shown';
export const FAQ_ANSWERED = 'faq_answered';
export const FAQ_FIELD = 'faq';

/** The FAQ the caller saw before filing, from the history rows, else null. */
export function faqSeenIn(rows: ReadonlyArray<{ action: string; changes: ReadonlyArray<{ field: string; to: string | null }> }>): string | null {
  for (const row of rows) if (row.action === FAQ_SHOWN) return row.changes.find((c) => c.field === FAQ_FIELD)?.to ?? null;
  return null;
}
