/**
 * The picker card: shown when a message matches no subcategory or several. Its buttons (`intake.pick`, with
 * `service` and `subcategory` params) are private to the writer; matching subcategories come first. Only what the
 * writer may file is offered. After a pick the card is re-rendered without buttons and with a notice.
 */
import { ACTION_IDS } from '../../action-ids';
import type { Offering } from '../../../domain/directory/eligibility';
import type { CardAction, CardView } from '../../../domain/ports/chat-gateway.port';
import type { Locale } from '../../../domain/shared/locale';
import { catalogFor } from '../replies/catalogs';
import { fill, oneLine } from '../replies/plain-text';

/** Buttons on one picker (the card's `actions` value should stay near DingTalk's 1 KB per value). */
export const PICKER_MAX_BUTTONS = 8;
/** Besides them: the dismiss button. */
/** Where the picker cuts the writer's text (as the title, the quote and the last message) and the offerings' names. */
const CUT = { title: 80, quote: 300, lastMessage: 30, name: 40 } as const;

export interface PickerCardInput {
  writerUserId: string;
  text: string;
  /** Offerings in the order to show (matches first); cut to PICKER_MAX_BUTTONS. Empty after a pick. */
  offerings: readonly Offering[];
  /** How many of the first offerings matched the text (shown highlighted). */
  matched?: number;
  locale: Locale;
  notice?: string;
}

export function renderPickerCard(input: PickerCardInput): CardView {
  const c = catalogFor(input.locale);
  const text = (s: string, max: number) => oneLine(s, max, c.format.ellipsis);
  const title = text(input.text, CUT.title);
  const buttons: CardAction[] = input.offerings.slice(0, PICKER_MAX_BUTTONS).map((o, i) => ({
    label: fill(c.card.pickerButton, { service: text(o.service.name, CUT.name), subcategory: text(o.subcategory.name, CUT.name) }),
    action: ACTION_IDS.pick,
    tone: i < Math.max(1, input.matched ?? 0) ? 'primary' : 'neutral',
    enabled: true,
    input: '',
    placeholder: '',
    params: { service: o.service.code, subcategory: o.subcategory.code },
  }));
  // The way out: "none of these" closes the picker and files nothing (`intake.pick` with `dismiss`).
  if (buttons.length > 0) {
    buttons.push({ label: c.week.pickerDismiss, action: ACTION_IDS.pick, tone: 'neutral', enabled: true, input: '', placeholder: '', params: { dismiss: '1' } });
  }
  const view: CardView = {
    ref: '',
    status: 'draft',
    statusLabel: c.card.pickerStatus,
    title,
    lastMessage: fill(c.card.pickerLastMessage, { text: text(input.text, CUT.lastMessage) }),
    fields: [{ label: c.label.yourText, value: text(input.text, CUT.quote) }],
    publicActions: [],
    privateActions: { [input.writerUserId]: buttons },
  };
  if (input.notice) view.privateNotice = { [input.writerUserId]: input.notice };
  return view;
}
