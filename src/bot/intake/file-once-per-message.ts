/**
 * One message, one ticket — also when the message is processed again after a crash between filing and marking
 * its inbox row done. Before filing, the message is reserved as an intake draft keyed `msg-<msgId>`
 * (`intake_drafts`, the same table the picker uses); after filing, the draft records the ticket id. On replay:
 * - the draft has a ticket → the caller is answered with that ticket again, nothing is filed;
 * - the draft has none (the crash came between reserving and recording) → the caller's own ticket from this text
 *   filed since the reservation, if any, is taken as the filing (and recorded); else the message is filed now;
 * - the draft is being inserted by another process at the same moment → this one stops (the other answers).
 */
import type { IntakeDraft } from '../../domain/ports/card-store.port';
import type { Log } from '../../domain/ports/log.port';
import { ok, type Result } from '../../domain/shared/result';
import { refOf, type Ticket } from '../../domain/tickets/ticket';
import { messageDraftId } from '../cards/card-ids';
import { SYSTEM, type ChatLayerDeps } from '../chat/chat-deps';
import { replyIn } from '../chat/reply';
import { catalogFor, localeOf } from '../replies/catalogs';
import { filedMessage, fileRequest, type FileRequestInput } from './file-request';

/** `null`: another process holds the message; nothing to do here. */
export async function fileOncePerMessage(
  deps: ChatLayerDeps,
  input: FileRequestInput & { msgId: string; conversationId: string },
  log: Log,
): Promise<Result<Ticket> | null> {
  const id = messageDraftId(input.msgId);
  let draft = await deps.cards.draft(id);
  if (!draft) {
    const reserved: IntakeDraft = {
      id,
      personId: input.caller.id,
      userId: input.userId,
      conversationId: input.conversationId,
      conversationType: input.where.kind,
      text: input.text,
      createdAt: deps.clock.now(),
      ticketId: null,
    };
    try {
      await deps.cards.saveDraft(reserved);
    } catch (e) {
      draft = await deps.cards.draft(id);
      if (!draft) throw e;
      if (draft.ticketId === null) {
        log.info('message is being filed by another process');
        return null;
      }
    }
  }
  if (draft) {
    const earlier = draft.ticketId !== null ? await ticketById(deps, draft.ticketId) : await filedSince(deps, draft);
    if (earlier) {
      if (draft.ticketId === null) await deps.cards.useDraft(id, earlier.id);
      log.info('message already filed; answered again', { ticketRef: refOf(earlier) });
      const c = catalogFor(localeOf(input.caller, deps.defaultLocale));
      await replyIn(deps, input.where, filedMessage(earlier, input.dir, input.caller, c), log);
      return ok(earlier);
    }
  }
  const filed = await fileRequest(deps, input, log);
  if (filed.ok && !(await deps.cards.useDraft(id, filed.value.id))) {
    log.warn('message draft was used by another process', { ticketRef: refOf(filed.value) });
  }
  return filed;
}

async function ticketById(deps: ChatLayerDeps, ticketId: number): Promise<Ticket | null> {
  const found = await deps.tickets.get(SYSTEM, refOf({ kind: 'request', id: ticketId }));
  return found.ok ? found.value : null;
}

/** The caller's request with exactly this text, filed from chat at or after the reservation. */
async function filedSince(deps: ChatLayerDeps, draft: IntakeDraft): Promise<Ticket | null> {
  const mine = await deps.tickets.list({ person: draft.personId, entryPoint: 'chat' }, { scope: 'mine' }, 20);
  if (!mine.ok) return null;
  return (
    mine.value.find(
      (t) =>
        t.kind === 'request' &&
        t.caller === draft.personId &&
        t.origin === 'chat' &&
        t.description === draft.text &&
        t.createdAt.getTime() >= draft.createdAt.getTime(),
    ) ?? null
  );
}
