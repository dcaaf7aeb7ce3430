/**
 * At most FILING_MAX new tickets per person in any FILING_WINDOW_MS (a sliding window), counted in this process
 * only: each process of a multi-process deployment allows its own FILING_MAX, which still stops a runaway script
 * or a stuck key. A slot is taken before filing and given back when the filing fails, so concurrent messages of
 * one person cannot overshoot. Nothing is stored: a restart forgets the window.
 */
import { fail, ok, type Result } from '../../domain/shared/result';

export const FILING_MAX = 10;
export const FILING_WINDOW_MS = 60_000;

export class FilingRateLimit {
  private readonly taken = new Map<string, number[]>();

  constructor(
    private readonly max = FILING_MAX,
    private readonly windowMs = FILING_WINDOW_MS,
  ) {}

  /** Take a slot for `personId` at `now`; INTAKE.TOO_MANY when the window is full. */
  take(personId: string, now: Date): Result<number> {
    const at = now.getTime();
    const recent = (this.taken.get(personId) ?? []).filter((t) => t > at - this.windowMs);
    if (recent.length >= this.max) {
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
