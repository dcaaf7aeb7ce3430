/** The codes of refusals of an action itself (a card button whose action id no handler knows). */
export const ACTION_ERRORS = ['ACTION.UNKNOWN'] as const;
export type ActionErrorCode = (typeof ACTION_ERRORS)[number];
