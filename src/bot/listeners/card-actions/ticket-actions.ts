/**
 * What each ticket-card action id does (docs/interfaces.md "Ticket card"): the use case it runs, the one text input a
 * `text` param fills, and the "done" line. The router registers `ticket-card-action.ts` once per id here
 * (`app/register-listeners.ts`); the buttons offered are in `views/cards/ticket-buttons.ts` and
 * `views/cards/more-ticket-buttons.ts`.
 */
import { ACTION_IDS, type ActionId } from '../../action-ids';
import type { CardActionParams } from './card-action-params';
import { DUPLICATE_CARD_ACTIONS } from './duplicate-card-actions';
import type { TicketActionSpec } from './ticket-action-spec';
import { URGENT_CARD_ACTIONS } from './urgent-card-action';
// Problems (issue 14)
import { PROBLEM_CARD_ACTIONS } from './problem-card-actions';
import { PEND_CARD_ACTION } from './pend-card-action';

/** A card close always carries a satisfaction 1–4 (a quick button or the Form); anything else is refused (NaN). */
function satisfactionOf(p: CardActionParams): number {
  const raw = p.get('satisfaction')?.trim() ?? '';
  return /^[1-4]$/.test(raw) ? Number(raw) : Number.NaN;
}

/** Action id → what it does. */
export const TICKET_ACTIONS: Readonly<Partial<Record<ActionId, TicketActionSpec>>> = {
  [ACTION_IDS.claim]: { done: 'claim', input: null, run: (d, a, ref) => d.tickets.claim(a, ref) },
  [ACTION_IDS.assign]: {
    done: 'assign',
    input: null,
    run: (d, a, ref, p, t) => d.tickets.assign(a, ref, p.get('team') ?? t.team, p.get('agent') ?? ''),
  },
  [ACTION_IDS.reassign]: {
    done: 'reassign',
    input: null,
    run: (d, a, ref, p) => d.tickets.reassign(a, ref, { team: p.get('team'), agent: p.get('agent') }),
  },
  [ACTION_IDS.pend]: PEND_CARD_ACTION,
  [ACTION_IDS.resume]: { done: 'resume', input: null, run: (d, a, ref) => d.tickets.resume(a, ref) },
  [ACTION_IDS.resolve]: {
    done: 'resolve',
    input: 'solution',
    run: (d, a, ref, p) => d.tickets.resolve(a, ref, p.get('solution') ?? '', p.get('resolution_code')?.trim() ?? ''),
  },
  [ACTION_IDS.close]: {
    done: 'close',
    input: 'comment',
    run: (d, a, ref, p) => d.tickets.close(a, ref, satisfactionOf(p), p.get('comment')),
  },
  [ACTION_IDS.reopen]: { done: 'reopen', input: 'reason', run: (d, a, ref, p) => d.tickets.reopen(a, ref, p.get('reason') ?? '') },
  [ACTION_IDS.note]: { done: 'note', input: 'text', run: (d, a, ref, p) => d.tickets.addLog(a, ref, p.get('text') ?? '', 'public') },
  [ACTION_IDS.notePrivate]: {
    done: 'note_private',
    input: 'text',
    run: (d, a, ref, p) => d.tickets.addLog(a, ref, p.get('text') ?? '', 'private'),
  },
  [ACTION_IDS.link]: {
    done: 'link',
    input: 'incident',
    run: (d, a, ref, p) => d.tickets.linkToIncident(a, ref, p.get('incident') ?? ''),
  },
  [ACTION_IDS.cancel]: { done: 'cancel', input: 'reason', run: (d, a, ref, p) => d.tickets.withdraw(a, ref, p.get('reason') ?? '') },
  ...DUPLICATE_CARD_ACTIONS,
  ...URGENT_CARD_ACTIONS,
  // Problems (issue 14)
  ...PROBLEM_CARD_ACTIONS,
};
