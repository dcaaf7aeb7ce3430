/**
 * Intake of a free-text message: the caller's eligible subcategories are matched by keyword. Exactly one match →
 * filed at once (no confirmation). None or several → a picker card in the same conversation, its text kept as a
 * draft under the picker's id until a pick files it.
 */
import type { Directory } from '../../../domain/directory/directory';
import { eligibleOfferings } from '../../../domain/directory/eligibility';
import type { IncomingChatMessage } from '../../../domain/ports/chat-inbound.port';
import type { Log } from '../../../domain/ports/log.port';
import { pickerCardId } from '../../views/cards/card-ids';
import { renderPickerCard } from '../../views/cards/render-picker-card';
import type { ChatLayerDeps, Conversation } from '../../chat-deps';
import { replyIn } from '../../support/reply';
import { checkFiler, type Reader } from '../../support/sender';
import { errorSentence } from '../../views/replies/error-sentence';
import { fill } from '../../views/replies/plain-text';
import { alertAdminsOnce } from '../../support/alert-admins';
import { fileOncePerMessage } from './file-once-per-message';
import { matchOfferings, pickerOrder } from './intake-match';
import { smallTalkOf } from './small-talk';
import { helpFor } from '../../support/help-for';
import { offerFaq } from './offer-faq';

export interface IntakeInput {
  dir: Directory;
  reader: Reader;
  message: IncomingChatMessage;
  where: Conversation;
  text: string;
}

export async function intakeFromText(deps: ChatLayerDeps, input: IntakeInput, log: Log): Promise<void> {
  const { dir, reader, message, where, text } = input;
  const c = reader.catalog;
  const now = deps.clock.now();
  const talk = smallTalkOf(text);
  if (talk) {
    // A greeting, thanks or a typo of "help": a sentence, never the picker (docs/interfaces.md "Chat additions").
    log.info('chat.intake.small_talk', { kind: talk });
    const answer = talk === 'thanks' ? c.week.thanks : talk === 'greeting' && checkFiler(dir, reader, now).ok ? c.week.greeting : helpFor(deps, dir, reader);
    await replyIn(deps, where, { title: c.reply.title, text: answer }, log);
    return;
  }
  const filer = checkFiler(dir, reader, now);
  if (!filer.ok) {
    log.info('chat.intake.refused', { reason: 'cannot file', code: filer.error.code });
    await replyIn(deps, where, { title: c.reply.title, text: filer.error.sentence }, log);
    await alertAdminsOnce(deps, dir, { userId: message.senderUserId, nick: message.senderNick, error: filer.error }, log);
    return;
  }
  const caller = filer.value;
  // First the FAQ: a known question is answered before anything is filed (offer-faq.ts).
  if (await offerFaq(deps, { dir, reader, caller, message, where, text }, log)) return;
  const offerings = eligibleOfferings(dir, caller, now);
  const matches = matchOfferings(text, offerings);
  if (matches.length === 1) {
    const only = matches[0]!;
    const filed = await fileOncePerMessage(
      deps,
      {
        dir,
        caller,
        userId: message.senderUserId,
        where,
        text,
        service: only.service.code,
        subcategory: only.subcategory.code,
        msgId: message.msgId,
      },
      log,
    );
    if (!filed.ok) {
      log.info('chat.intake.not_filed', { code: filed.error.code });
      await replyIn(deps, where, { title: c.reply.title, text: fill(c.reply.notFiled, { reason: errorSentence(filed.error, c, dir) }) }, log);
    }
    return;
  }

  const id = pickerCardId(message.msgId);
  if (!(await deps.cards.draft(id))) {
    await deps.cards.saveDraft({
      id,
      personId: caller.id,
      userId: message.senderUserId,
      conversationId: message.conversationId,
      conversationType: message.conversationType,
      text,
      createdAt: now,
      ticketId: null,
    });
  }
  const view = renderPickerCard({
    writerUserId: message.senderUserId,
    text,
    offerings: pickerOrder(offerings, matches),
    matched: matches.length,
    locale: reader.locale,
    notice: c.reply.pickerSent,
  });
  const space = where.kind === 'dm' ? where : { kind: 'group' as const, conversationId: where.conversationId };
  log.info('chat.intake.picker_sent', { matches: matches.length, offered: offerings.length });
  try {
    const report = await deps.gateway.deliverCard(id, [space], view, 'answer');
    if (report.failed.length > 0) log.warn('chat.picker.not_delivered', { code: report.failed[0]!.code });
  } catch (e) {
    log.warn('chat.picker.delivery_failed', { error: (e as Error).message });
  }
}
