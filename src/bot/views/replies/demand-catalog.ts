/**
 * The words of the demand pool in chat (docs/demands.md), one catalog per language (`demands.catalog.<locale>.ts`):
 * the pend Form's reason kinds. Kept apart from the main catalogs so the feature reads in one place.
 */

import type { DemandErrorCode } from '../../../domain/errors/demand.errors';

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
  /** The refusals of the vote (spread into the bot catalogs' `error`): `{ref}`, `{state}`. */
  errors: Record<DemandErrorCode, string>;
  /** The "+1 to D-…" offer on a matching request's card (docs/demands.md "Votes"). */
  vote: {
    /** The caller's private line: `{demand}`, `{title}`, `{votes}`. */
    offer: string;
    /** Button `demand.vote`: `{demand}`. */
    button: string;
    /** The clicker's answer: `{ref}` (the request, now resolved), `{demand}`, `{votes}`. */
    counted: string;
    /** The same, when this person had voted for it already (nothing counted): `{ref}`, `{demand}`, `{votes}`. */
    again: string;
  };
  /**
   * The demand card to the demand team (docs/demands.md "The demand card"): its row labels; `lastMessage` with
   * `{demand}`, `{votes}`.
   */
  card: { description: string; caller: string; service: string; sources: string; votes: string; lastMessage: string };
  /** The demand's state in words (the card and the refusals). */
  states: Record<'open' | 'accepted' | 'rejected' | 'done', string>;
}
