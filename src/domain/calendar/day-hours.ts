/**
 * Which wall-clock hours a local date has on a calendar: the weekday's hours, none on a day off, and on a
 * make-up working day (调休) its own weekday's hours if it has any, else the "standard day": Monday's hours, or
 * the first weekday (Monday→Sunday) that has hours. Explicit entries win over the CN data for the same date.
 */
import { WEEKDAYS, type Calendar, type DayIntervals, type HolidayEntry, type Weekday } from '../directory/directory.types';
import type { CnHolidayData } from './cn-holiday-data';
import { dateKeyOfDay, weekdayOfDay } from './local-time';

const WHOLE_DAY: DayIntervals = [[0, 1440]];

export interface DayHoursRule {
  /** Minutes-from-midnight intervals of a local date (day index), sorted and disjoint. */
  hoursOf(day: number): DayIntervals;
  /** Some weekday has hours (otherwise no date ever has any). */
  readonly hasWorkingTime: boolean;
  /** Every date has the whole day: 24×7 with no day off. */
  readonly alwaysWorking: boolean;
}

/** Sorted, clamped to [0, 1440], empty intervals dropped, overlapping or touching ones merged. */
export function normalizeIntervals(intervals: DayIntervals): DayIntervals {
  const sorted = intervals
    .map(([a, b]): [number, number] => [Math.max(0, a), Math.min(1440, b)])
    .filter(([a, b]) => a < b)
    .sort((x, y) => x[0] - y[0]);
  const merged: DayIntervals = [];
  for (const [a, b] of sorted) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

export function compileDayHours(cal: Pick<Calendar, 'hours' | 'holidays'>, cn: CnHolidayData | undefined): DayHoursRule {
  const weekly = new Map<Weekday, DayIntervals>(
    WEEKDAYS.map((d) => [d, cal.hours === null ? WHOLE_DAY : normalizeIntervals(cal.hours[d] ?? [])]),
  );
  const standardDay = WEEKDAYS.map((d) => weekly.get(d) ?? []).find((h) => h.length > 0) ?? [];
  const special = new Map<string, HolidayEntry>(cn?.days ?? []);
  for (const entry of cal.holidays) special.set(entry.date, entry);

  const hoursOf = (day: number): DayIntervals => {
    const own = weekly.get(weekdayOfDay(day)) ?? [];
    const entry = special.size > 0 ? special.get(dateKeyOfDay(day)) : undefined;
    if (!entry) return own;
    if (!entry.workday) return [];
    return own.length > 0 ? own : standardDay;
  };
  const hasDayOff = [...special.values()].some((e) => !e.workday);
  return { hoursOf, hasWorkingTime: standardDay.length > 0, alwaysWorking: cal.hours === null && !hasDayOff };
}
