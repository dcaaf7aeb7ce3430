/** English words of the demand pool in chat (see demand-catalog.ts). */
import type { DemandWords } from './demand-catalog';

export const demandWordsEn: DemandWords = {
  pendForm: {
    reason: { label: 'Reason', placeholder: 'What it waits for; for a feature request, the demand note' },
    reasonKind: { label: 'Kind', placeholder: 'Choose one' },
    kinds: { other: 'Waiting (for the caller, a third party…)', demand: 'Feature request (to the demand pool)' },
    opened: 'Fill in the reason and choose its kind below to pend {ref}; "Feature request" converts it into a demand and resolves it.',
  },
  autoNote: 'Pending for more than {days} working days: converted into a demand automatically.',
  teamNotice: {
    title: '{demand} New demand',
    lead: '{demand} is a new demand, converted from {ref}.',
    lines: ['Title: {title}', 'Service: {service}', 'Caller: {caller}', 'Votes: {votes}'],
    hint: 'Please assess it in the demand pool.',
  },
  errors: {
    'DEMAND.NOT_OFFERED': 'No demand vote is offered on {ref} (any more); nothing was changed.',
    'DEMAND.NOT_FOUND': 'That demand does not exist; {ref} stays an ordinary request.',
    'DEMAND.NOT_OPEN': 'That demand is already {state}, so it takes no more votes; {ref} stays an ordinary request.',
    'DEMAND.NOT_CALLER': 'Only the caller of {ref} may vote with it.',
  },
  vote: {
    offer: 'This looks like demand {demand} (votes so far: {votes}): "{title}". Press "+1" to add your vote; {ref} is then resolved. Or leave it, and it is handled as a request.',
    button: '+1 to {demand}',
    counted: '{ref} joined demand {demand} as a vote (votes now: {votes}) and is resolved.',
    again: 'You had voted for demand {demand} already (votes: {votes}); {ref} is resolved without counting twice.',
  },
  card: { description: 'Description', caller: 'Caller', service: 'Service', sources: 'Requests', votes: 'Votes', lastMessage: '{demand}: {votes} votes' },
  states: { open: 'open', accepted: 'accepted', rejected: 'rejected', done: 'done' },
};
