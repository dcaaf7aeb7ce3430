/** The words of the demand pool in chat by language (docs/demands.md; `demands.catalog.<locale>.ts`). */
import type { Locale } from '../../../domain/shared/locale';
import type { DemandWords } from './demand-catalog';
import { demandWordsEn } from './demands.catalog.en';
import { demandWordsZhCN } from './demands.catalog.zh-CN';

export { PEND_REASON_KINDS, type DemandWords, type PendReasonKind } from './demand-catalog';

export function demandWords(locale: Locale): DemandWords {
  return locale === 'en' ? demandWordsEn : demandWordsZhCN;
}
