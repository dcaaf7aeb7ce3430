/**
 * Making FAQ entries in chat (docs/domain.md §8): `faq.propose` (param `ref`, on a resolved request's card) makes a
 * draft from the request's title and solution and cards it to the problem managers of the service's team (else the
 * administrators); `faq.publish` / `faq.retire` (param `faq`) on that card publish or discard it. Every click is
 * re-checked server-side; a refused click is answered to the clicker alone and changes nothing.
 */
import { formatFaqRef, parseFaqRef } from '../../../domain/faq/faq';
import type { CardActionAnswer, IncomingCardAction } from '../../../domain/ports/chat-inbound.port';
import type { Log } from '../../../domain/ports/log.port';
import { SYSTEM_ACTOR } from '../../../domain/tickets/actor';
import { refOf } from '../../../domain/tickets/ticket';
import type { ChatLayerDeps } from '../../chat-deps';
import { replyPrivately } from '../../support/reply';
import { readerOf } from '../../support/sender';
import { faqDraftCardId, renderFaqDraftCard } from '../../views/cards/render-faq-draft-card';
import { errorSentence } from '../../views/replies/error-sentence';
import { fill } from '../../views/replies/plain-text';
import { CardActionParams } from './card-action-params';

/**
 * Propose request `ref` as an FAQ entry for `personId` (the card action and the `faq propose R-…` command): the
 * draft is carded to the problem managers of the service's team. Returns the sentence that answers the proposer.
 */
export async function proposeFaqFrom(deps: ChatLayerDeps, personId: string, userId: string, ref: string, log: Log): Promise<string> {
  const dir = await deps.directory.current();
  const reader = readerOf(dir, userId, deps.defaultLocale);
  const c = reader.catalog;
  const w = c.faq;
  if (!dir) return c.reply.noDirectory;
  if (!deps.faqs) return errorSentence({ code: 'FAQ.UNAVAILABLE', message: 'no FAQ' }, c, dir);
  const found = await deps.tickets.get(SYSTEM_ACTOR, ref);
  if (!found.ok) return errorSentence(found.error, c, dir);
  const proposed = await deps.faqs.propose(dir, personId, found.value);
  if (!proposed.ok) {
    log.info('chat.faq.propose_refused', { code: proposed.error.code, ticketRef: refOf(found.value) });
    return proposed.error.code === 'FAQ.NOT_ALLOWED' ? w.cannotPropose : errorSentence(proposed.error, c, dir);
  }
  const entry = proposed.value;
  const deciders = (await deps.faqs.publishersOf(dir, entry))
    .map((id) => dir.person(id)?.dingtalkUserId)
    .filter((u): u is string => !!u);
  const view = renderFaqDraftCard({ entry, proposerName: dir.person(personId)?.name ?? personId, deciders, locale: deps.defaultLocale });
  const report = await deps.gateway.deliverCard(faqDraftCardId(entry.id), deciders.map((u) => ({ kind: 'dm' as const, userId: u })), view, 'act');
  if (report.failed.length > 0) log.warn('chat.faq.draft_not_delivered', { code: report.failed[0]!.code });
  log.info('chat.faq.proposed', { faq: formatFaqRef(entry.id), ticketRef: refOf(found.value) });
  return fill(w.proposed, { faq: formatFaqRef(entry.id) });
}

/** `faq.propose` (param `ref`): answered to the clicker privately. */
export async function proposeFaq(deps: ChatLayerDeps, action: IncomingCardAction, log: Log): Promise<CardActionAnswer> {
  const dir = await deps.directory.current();
  const c = readerOf(dir, action.userId, deps.defaultLocale).catalog;
  const person = dir?.personByUserId(action.userId);
  const ref = new CardActionParams(action.params, null).get('ref') ?? action.outTrackId;
  const text = person ? await proposeFaqFrom(deps, person.id, action.userId, ref, log) : dir ? c.reply.unknownPerson : c.reply.noDirectory;
  await replyPrivately(deps, action.userId, { title: c.reply.title, text }, log);
  return null;
}

export async function decideFaq(deps: ChatLayerDeps, action: IncomingCardAction, status: 'published' | 'retired', log: Log): Promise<CardActionAnswer> {
  const dir = await deps.directory.current();
  const reader = readerOf(dir, action.userId, deps.defaultLocale);
  const c = reader.catalog;
  const w = c.faq;
  const person = dir?.personByUserId(action.userId);
  const id = parseFaqRef(new CardActionParams(action.params, null).get('faq') ?? '');
  if (!dir || !deps.faqs || !person || id === null) {
    await replyPrivately(deps, action.userId, { title: c.reply.title, text: !dir ? c.reply.noDirectory : !person ? c.reply.unknownPerson : errorSentence({ code: 'FAQ.NOT_FOUND', message: 'no FAQ' }, c, dir) }, log);
    return null;
  }
  const decided = await deps.faqs.setStatus(dir, person.id, id, status);
  const entry = decided.ok ? decided.value : await deps.faqs.get(id);
  if (!entry) {
    await replyPrivately(deps, action.userId, { title: c.reply.title, text: errorSentence({ code: 'FAQ.NOT_FOUND', message: 'no FAQ' }, c, dir) }, log);
    return null;
  }
  const deciders = (await deps.faqs.publishersOf(dir, entry)).map((p) => dir.person(p)?.dingtalkUserId).filter((u): u is string => !!u);
  const proposer = dir.person(entry.author)?.name ?? entry.author;
  const notice = decided.ok
    ? fill(status === 'published' ? w.published : w.retired, { faq: formatFaqRef(id) })
    : errorSentence(decided.error, c, dir);
  log.info(decided.ok ? 'chat.faq.decided' : 'chat.faq.decision_refused', { faq: formatFaqRef(id), status, ...(decided.ok ? {} : { code: decided.error.code }) });
  const view = renderFaqDraftCard({ entry, proposerName: proposer, deciders, locale: reader.locale, notice: { [action.userId]: notice } });
  // A refused click shows the clicker the card as it is, with the reason; a decision closes everyone's buttons.
  if (!decided.ok) return { card: { ...view, privateActions: { [action.userId]: view.privateActions[action.userId] ?? [] } }, forUserId: action.userId };
  await deps.gateway.updateCard(action.outTrackId, view).catch((e: Error) => log.warn('chat.faq.card_update_failed', { error: e.message }));
  return { card: view, forUserId: action.userId };
}
