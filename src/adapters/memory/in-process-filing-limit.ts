/**
 * At most FILING_MAX new tickets per person in any FILING_WINDOW_MS (a sliding window). Two counts together: the
 * slots this process has taken (filings in flight included — a slot is taken before filing and given back when
 * the filing fails, so concurrent messages of one person cannot overshoot), and the tickets the database holds for
 * the person in the window (`alreadyFiled`: every process's filings, and those from before a restart). A window
 * is full when either count reaches the maximum; only filings in flight at the same moment in two processes can
 * pass it (by at most one each).
 */
import type { FilingLimit } from '../../domain/ports/filing-limit.port';
import { fail, ok, type Result } from '../../domain/shared/result';

export const FILING_MAX = 10;
export const FILING_WINDOW_MS = 60_000;

/** The filing limit of this process (FilingLimit port); in-process state, nothing is stored. */
export class InProcessFilingLimit implements FilingLimit {
  private readonly taken = new Map<string, number[]>();

  constructor(
    private readonly max = FILING_MAX,
    private readonly windowMs = FILING_WINDOW_MS,
  ) {}

  /** The start of the window ending at `now` (for counting `alreadyFiled`). */
  windowStart(now: Date): Date {
    return new Date(now.getTime() - this.windowMs);
  }

  /** Take a slot for `personId` at `now`; INTAKE.TOO_MANY when the window is full. */
  take(personId: string, now: Date, alreadyFiled = 0): Result<number> {
    const at = now.getTime();
    const recent = (this.taken.get(personId) ?? []).filter((t) => t > at - this.windowMs);
    if (Math.max(recent.length, alreadyFiled) >= this.max) {
      this.taken.set(personId, recent);
      return fail('INTAKE.TOO_MANY', 'too many tickets filed within a minute', { max: this.max, windowSeconds: this.windowMs / 1000 });
    }
    recent.push(at);
    this.taken.set(personId, recent);
    return ok(at);
  }

  /** Give back the slot taken at `slot` (the filing failed). */
  giveBack(personId: string, slot: number): void {
    const list = this.taken.get(personId);
    const i = list?.indexOf(slot) ?? -1;
    if (list && i >= 0) list.splice(i, 1);
  }
}
