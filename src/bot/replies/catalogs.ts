/** Picks the catalog a person reads: their own `locale` in the directory, else the configured default. */
import type { Person } from '../../domain/directory/directory.types';
import type { BotCatalog, BotLocale } from './bot-catalog';
import { botCatalogEn } from './catalog.en';
import { botCatalogZhCN } from './catalog.zh-CN';

export const BOT_CATALOGS: Readonly<Record<BotLocale, BotCatalog>> = { 'zh-CN': botCatalogZhCN, en: botCatalogEn };

export function localeOf(person: Pick<Person, 'locale'> | undefined | null, defaultLocale: BotLocale): BotLocale {
  return person?.locale ?? defaultLocale;
}

export function catalogFor(locale: BotLocale): BotCatalog {
  return BOT_CATALOGS[locale] ?? botCatalogZhCN;
}
