/** What the escalation layer needs, injected by the composition root. */
import type { Ladder } from '../domain/escalation/ladder';
import type { Directory } from '../domain/directory/directory';
import type { Clock } from '../domain/ports/clock.port';
import type { DirectoryStore } from '../domain/ports/directory-store.port';
import type { EscalationMetrics } from '../domain/ports/escalation-metrics.port';
import type { EscalationStore } from '../domain/ports/escalation-store.port';
import type { Log } from '../domain/ports/log.port';
import type { NoticeDraft } from '../domain/ports/notice-store.port';
import type { ThresholdScheduler } from '../domain/ports/threshold-scheduler.port';
import type { TimeCounter } from '../domain/tickets/stopwatch';
import type { Ticket } from '../domain/tickets/ticket';

/** Turns "event X happened to ticket T" into notice rows for the trigger table's recipients. */
export interface NoticeComposer {
  compose(input: {
    eventKey: string;
    eventCode: string;
    ticket: Ticket;
    /** The ticket the notice is about when not `ticket`: a linked request's incident (its ref and words are shown). */
    about?: Ticket;
    dir: Directory;
    actor: string | null;
    part: 'all' | 'without_assignee' | 'assignee_only';
    now: Date;
    extras?: { reason?: string; solution?: string; note?: string; level?: string; deadline?: Date | null };
    /**
     * Person ids who got the ticket's card as a new delivery in this event: the card is their notice, their rows
     * are written `skipped` with reason `card` (on record, nobody told twice).
     */
    cardRecipients?: ReadonlySet<string>;
  }): NoticeDraft[];
}

export interface EscalationDeps {
  store: EscalationStore;
  /**
   * The store a firing's transaction uses (docs/domain.md §3.2 "firing lateness"): the database's urgent lane, never
   * queued behind chat intake's statements in a storm. Default: `store`.
   */
  firingStore?: EscalationStore;
  directory: DirectoryStore;
  ladder: Ladder;
  scheduler: ThresholdScheduler;
  clock: Clock;
  counters: (dir: Directory) => (calendar: string | null) => TimeCounter;
  notices: NoticeComposer;
  metrics: EscalationMetrics;
  log: Log;
}
