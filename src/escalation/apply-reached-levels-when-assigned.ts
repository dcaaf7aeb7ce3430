/**
 * A TTR level reached before the ticket had an assignee (iTop loses it): at the first assignment, apply the
 * highest reached level's state effect and tell each reached level's assignee-based recipients once, in order
 * (docs/domain.md §3.3). Runs inside the transaction that handles a TicketAssigned event; idempotent.
 */
import type { Directory } from '../domain/directory/directory';
import type { EscalationTx } from '../domain/ports/escalation-store.port';
import { systemActor } from '../domain/tickets/actor';
import { decide } from '../domain/tickets/lifecycle';
import type { Ticket } from '../domain/tickets/ticket';
import { applyDecision } from '../application/unit-of-work/apply-decision';
import type { EscalationDeps } from './escalation-deps';

const SYSTEM = systemActor('escalation');

/** Returns the ticket as it is afterwards (escalated when a reached level says so). May throw LostRace. */
export async function applyReachedLevelsInTx(deps: EscalationDeps, tx: EscalationTx, ticket: Ticket, dir: Directory): Promise<Ticket> {
  if (ticket.agent === null) return ticket;
  const ticketId = ticket.id;
  const order = deps.ladder.levels.map((l) => l.code);
  const pending = (await tx.thresholds(ticketId))
    .filter((r) => r.status === 'fired' && r.assigneePart === 'pending')
    .sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level));
  if (pending.length === 0) return ticket;
  const now = deps.clock.now();
  let current = ticket;
  const escalates = pending.some((r) => deps.ladder.levels.find((l) => l.code === r.level)?.effect === 'escalated_ttr');
  if (escalates && ticket.status === 'assigned') {
    const d = decide(ticket, { type: 'escalate_ttr' }, { dir, actor: SYSTEM.person, entryPoint: SYSTEM.entryPoint, now, counter: deps.counters(dir) });
    if (d.ok) current = await applyDecision(tx, ticket, d.value, 'threshold_on_assignment', SYSTEM);
  }
  for (const r of pending) {
    const level = deps.ladder.levels.find((l) => l.code === r.level);
    if (level) {
      await tx.addNotices(
        deps.notices.compose({
          eventKey: `threshold:${ticketId}-${r.level}-${r.deadlineVersion}-assignee`,
          eventCode: level.event,
          ticket: current,
          dir,
          actor: null,
          part: 'assignee_only',
          now,
          extras: { level: level.code, deadline: current.ttr.deadline },
        }),
      );
    }
    await tx.setAssigneePart(r, 'done');
  }
  return current;
}
