/** The codes of the problem rules' refusals (docs/domain.md §9); each has a sentence in both chat catalogs. */
export const PROBLEM_ERRORS = [
  'PROBLEM.NOT_A_PROBLEM',
  'PROBLEM.NOT_A_TICKET',
  'PROBLEM.ALREADY_LINKED',
  'PROBLEM.NOT_LINKED',
  'PROBLEM.NOT_ALLOWED',
  /** Unlinking from a problem's card a ticket that belongs to another problem. */
  'PROBLEM.LINKED_ELSEWHERE',
] as const;
export type ProblemErrorCode = (typeof PROBLEM_ERRORS)[number];
