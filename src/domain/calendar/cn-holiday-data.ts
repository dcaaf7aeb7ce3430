/**
 * Mainland China's statutory days off and make-up working days (调休) as plain data: the shape every source
 * (the chinese-days package, later a `config/holidays-cn.yaml` file, a test's fixture) is converted to.
 */
import type { HolidayEntry } from '../directory/directory.types';

export interface CnHolidayData {
  /** By date `YYYY-MM-DD`: a day off (`workday: false`) or a make-up working day (`workday: true`). */
  readonly days: ReadonlyMap<string, HolidayEntry>;
  /** Years the data is complete for, ascending. A date in any other year counts as a plain weekday. */
  readonly years: readonly number[];
}

const yearOf = (date: string): number => Number(date.slice(0, 4));

/** Builds the data from entries; the covered years default to the years the entries fall in. */
export function cnHolidayDataFromEntries(entries: readonly HolidayEntry[], years?: readonly number[]): CnHolidayData {
  const days = new Map<string, HolidayEntry>();
  for (const entry of entries) days.set(entry.date, entry);
  const covered = years ?? entries.map((e) => yearOf(e.date));
  return { days, years: [...new Set(covered)].sort((a, b) => a - b) };
}

/**
 * `override` replaces `base` for every year it covers (a file listing a year lists all of that year's days);
 * `base` keeps the other years.
 */
export function mergeCnHolidayData(base: CnHolidayData, override: CnHolidayData): CnHolidayData {
  const overridden = new Set(override.years);
  const kept = [...base.days.values()].filter((e) => !overridden.has(yearOf(e.date)));
  return cnHolidayDataFromEntries([...kept, ...override.days.values()], [...base.years, ...override.years]);
}

/** Last date the data covers (`YYYY-12-31` of its last year), or null when it covers nothing. */
export function lastCoveredDate(data: CnHolidayData): string | null {
  const last = data.years[data.years.length - 1];
  return last === undefined ? null : `${String(last).padStart(4, '0')}-12-31`;
}
