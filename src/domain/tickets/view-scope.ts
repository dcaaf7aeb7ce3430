/**
 * The view rule as a scope a store can filter by (docs/domain.md §1, `view`; docs/portal.md "View rule"): the
 * tickets a person may see, described by who called them, their organisation and their team, so that a list of
 * 200,000 tickets is filtered in the database rather than ticket by ticket. `isAllowed(…, 'view', t)` and
 * `inViewScope(scope, t)` agree on every ticket (a test checks it).
 */
import type { Directory } from '../directory/directory';
import type { Ticket } from './ticket';

export interface ViewScope {
  person: string;
  /** Administrators: every ticket. */
  all: boolean;
  /** Tickets of these caller organisations (a `portal_power_user`'s own; orgs served by an agent's delivery model). */
  orgs: string[];
  /** Tickets of these teams (an agent's teams; a lead's teams and every team below them). */
  teams: string[];
  /** The private log: agents of the ticket's team, leads of it or above, administrators (checked per ticket). */
}

/** The teams below `code` (children, grandchildren, …), active or not; stops on a (validated-away) cycle. */
export function teamsBelow(dir: Directory, code: string): string[] {
  const out: string[] = [];
  const seen = new Set([code]);
  let frontier = [code];
  while (frontier.length > 0) {
    const next = dir.data.teams.filter((t) => t.parent && frontier.includes(t.parent) && !seen.has(t.code)).map((t) => t.code);
    for (const c of next) seen.add(c);
    out.push(...next);
    frontier = next;
  }
  return out;
}

/** True when `personId` leads team `team` or a team above it. */
export function leadsTeamOrAbove(dir: Directory, personId: string, team: string): boolean {
  const seen = new Set<string>();
  let cur = dir.team(team);
  while (cur && !seen.has(cur.code)) {
    if (dir.isTeamLead(personId, cur.code)) return true;
    seen.add(cur.code);
    cur = cur.parent ? dir.team(cur.parent) : undefined;
  }
  return false;
}

/** Every organisation whose delivery model (its own or its nearest ancestor's) lists one of `teams`. */
function orgsServedBy(dir: Directory, teams: readonly string[]): string[] {
  if (teams.length === 0) return [];
  return dir.data.organizations
    .filter((o) => dir.deliveryModelFor(o.code)?.teams.some((t) => teams.includes(t)))
    .map((o) => o.code);
}

export function viewScope(dir: Directory, personId: string): ViewScope {
  const none: ViewScope = { person: personId, all: false, orgs: [], teams: [] };
  if (!dir.isActive(personId)) return none;
  if (dir.hasProfile(personId, 'administrator')) return { ...none, all: true };
  const myTeams = dir.teamsOf(personId).map((t) => t.code);
  const led = myTeams.filter((t) => dir.isTeamLead(personId, t));
  const teams = new Set<string>([...myTeams, ...led.flatMap((t) => teamsBelow(dir, t))]);
  const orgs = new Set<string>(orgsServedBy(dir, myTeams));
  const me = dir.person(personId);
  if (me && dir.hasProfile(personId, 'portal_power_user')) orgs.add(me.org);
  return { ...none, teams: [...teams].sort(), orgs: [...orgs].sort() };
}

/**
 * The same rule on one ticket: caller, scope, or a lead notified by an escalation (`notifiedLeads`, which a
 * store query adds on its own).
 */
export function inViewScope(scope: ViewScope, t: Pick<Ticket, 'caller' | 'org' | 'team' | 'notifiedLeads'>): boolean {
  return (
    scope.all ||
    t.caller === scope.person ||
    scope.orgs.includes(t.org) ||
    scope.teams.includes(t.team) ||
    t.notifiedLeads.includes(scope.person)
  );
}
