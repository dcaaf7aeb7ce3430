/**
 * The default mainland-China holiday data, read from the `chinese-days` package's JSON (2004–2026 in 1.5.7).
 * Nothing here is invented: a year the package does not hold is simply not covered.
 */
import chineseDaysJson from 'chinese-days/dist/chinese-days.json';
import type { HolidayEntry } from '../directory/directory.types';
import { cnHolidayDataFromEntries, lastCoveredDate, type CnHolidayData } from './cn-holiday-data';

/** The package's shape: date → `"English name,中文名,days"`. */
interface ChineseDaysJson {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
}

/** The Chinese name: `"National Day,国庆节,3"` → `国庆节`. */
const chineseName = (raw: string): string => raw.split(',')[1] ?? raw;

/** Converts the package's JSON; exported so tests can feed it a fixture. */
export function cnHolidayDataFromChineseDays(json: ChineseDaysJson): CnHolidayData {
  const toEntries = (record: Readonly<Record<string, string>>, workday: boolean): HolidayEntry[] =>
    Object.entries(record).map(([date, raw]) => ({ date, name: chineseName(raw), workday }));
  return cnHolidayDataFromEntries([...toEntries(json.holidays, false), ...toEntries(json.workdays, true)]);
}

let cached: CnHolidayData | undefined;

/** The chinese-days data, converted once. */
export function chineseDaysHolidays(): CnHolidayData {
  cached ??= cnHolidayDataFromChineseDays(chineseDaysJson);
  return cached;
}

/** Last date with holiday data (`2026-12-31` with chinese-days 1.5.7): for the start-up warning and /healthz. */
export function cnHolidaysCoveredUntil(data: CnHolidayData = chineseDaysHolidays()): string | null {
  return lastCoveredDate(data);
}
