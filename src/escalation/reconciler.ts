/**
 * Fires thresholds that are due in the database but were not fired (Redis flushed or down, a process crashed,
 * a job lost). Runs at start-up and every few seconds; safe beside the timers and other processes, because a
 * threshold row can be flipped armed → fired only once.
 */
import type { EscalationDeps } from './escalation-deps';
import { fireThreshold } from './fire-threshold';

export async function reconcileDueThresholds(deps: EscalationDeps, limit = 500): Promise<number> {
  let fired = 0;
  for (;;) {
    const due = await deps.store.due(deps.clock.now(), limit);
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
