/**
 * A step's clock (docs/changes.md §4): its TTR on the step team's calendar — the calendar of the SLA of a live
 * contract the team's organisation provides, else 24×7 — with thresholds at 100 % (the team's lead) and 200 %
 * (the upper lead). Pure: the counter is passed in.
 */
import type { Directory } from '../directory/directory';
import type { TimeCounter } from '../calendar/time-counter';
import type { Change, ChangeThreshold } from './change';

export const STEP_LEVELS = [
  { level: 'ttr100', factor: 1 },
  { level: 'ttr200', factor: 2 },
] as const;
export type StepLevel = (typeof STEP_LEVELS)[number]['level'];

/** The calendar code a team works on, or null for 24×7. */
export function teamCalendar(dir: Directory, teamCode: string): string | null {
  const team = dir.team(teamCode);
  if (!team) return null;
  const contract = dir.data.contracts.find((c) => c.provider === team.org && c.status === 'production');
  return (contract && dir.sla(contract.sla)?.calendar) || null;
}

/** The threshold rows of the change's current step, started at its `startedAt`, for round `round`. */
export function stepThresholds(c: Change, round: number, counter: TimeCounter): ChangeThreshold[] {
  const step = c.steps[c.current];
  if (!step?.startedAt) return [];
  return STEP_LEVELS.map(({ level, factor }) => ({
    changeId: c.id,
    step: c.current,
    round,
    level,
    dueAt: counter.add(step.startedAt!, step.ttrSeconds * factor),
    status: 'armed' as const,
    firedAt: null,
  }));
}

/** Job ids without `:`: `ttr100-C-000012-s1-4`. */
export function stepJobId(t: Pick<ChangeThreshold, 'changeId' | 'step' | 'round' | 'level'>): string {
  return `${t.level}-C-${String(t.changeId).padStart(6, '0')}-s${t.step}-${t.round}`;
}
