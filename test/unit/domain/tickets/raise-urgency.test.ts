/**
 * The caller's one narrow reclassification (docs/domain.md §1 "raise the urgency"): Urgent on their own request while
 * it is new. Everything else about reclassify stays with the people who may assign.
 */
import { countersFor } from '../../../../src/domain/calendar/calendar-counters';
import { decide, type TicketCommand } from '../../../../src/domain/tickets/lifecycle';
import { openRequest } from '../../../../src/domain/tickets/open';
import { isAllowed } from '../../../../src/domain/tickets/permissions';
import { checkRaiseUrgency } from '../../../../src/domain/tickets/raise-urgency';
import type { Ticket, TicketState } from '../../../../src/domain/tickets/ticket';
import { demoDirectory, WORKDAY_10AM } from '../../../support/demo';

const dir = demoDirectory();
const now = WORKDAY_10AM;
const counter = countersFor(dir);
const CALLER = 'bjxiaoshoua';

function request(state: TicketState = 'new'): Ticket {
  const r = openRequest(
    { caller: CALLER, service: 'BJ-SALES-OPS', subcategory: 'consult', description: '商户A昨天订了1斤葡萄，今天没有送货' },
    { dir, now, entryPoint: 'chat', counter },
  );
  if (!r.ok) throw new Error(r.error.code);
  const t: Ticket = { ...r.value.ticket, id: 7, status: state };
  if (!['new', 'escalated_tto'].includes(state)) Object.assign(t, { agent: 'bjxiaoshouyunying', assignedAt: now });
  return t;
}
const run = (t: Ticket, cmd: TicketCommand, actor: string) => decide(t, cmd, { dir, actor, entryPoint: 'card', now, counter });

describe('raise_urgency permission', () => {
  it.each([
    [CALLER, true],
    ['admin', true],
    ['bjxiaoshoub', false], // another salesperson of the same org
    ['bjxiaoshouyunying', false], // a contact of the team: agents reclassify through `assign`, not this button
    ['bjyunyingzg', false],
  ])('%s → %s', (person, allowed) => {
    expect(isAllowed(dir, person, 'raise_urgency', request())).toBe(allowed);
  });

  it('checkRaiseUrgency: new only, the caller or an administrator, not urgent yet', () => {
    expect(checkRaiseUrgency(dir, CALLER, request()).ok).toBe(true);
    expect(checkRaiseUrgency(dir, 'admin', request()).ok).toBe(true);
    expect(checkRaiseUrgency(dir, 'bjxiaoshoub', request())).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_ALLOWED', details: { action: 'raise_urgency' } } });
    for (const state of ['escalated_tto', 'assigned', 'pending', 'resolved'] as const) {
      expect(checkRaiseUrgency(dir, CALLER, request(state))).toMatchObject({ ok: false, error: { code: 'TICKET.INVALID_TRANSITION', details: { state } } });
    }
    expect(checkRaiseUrgency(dir, CALLER, { ...request(), urgency: 1, priority: 2 })).toMatchObject({ ok: false, error: { code: 'TICKET.ALREADY_URGENT' } });
  });
});

describe('decide: the caller\'s reclassify', () => {
  it('urgency 1 on their new request: priority 2, earlier TTO, recorded as an update by the caller', () => {
    const t = request();
    const d = run(t, { type: 'reclassify', urgency: 1 }, CALLER);
    if (!d.ok) throw new Error(d.error.code);
    expect(d.value.ticket).toMatchObject({ status: 'new', urgency: 1, priority: 2 });
    expect(d.value.ticket.tto.deadline!.getTime()).toBeLessThan(t.tto.deadline!.getTime());
    expect(d.value.events[0]).toMatchObject({ type: 'TicketUpdated', actor: CALLER });
  });

  it.each([
    ['another urgency', { type: 'reclassify', urgency: 2 }, 'new'],
    ['an impact', { type: 'reclassify', impact: 1 }, 'new'],
    ['urgency with an impact', { type: 'reclassify', urgency: 1, impact: 1 }, 'new'],
    ['a service', { type: 'reclassify', service: 'BJ-SALES-OPS', subcategory: 'consult' }, 'new'],
    ['urgency 1 once escalated', { type: 'reclassify', urgency: 1 }, 'escalated_tto'],
    ['urgency 1 once assigned', { type: 'reclassify', urgency: 1 }, 'assigned'],
  ] as Array<[string, TicketCommand, TicketState]>)('refuses %s', (_what, cmd, state) => {
    expect(run(request(state), cmd, CALLER)).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_ALLOWED' } });
  });

  it('refuses another salesperson, and leaves agents\' reclassify as it was', () => {
    expect(run(request(), { type: 'reclassify', urgency: 1 }, 'bjxiaoshoub')).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_ALLOWED' } });
    expect(run(request('assigned'), { type: 'reclassify', urgency: 1 }, 'bjyunyingzg').ok).toBe(true);
  });
});
