/**
 * Who does something to a ticket: a directory person, or the system (thresholds, cascades, the bot's own reads),
 * and through which entry point. The one system actor of the codebase; what differs between its uses is only the
 * entry point written to history (`system` for cascades and the bot's reads, `escalation` for thresholds).
 */
import type { EntryPoint } from './ticket';

export interface Actor {
  /** Directory person id, or `system`. */
  person: string;
  entryPoint: EntryPoint;
}

/** The person id the system acts as (in history rows, events and log entries). */
export const SYSTEM_PERSON = 'system';

/** The system acting through `entryPoint` (default `system`). */
export function systemActor(entryPoint: EntryPoint = 'system'): Actor {
  return { person: SYSTEM_PERSON, entryPoint };
}

/** The system through its own entry point: cascades, and reads that see everything. */
export const SYSTEM_ACTOR: Actor = Object.freeze(systemActor());

export function isSystem(person: string): boolean {
  return person === SYSTEM_PERSON;
}
