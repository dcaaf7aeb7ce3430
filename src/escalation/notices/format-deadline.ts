/**
 * A deadline as the recipient reads it: date, time and UTC offset in their time zone, formatted with Intl in
 * their language and assembled by the catalog's pattern. An unknown zone falls back to UTC rather than failing
 * the notice.
 */
import type { NoticeCatalog } from './notice-catalog';
import { fill } from './plain-text';

const FALLBACK_ZONE = 'UTC';

function usableZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return FALLBACK_ZONE;
  }
}

export function formatDeadline(at: Date, catalog: NoticeCatalog, timeZone: string): string {
  const zone = usableZone(timeZone);
  const locale = catalog.locale;
  const date = new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  }).format(at);
  const time = new Intl.DateTimeFormat(locale, { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  const offset =
    new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'shortOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? zone;
  return fill(catalog.format.deadline, { date, time, zone: offset });
}
