/**
 * After any change of a ticket: work out which ladder levels must be armed for its current deadlines, store them
 * (the reconciler's source of truth), cancel rows of older deadline versions, then arm timer jobs for the rows
 * newly armed and disarm those cancelled. Idempotent: running it twice for the same ticket state changes nothing.
 * A row armed whose job was lost (Redis flushed, a crash between commit and scheduling) is the reconciler's.
 * The rows are written inside the event's transaction (`planThresholdsInTx`, with its other reactions); the timer
 * jobs are set after it commits (`scheduleThresholdJobs`).
 */
import type { Directory } from '../domain/directory/directory';
import { planThresholds } from '../domain/escalation/plan-thresholds';
import type { EscalationTx, ThresholdRow } from '../domain/ports/escalation-store.port';
import { thresholdJobId, type ThresholdJob } from '../domain/ports/threshold-scheduler.port';
import { FIRST_DEADLINE_VERSION } from '../domain/tickets/open';
import { refOf, type Ticket } from '../domain/tickets/ticket';
import type { EscalationDeps } from './escalation-deps';

/** The threshold rows a planning armed and cancelled, to be turned into timer jobs after the commit. */
export interface PlannedThresholds {
  ref: string;
  ticketId: number;
  current: ThresholdRow[];
  cancelled: ThresholdRow[];
}

/**
 * `created`: the event is the ticket's creation. While its deadlines are still the first ones, no row can exist but
 * those of this same planning (a replay), all of the current version, which `arm` leaves alone by key: the rows are
 * not read.
 */
export async function planThresholdsInTx(
  deps: EscalationDeps,
  tx: EscalationTx,
  ticket: Ticket,
  dir: Directory,
  created = false,
): Promise<PlannedThresholds> {
  const ticketId = ticket.id;
  const rows = created && ticket.deadlineVersion === FIRST_DEADLINE_VERSION ? [] : await tx.thresholds(ticketId);
  const fired = rows.filter((r) => r.status === 'fired');
  const plan = planThresholds(ticket, deps.ladder, fired, deps.counters(dir));
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
  return { ref: refOf(ticket), ticketId, current: fresh, cancelled };
}

/** Disarm the cancelled rows' timer jobs and arm the new rows' (after the planning committed). */
export async function scheduleThresholdJobs(deps: EscalationDeps, planned: PlannedThresholds): Promise<void> {
  const job = (r: ThresholdRow): ThresholdJob => ({
    jobId: thresholdJobId(r.level, planned.ref, r.deadlineVersion),
    ticketId: planned.ticketId,
    level: r.level,
    deadlineVersion: r.deadlineVersion,
    dueAt: r.dueAt,
  });
  if (planned.cancelled.length) await deps.scheduler.cancel(planned.cancelled.map((r) => job(r).jobId));
  if (planned.current.length) await deps.scheduler.schedule(planned.current.map(job));
}
