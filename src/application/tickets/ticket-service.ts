/**
 * The ticket application API used by the chat layer, scripts and tests: open, claim, assign, reassign, pend,
 * resume, resolve, close, reopen, reclassify, link, make incident, join, similar, notes, get, list. A thin facade:
 * each method delegates to its use-case module, all of them over one unit of work (transaction, optimistic
 * version check, bounded lost-race retry, outbox events, after-commit hook).
 */
import { convertToDemand, type DemandConversion } from './convert-to-demand';
import { voteForDemand, type DemandVote } from './vote-for-demand';
import type { HistoryRow, TicketSummary } from '../../domain/ports/ticket-store.port';
import type { Result } from '../../domain/shared/result';
import type { Actor } from '../../domain/tickets/actor';
import type { DuplicateRecords } from '../../domain/similarity/duplicate-records';
import type { TicketCommand } from '../../domain/tickets/lifecycle';
import type { LogEntry, Ticket } from '../../domain/tickets/ticket';
import { actOnTicket } from './act-on-ticket';
import { assignTicket, claimTicket, reassignTicket } from './claim-assign';
import { createIncident, joinIncident, linkToIncident, unjoinIncident, type CreateIncidentInput } from './link-incident';
import { addNote } from './notes';
import { adoptParkedAttachments, attachToTicket, checkAttach, type AttachmentToStore } from './attachments';
import { openTicket, type OpenInput, type OpenOptions } from './open-ticket';
import { pendTicket, resumeTicket } from './pend-resume';
import { filedFrom, filedSince, getTicket, listTickets, ticketHistory, ticketLogs, ticketSummaries, incidentImpact, type ListScope } from './queries';
import { closeTicket, reclassifyTicket, reopenTicket, resolveTicket } from './resolve-close-reopen';
import { dismissDuplicate, duplicateRecords, markSimilar } from './similar-duplicates';
import { resolveByChange, type ClosingChange } from './resolve-by-change';
import { ticketContext, type TicketContext, type TicketServiceDeps } from './ticket-context';
// FAQ (issue 14)
import { recordAnsweredByFaq } from './answered-by-faq';
// Problems (issue 14)
import { linkProblem, makeProblem, problemTickets, resolveProblem, unlinkProblem, type MakeProblemInput, type ProblemResolution } from './problems';

export type { Actor } from '../../domain/tickets/actor';
export type { ListScope } from './queries';
export type { CounterFactory, TicketServiceDeps } from './ticket-context';

export class TicketService {
  private readonly ctx: TicketContext;

  constructor(deps: TicketServiceDeps) {
    this.ctx = ticketContext(deps);
  }

  /**
   * Open a request. `duplicateOf`: the likely duplicate found before filing, recorded as a system history row.
   * A ticket already filed from `input.sourceMsg` answers `TICKET.ALREADY_FILED` carrying it (see `openTicket`).
   */
  open(actor: Actor, input: OpenInput, options: OpenOptions = {}): Promise<Result<Ticket>> {
    return openTicket(this.ctx, actor, input, options);
  }

  /** The ticket filed from chat message `msgId`, if any. */
  filedFrom(msgId: string): Promise<Ticket | null> {
    return filedFrom(this.ctx, msgId);
  }

  /** Make an incident from requests (or by command with service + subcategory) and link the requests to it. */
  createIncident(actor: Actor, input: CreateIncidentInput): Promise<Result<Ticket>> {
    return createIncident(this.ctx, actor, input);
  }

  claim(actor: Actor, ref: string) {
    return claimTicket(this.ctx, actor, ref);
  }
  assign(actor: Actor, ref: string, team: string, agent: string) {
    return assignTicket(this.ctx, actor, ref, team, agent);
  }
  reassign(actor: Actor, ref: string, target: { team?: string; agent?: string }) {
    return reassignTicket(this.ctx, actor, ref, target);
  }
  pend(actor: Actor, ref: string, reason: string) {
    return pendTicket(this.ctx, actor, ref, reason);
  }
  resume(actor: Actor, ref: string) {
    return resumeTicket(this.ctx, actor, ref);
  }
  resolve(actor: Actor, ref: string, solution: string, resolutionCode: string) {
    return resolveTicket(this.ctx, actor, ref, solution, resolutionCode);
  }
  close(actor: Actor, ref: string, satisfaction?: number, comment?: string) {
    return closeTicket(this.ctx, actor, ref, satisfaction, comment);
  }
  /** The caller withdraws a request nobody has claimed yet: closed, code `cancelled` (docs/domain.md §3.1). */
  withdraw(actor: Actor, ref: string, reason: string) {
    return this.act(actor, ref, { type: 'withdraw', reason });
  }

  reopen(actor: Actor, ref: string, reason: string) {
    return reopenTicket(this.ctx, actor, ref, reason);
  }
  /** Change impact/urgency (priority) or service/subcategory; deadlines are recomputed. */
  reclassify(actor: Actor, ref: string, change: { impact?: number; urgency?: number; service?: string; subcategory?: string }) {
    return reclassifyTicket(this.ctx, actor, ref, change);
  }

  /**
   * Apply one lifecycle command. Resolving an incident resolves its open children in the same transaction.
   * System commands (thresholds, cascades) are refused to people.
   */
  act(actor: Actor, ref: string, cmd: TicketCommand): Promise<Result<Ticket>> {
    return actOnTicket(this.ctx, actor, ref, cmd);
  }

  /** Link an open request to an open incident (it will be resolved with it). */
  linkToIncident(actor: Actor, requestRef: string, incidentRef: string): Promise<Result<Ticket>> {
    return linkToIncident(this.ctx, actor, requestRef, incidentRef);
  }

  /** The caller of an open request joins it to an open incident of the same service (permission `join`). */
  joinIncident(actor: Actor, requestRef: string, incidentRef: string): Promise<Result<Ticket>> {
    return joinIncident(this.ctx, actor, requestRef, incidentRef);
  }

  /**
   * "Not the same problem" (`intake.unjoin`): the actor's newest open request linked to the incident leaves it and
   * goes its own way; `TICKET.NOT_JOINED` when they have none in it.
   */
  unjoinIncident(actor: Actor, incidentRef: string): Promise<Result<Ticket>> {
    return unjoinIncident(this.ctx, actor, incidentRef);
  }

  /** The caller answers "not the same" to the suggested duplicate of their request. */
  dismissDuplicate(actor: Actor, ref: string): Promise<Result<Ticket>> {
    return dismissDuplicate(this.ctx, actor, ref);
  }

  /** The caller's open request is the same as another open request of its service; returns the other one. */
  markSimilar(actor: Actor, requestRef: string, otherRef: string): Promise<Result<Ticket>> {
    return markSimilar(this.ctx, actor, requestRef, otherRef);
  }

  /** The duplicate bookkeeping of a ticket, read from its history alone. */
  duplicateRecords(ref: string): Promise<Result<DuplicateRecords>> {
    return duplicateRecords(this.ctx, ref);
  }

  /** Add a public or private log entry. Public entries on an incident are copied to its children. */
  addLog(actor: Actor, ref: string, text: string, visibility: 'public' | 'private'): Promise<Result<LogEntry>> {
    return addNote(this.ctx, actor, ref, text, visibility);
  }

  /** A ticket the actor may view; `system` sees everything. */
  get(actor: Actor, ref: string): Promise<Result<Ticket>> {
    return getTicket(this.ctx, actor, ref);
  }

  logs(actor: Actor, ref: string): Promise<Result<LogEntry[]>> {
    return ticketLogs(this.ctx, actor, ref);
  }

  history(actor: Actor, ref: string): Promise<Result<HistoryRow[]>> {
    return ticketHistory(this.ctx, actor, ref);
  }

  /** How many tickets `person` is the caller of, opened at or after `since` (every process's, from the store). */
  filedSince(person: string, since: Date): Promise<number> {
    return filedSince(this.ctx, person, since);
  }

  /** Lists, filtered to what the actor may view, newest first. */
  list(actor: Actor, what: ListScope, limit = 50): Promise<Result<Ticket[]>> {
    return listTickets(this.ctx, actor, what, limit);
  }

  /** The summaries of a service's tickets or of an incident's requests, newest first (the bot's comparisons). */
  summaries(
    what: Extract<ListScope, { scope: 'by_service' } | { scope: 'children' }>,
    limit: number,
  ): Promise<Result<TicketSummary[]>> {
    return ticketSummaries(this.ctx, what, limit);
  }

  /** An incident's linked requests and their distinct callers, counted by the database (its card's impact line). */
  incidentImpact(incidentRef: string): Promise<Result<{ requests: number; people: number }>> {
    return incidentImpact(this.ctx, incidentRef);
  }

  // FAQ (issue 14)
  /** A request the FAQ answered before filing: recorded resolved (code `faq`) with no card, notice or threshold. */
  recordAnsweredByFaq(actor: Actor, input: OpenInput, faqRef: string): Promise<Result<Ticket>> {
    return recordAnsweredByFaq(this.ctx, actor, input, faqRef);
  }

  /** May `actor` attach files to `ref`? (Checked before downloading anything.) */
  checkAttach(actor: Actor, ref: string): Promise<Result<Ticket>> {
    return checkAttach(this.ctx, actor, ref);
  }

  /** Store downloaded, checked files with the ticket, a history row and an `AttachmentAdded` event, in one transaction. */
  attach(actor: Actor, ref: string, files: readonly AttachmentToStore[]) {
    return attachToTicket(this.ctx, actor, ref, files);
  }

  /** Give the files parked under `sourceMsg` (a picker's id) to the ticket its pick filed. */
  adoptParkedAttachments(actor: Actor, ref: string, sourceMsg: string): Promise<Result<number>> {
    return adoptParkedAttachments(this.ctx, actor, ref, sourceMsg);
  }

  /** A request becomes a demand `D-…` and is resolved `converted_to_demand` (docs/demands.md). */
  convertToDemand(actor: Actor, ref: string, note: string, options: { demandTeam?: string } = {}): Promise<Result<DemandConversion>> {
    return convertToDemand(this.ctx, actor, ref, note, options);
  }

  /**
   * "+1 to D-…" (docs/demands.md "Votes"): the caller votes with request `ref` for the demand offered to it at
   * filing (read from its history), which resolves the request.
   */
  async voteForDemand(actor: Actor, ref: string): Promise<Result<DemandVote>> {
    const records = await this.duplicateRecords(ref);
    if (!records.ok) return records;
    return voteForDemand(this.ctx, actor, ref, records.value.demandOffered);
  }

  /**
   * A successful change resolves its linked problems, incidents and their open tickets (by the system, naming the
   * change; docs/changes.md §5), and writes one `ChangeLinkedResolved` event naming their callers.
   */
  resolveByChange(change: ClosingChange): Promise<Result<Ticket[]>> {
    return resolveByChange(this.ctx, change);
  }

  // Problems (issue 14, docs/domain.md §9)
  /** Make a problem (`P-`) from requests/incidents of one service and link them to it. */
  makeProblem(actor: Actor, input: MakeProblemInput): Promise<Result<Ticket>> {
    return makeProblem(this.ctx, actor, input);
  }
  /** Link a request or incident to a problem. */
  linkProblem(actor: Actor, ref: string, problemRef: string): Promise<Result<Ticket>> {
    return linkProblem(this.ctx, actor, ref, problemRef);
  }
  /** Take a request or incident out of its problem. */
  unlinkProblem(actor: Actor, ref: string, fromProblem?: string): Promise<Result<Ticket>> {
    return unlinkProblem(this.ctx, actor, ref, fromProblem);
  }
  /** Resolve a problem (root cause; workaround and/or solution). Resolves nothing else. The system may call it. */
  resolveProblem(actor: Actor, ref: string, resolution: ProblemResolution): Promise<Result<Ticket>> {
    return resolveProblem(this.ctx, actor, ref, resolution);
  }
  /** The requests and incidents linked to a problem. */
  problemTickets(actor: Actor, problemRef: string): Promise<Result<Ticket[]>> {
    return problemTickets(this.ctx, actor, problemRef);
  }
}
