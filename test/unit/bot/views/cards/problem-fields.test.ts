/** Problems on ticket cards (docs/domain.md §9): the Make problem button, the problem field, a problem's fields. */
import { renderTicketCard } from '../../../../../src/bot/views/cards/render-ticket-card';
import { refOfCardId } from '../../../../../src/bot/views/cards/card-ids';
import { countersFor } from '../../../../../src/domain/calendar/calendar-counters';
import { openRequest } from '../../../../../src/domain/tickets/open';
import { openProblem } from '../../../../../src/domain/tickets/open-problem';
import type { Ticket } from '../../../../../src/domain/tickets/ticket';
import { demoDirectory, WORKDAY_10AM } from '../../../../support/demo';

const dir = demoDirectory();
const now = WORKDAY_10AM;
const counter = countersFor(dir);
const PM = '1000000370';
const CONTACT = '1000000333';
const ADMIN = '1000000703';
const CALLER = '1000000259';

function request(): Ticket {
  const r = openRequest({ caller: 'bjxiaoshoua', service: 'BJ-SALES-OPS', subcategory: 'consult', description: '下午的订单什么时候送到' }, { dir, now, entryPoint: 'chat', counter });
  if (!r.ok) throw new Error(r.error.code);
  return { ...r.value.ticket, id: 12 };
}
const actionsOf = (t: Ticket, viewer: string) => renderTicketCard(t, dir, [viewer], 'zh-CN').privateActions[viewer]!.map((a) => a.action);

describe('problems on ticket cards', () => {
  it('Make problem: for a problem manager of a serving team only, while the ticket may be gathered', () => {
    const t = request();
    expect(actionsOf(t, PM)).toContain('ticket.make_problem');
    for (const v of [CONTACT, ADMIN, CALLER]) expect(actionsOf(t, v)).not.toContain('ticket.make_problem');
    expect(actionsOf({ ...t, problem: 31 }, PM)).not.toContain('ticket.make_problem');
    expect(actionsOf({ ...t, status: 'closed' }, PM)).not.toContain('ticket.make_problem');
  });

  it('a linked ticket names its problem; a problem shows root cause and workaround; P- card ids', () => {
    const fields = renderTicketCard({ ...request(), problem: 31 }, dir, [CALLER], 'en').fields;
    expect(fields).toEqual(expect.arrayContaining([{ label: 'Problem', value: 'P-000031' }]));
    const p = openProblem({ actor: 'zbshangchengcp', tickets: [request()] }, { dir, now, entryPoint: 'chat', counter });
    if (!p.ok) throw new Error(p.error.code);
    const resolved: Ticket = { ...p.value.ticket, id: 31, status: 'resolved', rootCause: '仓库下午不排车', workaround: '次日上午送达' };
    const view = renderTicketCard(resolved, dir, [PM], 'zh-CN');
    expect(view.fields).toEqual(expect.arrayContaining([{ label: '根本原因', value: '仓库下午不排车' }, { label: '临时方案', value: '次日上午送达' }]));
    expect(view.privateActions[PM]!.map((a) => a.action)).toEqual(expect.arrayContaining(['ticket.close', 'ticket.reopen']));
    expect(view.privateActions[PM]!.map((a) => a.action)).not.toContain('ticket.make_problem');
    expect(refOfCardId('P-000031')).toBe('P-000031');
  });

  it('Add to problem / Remove from problem on a request\'s card: problem managers of a serving team only', () => {
    const t = request();
    const pm = renderTicketCard(t, dir, [PM], 'en').privateActions[PM]!;
    expect(pm.find((a) => a.action === 'problem.link')).toMatchObject({ label: 'Add to problem', input: 'problem' });
    expect(pm.map((a) => a.action)).not.toContain('problem.unlink');
    const linked = actionsOf({ ...t, problem: 31 }, PM);
    expect(linked).toContain('problem.unlink');
    expect(linked).not.toContain('problem.link');
    for (const v of [CONTACT, ADMIN, CALLER]) {
      expect(actionsOf(t, v)).not.toContain('problem.link');
      expect(actionsOf({ ...t, problem: 31 }, v)).not.toContain('problem.unlink');
    }
  });

  it('a problem\'s card: Resolve problem, Link a ticket, Unlink a ticket for its team\'s problem managers and administrators', () => {
    const p = openProblem({ actor: 'zbshangchengcp', tickets: [request()] }, { dir, now, entryPoint: 'chat', counter });
    if (!p.ok) throw new Error(p.error.code);
    const problem: Ticket = { ...p.value.ticket, id: 31 };
    const pm = renderTicketCard(problem, dir, [PM], 'zh-CN').privateActions[PM]!;
    expect(pm.filter((a) => a.action.startsWith('problem.')).map((a) => [a.action, a.label, a.input])).toEqual([
      ['problem.resolve', '解决问题', ''],
      ['problem.link', '关联工单', ''],
      ['problem.unlink', '移出工单', ''],
    ]);
    // the request's Resolve (solution + code) is never offered on a problem
    expect(pm.map((a) => a.action)).not.toContain('ticket.resolve');
    expect(actionsOf(problem, ADMIN)).toEqual(expect.arrayContaining(['problem.resolve', 'problem.link', 'problem.unlink']));
    for (const v of [CONTACT, CALLER]) expect(actionsOf(problem, v).filter((a) => a.startsWith('problem.'))).toEqual([]);
    // pending: no Resolve; closed: nothing
    expect(actionsOf({ ...problem, status: 'pending' }, PM).filter((a) => a.startsWith('problem.'))).toEqual(['problem.link', 'problem.unlink']);
    expect(actionsOf({ ...problem, status: 'closed' }, PM).filter((a) => a.startsWith('problem.'))).toEqual([]);
  });
});
