/**
 * The caller's text answer after filing (ref, owner team, TTO/TTR deadlines in their time zone): sent only where
 * the caller's card cannot be delivered (the card is the answer).
 */
import type { Directory } from '../../../domain/directory/directory';
import type { Person } from '../../../domain/directory/directory.types';
import { formatDeadline } from '../../../domain/shared/catalog-format';
import { refOf, type Ticket } from '../../../domain/tickets/ticket';
import type { BotCatalog } from './bot-catalog';
import { fill, oneLine } from './plain-text';

const NAME_MAX = 60;

export function filedMessage(ticket: Ticket, dir: Directory, caller: Pick<Person, 'timezone'>, c: BotCatalog): { title: string; text: string } {
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
