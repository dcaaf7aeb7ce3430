/**
 * A deadline as the reader sees it: date, time and UTC offset in their time zone, in their language, assembled
 * by the catalog's pattern (the same shape as the notices' deadlines). An unknown zone falls back to UTC.
 */
import type { BotCatalog } from './bot-catalog';
import { fill } from './plain-text';

function usableZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

export function formatDeadline(at: Date, catalog: BotCatalog, timeZone: string): string {
  const zone = usableZone(timeZone);
  const locale = catalog.locale;
  const date = new Intl.DateTimeFormat(locale, { timeZone: zone, month: 'short', day: 'numeric', weekday: 'short' }).format(at);
  const time = new Intl.DateTimeFormat(locale, { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  const offset =
    new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')
      ?.value ?? zone;
  return fill(catalog.format.deadline, { date, time, zone: offset });
}
