/**
 * Fires thresholds that are due in the database but were not fired (Redis flushed or down, a process crashed,
 * a job lost). Runs at start-up and every few seconds. Several processes share the work: each claims its batch of
 * overdue rows (a short lease per row, taken over at once when the claimer's heartbeat stops), so each row is tried
 * by one reconciler, not by all. Safe beside the timers regardless, because a threshold row can be flipped
 * armed → fired only once.
 */
import type { EscalationDeps } from './escalation-deps';
import { fireThreshold } from './fire-threshold';

export interface ReconcileOptions {
  /** This process's owner tag (the claims name it). */
  owner?: string;
  /** Rows claimed at a time. Default 500. */
  limit?: number;
  /** How long a claim keeps other reconcilers away (a firing takes milliseconds). Default 30 s. */
  claimMs?: number;
}

export async function reconcileDueThresholds(deps: EscalationDeps, options: ReconcileOptions = {}): Promise<number> {
  const limit = options.limit ?? 500;
  const owner = options.owner ?? 'reconciler';
  let fired = 0;
  for (;;) {
    const due = await deps.store.claimDue(owner, deps.clock.now(), limit, options.claimMs ?? 30_000);
    if (due.length === 0) return fired;
    let progressed = 0;
    for (const row of due) {
      const outcome = await fireThreshold(deps, row);
      if (outcome === 'fired') fired++;
      if (outcome !== 'early') progressed++;
    }
    if (progressed === 0 || due.length < limit) return fired;
  }
}
