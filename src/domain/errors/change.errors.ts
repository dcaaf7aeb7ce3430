/** The codes of the change rules' refusals (docs/changes.md §3); each has a sentence in both chat catalogs. */
export const CHANGE_ERRORS = [
  'CHANGE.UNKNOWN_TEMPLATE',
  'CHANGE.NOT_A_REQUESTER',
  'CHANGE.NOT_FOUND',
  'CHANGE.NOT_STEP_TEAM',
  'CHANGE.NOT_REQUESTER',
  'CHANGE.NOT_CURRENT_STEP',
  'CHANGE.WRONG_STATE',
  'CHANGE.WRONG_KIND',
  'CHANGE.REASON_REQUIRED',
  'CHANGE.TITLE_REQUIRED',
  'CHANGE.NO_REQUESTER_TEAM',
  'CHANGE.BAD_LINK',
] as const;
export type ChangeErrorCode = (typeof CHANGE_ERRORS)[number];
