/**
 * Problems (docs/domain.md §9): every (state, command) pair of the problem lifecycle, allowed and refused, written
 * out here by hand; who may act on a problem; how a problem opens.
 */
import { countersFor } from '../../../../src/domain/calendar/calendar-counters';
import { decide, type TicketCommand } from '../../../../src/domain/tickets/lifecycle';
import { openRequest } from '../../../../src/domain/tickets/open';
import { openProblem } from '../../../../src/domain/tickets/open-problem';
import { isAllowed, type TicketPermission } from '../../../../src/domain/tickets/permissions';
import { formatRef, parseRef, type Ticket, type TicketState } from '../../../../src/domain/tickets/ticket';
import { demoDirectory, WORKDAY_10AM } from '../../../support/demo';

const dir = demoDirectory();
const now = WORKDAY_10AM;
const counter = countersFor(dir);
const octx = (actor: string) => ({ dir, now, entryPoint: 'card' as const, counter, actor });

/**
 * docs/domain.md §9: new → assigned → pending ↔ assigned → resolved → closed; resolved → assigned on reopen; the
 * staff sync's unassign (the agent left) as for requests.
 */
const EXPECTED: Record<TicketState, Record<string, TicketState>> = {
  new: { assign: 'assigned', claim: 'assigned' },
  escalated_tto: {},
  assigned: { reassign: 'assigned', pend: 'pending', resolve_problem: 'resolved', unassign: 'new' },
  escalated_ttr: {},
  pending: { resume: 'assigned', unassign: 'pending' },
  resolved: { close: 'closed', reopen: 'assigned' },
  closed: {},
};
const STATES = Object.keys(EXPECTED) as TicketState[];

function request(id: number, caller = 'bjxiaoshoua', text = '商户A昨天订了1斤葡萄，今天没有送货'): Ticket {
  const opened = openRequest({ caller, service: 'BJ-SALES-OPS', subcategory: 'consult', description: text }, { dir, now, entryPoint: 'chat', counter });
  if (!opened.ok) throw new Error(opened.error.code);
  return { ...opened.value.ticket, id, createdAt: new Date(now.getTime() + id * 1000) };
}

/** A problem of BJ-SALES-OPS requests made by the mall product manager (team bj-product-mall), in `state`. */
function problemIn(state: TicketState): Ticket {
  const opened = openProblem({ actor: 'zbshangchengcp', tickets: [request(1)] }, octx('zbshangchengcp'));
  if (!opened.ok) throw new Error(opened.error.code);
  const t: Ticket = { ...opened.value.ticket, id: 9, status: state };
  if (state === 'new') t.agent = null;
  if (state === 'pending') t.pendingReason = '等待仓库排查';
  if (state === 'resolved' || state === 'closed') Object.assign(t, { rootCause: '仓库排班漏单', workaround: '请运营补发' });
  return t;
}

const COMMANDS: Array<{ cmd: TicketCommand; actor: string }> = [
  { cmd: { type: 'assign', team: 'bj-product-mall', agent: 'zbshangchengcp' }, actor: 'admin' },
  { cmd: { type: 'claim' }, actor: 'zbshangchengcp' },
  { cmd: { type: 'reassign', team: 'bj-sales-ops', agent: 'bjyunying2' }, actor: 'admin' },
  { cmd: { type: 'pend', reason: '等待仓库排查' }, actor: 'zbshangchengcp' },
  { cmd: { type: 'resume' }, actor: 'zbshangchengcp' },
  { cmd: { type: 'resolve', solution: '已补发', resolutionCode: 'assistance' }, actor: 'zbshangchengcp' },
  { cmd: { type: 'resolve_problem', rootCause: '仓库排班漏单', workaround: '请运营补发' }, actor: 'zbshangchengcp' },
  { cmd: { type: 'close' }, actor: 'zbshangchengcp' },
  { cmd: { type: 'reopen', reason: '又出现了' }, actor: 'zbshangchengcp' },
  { cmd: { type: 'escalate_tto' }, actor: 'system' },
  { cmd: { type: 'escalate_ttr' }, actor: 'system' },
  { cmd: { type: 'auto_resolve', parentRef: 'I-000001' }, actor: 'system' },
  { cmd: { type: 'reclassify', urgency: 1 }, actor: 'admin' },
  { cmd: { type: 'unassign' }, actor: 'system' },
  { cmd: { type: 'withdraw', reason: '不需要了' }, actor: 'zbshangchengcp' },
];

describe('lifecycle of a problem', () => {
  const cases = STATES.flatMap((state) => COMMANDS.map((c) => ({ state, ...c, to: EXPECTED[state][c.cmd.type] })));

  it.each(cases)('$state + $cmd.type → $to', ({ state, cmd, actor, to }) => {
    const t = problemIn(state);
    const d = decide(t, cmd, { dir, actor, entryPoint: 'card', now, counter });
    if (to === undefined) {
      expect(d.ok).toBe(false);
      if (!d.ok) expect(['TICKET.INVALID_TRANSITION', 'TICKET.ALREADY_ASSIGNED']).toContain(d.error.code);
    } else {
      if (!d.ok) throw new Error(`refused: ${d.error.code} ${d.error.message}`);
      expect(d.value.ticket.status).toBe(to);
      expect(d.value.events).toHaveLength(1);
    }
  });

  it('the request commands that have no problem row are refused on requests too (resolve_problem)', () => {
    const r = { ...request(3), status: 'assigned' as const, agent: 'bjxiaoshouyunying' };
    const d = decide(r, { type: 'resolve_problem', rootCause: 'x', workaround: 'y' }, { dir, actor: 'bjxiaoshouyunying', entryPoint: 'card', now, counter });
    expect(d).toMatchObject({ ok: false, error: { code: 'TICKET.INVALID_TRANSITION' } });
  });
});

describe('resolving a problem', () => {
  const ctx = (actor: string) => ({ dir, actor, entryPoint: 'card' as const, now, counter });

  it('records root cause, workaround and solution, and logs them', () => {
    const d = decide(problemIn('assigned'), { type: 'resolve_problem', rootCause: ' 仓库排班漏单 ', workaround: '请运营补发', solution: '' }, ctx('zbshangchengcp'));
    if (!d.ok) throw new Error(d.error.code);
    expect(d.value.ticket).toMatchObject({ status: 'resolved', rootCause: '仓库排班漏单', workaround: '请运营补发', solution: null, resolvedAt: now });
    expect(d.value.changes).toEqual(expect.arrayContaining([{ field: 'rootCause', from: null, to: '仓库排班漏单' }]));
    expect(d.value.events[0]).toMatchObject({ type: 'TicketResolved', data: { workaround: '请运营补发', rootCause: '仓库排班漏单' } });
  });

  it.each([
    [{ rootCause: '', workaround: 'w' }, 'root_cause'],
    [{ rootCause: 'r', workaround: ' ', solution: '' }, 'workaround'],
  ])('%j is refused naming %s', (fields, field) => {
    const d = decide(problemIn('assigned'), { type: 'resolve_problem', ...fields }, ctx('zbshangchengcp'));
    expect(d).toMatchObject({ ok: false, error: { code: 'TICKET.FIELD_REQUIRED', details: { field } } });
  });

  it('the system may resolve a problem (a change that fixed it); a solution alone is enough', () => {
    const d = decide(problemIn('assigned'), { type: 'resolve_problem', rootCause: '配置错误', solution: 'C-000042' }, ctx('system'));
    expect(d).toMatchObject({ ok: true, value: { ticket: { status: 'resolved', solution: 'C-000042', workaround: null } } });
  });
});

describe('who may act on a problem', () => {
  const PERMS: TicketPermission[] = ['claim', 'assign', 'pend', 'resume', 'resolve', 'close', 'reopen'];
  it.each(PERMS)('%s: the team\'s problem manager and an administrator; nobody else', (perm) => {
    const p = problemIn('assigned');
    expect(isAllowed(dir, 'zbshangchengcp', perm, p)).toBe(true);
    expect(isAllowed(dir, 'admin', perm, p)).toBe(perm !== 'claim');
    for (const other of ['bjxiaoshoua', 'bjxiaoshouyunying', 'bjyunyingzg', 'zbshangchengyf', 'jtzj']) {
      expect(isAllowed(dir, other, perm, p)).toBe(false);
    }
  });

  it('a refused click changes nothing: decide answers TICKET.NOT_ALLOWED', () => {
    const d = decide(problemIn('assigned'), { type: 'resolve_problem', rootCause: 'r', workaround: 'w' }, octx('bjxiaoshouyunying'));
    expect(d).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_ALLOWED' } });
  });
});

describe('opening a problem', () => {
  it('takes service, subcategory and org from the earliest ticket; team and assignee are the maker\'s', () => {
    const later = request(5, 'bjxiaoshoub', '送货又晚了');
    const earliest = request(2);
    const d = openProblem({ actor: 'zbshangchengcp', tickets: [later, earliest] }, octx('zbshangchengcp'));
    if (!d.ok) throw new Error(d.error.code);
    expect(d.value.ticket).toMatchObject({
      kind: 'problem',
      title: earliest.title,
      service: 'BJ-SALES-OPS',
      org: 'bj-sales',
      team: 'bj-product-mall',
      agent: 'zbshangchengcp',
      status: 'assigned',
    });
    // the demo has no SLT row of request type problem: no deadlines; TTO met at the assignment (docs/domain.md §9)
    expect(d.value.ticket.tto).toMatchObject({ state: 'stopped', goal: null, deadline: null });
    expect(d.value.ticket.ttr).toMatchObject({ goal: null, deadline: null });
    expect(d.value.events[0]).toMatchObject({ type: 'TicketCreated', data: { tickets: [formatRef('request', 5), formatRef('request', 2)] } });
  });

  it('an administrator of none of the teams opens it unassigned in the service\'s team', () => {
    const d = openProblem({ actor: 'admin', tickets: [request(2)], title: '送货延误' }, octx('admin'));
    expect(d).toMatchObject({ ok: true, value: { ticket: { status: 'new', agent: null, team: 'bj-sales-ops', title: '送货延误' } } });
  });

  it.each(['bjxiaoshouyunying', 'bjxiaoshoua', 'zbshangchengyf'])('refuses %s (not a problem manager)', (who) => {
    expect(openProblem({ actor: who, tickets: [request(2)] }, octx(who))).toMatchObject({ ok: false, error: { code: 'PROBLEM.NOT_ALLOWED' } });
  });

  it('refuses closed tickets, tickets of a problem already, mixed services and problems', () => {
    const mk = (tickets: Ticket[]) => openProblem({ actor: 'zbshangchengcp', tickets }, octx('zbshangchengcp'));
    expect(mk([{ ...request(2), status: 'closed' }])).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_OPEN' } });
    expect(mk([{ ...request(2), problem: 9 }])).toMatchObject({ ok: false, error: { code: 'PROBLEM.ALREADY_LINKED', details: { problem: 'P-000009' } } });
    expect(mk([request(2), { ...request(3), service: 'BJ-IT' }])).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_SIMILAR' } });
    expect(mk([problemIn('assigned')])).toMatchObject({ ok: false, error: { code: 'PROBLEM.NOT_A_TICKET' } });
    expect(mk([])).toMatchObject({ ok: false, error: { code: 'TICKET.FIELD_REQUIRED' } });
  });

  it('P- refs parse and format in the shared sequence', () => {
    expect(formatRef('problem', 12)).toBe('P-000012');
    expect(parseRef('p-12')).toEqual({ kind: 'problem', id: 12 });
  });
});
