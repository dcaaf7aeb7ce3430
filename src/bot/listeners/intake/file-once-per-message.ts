/**
 * One message, one ticket — also when the message is processed again (a crash between filing and marking its inbox
 * row done, or another process's sweep). The ticket records the DingTalk message id it was filed from
 * (`Ticket.sourceMsg`, the unique column `tickets.source_msg`), written by the ticket INSERT in the opening
 * transaction itself: the first processing reads and writes nothing more than any filing. On replay:
 * - the first attempt filed the ticket → the INSERT hits the unique key, the whole opening transaction rolls back
 *   (no history, no outbox rows); nothing is filed and nothing is said: the card is the answer, and the first
 *   filing's `TicketCreated` outbox event delivers it (and whatever else is missing) until it is done;
 * - the first attempt never reached the INSERT → there is nothing to find, and the message is filed now;
 * - a refusal before the INSERT (the filing rate limit counting the first filing, a directory change) → the ticket
 *   of this message, if there is one, stands instead of the refusal (silently, as above).
 * Two processes handling the same message at the same moment: one files, the other's INSERT waits for it and then
 * fails on the unique key, so it finds that ticket and says nothing. One ticket, one answer (its card). The picker path (several matches) keeps its text in an intake draft until the pick (`pick-from-picker`).
 */
import type { Log } from '../../../domain/ports/log.port';
import { ok, type Result } from '../../../domain/shared/result';
import { isAlreadyFiled } from '../../../domain/tickets/source-message';
import { refOf, type Ticket } from '../../../domain/tickets/ticket';
import type { ChatLayerDeps } from '../../chat-deps';
import { fileRequest, type FileRequestInput } from './file-request';

export async function fileOncePerMessage(
  deps: ChatLayerDeps,
  input: FileRequestInput & { msgId: string },
  log: Log,
): Promise<Result<Ticket>> {
  const filed = await fileRequest(deps, { ...input, sourceMsg: input.msgId }, log);
  if (filed.ok) return filed;
  // Refusals are rare: only then is the message's earlier ticket looked for (the hot path never reads it).
  const earlier = isAlreadyFiled(filed.error) ? filed.error.filed : await deps.tickets.filedFrom(input.msgId);
  if (!earlier) return filed;
  log.info('chat.intake.already_filed_not_answered_again', { ticketRef: refOf(earlier) });
  return ok(earlier);
}
