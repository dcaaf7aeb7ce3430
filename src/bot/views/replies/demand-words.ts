/** The words of the demand pool in chat by language (docs/demands.md; `demands.catalog.<locale>.ts`). */
import { fill } from '../../../domain/shared/text';
import type { Locale } from '../../../domain/shared/locale';
import type { DemandWords } from './demand-catalog';
import { demandWordsEn } from './demands.catalog.en';
import { demandWordsZhCN } from './demands.catalog.zh-CN';

export { PEND_REASON_KINDS, type DemandWords, type PendReasonKind } from './demand-catalog';

export function demandWords(locale: Locale): DemandWords {
  return locale === 'en' ? demandWordsEn : demandWordsZhCN;
}

/** The note a demand converted automatically carries (stored with the demand, in the bot's default language). */
export function autoConversionNote(locale: Locale, days: number): string {
  return fill(demandWords(locale).autoNote, { days });
}
