/**
 * The FAQ card (docs/domain.md §8): shown instead of a filing when a message matches published FAQ entries. For
 * each entry (best first, at most three) its question and answer, and the writer's private buttons "解决了 / Solved"
 * (`faq.solved`) and "仍需帮助 / I still need help" (`faq.still_help`), each with param `faq` (the `F-` ref). The
 * message itself is kept server-side under the card's id. `cardParamMap` also carries `faq`, `question`, `answer`
 * (the best entry). After a click the card is re-rendered without buttons and with a notice.
 */
import { ACTION_IDS } from '../../action-ids';
import { formatFaqRef, type FaqEntry } from '../../../domain/faq/faq';
import type { CardAction, CardField, CardView } from '../../../domain/ports/chat-gateway.port';
import type { Locale } from '../../../domain/shared/locale';
import { catalogFor } from '../replies/catalogs';
import { fill, neutralise, oneLine, truncate } from '../replies/plain-text';

const CUT = { title: 80, question: 200, answer: 2000 } as const;

export interface FaqCardInput {
  writerUserId: string;
  entries: readonly Pick<FaqEntry, 'id' | 'question' | 'answer'>[];
  locale: Locale;
  /** After a click: no buttons, this line for the writer. */
  notice?: string;
}

export function renderFaqCard(input: FaqCardInput): CardView {
  const c = catalogFor(input.locale);
  const w = catalogFor(input.locale).faq;
  const best = input.entries[0];
  const several = input.entries.length > 1;
  const fields: CardField[] = input.entries.flatMap((e) => {
    const ref = formatFaqRef(e.id);
    return [
      { label: several ? `${ref} ${w.question}` : w.question, value: oneLine(e.question, CUT.question, c.format.ellipsis) },
      { label: several ? `${ref} ${w.answer}` : w.answer, value: truncate(neutralise(e.answer), CUT.answer, c.format.ellipsis) },
    ];
  });
  const buttons: CardAction[] = input.notice
    ? []
    : input.entries.flatMap((e) => {
        const ref = formatFaqRef(e.id);
        const label = (text: string) => (several ? `${text} ${ref}` : text);
        return [
          { label: label(w.solved), action: ACTION_IDS.faqSolved, tone: 'positive' as const, enabled: true, input: '', placeholder: '', params: { faq: ref } },
          { label: label(w.stillHelp), action: ACTION_IDS.faqStillHelp, tone: 'neutral' as const, enabled: true, input: '', placeholder: '', params: { faq: ref } },
        ];
      });
  const view: CardView = {
    ref: '',
    status: 'faq',
    statusLabel: w.cardStatus,
    title: best ? oneLine(best.question, CUT.title, c.format.ellipsis) : w.cardStatus,
    lastMessage: best ? fill(w.lastMessage, { faq: formatFaqRef(best.id) }) : '',
    fields: [{ label: w.cardStatus, value: several ? w.introSeveral : w.intro }, ...fields],
    publicActions: [],
    privateActions: { [input.writerUserId]: buttons },
    vars: best ? { faq: formatFaqRef(best.id), question: oneLine(best.question, CUT.question, c.format.ellipsis), answer: truncate(neutralise(best.answer), CUT.answer, c.format.ellipsis) } : {},
  };
  if (input.notice) view.privateNotice = { [input.writerUserId]: input.notice };
  return view;
}
