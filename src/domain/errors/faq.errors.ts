/** The codes of FAQ refusals (docs/domain.md §8). */
export const FAQ_ERRORS = ['FAQ.NOT_ALLOWED', 'FAQ.NOT_FOUND', 'FAQ.OFFER_EXPIRED', 'FAQ.UNAVAILABLE'] as const;
export type FaqErrorCode = (typeof FAQ_ERRORS)[number];
