/**
 * The outbox in one process: the dispatcher over the registered reactions, its poll loop (events of every
 * process, and those whose lease ran out), and the own-outbox path (`handleOwn`: the events this process
 * committed, handed over by the ticket store's `committed` callback, handled at once without reading them back).
 * Whoever must follow up on handled events (the escalation layer's notice loop) subscribes with `onHandled`.
 */
import type { Clock } from '../../domain/ports/clock.port';
import type { Log } from '../../domain/ports/log.port';
import type { OutboxRecord, OutboxStore } from '../../domain/ports/outbox.port';
import { Loop } from './loop';
import { OutboxDispatcher, type OutboxDispatcherOptions } from './outbox-dispatcher';
import { OutboxReactions } from './reactions';

export interface OutboxRunnerOptions extends OutboxDispatcherOptions {
  /** Unique per process (outbox leases). */
  owner: string;
  /** How often the loop polls for due events. Default 250 ms. */
  pollMs?: number;
}

/**
 * How events came to be handled: `polled` (the poll loop claimed them) or `own` (this process's own events, just
 * committed; several commits may follow each other closely).
 */
export type HandledVia = 'polled' | 'own';

/** Told after a run handled at least one event (done or failed). */
export type HandledListener = (via: HandledVia, count: number) => void;

export class OutboxRunner {
  readonly reactions: OutboxReactions;
  private readonly dispatcher: OutboxDispatcher;
  private readonly loop: Loop;
  private readonly listeners: HandledListener[] = [];
  private running = false;

  constructor(
    outbox: OutboxStore,
    reactions: OutboxReactions,
    clock: Clock,
    private readonly log: Log,
    options: OutboxRunnerOptions,
  ) {
    this.reactions = reactions;
    const { pollMs, ...dispatcherOptions } = options;
    this.dispatcher = new OutboxDispatcher(outbox, reactions, clock, log, dispatcherOptions);
    this.loop = new Loop(
      'outbox',
      pollMs ?? 250,
      async () => {
        const n = await this.dispatcher.drain();
        if (n > 0) this.tell('polled', n);
      },
      log,
    );
  }

  /** Follow up on handled events (called synchronously, after each run that handled any). */
  onHandled(listener: HandledListener): void {
    this.listeners.push(listener);
  }

  start(): void {
    this.loop.start();
    this.running = true;
  }

  /** Something was committed or became due: poll now rather than at the next interval. */
  kick(): void {
    this.loop.kick();
  }

  /**
   * Events this process committed already leased to itself (`owner`): handled now, without polling for them.
   * Failures are the dispatcher's (retried by lease and backoff). Ignored unless running.
   */
  handleOwn(records: OutboxRecord[]): void {
    if (!this.running) return;
    this.dispatcher.handleOwn(records).then(
      (n) => {
        if (n > 0) this.tell('own', n);
      },
      (e: Error) => this.log.warn('outbox.own_events_not_handled', { error: e.message }),
    );
  }

  /** Stop polling and taking own events; resolves when the run in progress and the own events being handled end. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all([this.loop.stop(), this.dispatcher.settle()]);
  }

  private tell(via: HandledVia, count: number): void {
    for (const l of this.listeners) l(via, count);
  }
}
