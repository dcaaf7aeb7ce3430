/** Add a public or private log entry (a note). Public entries on an incident are copied to its children. */
import { ok, type Result } from '../../domain/shared/result';
import type { Actor } from '../../domain/tickets/actor';
import { checkNote } from '../../domain/tickets/preconditions';
import { refOf, type LogEntry } from '../../domain/tickets/ticket';
import { toEvent } from '../unit-of-work/apply-decision';
import { loadTicket, NO_DIRECTORY, type TicketContext } from './ticket-context';

export async function addNote(
  ctx: TicketContext,
  actor: Actor,
  ref: string,
  text: string,
  visibility: 'public' | 'private',
): Promise<Result<LogEntry>> {
  const dir = await ctx.directory.current();
  if (!dir) return { ok: false, error: NO_DIRECTORY };
  const found = await loadTicket(ctx, ref);
  if (!found.ok) return found;
  const t = found.value;
  const checked = checkNote(dir, actor.person, t, text, visibility);
  if (!checked.ok) return checked;
  const body = checked.value;
  const now = ctx.clock.now();
  const entry: LogEntry = { at: now, author: actor.person, text: body, visibility };
  await ctx.uow.transaction(async (tx) => {
    await tx.appendLog(t.id, entry);
    const byCaller = actor.person === t.caller;
    await tx.appendHistory([
      { ticketId: t.id, at: now, actor: actor.person, entryPoint: actor.entryPoint, action: `note_${visibility}`, changes: [] },
    ]);
    await tx.appendOutbox([
      toEvent(t, {
        type: visibility === 'public' ? 'PublicNoteAdded' : 'PrivateNoteAdded',
        actor: actor.person,
        entryPoint: actor.entryPoint,
        at: now,
        data: { byCaller, text: body },
      }),
    ]);
    if (visibility === 'public' && t.kind === 'incident') {
      const children = await tx.list({ parent: t.id });
      for (const c of children.filter((c) => c.status !== 'closed')) {
        await tx.appendLog(c.id, { ...entry, text: `[${refOf(t)}] ${body}` });
        await tx.appendOutbox([
          toEvent(c, {
            type: 'PublicNoteAdded',
            actor: actor.person,
            entryPoint: actor.entryPoint,
            at: now,
            data: { byCaller: false, text: body, fromParent: refOf(t) },
          }),
        ]);
      }
    }
  });
  return ok(entry);
}
