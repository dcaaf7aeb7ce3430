/**
 * The words of changes (docs/changes.md) in zh-CN and en: refusal sentences (spread into the bot catalogs'
 * `error`), card labels, buttons, notices. Templates name their values in braces.
 */
import type { Locale } from '../../../domain/shared/locale';
import { changeCatalogEn } from './change-catalog.en';
import { changeCatalogZhCN } from './change-catalog.zh-CN';
import type { ChangeCatalog } from './change-words';

export type { ChangeCatalog } from './change-words';

export function changeCatalog(locale: Locale): ChangeCatalog {
  return locale === 'en' ? changeCatalogEn : changeCatalogZhCN;
}
