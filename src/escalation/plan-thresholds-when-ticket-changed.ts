/**
 * After any change of a ticket: work out which ladder levels must be armed for its current deadlines, store them
 * (the reconciler's source of truth), cancel rows of older deadline versions, then arm timer jobs for the rows
 * newly armed and disarm those cancelled. Idempotent: running it twice for the same ticket state changes nothing.
 * A row armed whose job was lost (Redis flushed, a crash between commit and scheduling) is the reconciler's.
 */
import { planThresholds } from '../domain/escalation/plan-thresholds';
import type { ThresholdRow } from '../domain/ports/escalation-store.port';
import { thresholdJobId, type ThresholdJob } from '../domain/ports/threshold-scheduler.port';
import { refOf } from '../domain/tickets/ticket';
import type { EscalationDeps } from './escalation-deps';

export async function planThresholdsWhenTicketChanged(deps: EscalationDeps, ticketId: number): Promise<void> {
  const dir = await deps.directory.current();
  if (!dir) return;
  const counter = deps.counters(dir);
  const outcome = await deps.store.transaction(async (tx) => {
    const ticket = await tx.get(ticketId);
    if (!ticket) return null;
    const rows = await tx.thresholds(ticketId);
    const fired = rows.filter((r) => r.status === 'fired');
    const plan = planThresholds(ticket, deps.ladder, fired, counter);
    const armed: ThresholdRow[] = plan.map((p) => ({
      ticketId,
      level: p.level,
      deadlineVersion: ticket.deadlineVersion,
      thresholdSeconds: p.thresholdSeconds,
      dueAt: p.dueAt,
      status: 'armed',
      firedAt: null,
      latenessMs: null,
      assigneePart: 'none',
    }));
    const cancelled = rows.some((r) => r.status === 'armed' && r.deadlineVersion !== ticket.deadlineVersion)
      ? await tx.cancelOtherVersions(ticketId, ticket.deadlineVersion)
      : [];
    const have = new Set(rows.map((r) => `${r.level}/${r.deadlineVersion}`));
    const fresh = await tx.arm(armed.filter((r) => !have.has(`${r.level}/${r.deadlineVersion}`)));
    return { ref: refOf(ticket), current: fresh, cancelled };
  });
  if (!outcome) return;
  const job = (r: ThresholdRow): ThresholdJob => ({
    jobId: thresholdJobId(r.level, outcome.ref, r.deadlineVersion),
    ticketId,
    level: r.level,
    deadlineVersion: r.deadlineVersion,
    dueAt: r.dueAt,
  });
  if (outcome.cancelled.length) await deps.scheduler.cancel(outcome.cancelled.map((r) => job(r).jobId));
  if (outcome.current.length) await deps.scheduler.schedule(outcome.current.map(job));
}
