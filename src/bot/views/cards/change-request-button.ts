/**
 * "申请变更 / Request a change" on an open problem's or incident's card (docs/changes.md §3): `change.request` with
 * param `ref` (no template), for each holder whom at least one change template allows to request; the click
 * answers the template picker, each of its buttons linking the new change to this ticket. The server re-checks
 * (ChangeService.request); this only decides what the card offers.
 */
import { ACTION_IDS } from '../../action-ids';
import { mayRequest } from '../../../domain/changes/change-lifecycle';
import type { ChangeTemplate } from '../../../domain/changes/change-template';
import type { Directory } from '../../../domain/directory/directory';
import type { CardAction } from '../../../domain/ports/chat-gateway.port';
import { isOpen, refOf, type Ticket } from '../../../domain/tickets/ticket';
import type { BotCatalog } from '../replies/bot-catalog';
import { changeCatalog } from '../replies/change-catalog';

/** Whether a change may be linked to `t` from its card: an open problem or incident. */
export function takesChange(t: Pick<Ticket, 'kind' | 'status'>): boolean {
  return (t.kind === 'problem' || t.kind === 'incident') && isOpen(t.status);
}

export function changeRequestButton(
  t: Ticket,
  templates: readonly ChangeTemplate[] | undefined,
  dir: Directory,
  personId: string | null,
  c: BotCatalog,
): CardAction[] {
  if (!personId || !templates || !takesChange(t) || !templates.some((tpl) => mayRequest(dir, personId, tpl))) return [];
  const label = changeCatalog(c.locale).fromTicket.button;
  return [{ label, action: ACTION_IDS.changeRequest, tone: 'neutral', enabled: true, input: '', placeholder: '', params: { ref: refOf(t) } }];
}
