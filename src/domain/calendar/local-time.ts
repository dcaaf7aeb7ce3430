/**
 * Local calendar dates and wall-clock times in an IANA zone, as plain numbers (pure; offsets from luxon's zone
 * data). A local date is a day index (days since 1970-01-01); a wall time is "epoch ms as if the zone were UTC".
 */
import type { Zone } from 'luxon';
import { WEEKDAYS, type Weekday } from '../directory/directory.types';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
/** Wider than any ambiguous stretch and narrower than the gap between two transitions of a real zone. */
const TRANSITION_WINDOW_MS = 6 * 3_600_000;

const offsetMs = (zone: Zone, epochMs: number): number => zone.offset(epochMs) * MINUTE_MS;

/** Index of the local date (in `zone`) that contains the instant. */
export function localDayOf(epochMs: number, zone: Zone): number {
  return Math.floor((epochMs + offsetMs(zone, epochMs)) / DAY_MS);
}

/** `YYYY-MM-DD` of a day index. */
export function dateKeyOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Weekday of a day index (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): Weekday {
  return WEEKDAYS[(((day + 3) % 7) + 7) % 7];
}

/**
 * The first instant whose local wall time is `wallMs` or later: the first occurrence of a wall time repeated when
 * clocks go back; the instant of the jump for a wall time skipped when clocks go forward.
 */
export function firstInstantAtWallTime(zone: Zone, wallMs: number): number {
  const guess = wallMs - offsetMs(zone, wallMs);
  const offsetBefore = offsetMs(zone, guess - TRANSITION_WINDOW_MS);
  const offsetAfter = offsetMs(zone, guess + TRANSITION_WINDOW_MS);
  const candidates = [wallMs - offsetBefore, wallMs - offsetAfter].filter((c) => c + offsetMs(zone, c) === wallMs);
  if (candidates.length > 0) return Math.min(...candidates);
  return offsetChangeInstant(zone, wallMs - offsetAfter, wallMs - offsetBefore);
}

/** The instant in (lo, hi] where the offset changes from lo's to hi's (binary search; one change assumed). */
export function offsetChangeInstant(zone: Zone, lo: number, hi: number): number {
  const newOffset = offsetMs(zone, hi);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetMs(zone, mid) === newOffset) hi = mid;
    else lo = mid;
  }
  return hi;
}
