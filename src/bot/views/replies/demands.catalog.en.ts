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
};
