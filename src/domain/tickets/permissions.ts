/**
 * Who may do what (docs/domain.md §1 table), checked on the server for every action, whatever the entry point.
 * Pure: answers from the directory and the ticket alone.
 */
import type { Directory } from '../directory/directory';
import type { Ticket } from './ticket';
import { leadsTeamOrAbove } from './view-scope';

export type TicketPermission =
  | 'claim'
  | 'assign'
  | 'pend'
  | 'resume'
  | 'resolve'
  | 'close'
  | 'reopen'
  | 'link'
  | 'join'
  | 'raise_urgency'
  | 'note_public'
  | 'note_private'
  | 'view'
  | 'withdraw';

function isAdmin(dir: Directory, personId: string): boolean {
  return dir.hasProfile(personId, 'administrator');
}

function isPowerUserOfCallerOrg(dir: Directory, personId: string, t: Ticket): boolean {
  return dir.hasProfile(personId, 'portal_power_user') && dir.person(personId)?.org === t.org;
}

function isAgentOfTeam(dir: Directory, personId: string, team: string): boolean {
  return dir.isTeamMember(personId, team);
}

/** Agents of the delivery model that applies to the caller's organisation. */
function isAgentOfDeliveryModel(dir: Directory, personId: string, t: Ticket): boolean {
  const dm = dir.deliveryModelFor(t.org);
  return !!dm && dm.teams.some((team) => dir.isTeamMember(personId, team));
}

/** A problem manager of `team` (docs/domain.md §9). */
export function isProblemManagerOf(dir: Directory, personId: string, team: string): boolean {
  return dir.hasProfile(personId, 'problem_manager') && dir.isTeamMember(personId, team);
}

/**
 * Problems (docs/domain.md §9): their team's problem managers and administrators act on them; the team, its leads
 * and the delivery model see them. Nobody is a "caller" of a problem.
 */
function isAllowedOnProblem(dir: Directory, personId: string, what: TicketPermission, t: Ticket): boolean {
  const admin = isAdmin(dir, personId);
  const manager = isProblemManagerOf(dir, personId, t.team);
  switch (what) {
    case 'claim':
      return manager;
    case 'view':
      return (
        manager ||
        admin ||
        isAgentOfTeam(dir, personId, t.team) ||
        isAgentOfDeliveryModel(dir, personId, t) ||
        leadsTeamOrAbove(dir, personId, t.team)
      );
    case 'note_public':
    case 'note_private':
      return manager || admin || t.agent === personId || isAgentOfTeam(dir, personId, t.team);
    case 'join':
    case 'withdraw':
    case 'raise_urgency':
      return false;
    default:
      return manager || admin;
  }
}

export function isAllowed(dir: Directory, personId: string, what: TicketPermission, t: Ticket): boolean {
  if (!dir.isActive(personId)) return false;
  if (t.kind === 'problem') return isAllowedOnProblem(dir, personId, what, t);
  const admin = isAdmin(dir, personId);
  const assignee = t.agent === personId;
  switch (what) {
    case 'claim':
      return isAgentOfTeam(dir, personId, t.team);
    case 'assign':
      return (
        isAgentOfTeam(dir, personId, t.team) ||
        dir.hasProfile(personId, 'service_desk_agent') ||
        dir.isTeamLead(personId, t.team) ||
        t.notifiedLeads.includes(personId) ||
        admin
      );
    case 'pend':
    case 'resume':
    case 'resolve':
      return assignee || dir.isTeamLead(personId, t.team) || admin;
    case 'close':
    case 'reopen':
      return t.caller === personId || isPowerUserOfCallerOrg(dir, personId, t) || admin;
    case 'link':
      return (
        (dir.hasProfile(personId, 'support_agent', 'problem_manager') && isAgentOfTeam(dir, personId, t.team)) || admin
      );
    case 'join':
      // A caller groups their own request with a likely duplicate (docs/interfaces.md "Intake from chat").
      return t.caller === personId;
    case 'raise_urgency':
      // The caller marks their own request urgent (the card's Urgent button; state rules in raise-urgency.ts).
      return t.caller === personId || admin;
    case 'note_public':
      return t.caller === personId || assignee || isAgentOfTeam(dir, personId, t.team) || admin;
    case 'note_private':
      return assignee || isAgentOfTeam(dir, personId, t.team) || admin;
    case 'withdraw':
      // The caller takes back their own request while nobody has claimed it (docs/domain.md §3.1).
      return t.caller === personId;
    case 'view':
      return (
        t.caller === personId ||
        isPowerUserOfCallerOrg(dir, personId, t) ||
        isAgentOfTeam(dir, personId, t.team) ||
        isAgentOfDeliveryModel(dir, personId, t) ||
        t.notifiedLeads.includes(personId) ||
        leadsTeamOrAbove(dir, personId, t.team) ||
        admin
      );
  }
}
