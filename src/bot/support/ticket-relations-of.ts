/**
 * Loading what a ticket card shows about other tickets (`cards/ticket-relations.ts`): an incident's linked
 * requests and their distinct callers; a request's pending duplicate suggestion (read from its history; a
 * suggested request that has since joined an open incident is shown as that incident) and the requests recorded
 * as similar to it; the open demand offered for a vote (docs/demands.md "Votes"). Re-read on every render, so every card shows the current numbers.
 */
import type { TicketSummary } from '../../domain/ports/ticket-store.port';
import { refOf, isOpen, type Ticket } from '../../domain/tickets/ticket';
import type { TicketRelations } from '../views/cards/ticket-relations';
import { takesChange } from '../views/cards/change-request-button';
import { SYSTEM_ACTOR } from '../../domain/tickets/actor';
import type { ChatLayerDeps } from '../chat-deps';
import { formatDemandRef, parseDemandRef } from '../../domain/demands/demand';
import { oneLine } from '../../domain/shared/text';

/** An incident's requests read for its card (a storm joins thousands: each keeps its "not the same problem" button). */
const CHILDREN_MAX = 10_000;

async function load(deps: ChatLayerDeps, ref: string): Promise<Ticket | null> {
  const found = await deps.tickets.get(SYSTEM_ACTOR, ref);
  return found.ok ? found.value : null;
}

/** An incident's linked requests and distinct callers, counted by the database (no rows read). */
export async function impactOf(deps: ChatLayerDeps, incident: TicketSummary): Promise<{ requests: number; people: number }> {
  const counted = await deps.tickets.incidentImpact(refOf(incident));
  return counted.ok ? counted.value : { requests: 0, people: 0 };
}

/**
 * An incident's impact and its joined callers: the callers of its open linked requests, with their refs. With
 * `onlyCallers` (person ids), the joined refs of those people only: a storm join renders the private data of its new
 * holders alone (docs/interfaces.md "Ticket card"), so it reads their requests, not every joined one.
 */
export async function incidentRelationsOf(
  deps: ChatLayerDeps,
  incident: TicketSummary,
  onlyCallers?: readonly string[],
): Promise<Required<Pick<TicketRelations, 'affected' | 'joined'>>> {
  const affected = await impactOf(deps, incident);
  const joined: Record<string, string[]> = {};
  if (onlyCallers && onlyCallers.length === 0) return { affected, joined };
  const scope = { scope: 'children' as const, parent: refOf(incident), ...(onlyCallers ? { callers: onlyCallers } : {}) };
  const children = await deps.tickets.summaries(scope, CHILDREN_MAX);
  for (const t of children.ok ? children.value : []) if (isOpen(t.status)) joined[t.caller] = [...(joined[t.caller] ?? []), refOf(t)];
  return { affected, joined };
}

/** The open, unlinked requests of the same service recorded as similar to `t` (t first), when it is one too. */
export async function similarGroupOf(deps: ChatLayerDeps, t: TicketSummary, similar: readonly string[]): Promise<TicketSummary[]> {
  const group: TicketSummary[] = [t];
  for (const ref of similar) {
    const other = await load(deps, ref);
    if (other && other.kind === 'request' && isOpen(other.status) && other.parent === null && other.service === t.service) group.push(other);
  }
  return group;
}

/** The ticket to offer instead of `target`: its open parent incident, else itself while open; else null. */
export async function joinTargetOf(deps: ChatLayerDeps, target: TicketSummary): Promise<TicketSummary | null> {
  if (target.kind === 'request' && target.parent !== null) {
    const parent = await load(deps, refOf({ kind: 'incident', id: target.parent }));
    return parent && isOpen(parent.status) ? parent : null;
  }
  return isOpen(target.status) ? target : null;
}

/**
 * The duplicate suggestion a request's card shows: `target` (the ticket to join instead, from `joinTargetOf`) when
 * it is another ticket of the same service. For a request just filed this is all its card shows about other
 * tickets (it has no similar records yet): intake computes it once from the duplicate search, for every card.
 */
export async function suggestionRelations(deps: ChatLayerDeps, t: Ticket, target: TicketSummary | null): Promise<TicketRelations> {
  if (!target || target.id === t.id || target.service !== t.service) return {};
  return { suggestion: { ref: refOf(target), people: await peopleAffectedBy(deps, target) } };
}

/** The offered demand as the card shows it, while it is open and of the request's service; else null. */
async function demandOfferOf(deps: ChatLayerDeps, ref: string, service: string): Promise<TicketRelations['demandOffer'] | null> {
  const id = parseDemandRef(ref);
  const d = id !== null && deps.demands ? await deps.demands.get(id) : null;
  if (!d || d.state !== 'open' || d.service !== service) return null;
  return { ref: formatDemandRef(d.id), title: oneLine(d.title, 80, '…'), votes: d.votes };
}

/** What `t`'s card shows about other tickets; for an incident with `onlyCallers`, their joined refs only. */
export async function ticketRelationsOf(deps: ChatLayerDeps, t: Ticket, onlyCallers?: readonly string[]): Promise<TicketRelations> {
  return (await relationsAndAttachedOf(deps, t, onlyCallers)).relations;
}

/**
 * `ticketRelationsOf` and the ticket's attachments: everything its card shows besides the ticket. The attachments
 * are not read for a ticket whose history, read for the relations already, has no `attach` row (every attachment
 * writes one in its transaction): a request just filed from text costs no read for them.
 */
export async function cardRelationsOf(deps: ChatLayerDeps, t: Ticket, onlyCallers?: readonly string[]): Promise<TicketRelations> {
  const { relations, attached } = await relationsAndAttachedOf(deps, t, onlyCallers);
  return attached === false ? relations : { ...relations, ...(await attachmentsOf(deps, t)) };
}

/** The ticket's attachments for its card (none when attachments are not wired; a failed read shows none). */
async function attachmentsOf(deps: ChatLayerDeps, ticket: Ticket): Promise<Pick<TicketRelations, 'attachments'>> {
  const store = deps.attachments?.store;
  if (!store) return {};
  const list = await store.list(ticket.id);
  return list.length > 0 ? { attachments: list } : {};
}

/** The relations, and whether the ticket has attachments when its history was read for them (else undefined). */
async function relationsAndAttachedOf(
  deps: ChatLayerDeps,
  t: Ticket,
  onlyCallers?: readonly string[],
): Promise<{ relations: TicketRelations; attached?: boolean }> {
  const own = await ownRelationsOf(deps, t, onlyCallers);
  // An open problem or incident offers 申请变更 to those a change template allows (docs/changes.md §3).
  const templates = deps.changes?.templates;
  return templates && templates.length > 0 && takesChange(t) ? { ...own, relations: { ...own.relations, changeTemplates: templates } } : own;
}

async function ownRelationsOf(deps: ChatLayerDeps, t: Ticket, onlyCallers?: readonly string[]): Promise<{ relations: TicketRelations; attached?: boolean }> {
  if (t.kind === 'incident') return { relations: await incidentRelationsOf(deps, t, onlyCallers) };
  if (!isOpen(t.status) || t.parent !== null) return { relations: {} };
  const records = await deps.tickets.duplicateRecords(refOf(t));
  if (!records.ok) return { relations: {} };
  const relations: TicketRelations = {};
  if (records.value.faqSeen) relations.faqSeen = records.value.faqSeen;
  if (records.value.demandOffered) {
    const offer = await demandOfferOf(deps, records.value.demandOffered, t.service);
    if (offer) relations.demandOffer = offer;
  }
  if (records.value.suggested) {
    const suggested = await load(deps, records.value.suggested);
    Object.assign(relations, await suggestionRelations(deps, t, suggested ? await joinTargetOf(deps, suggested) : null));
  }
  if (records.value.similar.length > 0) {
    const group = await similarGroupOf(deps, t, records.value.similar);
    if (group.length >= 2) relations.similarGroup = group.map(refOf);
  }
  return { relations, attached: records.value.attached };
}

/** People an open ticket already stands for: an incident's distinct callers; a request's caller and those of its similar requests. */
export async function peopleAffectedBy(deps: ChatLayerDeps, t: TicketSummary): Promise<number> {
  if (t.kind === 'incident') return Math.max((await impactOf(deps, t)).people, 1);
  const records = await deps.tickets.duplicateRecords(refOf(t));
  const group = await similarGroupOf(deps, t, records.ok ? records.value.similar : []);
  return new Set(group.map((r) => r.caller)).size;
}
