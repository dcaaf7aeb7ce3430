/**
 * Which ladder levels a ticket should have armed now, and when each falls due. Pure.
 *
 * A level is due when its stopwatch's working time reaches `goal × percent`. Only running stopwatches with a
 * goal arm levels. A level that already fired stays fired unless its threshold moved later than the one it fired
 * at (a lower priority, a longer SLA): then it is re-armed (docs/domain.md §3.3). A pause and resume never re-arms:
 * the threshold in working seconds is unchanged.
 */
import type { TimeCounter } from '../tickets/stopwatch';
import type { Ticket } from '../tickets/ticket';
import type { Ladder, LadderLevel } from './ladder';

export interface PlannedThreshold {
  level: string;
  /** Working seconds of the stopwatch at which it is reached. */
  thresholdSeconds: number;
  dueAt: Date;
}

export interface FiredThreshold {
  level: string;
  thresholdSeconds: number;
}

export function thresholdSeconds(level: LadderLevel, goal: number): number {
  return Math.round((goal * level.percent) / 100 * 1000) / 1000;
}

export function planThresholds(
  ticket: Ticket,
  ladder: Ladder,
  fired: readonly FiredThreshold[],
  counter: (calendar: string | null) => TimeCounter,
): PlannedThreshold[] {
  const out: PlannedThreshold[] = [];
  for (const level of ladder.levels) {
    const sw = ticket[level.metric];
    if (sw.state !== 'running' || sw.goal === null || !sw.lastStart) continue;
    const at = thresholdSeconds(level, sw.goal);
    if (fired.some((f) => f.level === level.code && f.thresholdSeconds >= at)) continue;
    const remaining = Math.max(0, at - sw.elapsed);
    out.push({ level: level.code, thresholdSeconds: at, dueAt: counter(sw.calendar).add(sw.lastStart, remaining) });
  }
  return out;
}
