/** Picks the catalog a person reads: their own `locale` in the directory, else the configured default. */
import type { Person } from '../../../domain/directory/directory.types';
import type { Locale } from '../../../domain/shared/locale';
import type { BotCatalog } from './bot-catalog';
import { botCatalogEn } from './catalog.en';
import { botCatalogZhCN } from './catalog.zh-CN';

export const BOT_CATALOGS: Readonly<Record<Locale, BotCatalog>> = { 'zh-CN': botCatalogZhCN, en: botCatalogEn };

export function localeOf(person: Pick<Person, 'locale'> | undefined | null, defaultLocale: Locale): Locale {
  return person?.locale ?? defaultLocale;
}

export function catalogFor(locale: Locale): BotCatalog {
  return BOT_CATALOGS[locale] ?? botCatalogZhCN;
}
