/**
 * The ticket card (docs/interfaces.md "Ticket card", docs/dingtalk-cards.md §2.2): ref, state, title, a few rows, no public
 * buttons, and for each holder the complete list of buttons that person may use now. A request linked to an
 * incident names it. User text (title, reason, solution) is shown as inert plain text. Words come from the
 * reader's catalog.
 */
import type { Directory } from '../../../domain/directory/directory';
import type { CardField, CardView } from '../../../domain/ports/chat-gateway.port';
import type { Locale } from '../../../domain/shared/locale';
import { formatRef, refOf, type Ticket } from '../../../domain/tickets/ticket';
import { catalogFor } from '../replies/catalogs';
import { formatDeadline } from '../../../domain/shared/catalog-format';
import { fill, oneLine } from '../replies/plain-text';
import { buttonsFor } from './ticket-buttons';
import { attachmentField } from './attachment-field';
import { relationButtons, relationFields, relationNotice, type TicketRelations } from './ticket-relations';
import { problemButtons, problemFields } from './problem-fields';
import { changeRequestButton } from './change-request-button';

export const CARD_TITLE_MAX = 120;
export const CARD_TEXT_MAX = 300;
const NAME_MAX = 60;

export interface TicketCardOptions {
  /** IANA zone of the deadlines; default: the only holder's zone, else the directory's. */
  timezone?: string;
  /** One private line per DingTalk user id (a refusal reason, "done"). */
  notices?: Record<string, string>;
  /** Linked requests, a suggested duplicate, similar requests (loaded by `chat/ticket-relations-of.ts`). */
  relations?: TicketRelations;
  /** The time of rendering: a deadline passed by then shows as overdue (a threshold's firing re-renders the card). */
  now?: Date;
}

/** Which deadline has passed (docs/interfaces.md "Ticket card" `overdue`): TTO while unassigned, else TTR; '' none. */
export function overdueOf(t: Ticket, now: Date | undefined): '' | 'tto' | 'ttr' {
  const passed = (d: Date | null) => !!now && !!d && d.getTime() <= now.getTime();
  if (t.status === 'escalated_tto' || (t.tto.state === 'running' && passed(t.tto.deadline))) return 'tto';
  if (t.ttr.state === 'running' && passed(t.ttr.deadline)) return 'ttr';
  return '';
}

function zoneFor(dir: Directory, holderUserIds: readonly string[]): string {
  const only = holderUserIds.length === 1 ? dir.personByUserId(holderUserIds[0]!) : undefined;
  return only?.timezone ?? dir.timezone;
}

export function renderTicketCard(
  ticket: Ticket,
  dir: Directory,
  holderUserIds: readonly string[],
  locale: Locale,
  options: TicketCardOptions = {},
): CardView {
  const c = catalogFor(locale);
  const ref = refOf(ticket);
  const zone = options.timezone ?? zoneFor(dir, holderUserIds);
  const text = (s: string, max: number) => oneLine(s, max, c.format.ellipsis);
  const personName = (id: string) => text(dir.person(id)?.name ?? id, NAME_MAX);
  const service = dir.service(ticket.service);
  const subcategory = dir.subcategory(ticket.service, ticket.subcategory);

  const fields: CardField[] = [
    {
      label: c.label.service,
      value: fill(c.value.serviceLine, {
        service: text(service?.name ?? ticket.service, NAME_MAX),
        subcategory: text(subcategory?.name ?? ticket.subcategory, NAME_MAX),
      }),
    },
    { label: c.label.priority, value: fill(c.value.priorityLine, { name: c.priority[ticket.priority], level: ticket.priority }) },
    { label: c.label.caller, value: personName(ticket.caller) },
    { label: c.label.team, value: text(dir.team(ticket.team)?.name ?? ticket.team, NAME_MAX) },
    { label: c.label.assignee, value: ticket.agent ? personName(ticket.agent) : c.value.unassigned },
  ];
  // Where a linked request went. The ref only: the incident's state would cost a read on every render and go stale,
  // since a request's cards are not re-rendered when its incident changes (only when it is resolved, with them).
  if (ticket.kind === 'request' && ticket.parent !== null) {
    fields.push({ label: c.label.incident, value: formatRef('incident', ticket.parent) });
  }
  // Problems (issue 14)
  fields.push(...problemFields(ticket, c, (s) => text(s, CARD_TEXT_MAX)));
  if (ticket.tto.goal === null && ticket.ttr.goal === null) {
    fields.push({ label: c.label.sla, value: c.value.noSla });
  } else {
    if (ticket.tto.state === 'running' && ticket.tto.deadline) {
      fields.push({ label: c.label.tto, value: formatDeadline(ticket.tto.deadline, c, zone, { withYear: false }) });
    }
    if (ticket.ttr.state === 'running' && ticket.ttr.deadline) {
      fields.push({ label: c.label.ttr, value: formatDeadline(ticket.ttr.deadline, c, zone, { withYear: false }) });
    } else if (ticket.ttr.state === 'paused') {
      fields.push({ label: c.label.ttr, value: c.value.paused });
    }
  }
  const vars: Record<string, string> = {};
  if (ticket.status !== 'closed' && ticket.status !== 'resolved') {
    const deadline = (d: Date | null) => (d ? formatDeadline(d, c, zone, { withYear: false }) : '');
    vars.tto_deadline = ticket.tto.state === 'running' ? deadline(ticket.tto.deadline) : '';
    vars.ttr_deadline = ticket.ttr.state === 'running' ? deadline(ticket.ttr.deadline) : '';
    const overdue = overdueOf(ticket, options.now);
    vars.overdue = overdue;
    if (overdue) fields.push({ label: c.week.overdueLabel, value: c.week.overdue[overdue] });
  }
  if (ticket.status === 'closed' && ticket.satisfaction !== null) {
    vars.satisfaction = c.form.satisfactions[String(ticket.satisfaction) as '1'];
    fields.push({ label: c.field.satisfaction!, value: vars.satisfaction });
  }
  if (ticket.pendingReason) fields.push({ label: c.label.pendingReason, value: text(ticket.pendingReason, CARD_TEXT_MAX) });
  if (ticket.solution) fields.push({ label: c.label.solution, value: text(ticket.solution, CARD_TEXT_MAX) });
  fields.push(...relationFields(options.relations, c));
  const attachments = options.relations?.attachments ?? [];
  if (attachments.length > 0) fields.push(attachmentField(attachments, locale));

  const privateActions: CardView['privateActions'] = {};
  for (const userId of holderUserIds) {
    privateActions[userId] = buttonsFor(ticket, dir, dir.personByUserId(userId)?.id ?? null, c);
  }
  const notices: Record<string, string> = { ...options.notices };
  for (const userId of holderUserIds) {
    const personId = dir.personByUserId(userId)?.id ?? null;
    privateActions[userId] = [
      ...privateActions[userId]!,
      ...relationButtons(ticket, options.relations, dir, personId, c),
      // Problems (issue 14)
      ...problemButtons(ticket, dir, personId, c),
      // Changes (issue 15, docs/changes.md §3)
      ...changeRequestButton(ticket, options.relations?.changeTemplates, dir, personId, c),
    ];
    const line = relationNotice(ticket, options.relations, personId, c);
    if (line) notices[userId] = notices[userId] ? `${notices[userId]}\n${line}` : line;
  }
  const statusLabel = c.state[ticket.status];
  const view: CardView = {
    ref,
    status: ticket.status,
    statusLabel,
    title: text(ticket.title, CARD_TITLE_MAX),
    lastMessage: fill(c.card.lastMessage, { ref, status: statusLabel }),
    fields,
    publicActions: [],
    privateActions,
    vars,
  };
  if (Object.keys(notices).length > 0) view.privateNotice = notices;
  if (attachments.length > 0) {
    view.attachments = attachments.map((a) => ({ name: a.name, kind: a.kind, size: a.size }));
    const image = attachments.find((a) => a.mediaId !== null)?.mediaId;
    if (image) view.image = image;
  }
  return view;
}
