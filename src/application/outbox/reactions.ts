/**
 * The reactions registry: what runs for every committed outbox event. Each layer registers its own (the
 * escalation layer: re-plan thresholds and write notices; the chat layer: update the ticket's cards) with the
 * composition root; nobody goes through another layer's service. Reactions run in registration order, each
 * awaited before the next; all must succeed for the event to be done; each must be idempotent.
 */
import type { OutboxRecord } from '../../domain/ports/outbox.port';

export type Reaction = (record: OutboxRecord) => Promise<void>;

export class OutboxReactions implements Iterable<Reaction> {
  private readonly reactions: Reaction[] = [];

  constructor(initial: Iterable<Reaction> = []) {
    for (const r of initial) this.reactions.push(r);
  }

  /** Add reactions after those registered before. */
  register(...reactions: Reaction[]): this {
    this.reactions.push(...reactions);
    return this;
  }

  get size(): number {
    return this.reactions.length;
  }

  [Symbol.iterator](): Iterator<Reaction> {
    return this.reactions[Symbol.iterator]();
  }
}
