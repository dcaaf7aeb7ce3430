/**
 * What a ticket card shows about other tickets (the seed: "many requests map to one incident, showing the
 * impact"): an incident's linked requests and distinct callers; the duplicate suggested to a request's caller
 * (a private line and `intake.join` / `intake.new` buttons, for the caller only); and, on a request recorded as
 * similar to others, `ticket.make_incident` for the agents who may link it. Loaded by `chat/ticket-relations-of.ts`.
 */
import type { AttachmentInfo } from '../../../domain/attachments/attachment';
import type { ChangeTemplate } from '../../../domain/changes/change-template';
import { ACTION_IDS } from '../../action-ids';
import type { Directory } from '../../../domain/directory/directory';
import type { CardAction, CardActionTone, CardField } from '../../../domain/ports/chat-gateway.port';
import { isAllowed } from '../../../domain/tickets/permissions';
import { isOpen, refOf, type Ticket } from '../../../domain/tickets/ticket';
import type { BotCatalog } from '../replies/bot-catalog';
import { fill } from '../replies/plain-text';
import { counted } from '../replies/plural';

export interface TicketRelations {
  /** An incident: how many requests are linked to it, and how many distinct people filed them. */
  affected?: { requests: number; people: number };
  /** A request's offered demand, for its caller (docs/demands.md "Votes"): its ref, title and votes. */
  demandOffer?: { ref: string; title: string; votes: number };
  /** A request's suggested duplicate, for its caller: the ticket to join (`I-…` or `R-…`) and the people it affects. */
  suggestion?: { ref: string; people: number };
  /** A request recorded as similar: the open, unlinked requests an incident would gather (this one first). */
  similarGroup?: string[];
  /** An incident: its open linked requests by caller (person id → their `R-` refs), who may take theirs out. */
  joined?: Record<string, string[]>;
  /** A request: the FAQ entry its caller saw before filing and still needed help (`F-…`). */
  faqSeen?: string;
  /** An open problem or incident: the change templates, for the 申请变更 button (`change-request-button.ts`). */
  changeTemplates?: readonly ChangeTemplate[];
  /** The ticket's attachments (docs/domain.md "Attachments"): listed on the card, the first picture shown. */
  attachments?: readonly AttachmentInfo[];
}

/** The rows the relations add to every holder's card. */
export function relationFields(relations: TicketRelations | undefined, c: BotCatalog): CardField[] {
  const seen = relations?.faqSeen ? [{ label: c.duplicate.faqSeenLabel, value: fill(c.duplicate.faqSeen, { faq: relations.faqSeen }) }] : [];
  if (!relations?.affected) return seen;
  const { requests, people } = relations.affected;
  const value = fill(c.duplicate.affects, { requests: counted(c, 'requests', requests), people: counted(c, 'people', people) });
  return [{ label: c.duplicate.affectsLabel, value }, ...seen];
}

/** The extra buttons one holder (a directory person id) may use. */
export function relationButtons(
  t: Ticket,
  relations: TicketRelations | undefined,
  dir: Directory,
  personId: string | null,
  c: BotCatalog,
): CardAction[] {
  if (!relations || !personId || !isOpen(t.status) || t.parent !== null) return [];
  const out: CardAction[] = [];
  if (t.kind === 'incident' && (relations.joined?.[personId]?.length ?? 0) > 0) {
    out.push({ label: c.duplicate.unjoin, action: ACTION_IDS.unjoin, tone: 'caution', enabled: true, input: '', placeholder: '' });
  }
  const button = (label: string, action: string, tone: CardActionTone, params?: Record<string, string>): CardAction => ({
    label,
    action,
    tone,
    enabled: true,
    input: '',
    placeholder: '',
    ...(params ? { params } : {}),
  });
  const offer = relations.demandOffer;
  if (offer && personId === t.caller && t.kind === 'request') {
    out.push(button(fill(c.demandVote.button, { demand: offer.ref }), ACTION_IDS.demandVote, 'primary', { demand: offer.ref }));
    if (!relations.suggestion) out.push(button(c.duplicate.dismiss, ACTION_IDS.dismissDuplicate, 'neutral'));
  }
  if (relations.suggestion && isAllowed(dir, personId, 'join', t)) {
    out.push(button(c.duplicate.join, ACTION_IDS.join, 'primary', { incident: relations.suggestion.ref }));
    out.push(button(c.duplicate.dismiss, ACTION_IDS.dismissDuplicate, 'neutral'));
  }
  const group = relations.similarGroup ?? [];
  if (group.length >= 2 && isAllowed(dir, personId, 'link', t)) {
    out.push(button(fill(c.duplicate.makeIncident, { count: group.length }), ACTION_IDS.makeIncident, 'caution'));
  }
  return out;
}

/** The caller's private line about the suggested duplicate, else null. */
export function relationNotice(t: Ticket, relations: TicketRelations | undefined, personId: string | null, c: BotCatalog): string | null {
  const mine = personId && t.kind === 'incident' && isOpen(t.status) ? relations?.joined?.[personId] : undefined;
  if (mine && mine.length > 0) return fill(c.duplicate.joinedLine, { refs: mine.join(', ') });
  const offer = relations?.demandOffer;
  if (offer && personId && personId === t.caller && isOpen(t.status) && t.parent === null) {
    return fill(c.demandVote.offer, { demand: offer.ref, title: offer.title, votes: offer.votes, ref: refOf(t) });
  }
  const s = relations?.suggestion;
  if (!s || !personId || personId !== t.caller || !isOpen(t.status) || t.parent !== null) return null;
  return fill(c.duplicate.suggestion, { ref: s.ref, people: counted(c, 'people', s.people) });
}
