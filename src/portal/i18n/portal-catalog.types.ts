/** The shape of the workbench page's catalogs (docs/portal.md): the same keys in every locale. */
import type { ErrorCode } from '../../domain/errors/error-codes';
import type { PageAction, PortalView } from '../../application/portal/portal-service';
import type { QueueSort } from '../../domain/portal/queue-filter';
import type { ResolutionCode, TicketState } from '../../domain/tickets/ticket';
import type { PortalLibraryCatalog } from './portal-library.types';

export interface PortalCatalog {
  lang: string;
  appTitle: string;
  nav: Record<PortalView | 'shortcuts' | 'dashboard' | 'directory' | 'deadLetters' | 'logout' | 'language' | 'menu', string>;
  viewTitle: Record<PortalView, string>;
  state: Record<TicketState, string>;
  priority: Record<1 | 2 | 3 | 4, string>;
  kind: { request: string; incident: string; problem: string };
  sort: Record<QueueSort, string>;
  resolutionCodes: Record<ResolutionCode, string>;
  field: Record<
    | 'ref' | 'title' | 'description' | 'state' | 'service' | 'subcategory' | 'team' | 'priority' | 'impact' | 'urgency' | 'caller' | 'org'
    | 'assignee' | 'created' | 'updated' | 'origin' | 'tto' | 'ttr' | 'deadline' | 'elapsed' | 'goal' | 'sla' | 'contract' | 'pendingReason'
    | 'solution' | 'resolutionCode' | 'satisfaction' | 'parent' | 'children' | 'assigned' | 'resolved' | 'closed' | 'overdue' | 'unassigned'
    | 'text' | 'sort' | 'any' | 'none' | 'name' | 'pinned' | 'reason' | 'comment' | 'agent' | 'kind'
    | 'problem' | 'rootCause' | 'workaround' | 'problemTickets' | 'linkTicket',
    string
  >;
  clock: Record<'idle' | 'running' | 'paused' | 'stopped', string>;
  section: Record<'fields' | 'sla' | 'history' | 'publicLog' | 'privateLog' | 'linked' | 'actions' | 'filters' | 'saveShortcut', string>;
  history: Record<'when' | 'who' | 'what' | 'entryPoint' | 'changes', string>;
  button: Record<PageAction | 'apply' | 'save' | 'pin' | 'unpin' | 'delete' | 'replay' | 'search' | 'more' | 'open', string>;
  done: Record<PageAction, string>;
  /** The page's own refusals by error code (a shortcut's name); refused ticket actions say the card's sentence. */
  errors: Partial<Record<ErrorCode, string>>;
  genericError: string;
  page: Record<
    | 'signingIn' | 'outsideDingTalk' | 'signInFailed' | 'unknownPerson' | 'forbiddenTitle' | 'forbidden' | 'notFoundTitle' | 'notFound'
    | 'csrf' | 'empty' | 'noShortcuts' | 'shortcutSaved' | 'shortcutsHint' | 'loggedOut' | 'noDeadLetters' | 'replayed' | 'next' | 'prev'
    | 'skip' | 'privateNote' | 'sessionEnded',
    string
  >;
  dash: Record<
    | 'title' | 'backlogTeam' | 'backlogService' | 'open' | 'compliance' | 'days7' | 'days30' | 'met' | 'timeToOwn' | 'timeToResolve'
    | 'perIncident' | 'incidents' | 'requests' | 'average' | 'aging' | 'trend' | 'opened' | 'resolvedCount' | 'noData',
    string
  >;
  admin: Record<'people' | 'teams' | 'orgs' | 'services' | 'contracts' | 'outbox' | 'notices' | 'id' | 'status' | 'profiles' | 'members' | 'error', string>;
  /** The FAQ browser, the demand pool and the contracts report. */
  library: PortalLibraryCatalog;
}
