/**
 * The FAQ draft card (docs/domain.md §8): an entry proposed from a resolved request, delivered to the problem
 * managers of the service's team (`outTrackId` `faq-F-000012`) with their private buttons `faq.publish` and
 * `faq.retire` (param `faq`). The server re-checks who clicks; after a decision the buttons are gone.
 */
import { ACTION_IDS } from '../../action-ids';
import { formatFaqRef, type FaqEntry } from '../../../domain/faq/faq';
import type { CardAction, CardView } from '../../../domain/ports/chat-gateway.port';
import type { Locale } from '../../../domain/shared/locale';
import { catalogFor } from '../replies/catalogs';
import { fill, neutralise, oneLine, truncate } from '../replies/plain-text';

export function faqDraftCardId(id: number): string {
  return `faq-${formatFaqRef(id)}`;
}

export interface FaqDraftCardInput {
  entry: FaqEntry;
  proposerName: string;
  /** DingTalk user ids of the people who may decide (their buttons). */
  deciders: readonly string[];
  locale: Locale;
  notice?: Record<string, string>;
}

export function renderFaqDraftCard(input: FaqDraftCardInput): CardView {
  const c = catalogFor(input.locale);
  const w = catalogFor(input.locale).faq;
  const { entry } = input;
  const ref = formatFaqRef(entry.id);
  const open = entry.status === 'draft';
  const buttons: CardAction[] = open
    ? [
        { label: w.publish, action: ACTION_IDS.faqPublish, tone: 'positive', enabled: true, input: '', placeholder: '', params: { faq: ref } },
        { label: w.retire, action: ACTION_IDS.faqRetire, tone: 'caution', enabled: true, input: '', placeholder: '', params: { faq: ref } },
      ]
    : [];
  const view: CardView = {
    ref: '',
    status: `faq_${entry.status}`,
    statusLabel: open ? w.draftStatus : w.status[entry.status],
    title: oneLine(entry.question, 80, c.format.ellipsis),
    lastMessage: fill(w.lastMessage, { faq: ref }),
    fields: [
      { label: w.draftStatus, value: fill(w.draftIntro, { name: oneLine(input.proposerName, 30, c.format.ellipsis), ref: entry.source ?? '' }) },
      { label: w.question, value: oneLine(entry.question, 200, c.format.ellipsis) },
      { label: w.answer, value: truncate(neutralise(entry.answer), 2000, c.format.ellipsis) },
      ...(entry.source ? [{ label: w.source, value: entry.source }] : []),
    ],
    publicActions: [],
    privateActions: Object.fromEntries(input.deciders.map((u) => [u, buttons])),
    vars: { faq: ref, question: oneLine(entry.question, 200, c.format.ellipsis), answer: truncate(neutralise(entry.answer), 2000, c.format.ellipsis) },
  };
  if (input.notice) view.privateNotice = input.notice;
  return view;
}
