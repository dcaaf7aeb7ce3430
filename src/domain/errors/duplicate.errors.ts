/** The codes of refusals about likely duplicates (a suggestion that no longer holds). */
export const DUPLICATE_ERRORS = ['DUPLICATE.NONE'] as const;
export type DuplicateErrorCode = (typeof DUPLICATE_ERRORS)[number];
