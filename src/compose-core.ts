/**
 * The application on one database, wired the same way wherever it runs (`createBot` in `main.ts`, the benchmarks,
 * the test harnesses): the ticket service, and with it the outbox runner and the escalation service, this
 * process's own ticket events handed to its runner at once. Only what differs between the callers is passed in.
 */
import type { Database } from './adapters/persistence/data-source';
import { TypeormTicketStore } from './adapters/persistence/typeorm-ticket-store';
import type { OutboxRunner } from './application/outbox/outbox-runner';
import { TicketService, type CounterFactory } from './application/tickets/ticket-service';
import { escalationServiceOn, type EscalationRunOptions, type EscalationWiring } from './compose-escalation';
import { countersFor } from './domain/calendar/calendar-counters';
import type { ChatGateway } from './domain/ports/chat-gateway.port';
import type { Clock } from './domain/ports/clock.port';
import type { DirectoryStore } from './domain/ports/directory-store.port';
import { OUTBOX_LEASE_MS, type OutboxRecord } from './domain/ports/outbox.port';
import type { EscalationDeps } from './escalation/escalation-deps';
import type { EscalationService } from './escalation/escalation-service';

export interface TicketWiring {
  directory: DirectoryStore;
  clock: Clock;
  /** Default: the directory's calendars with the CN holidays (`countersFor`). */
  counters?: CounterFactory;
  /**
   * This process's outbox: the events of every change are written leased to `owner` and handed to `handle` after
   * the commit (no polling for them). Unset: the events wait for any process's outbox poller.
   */
  own?: { owner: string; handle: (records: OutboxRecord[]) => void };
  /** Called after every committed write (a benchmark kicks a poller with it). */
  onCommitted?: () => void;
}

/** The ticket use cases on `db`. */
export function ticketServiceOn(db: Database, w: TicketWiring): TicketService {
  const own = w.own;
  return new TicketService({
    store: new TypeormTicketStore(
      db.gate,
      own ? { owner: own.owner, leaseMs: OUTBOX_LEASE_MS, clock: w.clock, committed: (records) => own.handle(records) } : undefined,
    ),
    directory: w.directory,
    clock: w.clock,
    counters: w.counters ?? ((d) => countersFor(d)),
    onCommitted: w.onCommitted,
  });
}

export interface Core {
  tickets: TicketService;
  /** The outbox runner: the escalation reactions are registered; register the chat layer's card reaction ahead of them (`registerFirst`). */
  outbox: OutboxRunner;
  escalation: EscalationService;
  escalationDeps: EscalationDeps;
}

/**
 * Tickets + outbox + escalation on `db`, not started (`escalation.start()` starts the runner too). The ticket
 * service's own events go to this runner at once.
 */
export function coreOn(db: Database, gateway: ChatGateway, w: EscalationWiring & { counters?: CounterFactory }, run: EscalationRunOptions): Core {
  const wired = escalationServiceOn(db, w, gateway, run);
  const tickets = ticketServiceOn(db, {
    directory: w.directory,
    clock: w.clock,
    counters: w.counters,
    own: { owner: run.owner, handle: (records) => wired.outbox.handleOwn(records) },
  });
  return { tickets, outbox: wired.outbox, escalation: wired.service, escalationDeps: wired.deps };
}
