/**
 * Recipient terms of the trigger table (docs/domain.md §4) and their grammar:
 *
 *   term        = alternative { "|" alternative }      the first alternative that reaches anybody is used
 *   alternative = "caller" | "assignee" | "top_lead" | "person:" id | team "." role
 *   team        = "service_team" | "assignee_team" | "team:" code
 *   role        = "lead" | "contacts" | "members" | "upper_lead"
 *
 * `assignee` and `assignee_team.*` are assignee-based: before the first assignment they are deferred (the `part`
 * option of `resolveRecipients`, docs/domain.md §3.3).
 */
import { err, ok, type Result } from '../shared/result';

export const TEAM_ROLES = ['lead', 'contacts', 'members', 'upper_lead'] as const;
export type TeamRoleSelector = (typeof TEAM_ROLES)[number];

export type TeamRef = { kind: 'service_team' } | { kind: 'assignee_team' } | { kind: 'team'; code: string };

export type RecipientSelector =
  | { kind: 'caller'; text: string }
  | { kind: 'assignee'; text: string }
  | { kind: 'top_lead'; text: string }
  | { kind: 'person'; id: string; text: string }
  | { kind: 'team_role'; team: TeamRef; role: TeamRoleSelector; text: string };

export interface RecipientTerm {
  /** Canonical text: alternatives joined by ` | `. */
  text: string;
  alternatives: RecipientSelector[];
}

export const isAssigneeBased = (s: RecipientSelector): boolean =>
  s.kind === 'assignee' || (s.kind === 'team_role' && s.team.kind === 'assignee_team');

const ROLE_HINTS: Record<string, TeamRoleSelector> = {
  leads: 'lead',
  contact: 'contacts',
  member: 'members',
  upper_leads: 'upper_lead',
  upperlead: 'upper_lead',
  'upper-lead': 'upper_lead',
};

const TERM_SYNTAX =
  'caller, assignee, top_lead, person:<id>, service_team.<role>, assignee_team.<role> or team:<code>.<role> ' +
  `(role: ${TEAM_ROLES.join(', ')})`;

const ID = /^[^\s|:]+$/;

function parseRole(role: string, whole: string): Result<TeamRoleSelector, string> {
  if ((TEAM_ROLES as readonly string[]).includes(role)) return ok(role as TeamRoleSelector);
  const hint = ROLE_HINTS[role.toLowerCase()];
  const tail = hint ? `; did you mean ".${hint}"?` : ` (one of: ${TEAM_ROLES.join(', ')})`;
  return err(`unknown team role "${role}" in "${whole}"${tail}`);
}

/** One alternative, e.g. `service_team.contacts` or `person:bjzong`. */
export function parseSelector(text: string): Result<RecipientSelector, string> {
  if (text === 'caller' || text === 'assignee' || text === 'top_lead') return ok({ kind: text, text });
  if (text.startsWith('person:')) {
    const id = text.slice('person:'.length);
    if (!ID.test(id)) return err(`malformed "${text}": write person:<id>, an id without spaces`);
    return ok({ kind: 'person', id, text });
  }
  if (text.startsWith('team:')) {
    const rest = text.slice('team:'.length);
    const dot = rest.lastIndexOf('.');
    if (dot <= 0 || dot === rest.length - 1 || !ID.test(rest.slice(0, dot))) {
      return err(`malformed "${text}": write team:<code>.<role> (role: ${TEAM_ROLES.join(', ')})`);
    }
    const role = parseRole(rest.slice(dot + 1), text);
    if (!role.ok) return role;
    return ok({ kind: 'team_role', team: { kind: 'team', code: rest.slice(0, dot) }, role: role.value, text });
  }
  const m = /^(service_team|assignee_team)\.(.*)$/.exec(text);
  if (m) {
    const role = parseRole(m[2]!, text);
    if (!role.ok) return role;
    const team: TeamRef = m[1] === 'service_team' ? { kind: 'service_team' } : { kind: 'assignee_team' };
    return ok({ kind: 'team_role', team, role: role.value, text });
  }
  if (text === 'service_team' || text === 'assignee_team') {
    return err(`"${text}" needs a role: ${TEAM_ROLES.map((r) => `${text}.${r}`).join(', ')}`);
  }
  const lower = text.toLowerCase();
  if (lower !== text && !lower.startsWith('person:') && !lower.startsWith('team:') && parseSelector(lower).ok) {
    return err(`unknown recipient "${text}"; did you mean "${lower}"?`);
  }
  return err(`unknown recipient "${text}": expected ${TERM_SYNTAX}`);
}

/** A whole term, e.g. `assignee | service_team.contacts`. Reports every bad alternative. */
export function parseRecipientTerm(raw: string): Result<RecipientTerm, string[]> {
  const parts = raw.split('|').map((p) => p.trim());
  const errors: string[] = [];
  const alternatives: RecipientSelector[] = [];
  if (parts.length === 1 && parts[0] === '') return err(['is empty: write a recipient such as "caller"']);
  parts.forEach((p, i) => {
    if (p === '') {
      errors.push(`alternative ${i + 1} of "${raw.trim()}" is empty`);
      return;
    }
    const s = parseSelector(p);
    if (!s.ok) errors.push(s.error);
    else if (alternatives.some((a) => a.text === s.value.text)) errors.push(`"${p}" is listed twice in "${raw.trim()}"`);
    else alternatives.push(s.value);
  });
  if (errors.length > 0) return err(errors);
  return ok({ text: alternatives.map((a) => a.text).join(' | '), alternatives });
}
