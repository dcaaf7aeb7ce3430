/**
 * The automatic conversion (docs/demands.md "Automatic conversion"): every pending request pended more than
 * `days` whole working days ago — on the calendar its SLA counts on, in that calendar's zone — becomes a demand
 * through the same use case as the `需求` command, by the system. Each conversion happens once across processes:
 * the conversion resolves the request in the transaction that inserts the demand, under the ticket's optimistic
 * version, so a second process's attempt finds the request resolved and is refused (nothing written).
 */
import { calendarWorkingDays, EVERY_DAY, localClock } from '../../domain/reports/report-period';
import { longPendingDue, pendedAt } from '../../domain/demands/long-pending';
import type { Clock } from '../../domain/ports/clock.port';
import type { DirectoryStore } from '../../domain/ports/directory-store.port';
import type { Log } from '../../domain/ports/log.port';
import { systemActor, SYSTEM_ACTOR } from '../../domain/tickets/actor';
import { refOf } from '../../domain/tickets/ticket';
import type { TicketService } from '../tickets/ticket-service';

export interface LongPendingDeps {
  tickets: TicketService;
  directory: DirectoryStore;
  clock: Clock;
  log: Log;
  /** `DEMAND_AFTER_WORKING_DAYS` (≥ 1). */
  days: number;
  /** `DEMAND_TEAM`. */
  demandTeam?: string;
  /** The note appended to the demand's description (the reader's words are the chat layer's). */
  note: (days: number) => string;
}

/** How many pending requests to look at in one round (the rest wait for the next). */
export const LONG_PENDING_BATCH = 500;

/** One round: the refs converted now (refusals — another process was first — are logged, not thrown). */
export async function convertLongPending(deps: LongPendingDeps): Promise<string[]> {
  const dir = await deps.directory.current();
  if (!dir) return [];
  const listed = await deps.tickets.list(SYSTEM_ACTOR, { scope: 'by_state', states: ['pending'] }, LONG_PENDING_BATCH);
  if (!listed.ok) return [];
  const now = deps.clock.now();
  const converted: string[] = [];
  for (const t of listed.value) {
    if (t.kind !== 'request' || t.status !== 'pending') continue;
    const ref = refOf(t);
    const history = await deps.tickets.history(SYSTEM_ACTOR, ref);
    const since = (history.ok ? pendedAt(history.value) : null) ?? t.lastUpdate;
    const cal = t.ttr.calendar ? dir.calendar(t.ttr.calendar) : undefined;
    const zone = cal?.timezone ?? dir.timezone;
    const isWorkingDay = cal && cal.hours ? calendarWorkingDays(cal) : EVERY_DAY;
    if (!longPendingDue(localClock(since, zone).day, localClock(now, zone).day, deps.days, isWorkingDay)) continue;
    const r = await deps.tickets.convertToDemand(systemActor('system'), ref, deps.note(deps.days), { demandTeam: deps.demandTeam });
    if (r.ok) {
      converted.push(ref);
      deps.log.info('demand.auto_converted', { ticketRef: ref, demand: r.value.demand, pendedAt: since.toISOString() });
    } else {
      deps.log.info('demand.auto_convert_skipped', { ticketRef: ref, code: r.error.code });
    }
  }
  return converted;
}
