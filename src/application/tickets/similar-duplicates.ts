/**
 * The duplicate bookkeeping of requests: the caller groups their request with a similar one, or answers "not the
 * same" to the suggested duplicate; both recorded in history (no link: callers never create incidents).
 */
import type { HistoryRow } from '../../domain/ports/ticket-store.port';
import { fail, ok, type Result } from '../../domain/shared/result';
import type { Actor } from '../../domain/tickets/actor';
import { checkDuplicateAnswer, checkSimilar } from '../../domain/tickets/preconditions';
import {
  DUPLICATE_DISMISSED,
  readDuplicateRecords,
  SIMILAR_FIELD,
  SIMILAR_MARKED,
  type DuplicateRecords,
} from '../../domain/similarity/duplicate-records';
import { parseRef, refOf, type Ticket } from '../../domain/tickets/ticket';
import { toEvent } from '../unit-of-work/apply-decision';
import { loadPair, loadTicket, NO_DIRECTORY, type TicketContext } from './ticket-context';

/** The caller answers "not the same" to the suggested duplicate of their request. */
export async function dismissDuplicate(ctx: TicketContext, actor: Actor, ref: string): Promise<Result<Ticket>> {
  const dir = await ctx.directory.current();
  if (!dir) return { ok: false, error: NO_DIRECTORY };
  const found = await loadTicket(ctx, ref);
  if (!found.ok) return found;
  const t = found.value;
  const allowed = checkDuplicateAnswer(dir, actor.person, t, ref);
  if (!allowed.ok) return allowed;
  const now = ctx.clock.now();
  await ctx.uow.transaction((tx) =>
    tx.appendHistory([{ ticketId: t.id, at: now, actor: actor.person, entryPoint: actor.entryPoint, action: DUPLICATE_DISMISSED, changes: [] }]),
  );
  return ok(t);
}

/**
 * The caller says their open request is the same as another open request of the same service: the pair is
 * recorded as similar on both (no link: callers never create incidents). Returns the other request, whose
 * cards then offer its agents "make incident from N" (event TicketMarkedSimilar).
 */
export async function markSimilar(ctx: TicketContext, actor: Actor, requestRef: string, otherRef: string): Promise<Result<Ticket>> {
  const pair = await loadPair(ctx, requestRef, otherRef);
  if (!pair.ok) return pair;
  const { dir, first: request, second: other } = pair.value;
  const allowed = checkSimilar(dir, actor.person, request, other);
  if (!allowed.ok) return allowed;
  const now = ctx.clock.now();
  const row = (t: Ticket, to: Ticket): HistoryRow => ({
    ticketId: t.id,
    at: now,
    actor: actor.person,
    entryPoint: actor.entryPoint,
    action: SIMILAR_MARKED,
    changes: [{ field: SIMILAR_FIELD, from: null, to: refOf(to) }],
  });
  await ctx.uow.transaction(async (tx) => {
    await tx.appendHistory([row(request, other), row(other, request)]);
    await tx.appendOutbox([
      toEvent(other, { type: 'TicketMarkedSimilar', actor: actor.person, entryPoint: actor.entryPoint, at: now, data: { similar: refOf(request) } }),
    ]);
  });
  return ok(other);
}

/**
 * The duplicate bookkeeping of a ticket (pending suggestion, requests recorded as similar), read from its history
 * alone (every card render asks; the ref names the row, so the ticket itself is not read: an unknown one has none).
 */
export async function duplicateRecords(ctx: TicketContext, ref: string): Promise<Result<DuplicateRecords>> {
  const parsed = parseRef(ref);
  if (!parsed) return fail('TICKET.NOT_FOUND', 'no such ticket', { ref });
  return ok(readDuplicateRecords(await ctx.store.history(parsed.id)));
}
