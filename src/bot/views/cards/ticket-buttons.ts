/**
 * Which buttons one person may use on a ticket now: the lifecycle table says what the state allows, `isAllowed`
 * says whether this person may do it. The server re-checks every click (TicketService); this only decides what
 * the card offers. Button order is the order below.
 */
import { ACTION_IDS, type TicketButtonAction, type TicketButtonId } from '../../action-ids';
import type { Directory } from '../../../domain/directory/directory';
import type { CardAction, CardActionTone } from '../../../domain/ports/chat-gateway.port';
import { commandsFrom, type CommandType } from '../../../domain/tickets/lifecycle';
import { isAllowed, type TicketPermission } from '../../../domain/tickets/permissions';
import type { Ticket } from '../../../domain/tickets/ticket';
import type { BotCatalog } from '../replies/bot-catalog';
import { withMoreButtons } from './more-ticket-buttons';

export interface TicketButtonSpec {
  id: TicketButtonId;
  /** The dotted action id the button sends back (docs/interfaces.md "Ticket card"). */
  action: TicketButtonAction;
  /** The lifecycle command it issues; null = not a transition (a note). */
  command: CommandType | null;
  permission: TicketPermission;
  /** The one text param the button asks for ('' = a plain button). */
  input: '' | 'reason' | 'solution' | 'text';
  /** What the button means to the viewer (the adapter picks its colour). */
  tone: CardActionTone;
}

export const TICKET_BUTTONS: readonly TicketButtonSpec[] = [
  { id: 'claim', action: ACTION_IDS.claim, command: 'claim', permission: 'claim', input: '', tone: 'primary' },
  { id: 'pend', action: ACTION_IDS.pend, command: 'pend', permission: 'pend', input: '', tone: 'caution' },
  { id: 'resume', action: ACTION_IDS.resume, command: 'resume', permission: 'resume', input: '', tone: 'primary' },
  // Pend, Resolve and Close… open the clicker's Form (chat/form-card-actions.ts); Close also has quick 1–4 buttons.
  { id: 'resolve', action: ACTION_IDS.resolve, command: 'resolve', permission: 'resolve', input: '', tone: 'positive' },
  { id: 'close', action: ACTION_IDS.close, command: 'close', permission: 'close', input: '', tone: 'primary' },
  { id: 'reopen', action: ACTION_IDS.reopen, command: 'reopen', permission: 'reopen', input: 'reason', tone: 'caution' },
  { id: 'note', action: ACTION_IDS.note, command: null, permission: 'note_public', input: 'text', tone: 'neutral' },
  // A note the support team alone reads (assignee, team, administrators: note_private); no card shows its text.
  { id: 'note_private', action: ACTION_IDS.notePrivate, command: null, permission: 'note_private', input: 'text', tone: 'neutral' },
  { id: 'cancel', action: ACTION_IDS.cancel, command: 'withdraw', permission: 'withdraw', input: 'reason', tone: 'caution' },
];

function offered(spec: TicketButtonSpec, t: Ticket): boolean {
  if (spec.command === null) return t.status !== 'closed';
  return commandsFrom(t.status, t.kind).includes(spec.command);
}

/** The complete button list for one person (a directory person id); [] for nobody or an inactive person. */
export function buttonsFor(t: Ticket, dir: Directory, personId: string | null, catalog: BotCatalog): CardAction[] {
  if (!personId) return [];
  const base = TICKET_BUTTONS.filter((b) => offered(b, t) && isAllowed(dir, personId, b.permission, t)).map((b): CardAction => ({
    label: catalog.button[b.id].label,
    action: b.action,
    tone: b.tone,
    enabled: true,
    input: b.input,
    placeholder: catalog.button[b.id].placeholder,
  }));
  // Assign…/Reassign… per eligible member, Close per satisfaction, Link to incident: more-ticket-buttons.ts.
  return withMoreButtons(base, t, dir, personId, catalog);
}
