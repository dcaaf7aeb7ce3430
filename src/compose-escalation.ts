/**
 * The escalation layer on one database, wired the same way wherever it runs: the program (`main.ts`), the
 * escalation benchmark and the test harnesses. Only what differs between them is passed in.
 */
import type { Database } from './adapters/persistence/data-source';
import { TypeormEscalationStore } from './adapters/persistence/typeorm-escalation-store';
import { TypeormNoticeStore } from './adapters/persistence/typeorm-notice-store';
import { TypeormOutboxStore } from './adapters/persistence/typeorm-outbox-store';
import { countersFor } from './domain/calendar/calendar-counters';
import { DEFAULT_LADDER, type Ladder } from './domain/escalation/ladder';
import { eventCodeOf } from './domain/notifications/event-codes';
import type { TriggerTable } from './domain/notifications/trigger-table';
import type { ChatGateway } from './domain/ports/chat-gateway.port';
import type { Clock } from './domain/ports/clock.port';
import type { DirectoryStore } from './domain/ports/directory-store.port';
import { noMetrics, type EscalationMetrics } from './domain/ports/escalation-metrics.port';
import { silentLog, type Log } from './domain/ports/log.port';
import type { ThresholdScheduler } from './domain/ports/threshold-scheduler.port';
import type { Locale } from './domain/shared/locale';
import { TriggerTableNoticeComposer } from './escalation/compose-notices';
import type { EscalationDeps } from './escalation/escalation-deps';
import { EscalationService, type EscalationServiceOptions } from './escalation/escalation-service';

export interface EscalationWiring {
  directory: DirectoryStore;
  scheduler: ThresholdScheduler;
  clock: Clock;
  triggers: TriggerTable;
  /** Default: DEFAULT_LADDER. */
  ladder?: Ladder;
  /** The notices' language when a person has none. Default: zh-CN. */
  locale?: Locale;
  /** Default: the directory's calendars with the CN holidays (`countersFor`). */
  counters?: EscalationDeps['counters'];
  metrics?: EscalationMetrics;
  log?: Log;
}

export function escalationDepsOn(db: Database, w: EscalationWiring): EscalationDeps {
  return {
    store: new TypeormEscalationStore(db.gate),
    directory: w.directory,
    ladder: w.ladder ?? DEFAULT_LADDER,
    scheduler: w.scheduler,
    clock: w.clock,
    counters: w.counters ?? ((d) => countersFor(d)),
    notices: new TriggerTableNoticeComposer(w.triggers, w.locale ?? 'zh-CN'),
    metrics: w.metrics ?? noMetrics,
    log: w.log ?? silentLog,
  };
}

/** The escalation service (outbox dispatcher, reconciler, notice deliverer) on `db`, not started. */
export function escalationServiceOn(
  db: Database,
  w: EscalationWiring,
  gateway: ChatGateway,
  options: EscalationServiceOptions,
): { service: EscalationService; deps: EscalationDeps } {
  const deps = escalationDepsOn(db, w);
  const service = new EscalationService(deps, new TypeormOutboxStore(db.gate), new TypeormNoticeStore(db.gate), gateway, eventCodeOf, options);
  return { service, deps };
}
