/**
 * Who manages the FAQ (docs/domain.md §8): an administrator, or a problem manager who is a member of the team of
 * the entry's service. Everyone else may read and search published entries of the services they may use.
 */
import type { Directory } from '../directory/directory';

export function mayManageFaq(dir: Directory, personId: string, service: string): boolean {
  if (!dir.isActive(personId)) return false;
  if (dir.hasProfile(personId, 'administrator')) return true;
  const team = dir.service(service)?.team;
  return !!team && dir.hasProfile(personId, 'problem_manager') && dir.isTeamMember(personId, team);
}

/**
 * Who may propose an FAQ entry from a resolved (or closed) request: an agent of the request's team (support agent,
 * service desk agent or problem manager who is a member of it), a problem manager of the service's team, or an
 * administrator.
 */
export function mayProposeFaq(dir: Directory, personId: string, t: { kind: string; status: string; team: string; service: string }): boolean {
  if (!dir.isActive(personId) || t.kind !== 'request' || (t.status !== 'resolved' && t.status !== 'closed')) return false;
  if (mayManageFaq(dir, personId, t.service)) return true;
  return dir.hasProfile(personId, 'support_agent', 'service_desk_agent', 'problem_manager') && dir.isTeamMember(personId, t.team);
}

/** Who is asked to publish a proposed entry: the problem managers of the service's team, else the administrators. */
export function faqPublishers(dir: Directory, service: string): string[] {
  const team = dir.service(service)?.team;
  const managers = team ? dir.teamMembers(team).filter((p) => p.status === 'active' && dir.hasProfile(p.id, 'problem_manager')).map((p) => p.id) : [];
  if (managers.length > 0) return [...new Set(managers)];
  return dir.data.people.filter((p) => p.status === 'active' && dir.hasProfile(p.id, 'administrator')).map((p) => p.id);
}

/** The services whose FAQ `personId` manages (every service for an administrator). */
export function faqServicesManagedBy(dir: Directory, personId: string): string[] {
  return dir.data.services.map((s) => s.code).filter((code) => mayManageFaq(dir, personId, code));
}
