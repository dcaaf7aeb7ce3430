/**
 * Compiles a directory `Calendar` into a `WorkingCalendar`: its zone, its day rule (weekly hours, holidays,
 * make-up days) and a bounded cache of each local date's working windows in epoch ms.
 */
import { IANAZone } from 'luxon';
import type { Calendar } from '../directory/directory.types';
import type { CnHolidayData } from './cn-holiday-data';
import { chineseDaysHolidays } from './cn-holidays';
import { compileDayHours } from './day-hours';
import { buildDayWindows, type DayWindows } from './day-windows';
import { localDayOf } from './local-time';

export const DEFAULT_TIMEZONE = 'Asia/Shanghai';
/** About three years of dates; the oldest entry goes first when full. */
const MAX_CACHED_DAYS = 1100;

export interface WorkingCalendar {
  readonly code: string;
  /** IANA zone the hours are read in. */
  readonly timezone: string;
  /** Every instant is working time (24×7, no day off): working time is elapsed time. */
  readonly alwaysWorking: boolean;
  /** Some weekday has hours; without any, no working time can ever be added. */
  readonly hasWorkingTime: boolean;
  /** Local date (day index) of an instant in the calendar's zone. */
  dayOf(epochMs: number): number;
  /** Working windows of a local date, cached. */
  windowsOf(day: number): DayWindows;
}

/**
 * @param defaultTimezone the directory's zone, used when the calendar has none (empty: Asia/Shanghai).
 * @param cnHolidays CN data for a calendar with `cnHolidays`; default: the chinese-days package.
 * @throws RangeError on an unknown time zone (the directory import rejects those first).
 */
export function compileCalendar(cal: Calendar, defaultTimezone: string, cnHolidays?: CnHolidayData): WorkingCalendar {
  const timezone = cal.timezone ?? (defaultTimezone || DEFAULT_TIMEZONE);
  if (!IANAZone.isValidZone(timezone)) {
    throw new RangeError(`calendar "${cal.code}": unknown time zone "${timezone}"`);
  }
  const zone = IANAZone.create(timezone);
  const rule = compileDayHours(cal, cal.cnHolidays ? (cnHolidays ?? chineseDaysHolidays()) : undefined);
  const cache = new Map<number, DayWindows>();
  let recent: DayWindows | undefined;

  const windowsOf = (day: number): DayWindows => {
    let windows = cache.get(day);
    if (!windows) {
      windows = buildDayWindows(day, rule.hoursOf(day), zone);
      if (cache.size >= MAX_CACHED_DAYS) cache.delete(cache.keys().next().value as number);
      cache.set(day, windows);
    }
    recent = windows;
    return windows;
  };
  const dayOf = (epochMs: number): number =>
    recent && epochMs >= recent.startMs && epochMs < recent.endMs ? recent.day : localDayOf(epochMs, zone);

  return {
    code: cal.code,
    timezone,
    alwaysWorking: rule.alwaysWorking,
    hasWorkingTime: rule.hasWorkingTime,
    dayOf,
    windowsOf,
  };
}
