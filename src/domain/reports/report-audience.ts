/**
 * Who receives the daily report and for which teams (docs/reports.md "Audience"): a team's leads get their team and
 * the teams below it; an upper lead (`Directory.upperLeads`) gets the team they lead from above and its subtree; the
 * lead of a root organisation (the top lead) gets every team. One entry per person, scopes merged.
 */
import type { Directory } from '../directory/directory';
import type { Person } from '../directory/directory.types';

export type ReportScopeKind = 'all' | 'subtree' | 'team';

export interface ReportRecipient {
  person: Person;
  kind: ReportScopeKind;
  /** Team codes covered, sorted. */
  teams: string[];
}

const RANK: Record<ReportScopeKind, number> = { team: 0, subtree: 1, all: 2 };

/** Active teams below `code` (children, grandchildren, …), `code` included. */
export function teamSubtree(dir: Directory, code: string): string[] {
  const active = dir.data.teams.filter((t) => t.status === 'active');
  const out: string[] = [];
  const queue = [code];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const c = queue.shift()!;
    if (seen.has(c)) continue;
    seen.add(c);
    if (dir.team(c)?.status === 'active') out.push(c);
    for (const child of active) if (child.parent === c) queue.push(child.code);
  }
  return out;
}

export function reportAudience(dir: Directory): ReportRecipient[] {
  const active = dir.data.teams.filter((t) => t.status === 'active');
  const all = active.map((t) => t.code).sort();
  const byPerson = new Map<string, { person: Person; kind: ReportScopeKind; teams: Set<string> }>();
  const add = (person: Person, kind: ReportScopeKind, teams: string[]) => {
    const cur = byPerson.get(person.id) ?? { person, kind, teams: new Set<string>() };
    if (RANK[kind] > RANK[cur.kind]) cur.kind = kind;
    for (const t of teams) cur.teams.add(t);
    byPerson.set(person.id, cur);
  };
  for (const team of active) {
    const subtree = teamSubtree(dir, team.code);
    for (const lead of dir.teamRole(team.code, 'lead')) add(lead, subtree.length > 1 ? 'subtree' : 'team', subtree);
    for (const upper of dir.upperLeads(team.code)) add(upper, 'subtree', subtree);
  }
  for (const org of dir.data.organizations) {
    if (org.parent || org.status !== 'active' || !org.lead) continue;
    const lead = dir.person(org.lead);
    if (lead && lead.status === 'active' && all.length > 0) add(lead, 'all', all);
  }
  return [...byPerson.values()]
    .map((r) => ({ person: r.person, kind: r.kind, teams: [...r.teams].sort() }))
    .sort((a, b) => a.person.id.localeCompare(b.person.id));
}
