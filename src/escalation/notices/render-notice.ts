/**
 * The text of a trigger-table notice (docs/domain.md §4, docs/interfaces.md "Delivery semantics"), in the recipient's
 * language: a title and a few lines of Markdown-safe plain text. Every text contains the ticket's ref; a pending
 * notice its reason, a resolved notice its solution; an escalation names the threshold and the deadline in the
 * recipient's time zone; a note is quoted, cut to `NOTE_EXCERPT_MAX`. The words are in the catalogs.
 */
import { isEscalationLevel, type EscalationLevel, type EventCode } from '../../domain/notifications/event-codes';
import type { Locale } from '../../domain/shared/locale';
import type { Ticket } from '../../domain/tickets/ticket';
import { catalogEn } from './catalog.en';
import { catalogZhCN } from './catalog.zh-CN';
import { formatDeadline } from '../../domain/shared/catalog-format';
import type { NoticeCatalog } from './notice-catalog';
import { fill, inlineText } from './plain-text';

export const NOTE_EXCERPT_MAX = 200;
export const TITLE_EXCERPT_MAX = 80;
/** Reasons and solutions are shown whole up to this length (a notice must carry them). */
export const TEXT_MAX = 1000;
export const NAME_MAX = 60;

export const NOTICE_CATALOGS: Readonly<Record<Locale, NoticeCatalog>> = { 'zh-CN': catalogZhCN, en: catalogEn };

export interface NoticeContext {
  ticket: Ticket;
  /** `R-000012`. */
  ref: string;
  locale: Locale;
  /** IANA zone the deadline is shown in: the recipient's, else the directory's. */
  timezone: string;
  serviceName?: string;
  actorName?: string;
  assigneeName?: string;
  /** Pending or reopen reason; a pending notice falls back to the ticket's. */
  reason?: string;
  /** Falls back to the ticket's. */
  solution?: string;
  note?: string;
  /** The threshold's deadline (100 % of TTO or TTR); falls back to the ticket's stopwatch. */
  deadline?: Date | null;
  /** The ladder level that fired when it differs from the event code (a custom ladder); shown by name if known. */
  level?: string;
}

export interface RenderedNotice {
  title: string;
  text: string;
}

export function renderNotice(eventCode: EventCode, ctx: NoticeContext): RenderedNotice {
  const c = NOTICE_CATALOGS[ctx.locale] ?? catalogZhCN;
  const t = ctx.ticket;
  const one = (s: string, max: number) => inlineText(s, max, c.format.ellipsis);
  const given = (s: string | null | undefined, max: number) => (s && s.trim() ? one(s, max) : c.fallback.notGiven);
  const field = (label: string, value: string) => fill(c.format.field, { label, value });

  const levelCode = ctx.level ?? eventCode;
  const values: Record<string, string> = {
    ref: ctx.ref,
    kind: c.kind[t.kind],
    service: one(ctx.serviceName ?? t.service, NAME_MAX),
    actor: ctx.actorName ? one(ctx.actorName, NAME_MAX) : c.fallback.someone,
    assignee: ctx.assigneeName ? one(ctx.assigneeName, NAME_MAX) : t.agent ? one(t.agent, NAME_MAX) : c.fallback.someone,
    level: isEscalationLevel(levelCode) ? c.level[levelCode] : one(levelCode, NAME_MAX),
    note: fill(c.format.quote, { text: given(ctx.note, NOTE_EXCERPT_MAX) }),
  };

  // A request resolved into a demand is told so in its own words (docs/demands.md "Converting a request").
  const demand = eventCode === 'resolved' && t.resolutionCode === 'converted_to_demand';
  if (demand) values.demand = one(ctx.solution ?? t.solution ?? c.fallback.notGiven, NAME_MAX);
  const words = demand ? c.convertedToDemand : c.event[eventCode];
  const lines = [
    fill(words.lead, values),
    field(c.label.title, one(t.title, TITLE_EXCERPT_MAX)),
    field(c.label.service, values.service!),
  ];

  switch (eventCode) {
    case 'created':
      lines.push(field(c.label.filedBy, values.actor!));
      break;
    case 'tto':
    case 'ttr1':
    case 'ttr2':
    case 'ttr3':
      lines.push(field(c.label.deadline[eventCode], deadlineText(eventCode, ctx, c)));
      break;
    case 'pending':
      lines.push(field(c.label.reason, given(ctx.reason ?? t.pendingReason, TEXT_MAX)));
      break;
    case 'reopened':
      lines.push(field(c.label.reason, given(ctx.reason, TEXT_MAX)));
      break;
    case 'resolved':
      if (!demand) lines.push(field(c.label.solution, given(ctx.solution ?? t.solution, TEXT_MAX)));
      break;
    case 'closed':
      if (t.satisfaction !== null) {
        lines.push(field(c.label.satisfaction, fill(c.format.satisfaction, { label: c.satisfactions[String(t.satisfaction) as '1'] })));
      }
      if (t.satisfactionComment) lines.push(field(c.label.comment, one(t.satisfactionComment, NOTE_EXCERPT_MAX)));
      break;
    case 'assigned':
    case 'agent_note':
    case 'caller_note':
      break;
  }
  if (words.hint) lines.push(words.hint);
  return { title: fill(words.title, values), text: lines.join('\n') };
}

function deadlineText(level: EscalationLevel, ctx: NoticeContext, c: NoticeCatalog): string {
  const fromTicket = level === 'tto' ? ctx.ticket.tto.deadline : ctx.ticket.ttr.deadline;
  const at = ctx.deadline ?? fromTicket;
  return at ? formatDeadline(at, c, ctx.timezone, { withYear: false }) : c.fallback.noDeadline;
}
