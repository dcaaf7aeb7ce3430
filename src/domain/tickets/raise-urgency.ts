/**
 * The caller's one narrow way to reclassify: "urgent" (urgency 1) on their own request while it is still `new`
 * (docs/domain.md §1, §3). Agents reclassify anything through the `assign` permission; this path widens nothing else.
 * Pure.
 */
import type { Directory } from '../directory/directory';
import { fail, ok, type Result } from '../shared/result';
import { isAllowed } from './permissions';
import { refOf, type Ticket } from './ticket';

export const URGENT = 1;

/** A reclassification that only raises the urgency to 1 (what the Urgent button sends). */
export function isUrgencyRaise(change: { impact?: number; urgency?: number; service?: string; subcategory?: string }): boolean {
  return change.urgency === URGENT && change.impact === undefined && change.service === undefined && change.subcategory === undefined;
}

/** May `personId` mark `t` urgent now: state new, the caller or an administrator, urgency not already 1. */
export function checkRaiseUrgency(dir: Directory, personId: string, t: Ticket): Result<void> {
  const ref = refOf(t);
  if (t.status !== 'new') {
    return fail('TICKET.INVALID_TRANSITION', `cannot raise the urgency of a ticket in state ${t.status}`, {
      ref,
      state: t.status,
      action: 'raise_urgency',
    });
  }
  if (!isAllowed(dir, personId, 'raise_urgency', t)) {
    return fail('TICKET.NOT_ALLOWED', 'not allowed to raise the urgency of this ticket', { ref, action: 'raise_urgency', person: personId });
  }
  if (t.urgency === URGENT) return fail('TICKET.ALREADY_URGENT', 'the ticket is already urgent', { ref });
  return ok(undefined);
}
