/**
 * When a pending request becomes a demand by itself (docs/demands.md "Automatic conversion"): once it has been
 * pending through more than `days` whole working days — the working days strictly between the local day it was
 * pended and today, on the calendar its SLA counts on (none: every day is a working day), in that calendar's zone.
 * Pure: the caller gives the pend instant, the clock and the working-day rule.
 */

/** A local day number (days since 1970-01-01 in the zone) → does it have working hours. */
export type IsWorkingDay = (day: number) => boolean;

/** Whole working days between the pend's local day and today's (both excluded). */
export function workingDaysPending(pendedDay: number, today: number, isWorkingDay: IsWorkingDay): number {
  let n = 0;
  // Bounded: a request pending for more than ten years counts as ten years.
  const from = Math.max(pendedDay + 1, today - 3660);
  for (let d = from; d < today; d++) if (isWorkingDay(d)) n++;
  return n;
}

/** Due for conversion: pending through at least `days` (≥ 1) whole working days. */
export function longPendingDue(pendedDay: number, today: number, days: number, isWorkingDay: IsWorkingDay): boolean {
  return days >= 1 && workingDaysPending(pendedDay, today, isWorkingDay) >= days;
}

/** The pend that began the current pending: the last history row whose action is `pend`. */
export function pendedAt(history: ReadonlyArray<{ action: string; at: Date }>): Date | null {
  for (let i = history.length - 1; i >= 0; i--) if (history[i]!.action === 'pend') return history[i]!.at;
  return null;
}
