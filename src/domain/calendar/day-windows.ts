/**
 * A local date's working time as instants: its boundaries and its working windows in epoch ms, converted once
 * from wall-clock intervals so the arithmetic never touches time zones again. An instant of the date is working
 * when its wall time lies in one of the date's intervals: a skipped hour (clocks forward) counts no time, a
 * repeated hour (clocks back) counts every time it happens.
 */
import type { Zone } from 'luxon';
import type { DayIntervals } from '../directory/directory.types';
import { DAY_MS, MINUTE_MS, firstInstantAtWallTime, offsetChangeInstant } from './local-time';

export interface DayWindows {
  readonly day: number;
  /** First instant of the date. */
  readonly startMs: number;
  /** First instant of the next date. */
  readonly endMs: number;
  /** Flattened `[start0, end0, start1, end1, …]`, sorted, disjoint, within [startMs, endMs]. */
  readonly bounds: readonly number[];
  /** Working milliseconds in the date. */
  readonly totalMs: number;
}

/** A stretch of the date with one UTC offset (a date has two when the clocks change that day). */
interface Piece {
  readonly fromMs: number;
  readonly toMs: number;
  readonly offsetMs: number;
}

function piecesOf(zone: Zone, startMs: number, endMs: number): Piece[] {
  const first = zone.offset(startMs) * MINUTE_MS;
  const last = zone.offset(endMs - 1) * MINUTE_MS;
  if (first === last) return [{ fromMs: startMs, toMs: endMs, offsetMs: first }];
  const change = offsetChangeInstant(zone, startMs, endMs - 1);
  return [
    { fromMs: startMs, toMs: change, offsetMs: first },
    { fromMs: change, toMs: endMs, offsetMs: last },
  ];
}

export function buildDayWindows(day: number, hours: DayIntervals, zone: Zone): DayWindows {
  const midnightWall = day * DAY_MS;
  const startMs = firstInstantAtWallTime(zone, midnightWall);
  const endMs = firstInstantAtWallTime(zone, midnightWall + DAY_MS);

  const windows: Array<[number, number]> = [];
  for (const piece of piecesOf(zone, startMs, endMs)) {
    for (const [from, to] of hours) {
      const s = Math.max(piece.fromMs, midnightWall + from * MINUTE_MS - piece.offsetMs);
      const e = Math.min(piece.toMs, midnightWall + to * MINUTE_MS - piece.offsetMs);
      if (s < e) windows.push([s, e]);
    }
  }
  windows.sort((x, y) => x[0] - y[0]);

  const bounds: number[] = [];
  let totalMs = 0;
  for (const [s, e] of windows) {
    const lastEnd = bounds[bounds.length - 1];
    if (lastEnd !== undefined && s <= lastEnd) {
      totalMs += Math.max(0, e - lastEnd);
      bounds[bounds.length - 1] = Math.max(lastEnd, e);
    } else {
      bounds.push(s, e);
      totalMs += e - s;
    }
  }
  return { day, startMs, endMs, bounds, totalMs };
}
