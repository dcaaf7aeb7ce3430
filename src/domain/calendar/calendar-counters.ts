/**
 * Working-time counters per calendar code of a directory snapshot, compiled once per snapshot. This is what the
 * ticket stopwatches count on (a `TimeCounter` per SLA calendar; unknown or null code → 24×7).
 */
import type { Directory } from '../directory/directory';
import type { CnHolidayData } from './cn-holiday-data';
import { compileCalendar } from './compile-calendar';
import { ALWAYS, type TimeCounter } from './time-counter';
import { addWorkingTime, workingTimeBetween } from './working-time';

const bySnapshot = new WeakMap<Directory, Map<CnHolidayData | undefined, Map<string, TimeCounter>>>();

export function countersFor(dir: Directory, cn?: CnHolidayData): (calendar: string | null) => TimeCounter {
  let perData = bySnapshot.get(dir);
  if (!perData) {
    perData = new Map();
    bySnapshot.set(dir, perData);
  }
  let compiled = perData.get(cn);
  if (!compiled) {
    compiled = new Map();
    perData.set(cn, compiled);
  }
  return (code) => {
    if (code === null) return ALWAYS;
    let counter = compiled!.get(code);
    if (!counter) {
      const cal = dir.calendar(code);
      if (!cal || !cal.hours && !cal.cnHolidays && cal.holidays.length === 0) {
        counter = ALWAYS;
      } else {
        const wc = compileCalendar(cal, dir.timezone, cn);
        counter = wc.hasWorkingTime
          ? { add: (s, d) => addWorkingTime(s, d, wc), between: (a, b) => workingTimeBetween(a, b, wc) }
          : ALWAYS;
      }
      compiled!.set(code, counter);
    }
    return counter;
  };
}
