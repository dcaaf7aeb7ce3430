/**
 * A child request resolved with its incident (docs/domain.md §3.1 "Auto-resolved children"): it takes the incident's
 * solution, code `incident` and the incident's agent; reopened, it goes back to its team's queue (state `new`, no
 * agent, unlinked from the incident) so an agent can claim it; the `reopened` and `closed` rows reach a person.
 */
import { countersFor } from '../../../../src/domain/calendar/calendar-counters';
import { resolveRecipients } from '../../../../src/domain/notifications/resolve-recipients';
import { checkCommand, decide } from '../../../../src/domain/tickets/lifecycle';
import { openRequest } from '../../../../src/domain/tickets/open';
import type { Ticket } from '../../../../src/domain/tickets/ticket';
import { demoDirectory, WORKDAY_10AM } from '../../../support/demo';
import { shippedTable } from '../notifications/trigger-table-fixtures';

const dir = demoDirectory();
const table = shippedTable(dir);
const counter = countersFor(dir);
const now = WORKDAY_10AM;
const later = new Date(now.getTime() + 3600_000);

function child(): Ticket {
  const r = openRequest(
    { caller: 'gzxiaoshoua', service: 'BJ-MALL-PRODUCT', subcategory: 'bug', description: '下单失败了，客户付不了款' },
    { dir, now, entryPoint: 'chat', counter },
  );
  if (!r.ok) throw new Error(r.error.code);
  return { ...r.value.ticket, id: 2, parent: 6 };
}
const incident = { ref: 'I-000006', solution: '修复了支付回调，已发布', agent: 'zbshangchengcp', team: 'bj-product-mall' };
const sys = { dir, actor: 'system', entryPoint: 'system' as const, now, counter };

function autoResolved(): Ticket {
  const d = decide(child(), { type: 'auto_resolve', parentRef: incident.ref, solution: incident.solution, agent: incident.agent, team: incident.team }, sys);
  if (!d.ok) throw new Error(d.error.code);
  return { ...d.value.ticket, version: 2 };
}

describe('a child resolved with its incident', () => {
  it('gets the incident\'s own solution, the system code `incident` and the incident\'s agent (defect 3)', () => {
    const t = autoResolved();
    expect(t.solution).toBe(incident.solution);
    expect(t.solution).not.toMatch(/Automatically/);
    expect(t.resolutionCode).toBe('incident');
    expect(t.agent).toBe('zbshangchengcp');
  });

  it('reopened by its caller, goes back to its team\'s queue: new, no agent, unlinked, claimable (defect 1)', () => {
    const d = decide(autoResolved(), { type: 'reopen', reason: '还是不能付款' }, { ...sys, actor: 'gzxiaoshoua', entryPoint: 'card', now: later });
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    const t = d.value.ticket;
    expect([t.status, t.agent, t.parent, t.team]).toEqual(['new', null, null, 'bj-product-mall']);
    expect(t.ttr.state).toBe('running');
    expect(checkCommand(t, { type: 'claim' }, dir, 'zbshangchengcp').ok).toBe(true);
    // The `reopened` notice reaches a person: the team's contacts or lead, never "skipped nobody:assignee" alone.
    const r = resolveRecipients(table, 'reopened', t, dir, { actor: 'gzxiaoshoua' });
    expect(r.recipients.map((x) => x.personId).length).toBeGreaterThan(0);
  });

  it('an ordinary reopen still goes back to its agent', () => {
    const base = child();
    const t: Ticket = { ...base, parent: null, status: 'resolved', agent: 'zbshangchengcp', solution: 'x', resolutionCode: 'bug_fixed' };
    const d = decide(t, { type: 'reopen', reason: '还是不行' }, { ...sys, actor: 'gzxiaoshoua', entryPoint: 'card' });
    expect(d.ok && [d.value.ticket.status, d.value.ticket.agent]).toEqual(['assigned', 'zbshangchengcp']);
  });

  it('closed 不满意 by its caller: the notice reaches a person (defect 2)', () => {
    const t = { ...child(), status: 'resolved' as const, agent: null, solution: 'x', resolutionCode: 'other' as const };
    const d = decide(t, { type: 'close', satisfaction: 4 }, { ...sys, actor: 'gzxiaoshoua', entryPoint: 'card' });
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    const r = resolveRecipients(table, 'closed', d.value.ticket, dir, { actor: 'gzxiaoshoua' });
    expect(r.recipients.map((x) => x.personId)).toContain('zbshangchengcp'); // bj-product-mall's lead
  });
});

describe('withdraw (docs/domain.md §3.1)', () => {
  const ctx = (actor: string) => ({ ...sys, actor, entryPoint: 'chat' as const });
  const fresh = () => ({ ...child(), parent: null });

  it('the caller withdraws an unclaimed request with a reason: closed, code cancelled, clocks stopped, no notice', () => {
    const d = decide(fresh(), { type: 'withdraw', reason: '已自行解决' }, ctx('gzxiaoshoua'));
    if (!d.ok) throw new Error(d.error.code);
    expect([d.value.ticket.status, d.value.ticket.resolutionCode]).toEqual(['closed', 'cancelled']);
    expect([d.value.ticket.tto.state, d.value.ticket.ttr.state]).toEqual(['stopped', 'stopped']);
    expect(d.value.log).toEqual({ visibility: 'public', text: '已自行解决' });
    expect(d.value.events[0]).toMatchObject({ type: 'TicketClosed', data: { withdrawn: true } });
  });

  it('needs a reason; only the caller; not once claimed (naming who has it)', () => {
    expect(decide(fresh(), { type: 'withdraw', reason: ' ' }, ctx('gzxiaoshoua'))).toMatchObject({ ok: false, error: { code: 'TICKET.FIELD_REQUIRED' } });
    expect(decide(fresh(), { type: 'withdraw', reason: 'x' }, ctx('bjxiaoshoua'))).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_ALLOWED' } });
    const claimed = { ...fresh(), status: 'assigned' as const, agent: 'zbshangchengcp' };
    expect(decide(claimed, { type: 'withdraw', reason: 'x' }, ctx('gzxiaoshoua'))).toMatchObject({
      ok: false,
      error: { code: 'TICKET.ALREADY_ASSIGNED', details: { agent: 'zbshangchengcp' } },
    });
  });
});

describe('an incident resolved (defect 5)', () => {
  it('its own caller gets no notice for the incident (they hold no incident card): their request\'s notice is theirs', () => {
    const t: Ticket = { ...child(), kind: 'incident', requestType: 'incident', parent: null, status: 'resolved', agent: 'zbshangchengcp', solution: 'x' };
    expect(resolveRecipients(table, 'resolved', t, dir, { actor: 'zbshangchengcp' }).recipients).toEqual([]);
    const theirs = { ...child(), status: 'resolved' as const, agent: 'zbshangchengcp' };
    expect(resolveRecipients(table, 'resolved', theirs, dir, { actor: null }).recipients.map((r) => r.personId)).toEqual(['gzxiaoshoua']);
  });
});
