/**
 * A change's events on the outbox (docs/changes.md §6): written in the change's transaction, handed to the
 * reactions at least once. The outbox row is a ticket event of type `ChangeEvent` with `ticketId` 0 (all changes'
 * events go in one ordered lane) and `ref` the change's `C-` ref; `data` holds the change event and the change's
 * version after it.
 */
import type { TicketEvent } from '../tickets/events';
import { formatChangeRef, parseChangeRef } from './change';
import { CHANGE_EVENT_TYPES, type ChangeEvent, type ChangeEventType } from './change-lifecycle';

export const CHANGE_OUTBOX_TYPE = 'ChangeEvent';

export interface ChangeOutboxEvent {
  changeId: number;
  ref: string;
  /** The change's version once the event was committed. */
  version: number;
  /** Index of the event within its commit (the notices' key). */
  index: number;
  event: ChangeEvent;
  /** The row's whole data (events may carry more: the closing's `callers`). */
  data: Readonly<Record<string, unknown>>;
}

export function changeOutboxEvents(changeId: number, version: number, events: readonly ChangeEvent[]): TicketEvent[] {
  return events.map((e, index) => ({
    type: CHANGE_OUTBOX_TYPE,
    ticketId: 0,
    ref: formatChangeRef(changeId),
    actor: e.actor,
    entryPoint: 'card',
    at: e.at,
    data: { changeEvent: e.type, step: e.step, text: e.text, version, index },
  }));
}

/** The change event an outbox event carries; null for every other event. */
export function changeEventOf(t: Pick<TicketEvent, 'type' | 'ref' | 'actor' | 'at' | 'data'>): ChangeOutboxEvent | null {
  if (t.type !== CHANGE_OUTBOX_TYPE) return null;
  const id = parseChangeRef(t.ref);
  const type = t.data.changeEvent;
  if (!id || typeof type !== 'string' || !(CHANGE_EVENT_TYPES as readonly string[]).includes(type)) return null;
  const text = t.data.text;
  return {
    changeId: id,
    ref: formatChangeRef(id),
    version: Number(t.data.version),
    index: Number(t.data.index ?? 0),
    event: { type: type as ChangeEventType, step: Number(t.data.step), actor: t.actor, at: t.at, text: typeof text === 'string' ? text : null },
    data: t.data,
  };
}
