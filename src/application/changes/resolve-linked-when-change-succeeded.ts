/**
 * Closing what a change fixes (docs/changes.md §5), an outbox reaction to the change's `ChangeSucceeded` event: its
 * linked open problems and incidents and their open tickets are resolved by the system naming the change, in one
 * ticket transaction (with the `ChangeLinkedResolved` event that tells their callers, once each). A failure fails the event, so the dispatcher retries it until it succeeds (or leaves it dead for
 * administrators to replay). Idempotent: only open tickets are resolved, so a second run changes nothing.
 */
import type { ChangeStore } from '../../domain/ports/change-store.port';
import type { Log } from '../../domain/ports/log.port';
import { changeEventOf } from '../../domain/changes/change-outbox';
import type { Reaction } from '../outbox/reactions';
import type { TicketService } from '../tickets/ticket-service';

export function resolveLinkedWhenChangeSucceeded(deps: { store: ChangeStore; tickets: Pick<TicketService, 'resolveByChange'>; log: Log }): Reaction {
  return async ({ event }) => {
    const got = changeEventOf(event);
    if (!got || got.event.type !== 'ChangeSucceeded') return;
    const change = await deps.store.get(got.changeId);
    if (!change || change.status !== 'successful' || change.incidents.length + change.problems.length === 0) return;
    const r = await deps.tickets.resolveByChange({ ...change, ref: got.ref, version: got.version });
    if (!r.ok) throw new Error(`${got.ref}: linked tickets not resolved (${r.error.code})`);
    deps.log.info('change.linked_resolved', { changeRef: got.ref, resolved: r.value.length });
  };
}
