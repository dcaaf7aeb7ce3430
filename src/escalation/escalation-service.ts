/**
 * The time application layer running in one bot process: timer jobs fire thresholds, the reconciler sweeps the
 * database at start-up and every few seconds, the outbox dispatcher hands committed events to the reactions, and
 * the notice deliverer sends what they wrote. Several processes may run it against one database and Redis.
 */
import type { ChatGateway } from '../domain/ports/chat-gateway.port';
import type { NoticeStore } from '../domain/ports/notice-store.port';
import type { OutboxRecord, OutboxStore } from '../domain/ports/outbox.port';
import type { EscalationDeps } from './escalation-deps';
import { fireThreshold } from './fire-threshold';
import { Loop } from './loop';
import { NoticeDeliverer } from './notice-deliverer';
import { OutboxDispatcher } from './outbox-dispatcher';
import { reconcileDueThresholds } from './reconciler';
import { ticketEventReactions, type EventCodeOf } from './react-to-ticket-events';

export interface EscalationServiceOptions {
  /** Unique per process (outbox leases). */
  owner: string;
  reconcileMs?: number;
  outboxPollMs?: number;
  noticePollMs?: number;
  /** Extra reactions to committed events (e.g. the chat layer's card updates). */
  extraReactions?: ConstructorParameters<typeof OutboxDispatcher>[1];
}

/** Notices written by this process's own events are sent within this time, those of several events together. */
const NOTICE_GATHER_MS = 20;

export class EscalationService {
  private readonly outboxLoop: Loop;
  private readonly reconcileLoop: Loop;
  private readonly noticeLoop: Loop;
  private readonly dispatcher: OutboxDispatcher;
  private readonly log: EscalationDeps['log'];
  private running = false;

  constructor(
    private readonly deps: EscalationDeps,
    outbox: OutboxStore,
    noticeStore: NoticeStore,
    gateway: ChatGateway,
    eventCodeOf: EventCodeOf,
    options: EscalationServiceOptions,
  ) {
    const log = deps.log.child({ component: 'escalation' });
    this.log = log;
    const dispatcher = new OutboxDispatcher(
      outbox,
      [...ticketEventReactions(deps, eventCodeOf), ...(options.extraReactions ?? [])],
      deps.clock,
      log,
      { owner: options.owner },
    );
    this.dispatcher = dispatcher;
    const deliverer = new NoticeDeliverer(noticeStore, gateway, deps.clock, deps.metrics, log);
    this.noticeLoop = new Loop('notices', options.noticePollMs ?? 500, () => deliverer.drain(), log);
    this.outboxLoop = new Loop(
      'outbox',
      options.outboxPollMs ?? 250,
      async () => {
        if ((await dispatcher.drain()) > 0) this.noticeLoop.kick();
      },
      log,
    );
    this.reconcileLoop = new Loop(
      'reconciler',
      options.reconcileMs ?? 2000,
      async () => {
        if ((await reconcileDueThresholds(deps)) > 0) this.afterFiring();
      },
      log,
    );
  }

  async start(): Promise<void> {
    await this.deps.scheduler.start(async (job) => {
      const outcome = await fireThreshold(this.deps, job);
      if (outcome === 'fired') this.afterFiring();
    });
    this.reconcileLoop.start();
    this.outboxLoop.start();
    this.noticeLoop.start();
    this.running = true;
  }

  /** Something was committed in this process: handle its events now rather than at the next poll. */
  kick(): void {
    this.outboxLoop.kick();
  }

  /**
   * Events this process committed already leased to itself (`owner`): handled now, without polling for them;
   * the notices they wrote go out right after. Failures are the dispatcher's (retried by lease and backoff).
   */
  handleOwn(records: OutboxRecord[]): void {
    if (!this.running) return;
    this.dispatcher.handleOwn(records).then(
      (n) => {
        if (n > 0) this.noticeLoop.kickWithin(NOTICE_GATHER_MS);
      },
      (e: Error) => this.log.warn('own outbox events not handled; their lease will run out', { error: e.message }),
    );
  }

  private afterFiring(): void {
    this.outboxLoop.kick();
    this.noticeLoop.kick();
  }

  /** Stop taking work (loops first, so nothing is handed to a stopped scheduler), then the timers. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all([this.reconcileLoop.stop(), this.outboxLoop.stop(), this.noticeLoop.stop(), this.dispatcher.settle()]);
    await this.deps.scheduler.stop();
  }
}
