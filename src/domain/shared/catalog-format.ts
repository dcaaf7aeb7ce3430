/**
 * What every word catalog has in common — the chat layer's replies (`src/bot/views/replies/bot-catalog.ts`) and the
 * escalation layer's notices (`src/escalation/notices/notice-catalog.ts`), which may not import each other: its
 * language, how it writes a deadline and what it appends to text cut short; and the deadline formatter both use.
 */
import type { Locale } from './locale';
import { fill, instantParts } from './text';

export interface CatalogFormat {
  /** A deadline: `{date}`, `{time}`, `{zone}` (the UTC offset, e.g. GMT+8). */
  deadline: string;
  /** Appended to text cut short. */
  ellipsis: string;
}

export interface LocaleWords {
  locale: Locale;
  format: CatalogFormat;
}

/**
 * A deadline as the reader sees it (date, time, UTC offset in their zone and language), by the catalog's pattern;
 * `withYear` for texts read later (notices), without on cards and chat replies.
 */
export function formatDeadline(at: Date, words: LocaleWords, timeZone: string, { withYear }: { withYear: boolean }): string {
  return fill(words.format.deadline, instantParts(at, words.locale, timeZone, withYear));
}
