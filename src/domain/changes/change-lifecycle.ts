/**
 * The change's rules (docs/changes.md §2–3) as pure functions: who may request a template, opening a change, and
 * `decideChange()`: one command on one change → the changed change and its events, or a coded refusal.
 */
import { durationToSeconds } from '../calendar/duration';
import type { Directory } from '../directory/directory';
import { fail, ok, type Result } from '../shared/result';
import { formatChangeRef, type Change, type ChangeStep } from './change';
import { REQUESTER_TEAM, type ChangeTemplate, type StepKind } from './change-template';

export type ChangeCommand =
  | { type: 'claim' }
  | { type: 'approve'; note?: string }
  | { type: 'done'; note?: string }
  | { type: 'passed'; note?: string }
  | { type: 'reject'; reason: string }
  | { type: 'failed'; reason: string }
  | { type: 'resubmit'; note?: string }
  | { type: 'cancel'; reason: string };
export type ChangeCommandType = ChangeCommand['type'];

/** Which success and failure command each step kind takes. */
export const STEP_ACTIONS: Readonly<Record<StepKind, { pass: 'approve' | 'done' | 'passed'; fail: 'reject' | 'failed' }>> = {
  approve: { pass: 'approve', fail: 'reject' },
  implement: { pass: 'done', fail: 'failed' },
  verify: { pass: 'passed', fail: 'failed' },
};

export const CHANGE_EVENT_TYPES = [
  'ChangeStepCurrent',
  'ChangeStepClaimed',
  'ChangeStepPassed',
  'ChangeStepReturned',
  'ChangeResubmitted',
  'ChangeSucceeded',
  'ChangeCancelled',
  /** Written by the closing (docs/changes.md §5), in the tickets' transaction: the linked tickets it resolved. */
  'ChangeLinkedResolved',
] as const;
export type ChangeEventType = (typeof CHANGE_EVENT_TYPES)[number];

export interface ChangeEvent {
  type: ChangeEventType;
  /** The step the event is about (index). */
  step: number;
  actor: string;
  at: Date;
  /** The reason or note given, if any. */
  text: string | null;
}

export interface ChangeDecision {
  change: Change;
  events: ChangeEvent[];
}

const REASON_MAX = 2_000;

/** A person may request a template when they hold one of its profiles, or belong to one of its teams or orgs. */
export function mayRequest(dir: Directory, personId: string, t: ChangeTemplate): boolean {
  const person = dir.person(personId);
  if (!person || person.status !== 'active') return false;
  if (t.requesters.profiles.some((p) => person.profiles.includes(p))) return true;
  if (t.requesters.teams.some((team) => dir.isTeamMember(personId, team))) return true;
  return t.requesters.orgs.includes(person.org);
}

export interface OpenChangeInput {
  template: ChangeTemplate;
  title: string;
  description?: string;
  requester: string;
  problems?: number[];
  incidents?: number[];
  plannedStart?: Date | null;
  plannedEnd?: Date | null;
}

/** A new change, submitted: its first step current. Refused when the person may not request the template. */
export function openChange(dir: Directory, input: OpenChangeInput, now: Date): Result<ChangeDecision> {
  const t = input.template;
  if (!mayRequest(dir, input.requester, t)) {
    return fail('CHANGE.NOT_A_REQUESTER', `${input.requester} may not request ${t.code}`, { template: t.code });
  }
  const title = input.title.trim();
  if (!title) return fail('CHANGE.TITLE_REQUIRED', 'a change needs a title', { template: t.code });
  const ownTeam = dir.teamsOf(input.requester)[0]?.code;
  if (t.steps.some((s) => s.team === REQUESTER_TEAM) && !ownTeam) {
    return fail('CHANGE.NO_REQUESTER_TEAM', `${input.requester} belongs to no team`, { template: t.code });
  }
  const steps: ChangeStep[] = t.steps.map((s, i) => ({
    name: s.name,
    team: s.team === REQUESTER_TEAM ? ownTeam! : s.team,
    kind: s.kind,
    ttrSeconds: durationToSeconds(s.ttr.value, s.ttr.unit),
    state: 'waiting',
    actor: null,
    at: null,
    note: null,
    startedAt: i === 0 ? now : null,
  }));
  const change: Change = {
    id: 0,
    template: t.code,
    title: title.slice(0, 255),
    description: (input.description ?? '').slice(0, 10_000),
    requester: input.requester,
    problems: input.problems ?? [],
    incidents: input.incidents ?? [],
    plannedStart: input.plannedStart ?? null,
    plannedEnd: input.plannedEnd ?? null,
    status: 'in_progress',
    current: 0,
    steps,
    returnReason: null,
    rollbackNote: null,
    createdAt: now,
    lastUpdate: now,
    version: 0,
  };
  return ok({ change, events: [{ type: 'ChangeStepCurrent', step: 0, actor: input.requester, at: now, text: null }] });
}

const STEP_COMMANDS: ReadonlySet<ChangeCommandType> = new Set(['claim', 'approve', 'done', 'passed', 'reject', 'failed']);

export function isStepCommand(type: ChangeCommandType): boolean {
  return STEP_COMMANDS.has(type);
}

function withStep(c: Change, i: number, patch: Partial<ChangeStep>): ChangeStep[] {
  return c.steps.map((s, j) => (j === i ? { ...s, ...patch } : s));
}

/**
 * One command on a change. `step` is the step the card's button was for (its index), when known: a button of a
 * step that is no longer current is refused with `CHANGE.NOT_CURRENT_STEP` naming the current one.
 */
export function decideChange(
  dir: Directory,
  c: Change,
  cmd: ChangeCommand,
  actor: string,
  now: Date,
  step?: number,
): Result<ChangeDecision> {
  const ref = formatChangeRef(c.id);
  const cur = c.steps[c.current]!;
  const details = { ref, step: cur.name, team: cur.team, state: c.status };
  const isAdmin = dir.hasProfile(actor, 'administrator');

  if (cmd.type === 'resubmit' || cmd.type === 'cancel') {
    if (actor !== c.requester && !isAdmin) return fail('CHANGE.NOT_REQUESTER', `only the requester of ${ref} may ${cmd.type}`, details);
    if (cmd.type === 'resubmit') {
      if (c.status !== 'returned') return fail('CHANGE.WRONG_STATE', `${ref} is ${c.status}, not returned`, details);
      const steps = withStep(c, c.current, { state: 'waiting', actor: null, at: null, note: null, startedAt: now });
      const change = { ...c, status: 'in_progress' as const, steps, returnReason: null, lastUpdate: now };
      return ok({ change, events: [{ type: 'ChangeResubmitted', step: c.current, actor, at: now, text: cmd.note?.trim() || null }] });
    }
    if (c.status !== 'in_progress' && c.status !== 'returned' && c.status !== 'draft') {
      return fail('CHANGE.WRONG_STATE', `${ref} is ${c.status}`, details);
    }
    const reason = cmd.reason.trim();
    if (!reason) return fail('CHANGE.REASON_REQUIRED', 'a reason is required', details);
    // A change given up after a step failed is `failed`; otherwise `cancelled` (docs/changes.md §2).
    const status = c.status === 'returned' && cur.kind !== 'approve' ? ('failed' as const) : ('cancelled' as const);
    const change = { ...c, status, lastUpdate: now };
    return ok({ change, events: [{ type: 'ChangeCancelled', step: c.current, actor, at: now, text: reason.slice(0, REASON_MAX) }] });
  }

  // Step commands: only the current step's team, only on the current step, only while in progress.
  if (c.status !== 'in_progress') return fail('CHANGE.WRONG_STATE', `${ref} is ${c.status}`, details);
  if (step !== undefined && step !== c.current) {
    return fail('CHANGE.NOT_CURRENT_STEP', `${ref} is at step ${c.current + 1}, not ${step + 1}`, details);
  }
  if (!dir.isTeamMember(actor, cur.team)) return fail('CHANGE.NOT_STEP_TEAM', `${actor} is not in ${cur.team}`, details);

  if (cmd.type === 'claim') {
    if (cur.state === 'claimed') {
      return fail('CHANGE.WRONG_STATE', `step already claimed by ${cur.actor}`, { ...details, winner: cur.actor });
    }
    const steps = withStep(c, c.current, { state: 'claimed', actor, at: now });
    return ok({ change: { ...c, steps, lastUpdate: now }, events: [{ type: 'ChangeStepClaimed', step: c.current, actor, at: now, text: null }] });
  }

  const allowed = STEP_ACTIONS[cur.kind];
  if (cmd.type !== allowed.pass && cmd.type !== allowed.fail) {
    return fail('CHANGE.WRONG_KIND', `a ${cur.kind} step takes ${allowed.pass} or ${allowed.fail}`, { ...details, kind: cur.kind });
  }
  if (cmd.type === 'reject' || cmd.type === 'failed') {
    const reason = cmd.reason.trim().slice(0, REASON_MAX);
    if (!reason) return fail('CHANGE.REASON_REQUIRED', 'a reason is required', details);
    const steps = withStep(c, c.current, { state: 'failed', actor, at: now, note: reason });
    // A failed implement or verify step means something may already be deployed: a rollback note (docs/changes.md §2).
    const rollbackNote = cur.kind === 'approve' ? c.rollbackNote : `${cur.name}: ${reason}`;
    const change = { ...c, status: 'returned' as const, steps, returnReason: reason, rollbackNote, lastUpdate: now };
    return ok({ change, events: [{ type: 'ChangeStepReturned', step: c.current, actor, at: now, text: reason }] });
  }
  const note = ('note' in cmd ? cmd.note?.trim() : '') || null;
  let steps = withStep(c, c.current, { state: 'passed', actor, at: now, note });
  const events: ChangeEvent[] = [{ type: 'ChangeStepPassed', step: c.current, actor, at: now, text: note }];
  const next = c.current + 1;
  if (next >= c.steps.length) {
    events.push({ type: 'ChangeSucceeded', step: c.current, actor, at: now, text: null });
    return ok({ change: { ...c, status: 'successful', steps, lastUpdate: now }, events });
  }
  steps = steps.map((s, j) => (j === next ? { ...s, startedAt: now } : s));
  events.push({ type: 'ChangeStepCurrent', step: next, actor, at: now, text: null });
  return ok({ change: { ...c, current: next, steps, lastUpdate: now }, events });
}
