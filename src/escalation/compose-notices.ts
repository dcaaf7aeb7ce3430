/**
 * NoticeComposer: the trigger table's recipients for one event, each with the notice rendered in their language
 * and time zone; skipped recipients become rows with the reason (nobody told, but the skip is on record), and so
 * do those who got the card as a new delivery in the event (reason `card`: the card is their notice).
 */
import type { Directory } from '../domain/directory/directory';
import type { EventCode } from '../domain/notifications/event-codes';
import { isEventCode } from '../domain/notifications/event-codes';
import { resolveRecipients } from '../domain/notifications/resolve-recipients';
import type { TriggerTable } from '../domain/notifications/trigger-table';
import type { NoticeDraft } from '../domain/ports/notice-store.port';
import type { Locale } from '../domain/shared/locale';
import { refOf } from '../domain/tickets/ticket';
import type { NoticeComposer } from './escalation-deps';
import { renderNotice } from './notices/render-notice';

export class TriggerTableNoticeComposer implements NoticeComposer {
  constructor(
    private readonly table: TriggerTable,
    private readonly defaultLocale: Locale,
  ) {}

  compose(input: Parameters<NoticeComposer['compose']>[0]): NoticeDraft[] {
    if (!isEventCode(input.eventCode)) return [];
    const code: EventCode = input.eventCode;
    const { ticket, dir } = input;
    const ref = refOf(ticket);
    const resolved = resolveRecipients(this.table, code, ticket, dir, { actor: input.actor, part: input.part });
    const base = { eventKey: input.eventKey, ticketId: ticket.id, ref, eventCode: code, createdAt: input.now };
    const shown = input.about ?? ticket;
    const names = namesFor(dir, shown.service, input.actor, shown.agent);
    const drafts: NoticeDraft[] = resolved.recipients.map((r) => {
      const locale = r.locale ?? this.defaultLocale;
      if (input.cardRecipients?.has(r.personId)) {
        return { ...base, personId: r.personId, userId: r.dingtalkUserId, locale, via: r.via, status: 'skipped', reason: 'card', title: ref, body: '' };
      }
      const rendered = renderNotice(code, {
        ticket: shown,
        ref: refOf(shown),
        locale,
        timezone: r.timezone ?? dir.timezone,
        ...names,
        reason: input.extras?.reason,
        solution: input.extras?.solution,
        note: input.extras?.note,
        deadline: input.extras?.deadline,
        level: input.extras?.level,
      });
      return {
        ...base,
        personId: r.personId,
        userId: r.dingtalkUserId,
        locale,
        via: r.via,
        status: 'pending',
        reason: null,
        title: rendered.title,
        body: rendered.text,
      };
    });
    for (const s of resolved.skipped) {
      if (s.reason === 'duplicate') continue;
      drafts.push({
        ...base,
        personId: s.personId ?? `nobody:${s.term}`.slice(0, 64),
        userId: null,
        locale: null,
        via: s.term.slice(0, 64),
        status: 'skipped',
        reason: s.reason,
        title: ref,
        body: '',
      });
    }
    return drafts;
  }
}

function namesFor(dir: Directory, service: string, actor: string | null, agent: string | null) {
  return {
    serviceName: dir.service(service)?.name,
    actorName: actor ? dir.person(actor)?.name : undefined,
    assigneeName: agent ? dir.person(agent)?.name : undefined,
  };
}
