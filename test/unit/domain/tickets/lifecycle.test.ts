/**
 * Every (state, action) pair of both classes, allowed and refused, against docs/domain.md §3.1 written out here by
 * hand (not derived from the implementation's table).
 */
import { countersFor } from '../../../../src/domain/calendar/calendar-counters';
import { decide, type TicketCommand } from '../../../../src/domain/tickets/lifecycle';
import { openRequest } from '../../../../src/domain/tickets/open';
import type { Ticket, TicketKind, TicketState } from '../../../../src/domain/tickets/ticket';
import { demoDirectory, WORKDAY_10AM } from '../../../support/demo';

const dir = demoDirectory();
const now = WORKDAY_10AM;
const counter = countersFor(dir);

/** docs/domain.md §3.1: from → action → to. Everything not listed must be refused. */
const EXPECTED: Record<TicketState, Record<string, TicketState>> = {
  new: { assign: 'assigned', claim: 'assigned', escalate_tto: 'escalated_tto', auto_resolve: 'resolved', reclassify: 'new', withdraw: 'closed' },
  escalated_tto: { assign: 'assigned', claim: 'assigned', auto_resolve: 'resolved', reclassify: 'escalated_tto', withdraw: 'closed' },
  assigned: {
    reassign: 'assigned',
    pend: 'pending',
    resolve: 'resolved',
    escalate_ttr: 'escalated_ttr',
    auto_resolve: 'resolved',
    reclassify: 'assigned',
    unassign: 'new',
  },
  escalated_ttr: { reassign: 'assigned', pend: 'pending', resolve: 'resolved', auto_resolve: 'resolved', reclassify: 'escalated_ttr', unassign: 'new' },
  pending: { resume: 'assigned', auto_resolve: 'resolved', reclassify: 'pending', unassign: 'pending' },
  resolved: { close: 'closed', reopen: 'assigned' },
  closed: {},
};

const STATES = Object.keys(EXPECTED) as TicketState[];

/** A BJ-销售运营 request from bjxiaoshoua, moved to `state` with the fields that state implies. */
function ticketIn(state: TicketState, kind: TicketKind): Ticket {
  const opened = openRequest(
    { caller: 'bjxiaoshoua', service: 'BJ-SALES-OPS', subcategory: 'consult', description: '商户A昨天订了1斤葡萄，今天没有送货' },
    { dir, now, entryPoint: 'chat', counter },
  );
  if (!opened.ok) throw new Error(opened.error.code);
  const t: Ticket = { ...opened.value.ticket, id: 7, kind, status: state };
  if (!['new', 'escalated_tto'].includes(state)) Object.assign(t, { agent: 'bjxiaoshouyunying', assignedAt: now });
  if (state === 'pending') t.pendingReason = 'waiting for the warehouse';
  if (state === 'resolved' || state === 'closed') Object.assign(t, { solution: 'redelivered', resolutionCode: 'assistance' });
  return t;
}

/** A valid command of each type, issued by someone allowed to issue it. */
const COMMANDS: Array<{ cmd: TicketCommand; actor: string }> = [
  { cmd: { type: 'assign', team: 'bj-sales-ops', agent: 'bjyunying2' }, actor: 'bjyunyingzg' },
  { cmd: { type: 'claim' }, actor: 'bjyunying2' },
  { cmd: { type: 'reassign', team: 'bj-sales-ops', agent: 'bjyunying2' }, actor: 'bjyunyingzg' },
  { cmd: { type: 'pend', reason: '等待仓库回复' }, actor: 'bjyunyingzg' },
  { cmd: { type: 'resume' }, actor: 'bjyunyingzg' },
  { cmd: { type: 'resolve', solution: '已补发', resolutionCode: 'assistance' }, actor: 'bjyunyingzg' },
  { cmd: { type: 'close', satisfaction: 1, comment: '谢谢' }, actor: 'bjxiaoshoua' },
  { cmd: { type: 'reopen', reason: '还是没有收到' }, actor: 'bjxiaoshoua' },
  { cmd: { type: 'escalate_tto' }, actor: 'system' },
  { cmd: { type: 'escalate_ttr' }, actor: 'system' },
  { cmd: { type: 'auto_resolve', parentRef: 'I-000001' }, actor: 'system' },
  { cmd: { type: 'reclassify', urgency: 1 }, actor: 'bjyunyingzg' },
  { cmd: { type: 'unassign' }, actor: 'system' },
  { cmd: { type: 'withdraw', reason: '已自行解决' }, actor: 'bjxiaoshoua' },
];

describe.each(['request', 'incident'] as const)('lifecycle of a %s', (kind) => {
  const cases = STATES.flatMap((state) => COMMANDS.map((c) => ({ state, ...c, to: EXPECTED[state][c.cmd.type] })));

  it.each(cases)('$state + $cmd.type → $to', ({ state, cmd, actor, to }) => {
    const t = ticketIn(state, kind);
    const d = decide(t, cmd, { dir, actor, entryPoint: 'card', now, counter });
    if (to === undefined) {
      expect(d.ok).toBe(false);
      if (!d.ok) expect(['TICKET.INVALID_TRANSITION', 'TICKET.ALREADY_ASSIGNED']).toContain(d.error.code);
    } else {
      if (!d.ok) throw new Error(`refused: ${d.error.code} ${d.error.message}`);
      expect(d.value.ticket.status).toBe(to);
      expect(d.value.events).toHaveLength(1);
      expect(d.value.changes.find((c) => c.field === 'status')?.to ?? state).toBe(to);
    }
  });
});

describe('transition details', () => {
  const ctx = (actor: string) => ({ dir, actor, entryPoint: 'card' as const, now, counter });
  const later = new Date(now.getTime() + 3600_000);

  it('unassign (staff sync) puts the ticket back in the team queue with TTO re-armed from now', () => {
    const assigned = ticketIn('assigned', 'request');
    const claimed = decide(ticketIn('new', 'request'), { type: 'claim' }, ctx('bjyunying2'));
    if (!claimed.ok) throw new Error(claimed.error.code);
    const d = decide(claimed.value.ticket, { type: 'unassign' }, { ...ctx('system'), now: later });
    if (!d.ok) throw new Error(d.error.code);
    expect(d.value.ticket).toMatchObject({ status: 'new', agent: null, team: assigned.team });
    expect(d.value.ticket.tto).toMatchObject({ state: 'running', lastStart: later, elapsed: 0, goal: assigned.tto.goal });
    expect(d.value.ticket.tto.deadline).toEqual(counter(assigned.tto.calendar).add(later, assigned.tto.goal!));
    expect(d.value.ticket.deadlineVersion).toBe(claimed.value.ticket.deadlineVersion + 1);
    expect(d.value.events[0]).toMatchObject({ type: 'TicketUnassigned', actor: 'system', data: { previousAgent: 'bjyunying2', from: 'assigned', to: 'new' } });
  });

  it('a pending ticket unassigned stays pending without agent; resume then leads to new with TTO re-armed', () => {
    const pending = ticketIn('pending', 'request');
    const u = decide(pending, { type: 'unassign' }, ctx('system'));
    if (!u.ok) throw new Error(u.error.code);
    expect(u.value.ticket).toMatchObject({ status: 'pending', agent: null });
    const r = decide(u.value.ticket, { type: 'resume' }, { ...ctx('bjyunyingzg'), now: later });
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.ticket).toMatchObject({ status: 'new', agent: null });
    expect(r.value.ticket.tto).toMatchObject({ state: 'running', lastStart: later });
    expect(decide(u.value.ticket, { type: 'unassign' }, ctx('system'))).toMatchObject({ ok: false, error: { code: 'TICKET.NO_CHANGE' } });
  });

  it('an unclaimed request is resolved only by the system as a demand conversion (docs/demands.md "Votes")', () => {
    const conversion: TicketCommand = { type: 'resolve', solution: 'D-000001', resolutionCode: 'converted_to_demand', conversion: 'demand' };
    for (const state of ['new', 'escalated_tto'] as const) {
      const d = decide(ticketIn(state, 'request'), conversion, { dir, actor: 'system', entryPoint: 'system', now, counter });
      expect(d).toMatchObject({ ok: true, value: { ticket: { status: 'resolved', solution: 'D-000001', resolutionCode: 'converted_to_demand', agent: null } } });
      // not by a person, not an ordinary resolve, not an incident
      expect(decide(ticketIn(state, 'request'), conversion, { dir, actor: 'bjyunyingzg', entryPoint: 'card', now, counter })).toMatchObject({ ok: false, error: { code: 'TICKET.INVALID_TRANSITION' } });
      const plain: TicketCommand = { type: 'resolve', solution: '已补发', resolutionCode: 'assistance' };
      expect(decide(ticketIn(state, 'request'), plain, { dir, actor: 'system', entryPoint: 'system', now, counter })).toMatchObject({ ok: false, error: { code: 'TICKET.INVALID_TRANSITION' } });
      expect(decide(ticketIn(state, 'incident'), conversion, { dir, actor: 'system', entryPoint: 'system', now, counter })).toMatchObject({ ok: false, error: { code: 'TICKET.INVALID_TRANSITION' } });
    }
  });

  it('claim assigns the claimer on the service team and stops TTO', () => {
    const d = decide(ticketIn('new', 'request'), { type: 'claim' }, ctx('bjyunying2'));
    if (!d.ok) throw new Error(d.error.code);
    expect(d.value.ticket).toMatchObject({ agent: 'bjyunying2', team: 'bj-sales-ops', assignedAt: now });
    expect(d.value.ticket.tto.state).toBe('stopped');
    expect(d.value.ticket.ttr.state).toBe('running');
    expect(d.value.events[0]).toMatchObject({ type: 'TicketAssigned', actor: 'bjyunying2', data: { agent: 'bjyunying2' } });
  });

  it('a second claim is refused naming the winner', () => {
    const d = decide(ticketIn('assigned', 'request'), { type: 'claim' }, ctx('bjyunying2'));
    expect(d).toMatchObject({ ok: false, error: { code: 'TICKET.ALREADY_ASSIGNED', details: { agent: 'bjxiaoshouyunying' } } });
  });

  it.each([
    [{ type: 'pend', reason: '  ' }, 'reason'],
    [{ type: 'resolve', solution: '', resolutionCode: 'assistance' }, 'solution'],
    [{ type: 'reopen', reason: '' }, 'reason'],
  ] as Array<[TicketCommand, string]>)('%j requires %s', (cmd, field) => {
    const state: TicketState = cmd.type === 'reopen' ? 'resolved' : 'assigned';
    const d = decide(ticketIn(state, 'request'), cmd, ctx(cmd.type === 'reopen' ? 'bjxiaoshoua' : 'bjxiaoshouyunying'));
    expect(d).toMatchObject({ ok: false, error: { code: 'TICKET.FIELD_REQUIRED', details: { field } } });
  });

  it('refuses an unknown resolution code and a satisfaction outside 1–4', () => {
    const r = decide(ticketIn('assigned', 'request'), { type: 'resolve', solution: 'x', resolutionCode: 'magic' }, ctx('bjxiaoshouyunying'));
    expect(r).toMatchObject({ ok: false, error: { code: 'TICKET.BAD_RESOLUTION_CODE' } });
    const c = decide(ticketIn('resolved', 'request'), { type: 'close', satisfaction: 5 }, ctx('bjxiaoshoua'));
    expect(c).toMatchObject({ ok: false, error: { code: 'TICKET.BAD_SATISFACTION' } });
  });

  it('pending pauses TTR (time kept) and resume restarts it with a later deadline', () => {
    const assigned = ticketIn('assigned', 'request');
    const p = decide(assigned, { type: 'pend', reason: '等待' }, { ...ctx('bjxiaoshouyunying'), now: later });
    if (!p.ok) throw new Error(p.error.code);
    expect(p.value.ticket.ttr).toMatchObject({ state: 'paused', elapsed: 3600, deadline: null });
    const resumedAt = new Date(later.getTime() + 2 * 3600_000);
    const r = decide({ ...p.value.ticket, version: 2 }, { type: 'resume' }, { ...ctx('bjxiaoshouyunying'), now: resumedAt });
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.ticket.ttr.state).toBe('running');
    expect(r.value.ticket.ttr.deadline!.getTime()).toBeGreaterThan(assigned.ttr.deadline!.getTime());
    expect(r.value.ticket.deadlineVersion).toBe(p.value.ticket.deadlineVersion + 1);
  });

  it('resolve stops both clocks; reopen resumes TTR where it stopped, with the same agent', () => {
    const res = decide(ticketIn('assigned', 'request'), { type: 'resolve', solution: '已补发', resolutionCode: 'assistance' }, {
      ...ctx('bjxiaoshouyunying'),
      now: later,
    });
    if (!res.ok) throw new Error(res.error.code);
    expect(res.value.ticket.ttr).toMatchObject({ state: 'stopped', elapsed: 3600 });
    const re = decide(res.value.ticket, { type: 'reopen', reason: '没收到' }, { ...ctx('bjxiaoshoua'), now: later });
    if (!re.ok) throw new Error(re.error.code);
    expect(re.value.ticket).toMatchObject({ status: 'assigned', agent: 'bjxiaoshouyunying', solution: null });
    expect(re.value.ticket.ttr).toMatchObject({ state: 'running', elapsed: 3600 });
  });

  it('auto-resolve from a parent stops TTO even in escalated_tto and says where it came from', () => {
    const d = decide(ticketIn('escalated_tto', 'request'), { type: 'auto_resolve', parentRef: 'I-000009' }, ctx('system'));
    if (!d.ok) throw new Error(d.error.code);
    expect(d.value.ticket).toMatchObject({ status: 'resolved', solution: 'I-000009', resolutionCode: 'incident' });
    expect(d.value.ticket.tto.state).toBe('stopped');
    expect(d.value.ticket.ttr.state).toBe('stopped');
  });

  it('reclassify to a higher priority moves the deadlines earlier and bumps the deadline version', () => {
    const t = ticketIn('new', 'request');
    const d = decide(t, { type: 'reclassify', urgency: 1 }, ctx('bjyunyingzg'));
    if (!d.ok) throw new Error(d.error.code);
    expect(d.value.ticket.priority).toBe(2);
    expect(d.value.ticket.tto.goal).toBe(30 * 60);
    expect(d.value.ticket.tto.deadline!.getTime()).toBeLessThan(t.tto.deadline!.getTime());
    expect(d.value.ticket.deadlineVersion).toBe(t.deadlineVersion + 1);
    expect(d.value.events[0]!.type).toBe('TicketUpdated');
    const bad = decide(t, { type: 'reclassify', service: 'GZ-IT', subcategory: 'hardware' }, ctx('bjyunyingzg'));
    expect(bad).toMatchObject({ ok: false, error: { code: 'SERVICE.NOT_CONTRACTED' } });
  });

  it('history lists old → new for every changed field', () => {
    const d = decide(ticketIn('new', 'request'), { type: 'assign', team: 'bj-sales-ops', agent: 'bjyunying2' }, ctx('bjyunyingzg'));
    if (!d.ok) throw new Error(d.error.code);
    expect(d.value.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', from: 'new', to: 'assigned' },
        { field: 'agent', from: null, to: 'bjyunying2' },
      ]),
    );
  });
});
