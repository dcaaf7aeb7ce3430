/**
 * Changes on one database (docs/changes.md), wired the same way wherever they run (`main.ts`, test harnesses):
 * the change service over the ticket service, the step clocks on their own timer queue (`change-thresholds`), and
 * the outbox reactions to change events: the chat layer's card and notices first, then the clocks' jobs and the
 * closing of the linked incidents. Not started.
 */
import type { Database } from './adapters/persistence/data-source';
import { TypeormChangeStore } from './adapters/persistence/typeorm-change-store';
import { ChangeService } from './application/changes/change-service';
import { resolveLinkedWhenChangeSucceeded } from './application/changes/resolve-linked-when-change-succeeded';
import type { OutboxReactions, Reaction } from './application/outbox/reactions';
import type { CounterFactory } from './application/tickets/ticket-context';
import type { TicketService } from './application/tickets/ticket-service';
import type { ChangeTemplates } from './domain/changes/change-template';
import type { ChangeTriggers } from './domain/changes/change-triggers';
import type { Clock } from './domain/ports/clock.port';
import type { DirectoryStore } from './domain/ports/directory-store.port';
import type { Log } from './domain/ports/log.port';
import type { ThresholdScheduler } from './domain/ports/threshold-scheduler.port';
import type { Locale } from './domain/shared/locale';
import { ChangeClocks } from './escalation/changes/change-clocks';

export interface ChangeWiring {
  templates: ChangeTemplates;
  tickets: TicketService;
  directory: DirectoryStore;
  clock: Clock;
  counters: CounterFactory;
  /** After each change's commit: have its outbox events handled now (the runner's `kick`). */
  afterCommit?: () => void | Promise<void>;
  /** A scheduler of its own (another queue than the tickets' thresholds). */
  scheduler: ThresholdScheduler;
  locale: Locale;
  log: Log;
  reconcileMs?: number;
  /** Who is told (config/triggers.yaml `change_events`); default the shipped rows. */
  triggers?: ChangeTriggers;
}

export function changesOn(db: Database, w: ChangeWiring): { changes: ChangeService; clocks: ChangeClocks; store: TypeormChangeStore } {
  const store = new TypeormChangeStore(db.gate);
  const changes = new ChangeService({
    store,
    directory: w.directory,
    clock: w.clock,
    templates: w.templates,
    counters: w.counters,
    tickets: w.tickets,
    log: w.log.child({ component: 'changes' }),
    afterCommit: w.afterCommit,
  });
  const clocks = new ChangeClocks({
    store,
    scheduler: w.scheduler,
    directory: w.directory,
    clock: w.clock,
    log: w.log.child({ component: 'change-clocks' }),
    locale: w.locale,
    reconcileMs: w.reconcileMs,
    triggers: w.triggers,
  });
  return { changes, clocks, store };
}

/**
 * Register the outbox reactions to change events: the card first (`registerFirst`: what the step team waits for),
 * then the clocks' jobs and the closing of the linked incidents.
 */
export function reactToChanges(
  reactions: OutboxReactions,
  wired: { clocks: ChangeClocks; store: TypeormChangeStore },
  card: Reaction,
  w: { tickets: Pick<TicketService, 'resolveByChange'>; log: Log },
): void {
  reactions.registerFirst(card);
  reactions.register(
    wired.clocks.react,
    resolveLinkedWhenChangeSucceeded({ store: wired.store, tickets: w.tickets, log: w.log.child({ component: 'changes' }) }),
  );
}
