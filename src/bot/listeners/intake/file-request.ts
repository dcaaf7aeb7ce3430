/**
 * Filing a request from chat (one message, one ticket). The listener only commits the ticket: its `TicketCreated`
 * event (written in the same transaction, leased to this process and handled at once by the own-outbox path) makes
 * the card reaction (`reactions/cards-when-ticket-changed.ts`) deliver the one card instance to the caller and the
 * service team's contacts. The card is the caller's answer; a text answer only where it cannot be delivered.
 */
import type { Directory } from '../../../domain/directory/directory';
import type { Person } from '../../../domain/directory/directory.types';
import type { Log } from '../../../domain/ports/log.port';
import type { Result } from '../../../domain/shared/result';
import { refOf, type Ticket } from '../../../domain/tickets/ticket';
import type { ChatLayerDeps, Conversation } from '../../chat-deps';
import { urgencyOf } from './intake-match';
import { intakeMatchOf } from './suggest-duplicate';

export interface FileRequestInput {
  dir: Directory;
  caller: Person;
  /** The caller's DingTalk user id (the sender). */
  userId: string;
  where: Conversation;
  text: string;
  service: string;
  subcategory: string;
  /**
   * The DingTalk message the request is filed from (`Ticket.sourceMsg`): a second filing of it is refused with
   * `TICKET.ALREADY_FILED` carrying the first ticket, and nothing is told to anyone here.
   */
  sourceMsg?: string;
  /** The FAQ entry (`F-…`) the caller saw before and still needed help: named in the history and on the agents' card. */
  faqSeen?: string;
}

export async function fileRequest(deps: ChatLayerDeps, input: FileRequestInput, log: Log): Promise<Result<Ticket>> {
  const { dir, caller, text } = input;
  const filing = deps.filingLimit;
  const now = deps.clock.now();
  const slot = filing.take(caller.id, now, await deps.tickets.filedSince(caller.id, filing.windowStart(now)));
  if (!slot.ok) {
    log.info('chat.intake.filing_refused', { code: slot.error.code });
    return slot;
  }
  const match = await intakeMatchOf(deps, { text, service: input.service }, log);
  const opened = await deps.tickets.open(
    { person: caller.id, entryPoint: 'chat' },
    { service: input.service, subcategory: input.subcategory, description: text, urgency: urgencyOf(text), sourceMsg: input.sourceMsg },
    {
      ...(match.join ? { joinIncident: refOf(match.join) } : match.demand ? { demandOffered: match.demand } : match.duplicate ? { duplicateOf: refOf(match.duplicate) } : {}),
      ...(input.faqSeen ? { faqSeen: input.faqSeen } : {}),
    },
  );
  if (!opened.ok) {
    filing.giveBack(caller.id, slot.value);
    return opened;
  }
  log.child({ ticketRef: refOf(opened.value) }).info('chat.intake.filed', {
    service: opened.value.service,
    subcategory: opened.value.subcategory,
    priority: opened.value.priority,
    ...(opened.value.parent !== null ? { joined: refOf({ kind: 'incident', id: opened.value.parent }) } : {}),
  });
  return opened;
}
