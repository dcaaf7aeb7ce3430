/**
 * Working-time arithmetic on a compiled calendar (docs/domain.md §3.2), in whole milliseconds, stepping a local date
 * at a time and skipping whole dates by their cached totals. Pure: every instant comes in as an argument.
 */
import type { WorkingCalendar } from './compile-calendar';

/** Longest span walked, in local dates: far beyond any SLA, a guard against a calendar that never works. */
const MAX_DAYS = 200 * 366;

/** Seconds → whole milliseconds (instants are whole ms). */
function secondsToMs(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new RangeError(`working time must be a finite number of seconds >= 0, got ${seconds}`);
  }
  return Math.round(seconds * 1000);
}

/** The earliest instant `t` with `workingTimeBetween(start, t) = seconds`; `start` itself for 0. */
export function addWorkingTime(start: Date, seconds: number, cal: WorkingCalendar): Date {
  return new Date(addWorkingMs(start.getTime(), secondsToMs(seconds), cal));
}

export function addWorkingMs(startMs: number, ms: number, cal: WorkingCalendar): number {
  if (ms === 0 || cal.alwaysWorking) return startMs + ms;
  if (!cal.hasWorkingTime) {
    throw new RangeError(`calendar "${cal.code}" has no working hours: no deadline can be computed on it`);
  }
  let remaining = ms;
  const firstDay = cal.dayOf(startMs);
  for (let day = firstDay; day < firstDay + MAX_DAYS; day++) {
    const w = cal.windowsOf(day);
    if (w.totalMs === 0) continue;
    if (startMs <= w.startMs && remaining > w.totalMs) {
      remaining -= w.totalMs;
      continue;
    }
    for (let i = 0; i < w.bounds.length; i += 2) {
      const from = Math.max(w.bounds[i], startMs);
      const available = w.bounds[i + 1] - from;
      if (available <= 0) continue;
      if (remaining <= available) return from + remaining;
      remaining -= available;
    }
  }
  throw new RangeError(`calendar "${cal.code}": no working time within ${MAX_DAYS} days of ${new Date(startMs).toISOString()}`);
}

/** Working time in [a, b), in seconds (millisecond precision); 0 when b <= a. */
export function workingTimeBetween(a: Date, b: Date, cal: WorkingCalendar): number {
  return workingMsBetween(a.getTime(), b.getTime(), cal) / 1000;
}

/** Working time in [aMs, bMs), in whole milliseconds: exact, so sums of spans add up. */
export function workingMsBetween(aMs: number, bMs: number, cal: WorkingCalendar): number {
  if (bMs <= aMs) return 0;
  if (cal.alwaysWorking) return bMs - aMs;
  const firstDay = cal.dayOf(aMs);
  const lastDay = cal.dayOf(bMs);
  let total = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    const w = cal.windowsOf(day);
    if (day > firstDay && day < lastDay) {
      total += w.totalMs;
      continue;
    }
    for (let i = 0; i < w.bounds.length; i += 2) {
      total += Math.max(0, Math.min(w.bounds[i + 1], bMs) - Math.max(w.bounds[i], aMs));
    }
  }
  return total;
}

/** Whether the instant lies in working time (a window includes its start, excludes its end). */
export function isWorkingInstant(t: Date, cal: WorkingCalendar): boolean {
  const ms = t.getTime();
  const { bounds } = cal.windowsOf(cal.dayOf(ms));
  for (let i = 0; i < bounds.length; i += 2) {
    if (ms >= bounds[i] && ms < bounds[i + 1]) return true;
  }
  return false;
}
