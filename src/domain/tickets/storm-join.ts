/**
 * A storm join (docs/domain.md §5, "Storm auto-join"): a request linked to an open incident by the system at filing
 * because its text matched it. Pure. Its marker is its history: the request's latest parent change is a `link`
 * written by the system (an agent's link, a caller's "join", an incident made from requests are written by a person).
 * While storm-joined, the incident owns the work: the request's TTO and TTR are paused (no threshold of its own
 * fires); when its caller takes it out again (`intake.unjoin`), both run again as for a normal request.
 */
import { isSystem } from './actor';
import { pauseStopwatch, resumeStopwatch, type TimeCounter } from './stopwatch';
import type { Ticket } from './ticket';

/** True when the request's latest parent change (history, oldest first) is the system's link: it was storm-joined. */
/** What the marker reads of a history row (the store's `HistoryRow`). */
export interface ParentChangeRow {
  action: string;
  actor: string;
  changes: ReadonlyArray<{ field: string }>;
}

export function isStormJoined(history: readonly ParentChangeRow[]): boolean {
  for (let i = history.length - 1; i >= 0; i--) {
    const row = history[i]!;
    if (!row.changes.some((c) => c.field === 'parent')) continue;
    return row.action === 'link' && isSystem(row.actor);
  }
  return false;
}

type Counter = (calendar: string | null) => TimeCounter;

function withVersion(before: Ticket, after: Ticket): Ticket {
  const moved = (a: Ticket['tto'], b: Ticket['tto']) => (a.deadline?.getTime() ?? null) !== (b.deadline?.getTime() ?? null);
  return moved(before.tto, after.tto) || moved(before.ttr, after.ttr) ? { ...after, deadlineVersion: before.deadlineVersion + 1 } : after;
}

/** The request's clocks as it is storm-joined: TTO and TTR paused (a new deadline version: armed thresholds go stale). */
export function pauseForStormJoin(t: Ticket, now: Date, counter: Counter): Ticket {
  return withVersion(t, {
    ...t,
    tto: pauseStopwatch(t.tto, now, counter(t.tto.calendar)),
    ttr: pauseStopwatch(t.ttr, now, counter(t.ttr.calendar)),
  });
}

/**
 * The request's clocks as it leaves the incident it was storm-joined to: the paused ones run again from the time
 * already counted (TTO only while it is still unassigned; TTR unless the request is pending). Stopped clocks stay
 * stopped.
 */
export function rearmAfterUnjoin(t: Ticket, now: Date, counter: Counter): Ticket {
  const unassigned = t.status === 'new' || t.status === 'escalated_tto';
  return withVersion(t, {
    ...t,
    tto: t.tto.state === 'paused' && unassigned ? resumeStopwatch(t.tto, now, counter(t.tto.calendar)) : t.tto,
    ttr: t.ttr.state === 'paused' && t.status !== 'pending' ? resumeStopwatch(t.ttr, now, counter(t.ttr.calendar)) : t.ttr,
  });
}
