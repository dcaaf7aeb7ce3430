/**
 * Wires the ticket service and the escalation layer on one test database with an injected clock and a recording
 * scheduler, so tests drive time by hand: act → drain the outbox → advance the clock → reconcile.
 */
import { ticketServiceOn } from '../../src/compose-core';
import { TypeormDirectoryStore } from '../../src/adapters/persistence/typeorm-directory-store';
import { TypeormNoticeStore } from '../../src/adapters/persistence/typeorm-notice-store';
import { TypeormOutboxStore } from '../../src/adapters/persistence/typeorm-outbox-store';
import type { Database } from '../../src/adapters/persistence/data-source';
import { InMemoryChatGateway } from './in-memory-chat-gateway';
import type { DirectoryData } from '../../src/domain/directory/directory.types';
import { eventCodeOf } from '../../src/domain/notifications/event-codes';
import { noMetrics } from '../../src/domain/ports/escalation-metrics.port';
import { silentLog } from '../../src/domain/ports/log.port';
import type { ThresholdJob, ThresholdScheduler } from '../../src/domain/ports/threshold-scheduler.port';
import { NoticeDeliverer } from '../../src/escalation/notice-deliverer';
import { OutboxDispatcher } from '../../src/application/outbox/outbox-dispatcher';
import { reconcileDueThresholds } from '../../src/escalation/reconciler';
import { ticketEventReactions } from '../../src/escalation/react-to-ticket-events';
import { loadTriggerTable } from '../../src/adapters/config/load-rules';
import { escalationDepsOn } from '../../src/compose-escalation';
import { FakeClock } from './fake-clock';

export class RecordingScheduler implements ThresholdScheduler {
  readonly armed = new Map<string, ThresholdJob>();
  readonly cancelled: string[] = [];
  async schedule(jobs: readonly ThresholdJob[]): Promise<void> {
    for (const j of jobs) this.armed.set(j.jobId, j);
  }
  async cancel(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      this.armed.delete(id);
      this.cancelled.push(id);
    }
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async health() {
    return { state: 'up' as const };
  }
}

export async function escalationHarness(db: Database, data: DirectoryData, start: Date) {
  const clock = new FakeClock(start);
  const directory = new TypeormDirectoryStore(db, { refreshMs: 0 });
  await directory.importData(data, { prune: true, now: start });
  const triggers = await loadTriggerTable();
  if (!triggers.ok) throw new Error(triggers.error.join('\n'));
  const scheduler = new RecordingScheduler();
  const deps = escalationDepsOn(db, { directory, scheduler, clock, triggers: triggers.value });
  const tickets = ticketServiceOn(db, { directory, clock });
  const outbox = new TypeormOutboxStore(db.gate);
  const notices = new TypeormNoticeStore(db.gate);
  const gateway = new InMemoryChatGateway();
  const dispatcher = new OutboxDispatcher(outbox, ticketEventReactions(deps, eventCodeOf), clock, silentLog, { owner: 'test' });
  const deliverer = new NoticeDeliverer(notices, gateway, clock, noMetrics, silentLog, { backoffMs: 1000 });
  return {
    clock,
    deps,
    tickets,
    scheduler,
    notices,
    gateway,
    /** Handle committed events and deliver notices, as the background loops would. */
    settle: async () => {
      await dispatcher.drain();
      await deliverer.drain();
    },
    /** Advance the clock, fire what fell due, handle the consequences. */
    advance: async (ms: number) => {
      clock.advance(ms);
      const fired = await reconcileDueThresholds(deps);
      await dispatcher.drain();
      await deliverer.drain();
      return fired;
    },
  };
}
