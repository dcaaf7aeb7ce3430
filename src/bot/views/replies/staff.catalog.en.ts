/** The staff sync's notice to a lead (docs/domain.md §6.2), English. */
import type { StaffWords } from './staff-words';

export const staffWordsEn: StaffWords = {
  title: 'Staff left: {people}',
  left: '{people} left the company; their account is now inactive.',
  returned: "These tickets are back in your team's queue (unassigned, response clock restarted): claim or assign them: {refs}",
  filed: 'These open tickets were filed by them and stay open: please follow them up: {refs}',
  separator: ', ',
};
