/**
 * Changes on one database (docs/changes.md), wired the same way wherever they run (`main.ts`, test harnesses):
 * the change service over the ticket service, the step clocks on their own timer queue (`change-thresholds`), and
 * the reactions: the chat layer's card and notices first, then the clocks' jobs. Not started.
 */
import type { Database } from './adapters/persistence/data-source';
import { TypeormChangeStore } from './adapters/persistence/typeorm-change-store';
import { ChangeService, type ChangeReaction } from './application/changes/change-service';
import type { CounterFactory } from './application/tickets/ticket-context';
import type { TicketService } from './application/tickets/ticket-service';
import type { ChangeTemplates } from './domain/changes/change-template';
import type { ChatGateway } from './domain/ports/chat-gateway.port';
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
  gateway: ChatGateway;
  /** A scheduler of its own (another queue than the tickets' thresholds). */
  scheduler: ThresholdScheduler;
  locale: Locale;
  log: Log;
  reconcileMs?: number;
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
  });
  const clocks = new ChangeClocks({
    store,
    scheduler: w.scheduler,
    directory: w.directory,
    gateway: w.gateway,
    clock: w.clock,
    log: w.log.child({ component: 'change-clocks' }),
    locale: w.locale,
    reconcileMs: w.reconcileMs,
  });
  return { changes, clocks, store };
}

/** Register the reactions: the chat layer's first (the card), then the clocks'. */
export function reactToChanges(changes: ChangeService, card: ChangeReaction, clocks: ChangeClocks): void {
  changes.onChanged(card);
  changes.onChanged(clocks.react);
}
