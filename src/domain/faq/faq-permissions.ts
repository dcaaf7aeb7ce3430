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

/** The services whose FAQ `personId` manages (every service for an administrator). */
export function faqServicesManagedBy(dir: Directory, personId: string): string[] {
  return dir.data.services.map((s) => s.code).filter((code) => mayManageFaq(dir, personId, code));
}
