/**
 * FAQ (docs/domain.md §8): "提为常见问题 / Propose as FAQ" (`faq.propose`, param `ref`) on a resolved or closed
 * request's card, for the people who may propose it (agents of its team, problem managers of its service's team,
 * administrators). The server re-checks the click.
 */
import { ACTION_IDS } from '../../action-ids';
import type { Directory } from '../../../domain/directory/directory';
import { mayProposeFaq } from '../../../domain/faq/faq-permissions';
import type { CardAction } from '../../../domain/ports/chat-gateway.port';
import type { Locale } from '../../../domain/shared/locale';
import { refOf, type Ticket } from '../../../domain/tickets/ticket';
import { faqWordsFor } from '../replies/faq-words';

export function faqProposeButtons(t: Ticket, dir: Directory, personId: string | null, locale: Locale): CardAction[] {
  if (!personId || t.resolutionCode === 'faq' || !mayProposeFaq(dir, personId, t)) return [];
  return [{ label: faqWordsFor(locale).propose, action: ACTION_IDS.faqPropose, tone: 'neutral', enabled: true, input: '', placeholder: '', params: { ref: refOf(t) } }];
}
