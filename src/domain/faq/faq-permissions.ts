/**
 * Who manages the FAQ (docs/domain.md §8): an administrator, or a problem manager who is a member of the team of
 * the entry's service. Everyone else may read and search published entries of the services they may use.
 */
import type { Directory } from '../directory/directory';

export function mayManageFaq(dir: Directory, personId: string, service: string, problemTeam: string | null = null): boolean {
  if (!dir.isActive(personId)) return false;
  if (dir.hasProfile(personId, 'administrator')) return true;
  const team = dir.service(service)?.team;
  const teams = [team, problemTeam].filter((x): x is string => !!x);
  // An entry made from a problem is managed by the problem's team's problem managers too (docs/domain.md §9).
  return dir.hasProfile(personId, 'problem_manager') && teams.some((code) => dir.isTeamMember(personId, code));
}

/**
 * Who may propose an FAQ entry from a resolved (or closed) request: an agent of the request's team (support agent,
 * service desk agent or problem manager who is a member of it), a problem manager of the service's team, or an
 * administrator.
 */
export function mayProposeFaq(dir: Directory, personId: string, t: { kind: string; status: string; team: string; service: string }): boolean {
  if (!dir.isActive(personId) || (t.status !== 'resolved' && t.status !== 'closed')) return false;
  // From a problem's workaround/solution: its team's problem managers or an administrator (docs/domain.md §9).
  if (t.kind === 'problem') return mayManageFaq(dir, personId, t.service, t.team);
  if (t.kind !== 'request') return false;
  if (mayManageFaq(dir, personId, t.service)) return true;
  return dir.hasProfile(personId, 'support_agent', 'service_desk_agent', 'problem_manager') && dir.isTeamMember(personId, t.team);
}

/** Who is asked to publish a proposed entry: the problem managers of the service's team, else the administrators. */
export function faqPublishers(dir: Directory, service: string, problemTeam: string | null = null): string[] {
  // A draft made from a problem goes to the problem's team's problem managers first (docs/domain.md §9).
  const teams = [problemTeam, dir.service(service)?.team].filter((x): x is string => !!x);
  const managers = teams.flatMap((team) => dir.teamMembers(team).filter((p) => p.status === 'active' && dir.hasProfile(p.id, 'problem_manager')).map((p) => p.id));
  if (managers.length > 0) return [...new Set(managers)];
  return dir.data.people.filter((p) => p.status === 'active' && dir.hasProfile(p.id, 'administrator')).map((p) => p.id);
}

/** The services whose FAQ `personId` manages (every service for an administrator). */
export function faqServicesManagedBy(dir: Directory, personId: string): string[] {
  return dir.data.services.map((s) => s.code).filter((code) => mayManageFaq(dir, personId, code));
}
