/**
 * Answered before filing (docs/domain.md §8): a message from a person who may file, matching published FAQ entries
 * of the services they may use at or above the threshold, gets the FAQ card instead of a filing. The message is
 * kept as an intake draft under the card's id (`faq-<msgId>`) until the writer clicks "Solved" (a request recorded
 * resolved by the entry) or "I still need help" (filed as any other), or 30 minutes pass (nothing is filed). A
 * failure here only loses the offer: the message is then filed as today.
 */
import type { Directory } from '../../../domain/directory/directory';
import type { Person } from '../../../domain/directory/directory.types';
import type { IncomingChatMessage } from '../../../domain/ports/chat-inbound.port';
import type { Log } from '../../../domain/ports/log.port';
import { formatFaqRef } from '../../../domain/faq/faq';
import type { ChatLayerDeps, Conversation } from '../../chat-deps';
import { faqCardId } from '../../views/cards/card-ids';
import { renderFaqCard } from '../../views/cards/render-faq-card';
import type { Reader } from '../../support/sender';

export interface FaqOfferInput {
  dir: Directory;
  reader: Reader;
  caller: Person;
  message: IncomingChatMessage;
  where: Conversation;
  text: string;
}

/** true when the FAQ card answered the message (nothing more to do now); false: file it as today. */
export async function offerFaq(deps: ChatLayerDeps, input: FaqOfferInput, log: Log): Promise<boolean> {
  const faqs = deps.faqs;
  if (!faqs) return false;
  const { caller, message, where, text, reader } = input;
  try {
    const matches = await faqs.answersFor(input.dir, caller, text);
    if (matches.length === 0) return false;
    const id = faqCardId(message.msgId);
    const seen = await deps.cards.draft(id);
    // The message processed again after its card was answered (a replay, a sweep): it already had its effect.
    if (seen && seen.ticketId !== null) return true;
    if (!seen) {
      await deps.cards.saveDraft({
        id,
        personId: caller.id,
        userId: message.senderUserId,
        conversationId: message.conversationId,
        conversationType: message.conversationType,
        text,
        createdAt: deps.clock.now(),
        ticketId: null,
      });
    }
    const view = renderFaqCard({ writerUserId: message.senderUserId, entries: matches.map((m) => m.entry), locale: reader.locale });
    const space = where.kind === 'dm' ? where : { kind: 'group' as const, conversationId: where.conversationId };
    log.info('chat.intake.faq_offered', { faqs: matches.map((m) => formatFaqRef(m.entry.id)), score: Number(matches[0]!.score.toFixed(3)) });
    const report = await deps.gateway.deliverCard(id, [space], view, 'answer');
    if (report.failed.length > 0) {
      log.warn('chat.faq.not_delivered', { code: report.failed[0]!.code });
      // The card did not reach the writer: file as today rather than leave the question unanswered.
      if (report.delivered.length === 0) return false;
    }
    if (!seen) for (const m of matches) await faqs.count(m.entry, 'shown').catch((e: Error) => log.warn('chat.faq.count_failed', { error: e.message }));
    return true;
  } catch (e) {
    log.warn('chat.faq.offer_failed', { error: (e as Error).message });
    return false;
  }
}
