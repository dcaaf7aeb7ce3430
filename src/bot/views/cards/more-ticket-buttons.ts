/**
 * The ticket card's buttons beyond the one-per-action list of ticket-buttons.ts:
 * - Assign… / Reassign…: one `ticket.assign` (new, escalated_tto) or `ticket.reassign` (assigned, escalated_ttr)
 *   button per eligible target, param `agent` (a directory person id): the active members of the ticket's team
 *   that the delivery model of the caller's organisation allows, minus the current agent, minus the viewer while
 *   Claim is offered to them; only for people who may assign.
 * - Close with satisfaction: after the "Close…" button (it opens the Form: satisfaction and a comment), four quick
 *   `ticket.close` buttons, param `satisfaction` 1…4.
 * - Link to incident: `ticket.link` with input `incident`, on an open request not linked yet, for people who may link.
 * - Urgent: `ticket.urgent`, for the caller (and administrators) while the request is new and not yet urgent.
 * The server re-checks every click (TicketService); this only decides what the card offers.
 */
import { ACTION_IDS } from '../../action-ids';
import type { Directory } from '../../../domain/directory/directory';
import { checkAssignmentTarget } from '../../../domain/directory/eligibility';
import type { CardAction, CardActionTone } from '../../../domain/ports/chat-gateway.port';
import { commandsFrom } from '../../../domain/tickets/lifecycle';
import { isAllowed } from '../../../domain/tickets/permissions';
import { checkRaiseUrgency } from '../../../domain/tickets/raise-urgency';
import { isOpen, type Ticket } from '../../../domain/tickets/ticket';
import type { BotCatalog } from '../replies/bot-catalog';
import { fill, oneLine } from '../replies/plain-text';

/** Assign buttons on one card at most (the `actions` value should stay near DingTalk's 1 KB). */
export const ASSIGN_MAX_BUTTONS = 5;
const NAME_MAX = 20;
const SATISFACTIONS = ['1', '2', '3', '4'] as const;
const SATISFACTION_TONE: Record<(typeof SATISFACTIONS)[number], CardActionTone> = { '1': 'positive', '2': 'primary', '3': 'caution', '4': 'danger' };

function button(label: string, action: string, tone: CardActionTone, params?: Record<string, string>): CardAction {
  return { label, action, tone, enabled: true, input: '', placeholder: '', ...(params ? { params } : {}) };
}

export function assignButtons(t: Ticket, dir: Directory, personId: string, c: BotCatalog): CardAction[] {
  const commands = commandsFrom(t.status, t.kind);
  const action = commands.includes('assign') ? 'assign' : commands.includes('reassign') ? 'reassign' : null;
  if (!action || !isAllowed(dir, personId, 'assign', t)) return [];
  const selfByClaim = commands.includes('claim') && isAllowed(dir, personId, 'claim', t);
  const seen = new Set<string>();
  const targets = dir.teamMembers(t.team).filter((p) => {
    if (seen.has(p.id)) return false;
    seen.add(p.id);
    if (p.id === t.agent || (selfByClaim && p.id === personId)) return false;
    return checkAssignmentTarget(dir, t.org, t.team, p.id).ok;
  });
  const label = action === 'assign' ? c.ops.assignButton : c.ops.reassignButton;
  return targets
    .slice(0, ASSIGN_MAX_BUTTONS)
    .map((p) => button(fill(label, { name: oneLine(p.name, NAME_MAX, c.format.ellipsis) }), ACTION_IDS[action], 'neutral', { agent: p.id }));
}

export function closeButtons(c: BotCatalog): CardAction[] {
  return SATISFACTIONS.map((s) => button(c.ops.closeButton[s], ACTION_IDS.close, SATISFACTION_TONE[s], { satisfaction: s }));
}

export function linkButton(t: Ticket, dir: Directory, personId: string, c: BotCatalog): CardAction[] {
  if (t.kind !== 'request' || !isOpen(t.status) || t.parent !== null || !isAllowed(dir, personId, 'link', t)) return [];
  return [{ ...button(c.ops.linkButton.label, ACTION_IDS.link, 'neutral'), input: 'incident', placeholder: c.ops.linkButton.placeholder }];
}

export function urgentButton(t: Ticket, dir: Directory, personId: string, c: BotCatalog): CardAction[] {
  return checkRaiseUrgency(dir, personId, t).ok ? [button(c.ops.urgentButton, ACTION_IDS.urgent, 'danger')] : [];
}

/** The complete list: claim, assign…, pend, resume, resolve, close…, close ×4, reopen, urgent, link, note, private note. */
export function withMoreButtons(base: CardAction[], t: Ticket, dir: Directory, personId: string, c: BotCatalog): CardAction[] {
  const out: CardAction[] = [];
  const assign = assignButtons(t, dir, personId, c);
  if (!base.some((b) => b.action === ACTION_IDS.claim)) out.push(...assign);
  for (const b of base) {
    if (b.action === ACTION_IDS.note) out.push(...urgentButton(t, dir, personId, c), ...linkButton(t, dir, personId, c));
    out.push(b);
    if (b.action === ACTION_IDS.close) out.push(...closeButtons(c));
    if (b.action === ACTION_IDS.claim) out.push(...assign);
  }
  if (!base.some((b) => b.action === ACTION_IDS.note)) out.push(...urgentButton(t, dir, personId, c), ...linkButton(t, dir, personId, c));
  return out;
}
