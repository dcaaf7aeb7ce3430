/**
 * Hands each committed outbox event to the registered reactions (escalation and notification, card updates), at
 * least once: events are leased (another process takes them over if this one dies), marked done after every
 * reaction succeeded, retried with exponential backoff otherwise, and dead after too many attempts
 * (administrators list and replay them).
 */
import type { Log } from '../../domain/ports/log.port';
import { OUTBOX_LEASE_MS, type OutboxRecord, type OutboxStore } from '../../domain/ports/outbox.port';
import type { Clock } from '../../domain/ports/clock.port';
import { newReactionContext, type Reaction } from './reactions';
import { DEMAND_WEBHOOK_RETRY } from '../../domain/demands/demand';
import type { TicketEventType } from '../../domain/tickets/events';

/** Event types retried by a policy of their own rather than the dispatcher's (docs/demands.md "Webhook"). */
export const EVENT_RETRY_POLICIES: Partial<Record<TicketEventType, { maxAttempts: number; backoffMs: number }>> = {
  DemandCreated: DEMAND_WEBHOOK_RETRY,
};

export type { Reaction, ReactionContext } from './reactions';

export interface OutboxDispatcherOptions {
  owner: string;
  batch?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /** First retry delay; doubles per attempt, capped at 5 minutes. */
  backoffMs?: number;
}

export class OutboxDispatcher {
  private readonly batch: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  /** Own events waiting for the batch being handled (`handleOwn`). */
  private own: Array<{ records: OutboxRecord[]; resolve: (n: number) => void; reject: (e: unknown) => void }> = [];
  private ownRunning = false;
  private ownRun: Promise<void> = Promise.resolve();

  constructor(
    private readonly outbox: OutboxStore,
    /** Read for every event: an `OutboxReactions` registry, or a fixed list. */
    private readonly reactions: Iterable<Reaction>,
    private readonly clock: Clock,
    private readonly log: Log,
    private readonly options: OutboxDispatcherOptions,
  ) {
    this.batch = options.batch ?? 100;
    this.leaseMs = options.leaseMs ?? OUTBOX_LEASE_MS;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.backoffMs = options.backoffMs ?? 1000;
  }

  /** Handle what is due now; returns the number of events handled (done or failed). */
  async drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      const records = await this.outbox.claim(this.options.owner, this.batch, this.clock.now(), this.leaseMs);
      if (records.length === 0) return handled;
      await this.handleBatch(records);
      handled += records.length;
      if (records.length < this.batch) return handled;
    }
  }

  /**
   * Events this process wrote already leased to itself (the ticket store's own-outbox rows): handled at once,
   * without reading them back. Calls made while a batch is being handled wait and go together, one batch at a
   * time, so one ticket's events keep their order. Resolves once these events are handled (done or failed);
   * returns how many (an event whose lease ran out meanwhile is left to the pollers). If the process dies first,
   * their lease runs out and any poller takes them.
   */
  handleOwn(records: OutboxRecord[]): Promise<number> {
    return new Promise((resolve, reject) => {
      this.own.push({ records, resolve, reject });
      if (!this.ownRunning) this.ownRun = this.runOwn();
    });
  }

  /** Resolves when no own events are being handled (for a clean stop). */
  async settle(): Promise<void> {
    await this.ownRun;
  }


  private async runOwn(): Promise<void> {
    this.ownRunning = true;
    try {
      while (this.own.length > 0) {
        const waiting = this.own;
        this.own = [];
        // An event whose lease ran out while it waited (an overloaded process) is left to the pollers, which may
        // have taken it already: handling it here too would only repeat the work.
        const now = this.clock.now().getTime();
        const live = (r: OutboxRecord) => !r.leasedUntil || r.leasedUntil.getTime() > now;
        try {
          await this.handleBatch(waiting.flatMap((w) => w.records.filter(live)));
          for (const w of waiting) w.resolve(w.records.filter(live).length);
        } catch (e) {
          for (const w of waiting) w.reject(e);
        }
      }
    } finally {
      this.ownRunning = false;
    }
  }

  /** One ticket's events in order, different tickets side by side; the handled ones marked done together. */
  private async handleBatch(records: OutboxRecord[]): Promise<void> {
    const byTicket = new Map<number, OutboxRecord[]>();
    for (const r of records) byTicket.set(r.event.ticketId, [...(byTicket.get(r.event.ticketId) ?? []), r]);
    const done: number[] = [];
    await Promise.all(
      [...byTicket.values()].map(async (list) => {
        for (const r of list) if (await this.handle(r)) done.push(r.id);
      }),
    );
    // The batch's handled events are marked done together (a crash before this hands them out again: every
    // reaction is idempotent).
    await this.outbox.markDone(done, this.options.owner, this.clock.now());
  }

  /**
   * true = every reaction succeeded (mark it done); false = failed and rescheduled. The reactions run in order
   * with one fresh context; one failing does not stop the later ones (`reactions.ts`), the first error counts.
   */
  private async handle(r: OutboxRecord): Promise<boolean> {
    const ctx = newReactionContext();
    let failure: { error: unknown } | null = null;
    for (const react of this.reactions) {
      try {
        await react(r, ctx);
      } catch (e) {
        failure ??= { error: e };
      }
    }
    if (!failure) return true;
    const e = failure.error;
    // An event type with a retry policy of its own (the demand webhook) keeps to it.
    const policy = EVENT_RETRY_POLICIES[r.event.type];
    const dead = r.attempts >= (policy?.maxAttempts ?? this.maxAttempts);
    const delay = Math.min(300_000, (policy?.backoffMs ?? this.backoffMs) * 2 ** Math.max(0, r.attempts - 1));
    const message = (e as Error).message ?? String(e);
    this.log[dead ? 'error' : 'warn']('outbox.event_failed', { outboxId: r.id, ticketRef: r.event.ref, type: r.event.type, attempts: r.attempts, dead, error: message });
    await this.outbox.markFailed(r.id, this.options.owner, message, new Date(this.clock.now().getTime() + delay), dead);
    return false;
  }
}
