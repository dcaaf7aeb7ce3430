/**
 * Open a request, and the insert every new ticket (request or incident) shares: the ticket, its `open`-style
 * history row and its creation events in the caller's transaction.
 */
import type { HistoryRow, TicketTx } from '../../domain/ports/ticket-store.port';
import { ok, type Result } from '../../domain/shared/result';
import { SYSTEM_ACTOR, type Actor } from '../../domain/tickets/actor';
import type { TicketEventDraft } from '../../domain/tickets/events';
import { diffTicket } from '../../domain/tickets/lifecycle';
import { openRequest, type OpenRequestInput } from '../../domain/tickets/open';
import { alreadyFiled, MessageAlreadyFiled } from '../../domain/tickets/source-message';
import { DEMAND_FIELD, DEMAND_OFFERED, DUPLICATE_FIELD, DUPLICATE_SUGGESTED } from '../../domain/similarity/duplicate-records';
import type { Ticket, TicketState } from '../../domain/tickets/ticket';
import { toEvent } from '../unit-of-work/apply-decision';
import type { Directory } from '../../domain/directory/directory';
import { checkLink } from '../../domain/tickets/preconditions';
import { refOf } from '../../domain/tickets/ticket';
import { linkInTx } from './link-in-tx';
import { FAQ_FIELD, FAQ_SHOWN } from '../../domain/tickets/faq-history';
import { pauseForStormJoin } from '../../domain/tickets/storm-join';
import { loadTicket, NO_DIRECTORY, type TicketContext } from './ticket-context';

export type OpenInput = Omit<OpenRequestInput, 'caller'> & { caller?: string };

export interface OpenOptions {
  /** The likely duplicate found before filing (chat intake), recorded as a system history row (the offer). */
  duplicateOf?: string;
  /**
   * A storm join: the open incident (`I-…`) of the request's service it matched above the auto-join threshold.
   * The request is filed and linked to it in the same transaction (history rows `open` and `link` by the system;
   * events `TicketCreated` with `data.joined` = the incident, then `TicketLinked` with `data.auto`). When the
   * incident can no longer take it (closed meanwhile, another service), the request is filed on its own.
   */
  joinIncident?: string;
  /**
   * The open demand (`D-…`) of the service the request's text matched (chat intake, docs/demands.md "Votes"):
   * recorded as a system history row `demand_offered`; its caller's card offers "+1 to D-…".
   */
  demandOffered?: string;
  /** The FAQ entry (`F-…`) the caller saw before filing and still needed help: a history row `faq_shown`. */
  faqSeen?: string;
}

/** The incident a new request may join at filing, or null (gone, not open, not an incident, another service). */
async function joinableIncident(ctx: TicketContext, dir: Directory, request: Ticket, incidentRef: string): Promise<Ticket | null> {
  const found = await loadTicket(ctx, incidentRef);
  if (!found.ok) return null;
  const allowed = checkLink(dir, request.caller, request, found.value, 'join', incidentRef);
  return allowed.ok ? found.value : null;
}

/** The history row that records a duplicate suggestion or a demand offer (read back by `readDuplicateRecords`). */
function suggestionRow(ticketId: number, at: Date, ref: string, action = DUPLICATE_SUGGESTED, field = DUPLICATE_FIELD): HistoryRow {
  return {
    ticketId,
    at,
    actor: SYSTEM_ACTOR.person,
    entryPoint: SYSTEM_ACTOR.entryPoint,
    action,
    changes: [{ field, from: null, to: ref }],
  };
}

/** The history row that records the FAQ the caller saw before filing (read back by `faqSeenIn`). */
function faqSeenRow(ticketId: number, at: Date, faqRef: string): HistoryRow {
  return { ticketId, at, actor: SYSTEM_ACTOR.person, entryPoint: SYSTEM_ACTOR.entryPoint, action: FAQ_SHOWN, changes: [{ field: FAQ_FIELD, from: null, to: faqRef }] };
}

/**
 * Open a request. `duplicateOf`: the likely duplicate found before filing (chat intake), recorded in the same
 * transaction as a system history row (read back by `duplicateRecords`). `input.sourceMsg`: the chat message it
 * is filed from; when a ticket from that message exists already (a replay, or another process at the same
 * moment), nothing is written and the answer is `TICKET.ALREADY_FILED` carrying that ticket (`AlreadyFiled`).
 */
export async function openTicket(
  ctx: TicketContext,
  actor: Actor,
  input: OpenInput,
  options: OpenOptions = {},
): Promise<Result<Ticket>> {
  const dir = await ctx.directory.current();
  if (!dir) return { ok: false, error: NO_DIRECTORY };
  const now = ctx.clock.now();
  const opened = openRequest(
    { ...input, caller: input.caller ?? actor.person },
    { dir, now, entryPoint: actor.entryPoint, counter: ctx.counters(dir) },
  );
  if (!opened.ok) return opened;
  const incident = options.joinIncident ? await joinableIncident(ctx, dir, opened.value.ticket, options.joinIncident) : null;
  const joined = incident !== null;
  const events = joined ? opened.value.events.map((e) => (e.type === 'TicketCreated' ? { ...e, data: { ...e.data, joined: refOf(incident) } } : e)) : opened.value.events;
  try {
    const ticket = await ctx.uow.transaction(async (tx) => {
      const filed = await insertNew(tx, opened.value.ticket, events, 'open', (id) => [
        ...(options.duplicateOf && !joined ? [suggestionRow(id, now, options.duplicateOf)] : []),
        ...(options.demandOffered && !joined ? [suggestionRow(id, now, options.demandOffered, DEMAND_OFFERED, DEMAND_FIELD)] : []),
        ...(options.faqSeen ? [faqSeenRow(id, now, options.faqSeen)] : []),
      ]);
      // The incident owns the work: the joined request's own TTO and TTR are paused while it stays (docs/domain.md §3.2).
      const clocks = (t: Ticket) => pauseForStormJoin(t, now, ctx.counters(dir));
      return incident ? linkInTx(tx, filed, incident, SYSTEM_ACTOR, now, { auto: true, clocks }) : filed;
    });
    return ok(ticket);
  } catch (e) {
    // The ticket INSERT hit the message's unique key: the transaction rolled back whole. Not retried.
    if (!(e instanceof MessageAlreadyFiled)) throw e;
    const filed = await ctx.store.filedFrom(e.msgId);
    if (!filed) throw e;
    return alreadyFiled(filed);
  }
}

/** Insert a new ticket with its creation history row (plus `moreHistory`) and events; returns it with its id. */
export async function insertNew(
  tx: TicketTx,
  draft: Ticket,
  drafts: TicketEventDraft[],
  action: string,
  moreHistory: (id: number) => HistoryRow[] = () => [],
): Promise<Ticket> {
  const id = await tx.insert(draft);
  const ticket = { ...draft, id };
  const changes = diffTicket({ ...ticket, status: null as unknown as TicketState }, ticket).filter((c) => c.to !== null);
  const head = drafts[0]!;
  await tx.appendHistory([{ ticketId: id, at: head.at, actor: head.actor, entryPoint: head.entryPoint, action, changes }, ...moreHistory(id)]);
  await tx.appendOutbox(drafts.map((d) => toEvent(ticket, d)));
  return ticket;
}
