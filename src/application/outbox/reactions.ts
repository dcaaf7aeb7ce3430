/**
 * The reactions registry: what runs for every committed outbox event. Each layer registers its own (the chat
 * layer: deliver and update the ticket's cards; the escalation layer: re-plan thresholds and write notices) with
 * the composition root; nobody goes through another layer's service.
 *
 * Order rules:
 * - Two stages: `registerFirst` (what the people involved wait for: the card, delivered before anything else of
 *   the event), then `register` (the rest). Within a stage, registration order. Each reaction is awaited before
 *   the next; the layers may register in any order, the stages keep the card ahead of the escalation work.
 * - Every reaction of one event gets the same `ReactionContext`, fresh per handling: an earlier reaction tells a
 *   later one what it did (the card reaction adds who received a new card; the escalation reaction writes their
 *   text notices as skipped). The context lives in memory only: an event retried (after a failure or a crash, in
 *   any process) starts with an empty one, so a later reaction must be correct with an empty context.
 * - A failing reaction does not stop the later ones (they run with what the context holds: a DingTalk outage must
 *   not hold up thresholds); the event is done only when all succeeded, else every reaction runs again on retry.
 *   So each must be idempotent.
 */
import type { OutboxRecord } from '../../domain/ports/outbox.port';
import type { Ticket } from '../../domain/tickets/ticket';

/** What the reactions of one event tell each other while it is handled (in memory, empty on every retry). */
export interface ReactionContext {
  /** Person ids who received a ticket's card as a NEW delivery in this event (the card is their notice). */
  readonly cardRecipients: Set<string>;
  /**
   * The event's ticket as an earlier reaction read it after the event committed (the card reaction): a later one
   * starts from it instead of reading it again. Optimistic like any read: a change committed since then is another
   * event, handled after this one, and a write guarded by the ticket's version finds out and reads it afresh.
   */
  ticket?: Ticket;
}

export function newReactionContext(): ReactionContext {
  return { cardRecipients: new Set<string>() };
}

export type Reaction = (record: OutboxRecord, ctx: ReactionContext) => Promise<void>;

export class OutboxReactions implements Iterable<Reaction> {
  private readonly first: Reaction[] = [];
  private readonly rest: Reaction[] = [];

  constructor(initial: Iterable<Reaction> = []) {
    for (const r of initial) this.rest.push(r);
  }

  /** Add reactions that run before every `register`ed one (after those registered first before). */
  registerFirst(...reactions: Reaction[]): this {
    this.first.push(...reactions);
    return this;
  }

  /** Add reactions after those registered before (and after every `registerFirst` one). */
  register(...reactions: Reaction[]): this {
    this.rest.push(...reactions);
    return this;
  }

  get size(): number {
    return this.first.length + this.rest.length;
  }

  [Symbol.iterator](): Iterator<Reaction> {
    return [...this.first, ...this.rest][Symbol.iterator]();
  }
}
