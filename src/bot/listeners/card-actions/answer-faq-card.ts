/**
 * A click on the FAQ card (`faq.solved` / `faq.still_help`, param `faq`; docs/domain.md §8). Only the writer may
 * click; the kept message is used once (the draft is marked with the request it made); after 30 minutes nothing is
 * filed and the click is answered with a sentence. Solved → a request recorded resolved by the entry (code `faq`,
 * no card or notice to the service team); Still need help → filed as any other message (one keyword match, else
 * the entry's service when the caller may file it, else the picker), its history and agents' card naming the entry.
 */
import type { Directory } from '../../../domain/directory/directory';
import type { Person } from '../../../domain/directory/directory.types';
import { eligibleOfferings, type Offering } from '../../../domain/directory/eligibility';
import { formatFaqRef, parseFaqRef, type FaqEntry } from '../../../domain/faq/faq';
import type { IntakeDraft } from '../../../domain/ports/card-store.port';
import type { CardView } from '../../../domain/ports/chat-gateway.port';
import type { CardActionAnswer, IncomingCardAction } from '../../../domain/ports/chat-inbound.port';
import type { Log } from '../../../domain/ports/log.port';
import type { Result } from '../../../domain/shared/result';
import { formatRef, refOf, type Ticket } from '../../../domain/tickets/ticket';
import type { ChatLayerDeps, Conversation } from '../../chat-deps';
import type { KeyedLock } from '../../support/keyed-lock';
import { replyPrivately } from '../../support/reply';
import { readerOf } from '../../support/sender';
import { pickerCardId } from '../../views/cards/card-ids';
import { renderFaqCard } from '../../views/cards/render-faq-card';
import { renderPickerCard } from '../../views/cards/render-picker-card';
import { errorSentence } from '../../views/replies/error-sentence';
import { catalogFor } from '../../views/replies/catalogs';
import { fill } from '../../views/replies/plain-text';
import { fileRequest } from '../intake/file-request';
import { matchOfferings, pickerOrder } from '../intake/intake-match';
import { CardActionParams } from './card-action-params';

/** An FAQ card's offer lasts this long; a later click files nothing (docs/domain.md §8). */
export const FAQ_OFFER_TTL_MS = 30 * 60_000;

export type FaqAnswer = 'solved' | 'still_help';

function conversationOf(draft: IntakeDraft): Conversation {
  return draft.conversationType === 'group'
    ? { kind: 'group', conversationId: draft.conversationId, userId: draft.userId }
    : { kind: 'dm', userId: draft.userId };
}

/** Where a "Solved" request goes: the entry's service and subcategory (its first one the caller may file when unset). */
function offeringFor(offerings: readonly Offering[], entry: FaqEntry): Offering | undefined {
  const ofService = offerings.filter((o) => o.service.code === entry.service);
  return ofService.find((o) => o.subcategory.code === entry.subcategory) ?? ofService[0];
}

export async function answerFaqCard(deps: ChatLayerDeps, action: IncomingCardAction, answer: FaqAnswer, lock: KeyedLock, log: Log): Promise<CardActionAnswer> {
  const dir = await deps.directory.current();
  const reader = readerOf(dir, action.userId, deps.defaultLocale);
  const c = reader.catalog;
  const w = catalogFor(reader.locale).faq;
  const respond = (view: CardView): CardActionAnswer => ({ card: view, forUserId: action.userId });

  return lock.run(action.outTrackId, async () => {
    const draft = await deps.cards.draft(action.outTrackId);
    const faqId = parseFaqRef(new CardActionParams(action.params, null).get('faq') ?? '');
    const entry = faqId !== null && deps.faqs ? await deps.faqs.get(faqId) : null;
    const closed = (notice: string, writer = action.userId) => respond(renderFaqCard({ writerUserId: writer, entries: entry ? [entry] : [], locale: reader.locale, notice }));
    if (!draft || !dir || !deps.faqs) {
      await replyPrivately(deps, action.userId, { title: c.reply.title, text: dir ? w.gone : c.reply.noDirectory }, log);
      return null;
    }
    if (draft.userId !== action.userId) {
      const view = renderFaqCard({ writerUserId: draft.userId, entries: entry ? [entry] : [], locale: reader.locale });
      return respond({ ...view, privateActions: {}, privateNotice: { [action.userId]: w.notYours } });
    }
    // A draft used by the picker fallback carries ticket id 0: the picker card is the way on.
    if (draft.ticketId !== null) return closed(draft.ticketId > 0 ? fill(w.alreadyDone, { ref: formatRef('request', draft.ticketId) }) : w.stillHelpPicker);
    if (deps.clock.now().getTime() - draft.createdAt.getTime() > FAQ_OFFER_TTL_MS) {
      log.info('chat.faq.offer_expired', {});
      return closed(errorSentence({ code: 'FAQ.OFFER_EXPIRED', message: 'offer expired' }, c, dir));
    }
    if (!entry) return closed(errorSentence({ code: 'FAQ.NOT_FOUND', message: 'no such FAQ entry' }, c, dir));
    const caller = dir.person(draft.personId);
    if (!caller) return closed(c.reply.unknownPerson);
    const faqRef = formatFaqRef(entry.id);

    const done = answer === 'solved' ? await recordSolved(deps, dir, caller, draft, entry) : await fileStillNeeded(deps, dir, caller, draft, entry, log);
    if (!done.ok) {
      log.info('chat.faq.not_filed', { code: done.error.code, faq: faqRef });
      return closed(errorSentence(done.error, c, dir));
    }
    if (done.value === 'picker') {
      await deps.faqs.count(entry, 'stillHelp').catch((e: Error) => log.warn('chat.faq.count_failed', { error: e.message }));
      return closed(w.stillHelpPicker);
    }
    const ref = refOf(done.value);
    if (!(await deps.cards.useDraft(draft.id, done.value.id))) log.warn('chat.faq.draft_taken', { ticketRef: ref });
    await deps.faqs.count(entry, answer === 'solved' ? 'solved' : 'stillHelp').catch((e: Error) => log.warn('chat.faq.count_failed', { error: e.message }));
    log.child({ ticketRef: ref }).info(answer === 'solved' ? 'chat.faq.solved' : 'chat.faq.still_help', { faq: faqRef });
    return closed(fill(answer === 'solved' ? w.solvedDone : w.stillHelpDone, { ref, faq: faqRef }));
  });
}

async function recordSolved(deps: ChatLayerDeps, dir: Directory, caller: Person, draft: IntakeDraft, entry: FaqEntry): Promise<Result<Ticket>> {
  const offering = offeringFor(eligibleOfferings(dir, caller, deps.clock.now()), entry);
  if (!offering) return { ok: false, error: { code: 'SERVICE.NOT_CONTRACTED', message: 'the caller may not use the entry\'s service', details: { service: entry.service } } };
  return deps.tickets.recordAnsweredByFaq(
    { person: caller.id, entryPoint: 'chat' },
    { service: offering.service.code, subcategory: offering.subcategory.code, description: draft.text },
    formatFaqRef(entry.id),
  );
}

/** Filed as any other message: one keyword match, else the entry's own service, else the picker (`'picker'`). */
async function fileStillNeeded(
  deps: ChatLayerDeps,
  dir: Directory,
  caller: Person,
  draft: IntakeDraft,
  entry: FaqEntry,
  log: Log,
): Promise<Result<Ticket | 'picker'>> {
  const offerings = eligibleOfferings(dir, caller, deps.clock.now());
  const matches = matchOfferings(draft.text, offerings);
  const target = matches.length === 1 ? matches[0] : offeringFor(offerings, entry);
  const where = conversationOf(draft);
  if (target) {
    return fileRequest(
      deps,
      { dir, caller, userId: draft.userId, where, text: draft.text, service: target.service.code, subcategory: target.subcategory.code, faqSeen: formatFaqRef(entry.id) },
      log,
    );
  }
  const id = pickerCardId(draft.id);
  if (!(await deps.cards.draft(id))) await deps.cards.saveDraft({ ...draft, id, createdAt: deps.clock.now() });
  await deps.cards.useDraft(draft.id, 0);
  const view = renderPickerCard({ writerUserId: draft.userId, text: draft.text, offerings: pickerOrder(offerings, matches), matched: matches.length, locale: readerOf(dir, draft.userId, deps.defaultLocale).locale });
  const space = where.kind === 'dm' ? where : { kind: 'group' as const, conversationId: where.conversationId };
  await deps.gateway.deliverCard(id, [space], view, 'answer');
  return { ok: true, value: 'picker' };
}
