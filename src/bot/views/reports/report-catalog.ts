/** The daily report's words (docs/reports.md), zh-CN and en; `{name}` placeholders filled by the renderer. */
import type { Locale } from '../../../domain/shared/locale';
import { reportCatalogEn } from './catalog.en';
import { reportCatalogZhCN } from './catalog.zh-CN';
import type { ReportCatalog } from './report-catalog.types';

export type { ReportCatalog } from './report-catalog.types';

export const REPORT_CATALOGS: Record<Locale, ReportCatalog> = { 'zh-CN': reportCatalogZhCN, en: reportCatalogEn };
