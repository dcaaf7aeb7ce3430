/**
 * Store an attachment with a ticket (docs/domain.md "Attachments"): whoever may add a public note to the ticket may
 * attach to it (its caller, its assignee, its team's agents, administrators). The file was downloaded and checked
 * before (size, type): here the row with its bytes, a history row `attach` and an `AttachmentAdded` event (the
 * cards list it) commit in one transaction, or nothing does. The same message's file a second time (a replay) is
 * not stored again: `stored` is false.
 */
import { ATTACHED, type NewAttachment } from '../../domain/attachments/attachment';
import { AttachmentAlreadyStored } from '../../domain/ports/attachment-store.port';
import { fail, ok, type Result } from '../../domain/shared/result';
import type { Actor } from '../../domain/tickets/actor';
import { isAllowed } from '../../domain/tickets/permissions';
import { refOf, type Ticket } from '../../domain/tickets/ticket';
import { toEvent } from '../unit-of-work/apply-decision';
import { loadTicket, NO_DIRECTORY, type TicketContext } from './ticket-context';

export type AttachmentToStore = Omit<NewAttachment, 'ticketId' | 'addedBy' | 'addedAt'>;

/** May `actor` attach to `ref`? The ticket, or the refusal (checked before anything is downloaded). */
export async function checkAttach(ctx: TicketContext, actor: Actor, ref: string): Promise<Result<Ticket>> {
  const dir = await ctx.directory.current();
  if (!dir) return { ok: false, error: NO_DIRECTORY };
  const found = await loadTicket(ctx, ref);
  if (!found.ok) return found;
  if (!isAllowed(dir, actor.person, 'note_public', found.value)) {
    return fail('TICKET.NOT_ALLOWED', 'not allowed to attach to this ticket', { ref: refOf(found.value), action: 'note' });
  }
  return found;
}

/** All the files of one message in one transaction: every one of them is stored, or none. */
export async function attachToTicket(
  ctx: TicketContext,
  actor: Actor,
  ref: string,
  files: readonly AttachmentToStore[],
): Promise<Result<{ ticket: Ticket; ids: number[]; stored: boolean }>> {
  const checked = await checkAttach(ctx, actor, ref);
  if (!checked.ok) return checked;
  const t = checked.value;
  const now = ctx.clock.now();
  try {
    const ids = await ctx.uow.transaction(async (tx) => {
      const ids: number[] = [];
      for (const file of files) ids.push(await tx.appendAttachment({ ...file, ticketId: t.id, addedBy: actor.person, addedAt: now }));
      await tx.appendHistory([{ ticketId: t.id, at: now, actor: actor.person, entryPoint: actor.entryPoint, action: ATTACHED, changes: [] }]);
      await tx.appendOutbox([
        toEvent(t, {
          type: 'AttachmentAdded',
          actor: actor.person,
          entryPoint: actor.entryPoint,
          at: now,
          data: { attachments: ids, names: files.map((f) => f.name), byCaller: actor.person === t.caller },
        }),
      ]);
      return ids;
    });
    return ok({ ticket: t, ids, stored: true });
  } catch (e) {
    if (e instanceof AttachmentAlreadyStored) return ok({ ticket: t, ids: [], stored: false });
    throw e;
  }
}

/**
 * The pick of a picker filed the ticket: the files parked under the picker's id (a voice message's recording) are
 * given to it, with a history row and an `AttachmentAdded` event, in one transaction; 0 when none were parked.
 */
export async function adoptParkedAttachments(ctx: TicketContext, actor: Actor, ref: string, sourceMsg: string): Promise<Result<number>> {
  const checked = await checkAttach(ctx, actor, ref);
  if (!checked.ok) return checked;
  const t = checked.value;
  const now = ctx.clock.now();
  const adopted = await ctx.uow.transaction(async (tx) => {
    const n = await tx.adoptAttachments(sourceMsg, t.id);
    if (n === 0) return 0;
    await tx.appendHistory([{ ticketId: t.id, at: now, actor: actor.person, entryPoint: actor.entryPoint, action: ATTACHED, changes: [] }]);
    await tx.appendOutbox([
      toEvent(t, { type: 'AttachmentAdded', actor: actor.person, entryPoint: actor.entryPoint, at: now, data: { parked: sourceMsg, count: n, byCaller: actor.person === t.caller } }),
    ]);
    return n;
  });
  return ok(adopted);
}
