/**
 * The reaction to a committed ticket event (outbox), in one transaction: re-plan the thresholds, apply TTR levels
 * reached before the first assignment, and write the trigger table's notices; the timer jobs of the planned rows
 * are set after it commits. It runs after the card reaction of the same event (registered first), whose new card
 * recipients it reads from the event's context: their notices are written `skipped` (`card`) at once, everyone
 * else's (including those whose card did not arrive) `pending`. Idempotent: an event handled twice (after a crash)
 * plans the same rows and finds its notices already written. An event retried with its notices not yet written
 * (a crash or a failure before this transaction committed) has an empty context (the card, recorded already, is
 * not delivered again): everyone gets the text notice then, a card holder too; rare and accepted (a second hint,
 * never a missing one).
 */
import type { OutboxRecord } from '../domain/ports/outbox.port';
import { isSystem } from '../domain/tickets/actor';
import type { TicketEventType } from '../domain/tickets/events';
import type { TicketTx } from '../domain/ports/ticket-store.port';
import type { EscalationTx } from '../domain/ports/escalation-store.port';
import { isStormJoined } from '../domain/tickets/storm-join';
import type { Ticket } from '../domain/tickets/ticket';
import type { OutboxReactions, Reaction } from '../application/outbox/reactions';
import { BY_CHANGE } from '../application/tickets/resolve-by-change';
import { UnitOfWork } from '../application/unit-of-work/unit-of-work';
import { applyReachedLevelsInTx } from './apply-reached-levels-when-assigned';
import type { EscalationDeps } from './escalation-deps';
import { planThresholdsInTx, scheduleThresholdJobs } from './plan-thresholds-when-ticket-changed';

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
  'TicketUnassigned',
  // A storm-joined request taken out of its incident: its paused clocks run again.
  'TicketUnlinked',
]);

/** Events whose notices are written when a threshold fires (not again from the outbox). */
const NOTIFIED_AT_FIRING: ReadonlySet<TicketEventType> = new Set<TicketEventType>([
  'TicketEscalatedTto',
  'TicketEscalatedTtr',
  'ThresholdReached',
]);

/** The events of a ticket's creation. */
const CREATED: ReadonlySet<TicketEventType> = new Set<TicketEventType>(['TicketCreated', 'IncidentCreated']);

/** A ticket change by another writer in between (reached levels escalate the ticket): tried again this often. */
const ATTEMPTS = 5;

/** The incident a notice about `ticket` names instead of it: its parent, when the event came from it and it was storm-joined. */
async function incidentNamedFor(tx: TicketTx, ticket: Ticket, fromParent: string | undefined): Promise<Ticket | null> {
  if (ticket.parent === null || fromParent === undefined) return null;
  if (!isStormJoined(await tx.history(ticket.id))) return null;
  return tx.get(ticket.parent);
}

export type EventCodeOf = (event: OutboxRecord['event']) => string | null;

export function ticketEventReactions(deps: EscalationDeps, eventCodeOf: EventCodeOf): Reaction[] {
  const react: Reaction = async ({ id, event }, ctx) => {
    const replan = REPLAN.has(event.type);
    const reached = event.type === 'TicketAssigned';
    // A request or incident resolved by a change's closing: its callers are told once by the change's
    // `ChangeLinkedResolved` event (docs/changes.md §5), not per ticket. A problem's own row still applies.
    const byChange = typeof event.data[BY_CHANGE] === 'string' && !event.ref.startsWith('P-');
    const code = NOTIFIED_AT_FIRING.has(event.type) || byChange ? null : eventCodeOf(event);
    if (!replan && !reached && !code) return;
    const dir = await deps.directory.current();
    if (!dir) {
      if (code) throw new Error('no directory stored');
      return;
    }
    // A lost race after the last attempt is thrown: the dispatcher retries the event later.
    const uow = new UnitOfWork(deps.store, { maxAttempts: ATTEMPTS });
    // The first attempt starts from the card reaction's read of the ticket (`ctx.ticket`); a retry reads it again.
    let known = ctx.ticket?.id === event.ticketId ? ctx.ticket : undefined;
    // A new ticket's work only inserts (its first thresholds, its notices), each idempotent and able to stand
    // alone if the work is interrupted and done again: committed statement by statement, no START/COMMIT
    // round trips on the hottest path (docs/stack.md "Hot-path costs found by profiling").
    const alone = CREATED.has(event.type);
    const done = await uow.attempt(async () => {
      const work = async (tx: EscalationTx) => {
        const ticket = known ?? (await tx.get(event.ticketId));
        known = undefined;
        if (!ticket) return null;
        const plan = replan ? await planThresholdsInTx(deps, tx, ticket, dir, CREATED.has(event.type)) : null;
        const current = reached ? await applyReachedLevelsInTx(deps, tx, ticket, dir) : ticket;
        if (code) {
          const data = event.data;
          const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
          // Resolved with its incident, or an incident's note copied to it, for a storm-joined request: the notice
          // is about the incident and names it (one text for all its joined callers, sent in batches). A request
          // linked by a person (agent, the caller's "join") keeps notices naming its own ref (docs/interfaces.md).
          const about = await incidentNamedFor(tx, current, str(data.parentRef) ?? str(data.fromParent));
          await tx.addNotices(
            deps.notices.compose({
              eventKey: `outbox:${id}`,
              eventCode: code,
              ticket: current,
              ...(about ? { about } : {}),
              dir,
              actor: isSystem(event.actor) ? null : event.actor,
              part: 'all',
              now: deps.clock.now(),
              extras: { reason: str(data.reason), solution: about ? undefined : str(data.solution), note: str(data.text) },
              cardRecipients: ctx.cardRecipients,
            }),
          );
        }
        return plan;
      };
      const planned = await (alone ? deps.store.autocommit(work) : uow.transaction(work));
      if (planned) await scheduleThresholdJobs(deps, planned);
    });
    if (!done.won) throw done.lost;
  };
  return [react];
}

/**
 * The escalation layer's reactions to committed ticket events, added to the application's registry (`register`:
 * after the chat layer's `registerFirst` card reaction, whatever order the layers are wired in).
 */
export function registerEscalationReactions(registry: OutboxReactions, deps: EscalationDeps, eventCodeOf: EventCodeOf): void {
  registry.register(...ticketEventReactions(deps, eventCodeOf));
}
