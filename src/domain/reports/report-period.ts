/**
 * The daily report's dates (docs/reports.md "When"): sent on each working day of the report calendar, covering the
 * days since the previous working day (yesterday; Friday–Sunday on a Monday; the whole holiday after one), plus a
 * 14-day trend ending with the period. Days are local dates in the lead's zone; instants are computed here, purely.
 */
import { IANAZone } from 'luxon';
import { DAY_MS, firstInstantAtWallTime } from '../calendar/local-time';
import type { CnHolidayData } from '../calendar/cn-holiday-data';
import { chineseDaysHolidays } from '../calendar/cn-holidays';
import { compileDayHours } from '../calendar/day-hours';
import type { Calendar } from '../directory/directory.types';

/** Is a local date (day index) a working day? Supplied by the report calendar's day rule. */
export type WorkingDayRule = (day: number) => boolean;

export const EVERY_DAY: WorkingDayRule = () => true;
export const TREND_DAYS = 14;
/** How far back the previous working day is looked for (a long holiday is still covered whole). */
const MAX_LOOKBACK_DAYS = 31;

export interface ReportWindow {
  /** The report's date (`YYYY-MM-DD`), the day it is sent. */
  date: string;
  zone: string;
  /** First covered local date, `YYYY-MM-DD`, and the instants bounding the period `[from, to)`. */
  firstDay: string;
  lastDay: string;
  from: Date;
  to: Date;
  /** The trend's local dates, oldest first, ending with `lastDay`, and their starts (one more: the end). */
  trendDays: string[];
  trendBounds: Date[];
}

export function dayOfDateKey(key: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms).toISOString().slice(0, 10);
  return back === key ? Math.round(ms / DAY_MS) : null;
}

const keyOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Local midnight of a day index in `zone`, as an instant. */
export function startOfLocalDay(day: number, zone: string): Date {
  return new Date(firstInstantAtWallTime(IANAZone.create(zone), day * DAY_MS));
}

/**
 * The window of the report sent on `date`: from the previous working day (or the day before when none is found
 * within a month) to the start of `date`.
 */
export function reportWindow(date: string, zone: string, isWorkingDay: WorkingDayRule = EVERY_DAY): ReportWindow {
  const day = dayOfDateKey(date);
  if (day === null) throw new RangeError(`not a date: ${date}`);
  let first = day - 1;
  for (let back = 1; back <= MAX_LOOKBACK_DAYS; back++) {
    if (isWorkingDay(day - back)) {
      first = day - back;
      break;
    }
  }
  const trendStart = day - TREND_DAYS;
  const trendDays: string[] = [];
  const trendBounds: Date[] = [];
  for (let d = trendStart; d < day; d++) {
    trendDays.push(keyOf(d));
    trendBounds.push(startOfLocalDay(d, zone));
  }
  trendBounds.push(startOfLocalDay(day, zone));
  return {
    date,
    zone,
    firstDay: keyOf(first),
    lastDay: keyOf(day - 1),
    from: startOfLocalDay(first, zone),
    to: startOfLocalDay(day, zone),
    trendDays,
    trendBounds,
  };
}

/** The local date and minutes past midnight of an instant in `zone`. */
export function localClock(at: Date, zone: string): { date: string; minutes: number; day: number } {
  const z = IANAZone.create(zone);
  const wall = at.getTime() + z.offset(at.getTime()) * 60_000;
  const day = Math.floor(wall / DAY_MS);
  return { date: keyOf(day), minutes: Math.floor((wall - day * DAY_MS) / 60_000), day };
}

/** `HH:MM` → minutes past midnight; null when malformed. */
export function parseClockTime(value: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? h * 60 + min : null;
}

/** The working-day rule of a directory calendar (weekly hours, holidays, make-up days): a day with hours works. */
export function calendarWorkingDays(cal: Calendar, cn?: CnHolidayData): WorkingDayRule {
  const rule = compileDayHours(cal, cal.cnHolidays ? (cn ?? chineseDaysHolidays()) : undefined);
  return (day) => rule.hoursOf(day).length > 0;
}
