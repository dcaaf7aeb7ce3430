/** The words of the demand pool in chat by language (docs/demands.md; `demands.catalog.<locale>.ts`). */
import type { Demand } from '../../../domain/demands/demand';
import { fill, oneLine } from '../../../domain/shared/text';
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

/** The demand team's notice (docs/demands.md "The demand team's notice"): a title and Markdown-safe lines. */
export function renderDemandNotice(demand: Demand, ref: string, serviceName: string, callerName: string, locale: Locale): { title: string; body: string } {
  const w = demandWords(locale).teamNotice;
  const values = {
    demand: ref,
    ref: demand.sourceRefs[0] ?? '',
    title: oneLine(demand.title, 80, '…'),
    service: oneLine(serviceName, 60, '…'),
    caller: oneLine(callerName, 60, '…'),
    votes: demand.votes,
  };
  return { title: fill(w.title, values), body: [w.lead, ...w.lines, w.hint].map((l) => fill(l, values)).join('\n') };
}
