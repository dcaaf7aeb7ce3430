/** The codes of the demand pool's refusals (docs/demands.md); each has a sentence in both chat catalogs. */
export const DEMAND_ERRORS = [
  /** No "+1 to D-…" is offered on this request (none matched, or it was dismissed). */
  'DEMAND.NOT_OFFERED',
  'DEMAND.NOT_FOUND',
  /** The demand is no longer open (accepted, rejected or done): `{state}`. */
  'DEMAND.NOT_OPEN',
  /** Only the request's caller votes with it. */
  'DEMAND.NOT_CALLER',
] as const;
export type DemandErrorCode = (typeof DEMAND_ERRORS)[number];
