/** English words of the workbench page (docs/portal.md). */
import type { PortalCatalog } from './portal-catalog.types';
import { PORTAL_LIBRARY_EN } from './portal-library.en';

export const PORTAL_EN: PortalCatalog = {
  lang: 'en',
  appTitle: 'Service desk',
  nav: {
    mine: 'My requests', assigned: 'Assigned to me', queue: 'Team queues', search: 'Search', shortcuts: 'Shortcuts',
    dashboard: 'Dashboard', directory: 'Directory', deadLetters: 'Dead letters', logout: 'Sign out', language: '中文', menu: 'Menu',
  },
  viewTitle: { mine: 'My requests', assigned: 'Assigned to me', queue: 'Team queues', search: 'Search' },
  state: { new: 'New', escalated_tto: 'TTO escalated', assigned: 'Assigned', escalated_ttr: 'TTR escalated', pending: 'Pending', resolved: 'Resolved', closed: 'Closed' },
  priority: { 1: 'Critical', 2: 'High', 3: 'Medium', 4: 'Low' },
  kind: { request: 'Request', incident: 'Incident', problem: 'Problem' },
  sort: { newest: 'Newest first', oldest: 'Oldest first', priority: 'Priority', deadline: 'TTR deadline', updated: 'Last updated' },
  resolutionCodes: {
    assistance: 'Assistance', bug_fixed: 'Bug fixed', hardware_repair: 'Hardware repair', other: 'Other', software_patch: 'Software patch',
    system_update: 'System update', training: 'Training', incident: 'Resolved with its incident', cancelled: 'Withdrawn', faq: 'Answered by an FAQ entry', converted_to_demand: 'Converted to a demand',
  },
  field: {
    ref: 'Ref', title: 'Title', description: 'Description', state: 'State', service: 'Service', subcategory: 'Subcategory', team: 'Team',
    priority: 'Priority', impact: 'Impact', urgency: 'Urgency', caller: 'Caller', org: 'Organisation', assignee: 'Assignee', created: 'Opened',
    updated: 'Last update', origin: 'Opened from', tto: 'Time to own (TTO)', ttr: 'Time to resolve (TTR)', deadline: 'Deadline', elapsed: 'Elapsed',
    goal: 'Goal', sla: 'SLA', contract: 'Contract', pendingReason: 'Pending reason', solution: 'Solution', resolutionCode: 'Resolution',
    satisfaction: 'Satisfaction', parent: 'Incident', children: 'Linked requests', assigned: 'Assigned at', resolved: 'Resolved at',
    closed: 'Closed at', overdue: 'Overdue only', unassigned: 'Unassigned only', text: 'Ref or words', sort: 'Sort', any: 'Any', none: '—',
    name: 'Name', pinned: 'Pin to the menu', reason: 'Reason', comment: 'Comment', agent: 'Agent', kind: 'Kind',
    problem: 'Problem', rootCause: 'Root cause', workaround: 'Workaround', problemTickets: 'Tickets of this problem', linkTicket: 'Ticket ref (R- or I-)',
  },
  clock: { idle: 'not started', running: 'running', paused: 'paused', stopped: 'stopped' },
  section: {
    fields: 'Details', sla: 'SLA clocks', history: 'History', publicLog: 'Public log', privateLog: 'Private log (support team only)',
    linked: 'Linked tickets', actions: 'Actions', filters: 'Filters', saveShortcut: 'Save these filters as a shortcut',
  },
  history: { when: 'When', who: 'Who', what: 'What', entryPoint: 'From', changes: 'Changes' },
  button: {
    claim: 'Claim', assign: 'Reassign', pend: 'Pend', resume: 'Resume', resolve: 'Resolve', close: 'Close', reopen: 'Reopen',
    note: 'Add public note', note_private: 'Add private note', apply: 'Apply', save: 'Save', pin: 'Pin', unpin: 'Unpin', delete: 'Delete',
    replay: 'Replay', search: 'Search', more: 'More', open: 'Open',
    problem_resolve: 'Resolve problem', problem_link: 'Add to this problem', problem_unlink: 'Take out of problem',
  },
  done: {
    claim: 'You claimed {ref}.', assign: '{ref} reassigned.', pend: '{ref} is pending.', resume: '{ref} is back in progress.',
    resolve: '{ref} resolved.', close: '{ref} closed.', reopen: '{ref} reopened.', note: 'Note added to {ref}.', note_private: 'Private note added to {ref}.',
    problem_resolve: 'Problem {ref} resolved; its workaround was sent to the agents of its open tickets.', problem_link: 'The ticket now belongs to problem {ref}.', problem_unlink: 'The ticket was taken out of problem {ref}.',
  },
  // The page's own refusals (a shortcut's name); a refused ticket action says the card's sentence (errorSentence).
  errors: {
    'TICKET.FIELD_REQUIRED': 'Please fill in {field} and try again.',
    'TICKET.FIELD_TOO_LONG': 'That is too long; {field} may have at most {max} characters.',
  },
  genericError: 'That did not work ({code}); reload the page and try again, or tell an administrator if it keeps failing.',
  page: {
    signingIn: 'Signing you in through DingTalk…',
    outsideDingTalk: 'Open this page from the DingTalk workbench (工作台) or from a ticket card: it signs you in with your DingTalk account.',
    signInFailed: 'DingTalk did not confirm who you are; close this page and open it again from DingTalk.',
    unknownPerson: 'Your DingTalk account is not an active person of the service desk directory; ask an administrator to add you.',
    forbiddenTitle: 'Not allowed',
    forbidden: 'You may not see this page. If you need it, ask the ticket\'s team or an administrator.',
    notFoundTitle: 'Not found',
    notFound: 'There is nothing here; check the link or search for the ticket.',
    csrf: 'This form is out of date; reload the page and try again.',
    empty: 'No tickets match.',
    noShortcuts: 'No shortcuts yet: set filters on a list and save them.',
    shortcutSaved: 'Shortcut saved.',
    shortcutsHint: 'Pinned shortcuts appear in the menu.',
    loggedOut: 'You are signed out.',
    noDeadLetters: 'No dead letters.',
    replayed: 'Replayed: it will be delivered again.',
    next: 'Next page',
    prev: 'Previous page',
    skip: 'Skip to content',
    privateNote: 'private',
    sessionEnded: 'Your session ended; open the page again from DingTalk.',
  },
  dash: {
    title: 'Dashboard', backlogTeam: 'Backlog by team', backlogService: 'Backlog by service', open: 'Open tickets', compliance: 'SLA compliance',
    days7: 'Last 7 days', days30: 'Last 30 days', met: 'met', timeToOwn: 'Time to own (30 days, working time)',
    timeToResolve: 'Time to resolve (30 days, working time)', perIncident: 'Requests per incident (30 days)', incidents: 'Incidents',
    requests: 'Requests', average: 'Average', aging: 'Age of open tickets', trend: 'Opened and resolved per day (30 days)', opened: 'Opened',
    resolvedCount: 'Resolved', noData: 'no data',
  },
  admin: {
    people: 'People', teams: 'Teams', orgs: 'Organisations', services: 'Services', contracts: 'Contracts', outbox: 'Outbox events',
    notices: 'Notices', id: 'Id', status: 'Status', profiles: 'Profiles', members: 'Members', error: 'Last error',
  },
  library: PORTAL_LIBRARY_EN,
};
