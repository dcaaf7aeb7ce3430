/**
 * Card clicks about likely duplicates (docs/interfaces.md "Intake from chat"), run through the ticket-card path
 * (`ticket-card-actions.ts`: re-checked server-side, answered with the re-rendered card):
 * - `intake.join` (caller): the stored suggestion decides, not the card: an open incident → the request joins
 *   it (a caller-scoped link); a request → the pair is recorded as similar (callers never create incidents).
 * - `intake.new` (caller): the suggestion (or the demand offer) is dismissed.
 * - `demand.vote` (caller, docs/demands.md "Votes"): the request votes for the demand offered at filing (the stored
 *   offer decides, not the card's `demand`) and is resolved `converted_to_demand`.
 * - `intake.unjoin` (a joined caller, on the incident's card, `ref` = the incident): "not the same problem"; their
 *   newest open request in it leaves it (`TicketService.unjoinIncident`) and gets its own card from the outbox;
 *   refused (`TICKET.NOT_JOINED`) for someone with no open request in the incident.
 * - `ticket.make_incident` (support agent / problem manager of the team): an incident from this request and
 *   the requests recorded as similar to it; the clicker and the contacts of the incident's service team get its
 *   card in their direct chats.
 */
import { ACTION_IDS } from '../../action-ids';
import type { Log } from '../../../domain/ports/log.port';
import { fail, ok, type Result } from '../../../domain/shared/result';
import { refOf, type Ticket } from '../../../domain/tickets/ticket';
import type { BotCatalog } from '../../views/replies/bot-catalog';
import { fill } from '../../views/replies/plain-text';
import { counted } from '../../views/replies/plural';
import type { Actor } from '../../../domain/tickets/actor';
import type { ChatLayerDeps } from '../../chat-deps';
import type { TicketActionSpec } from './ticket-action-spec';
import type { DemandVote } from '../../../application/tickets/vote-for-demand';
import { similarGroupOf, ticketRelationsOf } from '../../support/ticket-relations-of';

type Joined = { kind: 'joined'; incident: string } | { kind: 'similar'; other: string };

const noSuggestion = (t: Ticket) => fail('DUPLICATE.NONE', 'no duplicate is suggested for this request', { ref: refOf(t) });

async function join(deps: ChatLayerDeps, actor: Actor, t: Ticket): Promise<Result<Joined>> {
  const target = (await ticketRelationsOf(deps, t)).suggestion?.ref;
  if (!target) return noSuggestion(t);
  if (target.startsWith('I-')) {
    const linked = await deps.tickets.joinIncident(actor, refOf(t), target);
    return linked.ok ? ok({ kind: 'joined', incident: target }) : linked;
  }
  const marked = await deps.tickets.markSimilar(actor, refOf(t), target);
  return marked.ok ? ok({ kind: 'similar', other: target }) : marked;
}

async function dismiss(deps: ChatLayerDeps, actor: Actor, t: Ticket): Promise<Result<unknown>> {
  const relations = await ticketRelationsOf(deps, t);
  if (!relations.suggestion && !relations.demandOffer) return noSuggestion(t);
  return deps.tickets.dismissDuplicate(actor, refOf(t));
}

async function makeIncident(deps: ChatLayerDeps, actor: Actor, t: Ticket, log: Log): Promise<Result<{ incident: string; count: number }>> {
  const records = await deps.tickets.duplicateRecords(refOf(t));
  if (!records.ok) return records;
  const group = await similarGroupOf(deps, t, records.value.similar);
  if (group.length < 2) return fail('DUPLICATE.NONE', 'no similar requests are recorded for this request', { ref: refOf(t) });
  const made = await deps.tickets.createIncident(actor, { requests: group.map(refOf) });
  // Its card goes to its maker and the contacts from the outbox (`IncidentCreated`, reactions/cards-when-ticket-changed.ts).
  if (!made.ok) return made;
  return ok({ incident: refOf(made.value), count: group.length });
}

export const DUPLICATE_CARD_ACTIONS: Readonly<Record<string, TicketActionSpec>> = {
  [ACTION_IDS.join]: {
    done: (c: BotCatalog, v: unknown, ref: string) => {
      const j = v as Joined;
      return j.kind === 'joined' ? fill(c.duplicate.joined, { ref, incident: j.incident }) : fill(c.duplicate.markedSimilar, { ref, other: j.other });
    },
    input: 'incident',
    run: (d, a, _ref, _p, t) => join(d, a, t),
  },
  [ACTION_IDS.dismissDuplicate]: {
    done: (c: BotCatalog, _v: unknown, ref: string) => fill(c.duplicate.dismissed, { ref }),
    input: null,
    run: (d, a, _ref, _p, t) => dismiss(d, a, t),
  },
  [ACTION_IDS.demandVote]: {
    done: (c: BotCatalog, v: unknown, ref: string) => {
      const vote = v as DemandVote;
      return fill(vote.counted ? c.demandVote.counted : c.demandVote.again, { ref, demand: vote.demand, votes: vote.votes });
    },
    input: 'demand',
    ticketOf: (v) => (v as DemandVote).ticket,
    run: (d, a, ref) => d.tickets.voteForDemand(a, ref),
  },
  [ACTION_IDS.makeIncident]: {
    done: (c: BotCatalog, v: unknown) => {
      const made = v as { incident: string; count: number };
      return fill(c.duplicate.incidentMade, { incident: made.incident, requests: counted(c, 'requests', made.count) });
    },
    input: null,
    run: (d, a, _ref, _p, t, log) => makeIncident(d, a, t, log),
  },
  [ACTION_IDS.unjoin]: {
    done: (c: BotCatalog, v: unknown, ref: string) => fill(c.duplicate.unjoined, { ref: refOf(v as Ticket), incident: ref }),
    input: null,
    // The clicked card is the incident's: it is re-rendered (the button goes when the clicker has no request left in it).
    run: (d, a, ref) => d.tickets.unjoinIncident(a, ref),
  },
};
