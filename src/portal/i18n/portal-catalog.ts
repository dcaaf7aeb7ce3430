/**
 * The workbench page's words (docs/portal.md): one catalog per locale, the same keys (the compiler checks both).
 * Refusals of the card's actions have their sentence here by error code, each saying what to do next.
 */
import type { Locale } from '../../domain/shared/locale';
import type { PortalCatalog } from './portal-catalog.types';
import { PORTAL_EN } from './portal.en';
import { PORTAL_ZH_CN } from './portal.zh-CN';

export type { PortalCatalog } from './portal-catalog.types';

export function portalCatalog(locale: Locale): PortalCatalog {
  return locale === 'en' ? PORTAL_EN : PORTAL_ZH_CN;
}

/** `{name}` placeholders filled from `values` (missing ones left as they are). */
export function fillIn(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
