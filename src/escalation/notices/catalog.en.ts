/** English words of trigger-table notices (see notice-catalog.ts for the placeholders). */
import type { NoticeCatalog } from './notice-catalog';

export const catalogEn: NoticeCatalog = {
  locale: 'en',
  kind: { request: 'request', incident: 'incident', problem: 'problem' },
  level: {
    tto: 'TTO (not assigned within the time to own)',
    ttr1: 'TTR-1 (75% of the time to resolve used)',
    ttr2: 'TTR-2 (time to resolve exceeded)',
    ttr3: 'TTR-3 (time to resolve exceeded twice over)',
  },
  event: {
    created: {
      title: '{ref} New {kind}',
      lead: 'New {kind} {ref} for {service} is waiting to be claimed.',
      hint: 'Claim it if it is yours, or assign it to a colleague.',
    },
    tto: {
      title: '{ref} Not assigned in time',
      lead: '{ref} reached {level}.',
      hint: 'Please assign it now.',
    },
    assigned: {
      title: '{ref} Assigned to {assignee}',
      lead: '{ref} has been assigned to {assignee}.',
    },
    ttr1: {
      title: '{ref} Escalated: TTR-1',
      lead: '{ref} reached {level}.',
      hint: 'Please make sure it is resolved before the deadline.',
    },
    ttr2: {
      title: '{ref} Escalated: TTR-2',
      lead: '{ref} reached {level}.',
      hint: 'Please resolve it or tell the caller when it will be resolved.',
    },
    ttr3: {
      title: '{ref} Escalated: TTR-3',
      lead: '{ref} reached {level}.',
      hint: 'Please see that it gets resolved.',
    },
    pending: {
      title: '{ref} Pending',
      lead: '{ref} is pending.',
    },
    resolved: {
      title: '{ref} Resolved',
      lead: '{ref} has been resolved.',
      hint: 'If the problem is solved, close the ticket; if not, reopen it.',
    },
    reopened: {
      title: '{ref} Reopened',
      lead: '{ref} was reopened by {actor}.',
    },
    closed: {
      title: '{ref} Closed',
      lead: '{ref} was closed by {actor}.',
    },
    agent_note: {
      title: '{ref} New note',
      lead: 'New note on {ref} from {actor}: {note}',
    },
    caller_note: {
      title: '{ref} Reply from the caller',
      lead: 'Reply on {ref} from {actor}: {note}',
    },
  },
  label: {
    title: 'Title',
    service: 'Service',
    filedBy: 'Filed by',
    reason: 'Reason',
    solution: 'Solution',
    note: 'Note',
    satisfaction: 'Satisfaction',
    comment: 'Comment',
    deadline: {
      tto: 'Should have been assigned by',
      ttr1: 'Resolve by',
      ttr2: 'Resolution was due',
      ttr3: 'Resolution was due',
    },
  },
  fallback: {
    someone: 'someone',
    notGiven: '(not given)',
    noDeadline: 'not recorded',
  },
  digest: {
    title: '{count} tickets escalated',
    titleOne: '{ref} escalated',
    label: 'Escalations',
    summary: 'Escalated: {refs}',
    lead: '{count} tickets reached an escalation threshold:',
    item: '- {title}',
    hint: 'Open each ticket\'s card to assign or follow it up.',
  },
  satisfactions: { '1': 'Very satisfied', '2': 'Satisfied', '3': 'Dissatisfied', '4': 'Very dissatisfied' },
  format: {
    field: '{label}: {value}',
    quote: '“{text}”',
    satisfaction: '{label}',
    deadline: '{date}, {time} ({zone})',
    ellipsis: '…',
  },
  convertedToDemand: {
    title: '{ref} Converted to demand {demand}',
    lead: '{ref} has been converted to demand {demand}.',
    hint: 'It is now in the product team\'s demand pool; you need do nothing more here.',
  },
};
