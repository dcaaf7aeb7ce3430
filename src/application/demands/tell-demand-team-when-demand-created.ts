/**
 * The demand's team is told of a new demand (docs/demands.md "The demand team's notice") when its `DemandCreated`
 * event is handled: one notice row per active contact of the demand's team (the service's provider team, or
 * `DEMAND_TEAM`) with a DingTalk id, in their language, delivered by the notice sender like any notice (retried,
 * dead-lettered). Idempotent: the rows are keyed by the demand, so a replayed event adds nothing. A team without
 * contacts falls back to its lead; nobody reachable is recorded as a skipped row.
 */
import type { Demand } from '../../domain/demands/demand';
import { formatDemandRef } from '../../domain/demands/demand';
import type { DemandStore } from '../../domain/ports/demand-pool.port';
import type { DirectoryStore } from '../../domain/ports/directory-store.port';
import type { Log } from '../../domain/ports/log.port';
import type { NoticeDraft, NoticeWriter } from '../../domain/ports/notice-store.port';
import type { Locale } from '../../domain/shared/locale';
import type { Reaction } from '../outbox/reactions';

/** The chat layer's words for the notice (`renderDemandNotice`, given by main.ts). */
export type DemandNoticeRenderer = (demand: Demand, ref: string, serviceName: string, callerName: string, locale: Locale) => { title: string; body: string };

export const DEMAND_CREATED_EVENT_CODE = 'demand_created';

export function tellDemandTeamWhenDemandCreated(deps: {
  demands: DemandStore;
  directory: DirectoryStore;
  notices: NoticeWriter;
  render: DemandNoticeRenderer;
  defaultLocale: Locale;
  log: Log;
}): Reaction {
  return async (record) => {
    const event = record.event;
    if (event.type !== 'DemandCreated') return;
    const id = Number(event.data.demandId);
    const demand = Number.isSafeInteger(id) ? await deps.demands.get(id) : null;
    const dir = await deps.directory.current();
    if (!demand || !dir) {
      deps.log.warn('demand.notice.no_such_demand', { outboxId: record.id, ticketRef: event.ref, demandId: event.data.demandId ?? null });
      return;
    }
    const ref = formatDemandRef(demand.id);
    const contacts = dir.teamRole(demand.team, 'contact');
    const people = contacts.length > 0 ? contacts : dir.teamRole(demand.team, 'lead');
    const base = { eventKey: `demand:${demand.id}:created`, ticketId: event.ticketId, ref: event.ref, eventCode: DEMAND_CREATED_EVENT_CODE, createdAt: event.at };
    const serviceName = dir.service(demand.service)?.name ?? demand.service;
    const callerName = dir.person(demand.caller)?.name ?? demand.caller;
    const drafts: NoticeDraft[] = people.map((p) => {
      const locale = p.locale ?? deps.defaultLocale;
      if (!p.dingtalkUserId) {
        return { ...base, personId: p.id, userId: null, locale, via: `team:${demand.team}`, status: 'skipped', reason: 'no_dingtalk_id', title: ref, body: '' };
      }
      const words = deps.render(demand, ref, serviceName, callerName, locale);
      return { ...base, personId: p.id, userId: p.dingtalkUserId, locale, via: `team:${demand.team}`, status: 'pending', reason: null, title: words.title, body: words.body };
    });
    if (drafts.length === 0) {
      drafts.push({ ...base, personId: `nobody:team:${demand.team}`.slice(0, 64), userId: null, locale: null, via: `team:${demand.team}`, status: 'skipped', reason: 'nobody', title: ref, body: '' });
    }
    await deps.notices.addNotices(drafts);
    deps.log.info('demand.notice.written', { outboxId: record.id, ticketRef: event.ref, demand: ref, recipients: drafts.filter((d) => d.status === 'pending').length });
  };
}
