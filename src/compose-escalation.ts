/**
 * The escalation layer on one database, wired the same way wherever it runs: the program (`main.ts`), the
 * escalation benchmark and the test harnesses. Only what differs between them is passed in.
 */
import type { Database } from './adapters/persistence/data-source';
import type { OwnerLiveness } from './adapters/persistence/process-registry';
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
import { OutboxRunner } from './application/outbox/outbox-runner';
import { OutboxReactions } from './application/outbox/reactions';
import { TriggerTableNoticeComposer } from './escalation/compose-notices';
import type { EscalationDeps } from './escalation/escalation-deps';
import { EscalationService, type EscalationServiceOptions } from './escalation/escalation-service';
import { registerEscalationReactions } from './escalation/react-to-ticket-events';

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
  /**
   * Which owners are dead (`ProcessRegistry`): the outbox events, notices and reconciler claims they hold are taken
   * at once instead of when the lease runs out. Unset: the lease expiry alone.
   */
  liveness?: OwnerLiveness;
}

export function escalationDepsOn(db: Database, w: EscalationWiring): EscalationDeps {
  return {
    store: new TypeormEscalationStore(db.gate, w.liveness),
    firingStore: new TypeormEscalationStore(db.gate.urgent, w.liveness),
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

export interface EscalationRunOptions extends EscalationServiceOptions {
  /** Unique per process (outbox leases). */
  owner: string;
  /** The outbox poll interval. Default 250 ms. */
  outboxPollMs?: number;
}

/**
 * The escalation service (reconciler, timers, notice deliverer) on `db`, not started, with the application's
 * outbox runner it starts and stops; the escalation reactions are registered on the runner's registry, the caller
 * registers the card reaction ahead of them (`outbox.reactions.registerFirst(…)`) and hands its own events to
 * `outbox.handleOwn`.
 */
export function escalationServiceOn(
  db: Database,
  w: EscalationWiring,
  gateway: ChatGateway,
  options: EscalationRunOptions,
): { service: EscalationService; deps: EscalationDeps; outbox: OutboxRunner } {
  const deps = escalationDepsOn(db, w);
  const { owner, outboxPollMs, ...serviceOptions } = options;
  const outbox = new OutboxRunner(new TypeormOutboxStore(db.gate, w.liveness), new OutboxReactions(), deps.clock, deps.log.child({ component: 'outbox' }), {
    owner,
    pollMs: outboxPollMs,
  });
  registerEscalationReactions(outbox.reactions, deps, eventCodeOf);
  const notices = new TypeormNoticeStore(db.gate, { owner, liveness: w.liveness });
  const service = new EscalationService(deps, outbox, notices, gateway, { ...serviceOptions, owner });
  return { service, deps, outbox };
}
