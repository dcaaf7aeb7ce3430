/**
 * The change rows of the trigger table (docs/changes.md §6, docs/domain.md §4): the `change_events` section of
 * config/triggers.yaml, who is told of each change event. Validated with every error at once (with its path, as the
 * ticket rows are); the defaults below are the shipped rows, used where no table is given (tests, tools).
 *
 *   change_events:
 *     step_current: [step_team.contacts]   # the change card (a new delivery), not a text
 *     …
 *
 * Terms: `requester` | `problem_assignees` (of the linked problems) | `step_team.<role>` (role: lead, contacts, members, upper_lead) | `team:<code>.<role>` |
 * `person:<id>`. The actor of an event is never told of their own act.
 */
import type { Directory } from '../directory/directory';
import type { Person } from '../directory/directory.types';
import { formatPath, show } from '../directory/directory-issue';
import { err, ok, type Result } from '../shared/result';
import type { Change } from './change';

export const CHANGE_TRIGGER_EVENTS = [
  /** A change submitted, or its next step becoming current: these people get the change card. */
  'step_current',
  /** A step approved / done / passed. */
  'step_passed',
  /** An `approve` step rejected: back with the requester. */
  'step_rejected',
  /** An `implement`/`verify` step failed (rollback note): the requester hears the reason, the others the rollback. */
  'step_failed',
  /** The requester resubmitted the returned step: these people get the card again. */
  'resubmitted',
  /** The last step passed. */
  'successful',
  /** The requester (or an administrator) cancelled. */
  'cancelled',
  /** The current step's TTR used up (100 %). */
  'ttr100',
  /** Twice its TTR (200 %). */
  'ttr200',
] as const;
export type ChangeTriggerEvent = (typeof CHANGE_TRIGGER_EVENTS)[number];

export type ChangeTerm =
  | { kind: 'requester'; text: string }
  /** The assignees of the change's linked problems (docs/changes.md §6), given by the caller. */
  | { kind: 'problem_assignees'; text: string }
  | { kind: 'step_team'; role: ChangeRole; text: string }
  | { kind: 'team'; code: string; role: ChangeRole; text: string }
  | { kind: 'person'; id: string; text: string };

const ROLES = ['lead', 'contacts', 'members', 'upper_lead'] as const;
type ChangeRole = (typeof ROLES)[number];

export type ChangeTriggers = Readonly<Record<ChangeTriggerEvent, readonly ChangeTerm[]>>;

export const DEFAULT_CHANGE_TRIGGERS_RAW: Readonly<Record<ChangeTriggerEvent, readonly string[]>> = {
  step_current: ['step_team.contacts'],
  step_passed: ['requester'],
  step_rejected: ['requester', 'step_team.lead'],
  step_failed: ['requester', 'step_team.lead'],
  resubmitted: ['step_team.contacts'],
  successful: ['requester', 'problem_assignees'],
  cancelled: ['step_team.contacts'],
  ttr100: ['step_team.lead'],
  ttr200: ['step_team.upper_lead'],
};

export function parseChangeTerm(raw: string): Result<ChangeTerm, string> {
  const text = raw.trim();
  if (text === 'requester') return ok({ kind: 'requester', text });
  if (text === 'problem_assignees') return ok({ kind: 'problem_assignees', text });
  const person = /^person:(\S+)$/.exec(text);
  if (person) return ok({ kind: 'person', id: person[1]!, text });
  const m = /^(step_team|team:([^.\s]+))\.(\w+)$/.exec(text);
  if (m) {
    const role = m[3] as ChangeRole;
    if (!ROLES.includes(role)) return err(`unknown role "${m[3]}" in "${text}" (expected one of: ${ROLES.join(', ')})`);
    return ok(m[2] ? { kind: 'team', code: m[2], role, text } : { kind: 'step_team', role, text });
  }
  return err(`unknown term "${text}" (expected requester, problem_assignees, step_team.<role>, team:<code>.<role> or person:<id>)`);
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The `change_events` section (`raw`, absent = the defaults) → the rows, or every problem with its path. */
export function parseChangeTriggers(raw: unknown, dir?: Directory): Result<ChangeTriggers, string[]> {
  const source: unknown = raw === undefined ? DEFAULT_CHANGE_TRIGGERS_RAW : raw;
  const base = ['change_events'];
  if (!isMap(source)) return err([`${formatPath(base)}: expected a map from change event to its recipients, got ${show(source)}`]);
  const errors: string[] = [];
  const rows: Partial<Record<ChangeTriggerEvent, ChangeTerm[]>> = {};
  for (const [key, value] of Object.entries(source)) {
    const path = [...base, key];
    if (!(CHANGE_TRIGGER_EVENTS as readonly string[]).includes(key)) {
      errors.push(`${formatPath(path)}: unknown change event "${key}" (expected one of: ${CHANGE_TRIGGER_EVENTS.join(', ')})`);
      continue;
    }
    if (!Array.isArray(value)) {
      errors.push(`${formatPath(path)}: expected a list of recipients ([] notifies nobody), got ${show(value)}`);
      continue;
    }
    const terms: ChangeTerm[] = [];
    const seen = new Set<string>();
    value.forEach((item, i) => {
      const at = formatPath([...path, i]);
      if (typeof item !== 'string') return errors.push(`${at}: expected a recipient term, got ${show(item)}`);
      const t = parseChangeTerm(item);
      if (!t.ok) return errors.push(`${at}: ${t.error}`);
      if (seen.has(t.value.text)) return errors.push(`${at}: "${t.value.text}" is listed twice`);
      seen.add(t.value.text);
      if (dir && t.value.kind === 'person' && !dir.person(t.value.id)) return errors.push(`${at}: unknown person "${t.value.id}"`);
      if (dir && t.value.kind === 'team' && !dir.team(t.value.code)) return errors.push(`${at}: unknown team "${t.value.code}"`);
      terms.push(t.value);
    });
    rows[key as ChangeTriggerEvent] = terms;
  }
  for (const e of CHANGE_TRIGGER_EVENTS) {
    if (!(e in source)) errors.push(`${formatPath([...base, e])}: no row for change event "${e}": add one (an empty list notifies nobody)`);
  }
  return errors.length ? err(errors) : ok(rows as ChangeTriggers);
}

/** The shipped rows (docs/changes.md §6). */
export const DEFAULT_CHANGE_TRIGGERS: ChangeTriggers = (() => {
  const parsed = parseChangeTriggers(DEFAULT_CHANGE_TRIGGERS_RAW);
  if (!parsed.ok) throw new Error(parsed.error.join('\n'));
  return parsed.value;
})();

function ofRole(dir: Directory, team: string, role: ChangeRole): Person[] {
  switch (role) {
    case 'lead':
      return dir.teamRole(team, 'lead');
    case 'contacts':
      return dir.teamRole(team, 'contact');
    case 'members':
      return dir.teamMembers(team);
    case 'upper_lead':
      return dir.upperLeads(team);
  }
}

/**
 * The people `event` of change `c` (about step `step`) is for, once each, in term order; `requester` marks the
 * requester (who hears the requester's text where the event has one). Inactive people are left out.
 */
export function changeRecipients(
  dir: Directory,
  triggers: ChangeTriggers,
  event: ChangeTriggerEvent,
  c: Change,
  step: number,
  /** Person ids of the linked problems' assignees (`problem_assignees`), read by the caller; none when absent. */
  problemAssignees: readonly string[] = [],
): Person[] {
  const out = new Map<string, Person>();
  const team = c.steps[step]?.team;
  for (const t of triggers[event]) {
    let people: Person[] = [];
    if (t.kind === 'requester') {
      const p = dir.person(c.requester);
      people = p && p.status === 'active' ? [p] : [];
    } else if (t.kind === 'problem_assignees') {
      people = problemAssignees.map((id) => dir.person(id)).filter((p): p is Person => !!p && p.status === 'active');
    } else if (t.kind === 'person') {
      const p = dir.person(t.id);
      people = p && p.status === 'active' ? [p] : [];
    } else if (t.kind === 'step_team') {
      people = team ? ofRole(dir, team, t.role) : [];
    } else {
      people = ofRole(dir, t.code, t.role);
    }
    for (const p of people) if (!out.has(p.id)) out.set(p.id, p);
  }
  return [...out.values()];
}
