/**
 * The time application layer running in one bot process: timer jobs fire thresholds, the reconciler sweeps the
 * database at start-up and every few seconds, and the notice deliverer sends what the reactions and firings wrote.
 * The outbox (dispatcher, poll loop, own events) is the application's `OutboxRunner`, given here so that it
 * starts and stops with this service, is kicked after a firing, and tells the notice loop when it handled events.
 * Several processes may run it against one database and Redis.
 */
import type { ChatGateway } from '../domain/ports/chat-gateway.port';
import type { NoticeStore } from '../domain/ports/notice-store.port';
import { Loop } from '../application/outbox/loop';
import type { OutboxRunner } from '../application/outbox/outbox-runner';
import type { EscalationDeps } from './escalation-deps';
import { ESCALATION_DIGEST_MS } from './escalation-digest';
import { fireThreshold } from './fire-threshold';
import { NoticeDeliverer } from './notice-deliverer';
import { reconcileDueThresholds } from './reconciler';

export interface EscalationServiceOptions {
  /** This process's owner tag: the reconciler's claims name it. */
  owner?: string;
  reconcileMs?: number;
  noticePollMs?: number;
  /** Escalation notices to one person within this window go on one digest card; default 10 s, 0 = each alone. */
  escalationDigestMs?: number;
}

/** Notices written by this process's own events are sent within this time, those of several events together. */
const NOTICE_GATHER_MS = 20;

export class EscalationService {
  private readonly reconcileLoop: Loop;
  private readonly noticeLoop: Loop;
  /** Runs the notice loop when a digest card update (or a text digest) falls due. */
  private digestTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: EscalationDeps,
    private readonly outbox: OutboxRunner,
    noticeStore: NoticeStore,
    gateway: ChatGateway,
    options: EscalationServiceOptions = {},
  ) {
    const log = deps.log.child({ component: 'escalation' });
    const deliverer = new NoticeDeliverer(noticeStore, gateway, deps.clock, deps.metrics, log, {
      digestWindowMs: options.escalationDigestMs ?? ESCALATION_DIGEST_MS,
      wake: (inMs) => this.wakeNoticesIn(inMs),
    });
    this.noticeLoop = new Loop('notices', options.noticePollMs ?? 500, () => deliverer.drain(), log);
    // Handled events may have written notices: polled ones are sent at once, this process's own ones within
    // NOTICE_GATHER_MS (those of several events together).
    outbox.onHandled((via) => (via === 'own' ? this.noticeLoop.kickWithin(NOTICE_GATHER_MS) : this.noticeLoop.kick()));
    this.reconcileLoop = new Loop(
      'reconciler',
      options.reconcileMs ?? 2000,
      async () => {
        if ((await reconcileDueThresholds(deps, { owner: options.owner })) > 0) this.afterFiring();
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
    this.outbox.start();
    this.noticeLoop.start();
  }

  /**
   * One timer, set after each run to the earliest due digest send (a kick from inside the loop's run would run it
   * again at once, not in `inMs`).
   */
  private wakeNoticesIn(inMs: number): void {
    if (this.digestTimer) clearTimeout(this.digestTimer);
    this.digestTimer = setTimeout(() => {
      this.digestTimer = null;
      this.noticeLoop.kick();
    }, inMs);
    this.digestTimer.unref?.();
  }

  private afterFiring(): void {
    this.outbox.kick();
    this.noticeLoop.kick();
  }

  /** Stop taking work (loops and the outbox first, so nothing is handed to a stopped scheduler), then the timers. */
  async stop(): Promise<void> {
    await Promise.all([this.reconcileLoop.stop(), this.outbox.stop(), this.noticeLoop.stop()]);
    if (this.digestTimer) clearTimeout(this.digestTimer);
    await this.deps.scheduler.stop();
  }
}
