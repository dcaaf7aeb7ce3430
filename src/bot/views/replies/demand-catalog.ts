/**
 * The words of the demand pool in chat (docs/demands.md), one catalog per language (`demands.catalog.<locale>.ts`):
 * the pend Form's reason kinds. Kept apart from the main catalogs so the feature reads in one place.
 */

/** The pend reason kinds the Form offers; `demand` converts (docs/demands.md), `other` is an ordinary pend. */
export const PEND_REASON_KINDS = ['other', 'demand'] as const;
export type PendReasonKind = (typeof PEND_REASON_KINDS)[number];

export interface DemandWords {
  pendForm: {
    reason: { label: string; placeholder: string };
    reasonKind: { label: string; placeholder: string };
    kinds: Record<PendReasonKind, string>;
    /** The clicker's line when the Form opens: `{ref}`. */
    opened: string;
  };
  /** The note of an automatic conversion (docs/demands.md "Automatic conversion"): `{days}`. */
  autoNote: string;
  /**
   * The notice to the demand's team (docs/demands.md "The demand team's notice"): `{demand}` (D-…), `{ref}` (the
   * request), `{title}`, `{service}`, `{caller}`, `{votes}`. Lines start with a fixed word or `{demand}`.
   */
  teamNotice: { title: string; lead: string; lines: string[]; hint: string };
}
