/**
 * The filing rate limit (docs/interfaces.md "Intake from chat"): at most so many new tickets per person in a sliding
 * window. A slot is taken before filing and given back when the filing fails, so concurrent messages of one person
 * cannot overshoot; `alreadyFiled` (the tickets the store holds for the person since `windowStart`) counts the
 * filings of other processes and from before a restart.
 */
import type { Result } from '../shared/result';

export interface FilingLimit {
  /** The start of the window ending at `now` (for counting `alreadyFiled`). */
  windowStart(now: Date): Date;
  /** Take a slot for `personId` at `now`: the slot, or INTAKE.TOO_MANY when the window is full. */
  take(personId: string, now: Date, alreadyFiled?: number): Result<number>;
  /** Give back the slot taken (the filing failed). */
  giveBack(personId: string, slot: number): void;
}
