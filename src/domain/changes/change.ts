/**
 * The change (`C-`, docs/changes.md §2): a request to alter something, worked through its template's steps in
 * order. Plain data; the rules are in `change-lifecycle.ts`.
 */
import type { StepKind } from './change-template';

export const CHANGE_STATES = ['draft', 'in_progress', 'returned', 'successful', 'failed', 'cancelled'] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];
export const CHANGE_OPEN_STATES: readonly ChangeState[] = ['draft', 'in_progress', 'returned'];

export const STEP_STATES = ['waiting', 'claimed', 'passed', 'failed'] as const;
export type StepState = (typeof STEP_STATES)[number];

export interface ChangeStep {
  name: string;
  /** The team code working it (`requester_team` resolved when the change was requested). */
  team: string;
  kind: StepKind;
  /** The step's TTR in seconds of its team's calendar. */
  ttrSeconds: number;
  state: StepState;
  actor: string | null;
  at: Date | null;
  note: string | null;
  /** When the step last became current (its clock's start); null while it has not. */
  startedAt: Date | null;
}

export interface Change {
  /** Database id; 0 before the first save. */
  id: number;
  template: string;
  title: string;
  description: string;
  requester: string;
  problems: number[];
  incidents: number[];
  plannedStart: Date | null;
  plannedEnd: Date | null;
  status: ChangeState;
  /** Index of the current step in `steps`. */
  current: number;
  steps: ChangeStep[];
  /** The reason the change was last returned to the requester, while it is `returned`. */
  returnReason: string | null;
  /** Set when an `implement` or `verify` step failed: what must be rolled back (the seed's 紧急回滚). */
  rollbackNote: string | null;
  createdAt: Date;
  lastUpdate: Date;
  /** Optimistic concurrency: every save checks and bumps it. */
  version: number;
}

export function formatChangeRef(id: number): string {
  return `C-${String(id).padStart(6, '0')}`;
}

/** `C-000012` / `c-12` → 12; anything else → null. */
export function parseChangeRef(ref: string): number | null {
  const m = /^\s*[Cc]-?(\d{1,12})\s*$/.exec(ref);
  if (!m) return null;
  const id = Number(m[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export function isChangeOpen(c: Pick<Change, 'status'>): boolean {
  return CHANGE_OPEN_STATES.includes(c.status);
}

export function currentStep(c: Change): ChangeStep | undefined {
  return c.steps[c.current];
}

/** One threshold of a step's clock: armed → fired once (or cancelled when the step leaves). */
export interface ChangeThreshold {
  changeId: number;
  step: number;
  /** The change's version when the step became current: a resubmitted step gets new rows. */
  round: number;
  /** `ttr100` | `ttr200` */
  level: string;
  dueAt: Date;
  status: 'armed' | 'fired' | 'cancelled';
  firedAt: Date | null;
}
