/**
 * Filing a request from chat (one message, one ticket) and telling people: the caller gets the ticket card in
 * their direct chat and a short answer where they wrote (ref, owner team, TTO/TTR deadlines in their time zone);
 * each contact of the service's team gets the card in their direct chat. Once the ticket is saved nothing here
 * throws: deliveries that fail are logged, and the next change of the ticket re-renders every delivered card.
 */
import type { Directory } from '../../../domain/directory/directory';
import type { Person } from '../../../domain/directory/directory.types';
import type { TicketCard } from '../../../domain/ports/card-store.port';
import type { Log } from '../../../domain/ports/log.port';
import type { Result } from '../../../domain/shared/result';
import { refOf, type Ticket } from '../../../domain/tickets/ticket';
import type { ChatLayerDeps, Conversation } from '../../chat-deps';
import { serviceContactUserIds } from '../../support/deliver-incident-cards';
import { recordCards, sendTicketCardToDm } from '../../support/deliver-ticket-card';
import { suggestionRelations } from '../../support/ticket-relations-of';
import { replyIn } from '../../support/reply';
import type { BotCatalog } from '../../views/replies/bot-catalog';
import { catalogFor, localeOf } from '../../views/replies/catalogs';
import { formatDeadline } from '../../../domain/shared/catalog-format';
import { fill, oneLine } from '../../views/replies/plain-text';
import { urgencyOf } from './intake-match';
import { likelyDuplicateOf } from './suggest-duplicate';

const NAME_MAX = 60;

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
  const duplicate = await likelyDuplicateOf(deps, { text, service: input.service }, log);
  const opened = await deps.tickets.open(
    { person: caller.id, entryPoint: 'chat' },
    { service: input.service, subcategory: input.subcategory, description: text, urgency: urgencyOf(text), sourceMsg: input.sourceMsg },
    duplicate ? { duplicateOf: refOf(duplicate) } : {},
  );
  if (!opened.ok) {
    filing.giveBack(caller.id, slot.value);
    return opened;
  }
  const ticket = opened.value;
  const ticketLog = log.child({ ticketRef: refOf(ticket) });
  ticketLog.info('chat.intake.filed', { service: ticket.service, subcategory: ticket.subcategory, priority: ticket.priority });
  const relations = await suggestionRelations(deps, ticket, duplicate).catch((e: Error) => {
    ticketLog.warn('chat.card.relations_not_read', { error: e.message });
    return {};
  });

  const callerCard = await sendTicketCardToDm(deps, dir, ticket, input.userId, 'caller', ticketLog, relations);
  const targets = serviceContactUserIds(dir, ticket, input.userId);
  const c = catalogFor(localeOf(caller, deps.defaultLocale));
  // The caller has their card; the contacts' cards and the caller's text answer go out side by side; then every
  // card delivered is recorded, together.
  const [contactCards] = await Promise.all([
    Promise.all(targets.map((userId) => sendTicketCardToDm(deps, dir, ticket, userId, 'contact', ticketLog, relations))),
    replyIn(deps, input.where, filedMessage(ticket, dir, caller, c), ticketLog),
  ]);
  await recordCards(deps, [callerCard, ...contactCards].filter((card): card is TicketCard => card !== null), ticketLog);
  return opened;
}

/** The caller's answer after filing. */
export function filedMessage(ticket: Ticket, dir: Directory, caller: Person, c: BotCatalog): { title: string; text: string } {
  const zone = caller.timezone ?? dir.timezone;
  const ref = refOf(ticket);
  const deadline = (d: Date | null) => (d ? formatDeadline(d, c, zone, { withYear: false }) : c.value.noSla);
  const name = (s: string) => oneLine(s, NAME_MAX, c.format.ellipsis);
  const service = dir.service(ticket.service);
  const subcategory = dir.subcategory(ticket.service, ticket.subcategory);
  return {
    title: fill(c.reply.filedTitle, { ref }),
    text: fill(c.reply.filed, {
      ref,
      kind: c.kind[ticket.kind],
      service: fill(c.value.serviceLine, {
        service: name(service?.name ?? ticket.service),
        subcategory: name(subcategory?.name ?? ticket.subcategory),
      }),
      team: name(dir.team(ticket.team)?.name ?? ticket.team),
      tto: deadline(ticket.tto.deadline),
      ttr: deadline(ticket.ttr.deadline),
    }),
  };
}
