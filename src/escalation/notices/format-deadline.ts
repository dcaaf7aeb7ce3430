/** A deadline as the recipient reads it (date with year, time, UTC offset in their zone), by the catalog's pattern. */
import { fill, instantParts } from '../../domain/shared/text';
import type { NoticeCatalog } from './notice-catalog';

export function formatDeadline(at: Date, catalog: NoticeCatalog, timeZone: string): string {
  return fill(catalog.format.deadline, instantParts(at, catalog.locale, timeZone, true));
}
