/**
 * TTO/TTR stopwatches (docs/domain.md §3.2). Elapsed time is working time on the SLA's calendar, in seconds; the
 * calendar arithmetic is injected as a `TimeCounter` so the stopwatch stays pure.
 */
import type { TimeCounter } from '../calendar/time-counter';

export { ALWAYS, type TimeCounter } from '../calendar/time-counter';

export type StopwatchState = 'idle' | 'running' | 'paused' | 'stopped';

export interface Stopwatch {
  state: StopwatchState;
  /** Working seconds counted before `lastStart`. */
  elapsed: number;
  /** When the current run began (null unless running). */
  lastStart: Date | null;
  /** Working seconds allowed; null = no SLA applies (no deadline). */
  goal: number | null;
  /** Calendar code the goal is counted on; null = 24×7. */
  calendar: string | null;
  /** When 100 % is reached if it keeps running; null when not running or no goal. */
  deadline: Date | null;
  stoppedAt: Date | null;
}

export const idleStopwatch = (): Stopwatch => ({
  state: 'idle',
  elapsed: 0,
  lastStart: null,
  goal: null,
  calendar: null,
  deadline: null,
  stoppedAt: null,
});

function withDeadline(sw: Stopwatch, counter: TimeCounter): Stopwatch {
  if (sw.state !== 'running' || sw.goal === null || !sw.lastStart) return { ...sw, deadline: null };
  return { ...sw, deadline: counter.add(sw.lastStart, Math.max(0, sw.goal - sw.elapsed)) };
}

export function startStopwatch(sw: Stopwatch, now: Date, goal: number | null, counter: TimeCounter): Stopwatch {
  if (sw.state === 'running') return withDeadline({ ...sw, goal }, counter);
  if (sw.state === 'stopped') return sw;
  return withDeadline({ ...sw, state: 'running', lastStart: now, goal }, counter);
}

/** Working seconds counted so far (including the current run). */
export function elapsedAt(sw: Stopwatch, now: Date, counter: TimeCounter): number {
  return sw.state === 'running' && sw.lastStart ? sw.elapsed + counter.between(sw.lastStart, now) : sw.elapsed;
}

export function pauseStopwatch(sw: Stopwatch, now: Date, counter: TimeCounter): Stopwatch {
  if (sw.state !== 'running') return sw;
  return { ...sw, state: 'paused', elapsed: elapsedAt(sw, now, counter), lastStart: null, deadline: null };
}

export function resumeStopwatch(sw: Stopwatch, now: Date, counter: TimeCounter): Stopwatch {
  if (sw.state !== 'paused' && sw.state !== 'stopped') return sw;
  return withDeadline({ ...sw, state: 'running', lastStart: now, stoppedAt: null }, counter);
}

export function stopStopwatch(sw: Stopwatch, now: Date, counter: TimeCounter): Stopwatch {
  if (sw.state === 'stopped' || sw.state === 'idle') return sw.state === 'idle' ? { ...sw, state: 'stopped', stoppedAt: now } : sw;
  return { ...sw, state: 'stopped', elapsed: elapsedAt(sw, now, counter), lastStart: null, deadline: null, stoppedAt: now };
}

/** A new goal (priority, service or org changed): recompute the deadline from time already counted. */
export function retargetStopwatch(sw: Stopwatch, goal: number | null, counter: TimeCounter): Stopwatch {
  return withDeadline({ ...sw, goal }, counter);
}
