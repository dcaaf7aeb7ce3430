/** Working-time arithmetic as the ticket stopwatches and the threshold planning count on it. */

/** Working-time arithmetic of one calendar (24×7 or business hours). */
export interface TimeCounter {
  /** The earliest instant t with `between(start, t) = seconds`. */
  add(start: Date, seconds: number): Date;
  /** Working seconds in [a, b); 0 when b ≤ a. */
  between(a: Date, b: Date): number;
}

/** 24×7: every second counts. */
export const ALWAYS: TimeCounter = {
  add: (start, seconds) => new Date(start.getTime() + seconds * 1000),
  between: (a, b) => Math.max(0, (b.getTime() - a.getTime()) / 1000),
};
