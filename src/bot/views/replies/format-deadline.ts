/** A deadline as the reader sees it (date, time, UTC offset in their zone and language), by the catalog's pattern. */
import { fill, instantParts } from '../../../domain/shared/text';
import type { BotCatalog } from './bot-catalog';

export function formatDeadline(at: Date, catalog: BotCatalog, timeZone: string): string {
  return fill(catalog.format.deadline, instantParts(at, catalog.locale, timeZone, false));
}
