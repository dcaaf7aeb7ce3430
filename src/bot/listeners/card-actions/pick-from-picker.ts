/**
 * A click on a picker card (`intake.pick` with `service` and `subcategory`): files the kept text once, as the
 * writer's request. Only the writer may pick; a second pick answers "already filed as R-…". Picks of one draft
 * run one at a time in this process, and the draft is marked used with the ticket it filed.
 */
import { eligibleOfferings } from '../../../domain/directory/eligibility';
import type { CardView } from '../../../domain/ports/chat-gateway.port';
import type { CardActionAnswer, IncomingCardAction } from '../../../domain/ports/chat-inbound.port';
import type { Log } from '../../../domain/ports/log.port';
import { formatRef, refOf } from '../../../domain/tickets/ticket';
import { renderPickerCard } from '../../views/cards/render-picker-card';
import { CardActionParams } from './card-action-params';
import type { ChatLayerDeps, Conversation } from '../../chat-deps';
import type { KeyedLock } from '../../support/keyed-lock';
import { replyPrivately } from '../../support/reply';
import { readerOf } from '../../support/sender';
import { errorSentence } from '../../views/replies/error-sentence';
import { fill } from '../../views/replies/plain-text';
import { fileRequest } from '../intake/file-request';
import { matchOfferings, pickerOrder } from '../intake/intake-match';

export async function pickFromPicker(
  deps: ChatLayerDeps,
  action: IncomingCardAction,
  lock: KeyedLock,
  log: Log,
): Promise<CardActionAnswer> {
  const dir = await deps.directory.current();
  const reader = readerOf(dir, action.userId, deps.defaultLocale);
  const c = reader.catalog;
  const answer = (view: CardView): CardActionAnswer => ({ card: view, forUserId: action.userId });
  const closed = (text: string, writer: string, notice: string) =>
    answer(renderPickerCard({ writerUserId: writer, text, offerings: [], locale: reader.locale, notice }));

  return lock.run(action.outTrackId, async () => {
    const draft = await deps.cards.draft(action.outTrackId);
    if (!draft || !dir) {
      // Nothing to re-render the card from: answer the clicker by direct message and leave the card as it is.
      await replyPrivately(deps, action.userId, { title: c.reply.title, text: dir ? c.notice.pickerGone : c.reply.noDirectory }, log);
      return null;
    }
    if (draft.userId !== action.userId) {
      const view = renderPickerCard({ writerUserId: draft.userId, text: draft.text, offerings: [], locale: reader.locale });
      return answer({ ...view, privateActions: {}, privateNotice: { [action.userId]: c.notice.pickerNotYours } });
    }
    if (draft.ticketId !== null) {
      return closed(draft.text, draft.userId, fill(c.notice.alreadyFiled, { ref: formatRef('request', draft.ticketId) }));
    }
    const caller = dir.person(draft.personId);
    const params = new CardActionParams(action.params, null);
    if (params.get('dismiss') === '1') {
      log.info('chat.picker.dismissed');
      return closed(draft.text, draft.userId, c.week.pickerDismissed);
    }
    const service = params.get('service');
    const subcategory = params.get('subcategory');
    const keepPicking = (notice: string) => {
      const offerings = caller ? eligibleOfferings(dir, caller, deps.clock.now()) : [];
      const matches = matchOfferings(draft.text, offerings);
      const order = pickerOrder(offerings, matches);
      return answer(
        renderPickerCard({ writerUserId: draft.userId, text: draft.text, offerings: order, matched: matches.length, locale: reader.locale, notice }),
      );
    };
    if (!service || !subcategory) return keepPicking(c.notice.pickIncomplete);
    if (!caller) return closed(draft.text, draft.userId, c.reply.unknownPerson);

    const where: Conversation =
      draft.conversationType === 'group'
        ? { kind: 'group', conversationId: draft.conversationId, userId: draft.userId }
        : { kind: 'dm', userId: draft.userId };
    const filed = await fileRequest(deps, { dir, caller, userId: draft.userId, where, text: draft.text, service, subcategory }, log);
    if (!filed.ok) {
      log.info('chat.picker.not_filed', { code: filed.error.code });
      return keepPicking(errorSentence(filed.error, c, dir));
    }
    const ref = refOf(filed.value);
    if (!(await deps.cards.useDraft(draft.id, filed.value.id))) {
      log.warn('chat.picker.draft_taken', { ticketRef: ref });
    }
    // A voice message's recording parked for this pick (docs/domain.md §10) goes with the request it filed.
    const adopted = await deps.tickets.adoptParkedAttachments({ person: caller.id, entryPoint: 'card' }, ref, draft.id);
    if (adopted.ok && adopted.value > 0) log.info('chat.picker.attachments_adopted', { ticketRef: ref, count: adopted.value });
    return closed(draft.text, draft.userId, fill(c.notice.picked, { ref }));
  });
}
