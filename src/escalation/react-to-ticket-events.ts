/**
 * The reactions to committed ticket events (outbox): re-plan thresholds, apply TTR levels reached before the
 * first assignment, and write the trigger table's notices. Each is idempotent: an event handled twice (after a
 * crash) plans the same rows and finds its notices already written.
 */
import type { OutboxRecord } from '../domain/ports/outbox.port';
import type { TicketEventType } from '../domain/tickets/events';
import { applyReachedLevelsWhenAssigned } from './apply-reached-levels-when-assigned';
import type { EscalationDeps } from './escalation-deps';
import type { Reaction } from './outbox-dispatcher';
import { planThresholdsWhenTicketChanged } from './plan-thresholds-when-ticket-changed';

/** Events after which deadlines may have moved (escalations and reassignments leave the stopwatches alone). */
const REPLAN: ReadonlySet<TicketEventType> = new Set<TicketEventType>([
  'TicketCreated',
  'IncidentCreated',
  'TicketAssigned',
  'TicketPended',
  'TicketResumed',
  'TicketResolved',
  'TicketClosed',
  'TicketReopened',
  'DeadlinesChanged',
  'TicketUpdated',
]);

/** Events whose notices are written when a threshold fires (not again from the outbox). */
const NOTIFIED_AT_FIRING: ReadonlySet<TicketEventType> = new Set<TicketEventType>([
  'TicketEscalatedTto',
  'TicketEscalatedTtr',
  'ThresholdReached',
]);

export type EventCodeOf = (event: OutboxRecord['event']) => string | null;

export function ticketEventReactions(deps: EscalationDeps, eventCodeOf: EventCodeOf): Reaction[] {
  const replan: Reaction = async ({ event }) => {
    if (REPLAN.has(event.type)) await planThresholdsWhenTicketChanged(deps, event.ticketId);
  };
  const reachedLevels: Reaction = async ({ event }) => {
    if (event.type === 'TicketAssigned') await applyReachedLevelsWhenAssigned(deps, event.ticketId);
  };
  const notify: Reaction = async ({ id, event }) => {
    if (NOTIFIED_AT_FIRING.has(event.type)) return;
    const code = eventCodeOf(event);
    if (!code) return;
    const dir = await deps.directory.current();
    if (!dir) throw new Error('no directory stored');
    await deps.store.transaction(async (tx) => {
      const ticket = await tx.get(event.ticketId);
      if (!ticket) return;
      const data = event.data;
      const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
      await tx.addNotices(
        deps.notices.compose({
          eventKey: `outbox:${id}`,
          eventCode: code,
          ticket,
          dir,
          actor: event.actor === 'system' ? null : event.actor,
          part: 'all',
          now: deps.clock.now(),
          extras: { reason: str(data.reason), solution: str(data.solution), note: str(data.text) },
        }),
      );
    });
  };
  return [replan, reachedLevels, notify];
}
