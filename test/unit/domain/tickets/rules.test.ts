/** Eligibility, permissions, SLT lookup and opening rules on the demo directory (the seed's company). */
import { countersFor } from '../../../../src/domain/calendar/calendar-counters';
import { checkAssignmentTarget, checkCanFile, eligibleOfferings } from '../../../../src/domain/directory/eligibility';
import { decide } from '../../../../src/domain/tickets/lifecycle';
import { openIncident, openRequest, titleFromText } from '../../../../src/domain/tickets/open';
import { isAllowed } from '../../../../src/domain/tickets/permissions';
import { priorityOf } from '../../../../src/domain/tickets/priority';
import { lookupSlt } from '../../../../src/domain/tickets/slt';
import { formatRef, parseRef, type Ticket } from '../../../../src/domain/tickets/ticket';
import { demoDirectory, WORKDAY_10AM } from '../../../support/demo';

const dir = demoDirectory();
const now = WORKDAY_10AM;
const ctx = { dir, now, entryPoint: 'chat' as const, counter: countersFor(dir) };

function open(caller: string, service: string, subcategory: string, description = '测试'): Ticket {
  const r = openRequest({ caller, service, subcategory, description }, ctx);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return { ...r.value.ticket, id: 12 };
}

describe('who may file what (demo directory)', () => {
  const offered = (person: string) =>
    eligibleOfferings(dir, dir.person(person)!, now).map((o) => `${o.service.code}/${o.subcategory.code}`);

  it('bjxiaoshoua may file BJ-销售运营 and BJ-IT but not GZ-IT', () => {
    expect(offered('bjxiaoshoua')).toEqual(expect.arrayContaining(['BJ-SALES-OPS/consult', 'BJ-IT/hardware']));
    expect(offered('bjxiaoshoua').some((s) => s.startsWith('GZ-IT/'))).toBe(false);
    const r = openRequest({ caller: 'bjxiaoshoua', service: 'GZ-IT', subcategory: 'hardware', description: '电脑坏了' }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'SERVICE.NOT_CONTRACTED' } });
  });

  it('kehua has no contracted service', () => {
    expect(checkCanFile(dir, 'kehua', now)).toMatchObject({ ok: false, error: { code: 'ORG.NO_CONTRACT' } });
  });

  it('the obsolete GZ contract and the out-of-date one grant nothing', () => {
    expect(offered('gzxiaoshoua').some((s) => s.startsWith('BJ-QA/'))).toBe(false);
    expect(offered('gzxiaoshoua').some((s) => s.startsWith('BJ-IT/'))).toBe(false);
    expect(offered('gzxiaoshoua')).toContain('GZ-IT/hardware');
  });

  it('a contract counts only within its dates (end inclusive, in the directory zone)', () => {
    const d = demoDirectory((data) => {
      const c = data.contracts.find((x) => x.code === 'GZ-IT')!;
      c.end = '2026-12-02';
    });
    const caller = d.person('gzxiaoshoua')!;
    // 2026-12-02 23:30 Shanghai is still the last day; 2026-12-03 00:30 is not.
    expect(eligibleOfferings(d, caller, new Date('2026-12-02T15:30:00Z')).some((o) => o.service.code === 'GZ-IT')).toBe(true);
    expect(eligibleOfferings(d, caller, new Date('2026-12-02T16:30:00Z')).some((o) => o.service.code === 'GZ-IT')).toBe(false);
  });

  it('unknown and inactive people get coded errors', () => {
    expect(checkCanFile(dir, 'nobody', now)).toMatchObject({ ok: false, error: { code: 'PERSON.UNKNOWN' } });
    const d = demoDirectory((data) => {
      data.people.find((p) => p.id === 'bjxiaoshoua')!.status = 'inactive';
    });
    expect(checkCanFile(d, 'bjxiaoshoua', now)).toMatchObject({ ok: false, error: { code: 'PERSON.INACTIVE' } });
  });

  it('an obsolete subcategory or service cannot be filed', () => {
    const d = demoDirectory((data) => {
      data.services.find((s) => s.code === 'BJ-IT')!.subcategories[0]!.status = 'obsolete';
    });
    const r = openRequest({ caller: 'bjxiaoshoua', service: 'BJ-IT', subcategory: 'hardware', description: '蓝屏' }, { ...ctx, dir: d });
    expect(r).toMatchObject({ ok: false, error: { code: 'SERVICE.NOT_CONTRACTED' } });
  });
});

describe('assignment targets', () => {
  it('a gz-sales ticket cannot go to team bj-it', () => {
    expect(checkAssignmentTarget(dir, 'gz-sales', 'bj-it', 'zbit')).toMatchObject({
      ok: false,
      error: { code: 'TEAM.NOT_IN_DELIVERY_MODEL', details: { deliveryModel: 'dm-gz' } },
    });
    expect(checkAssignmentTarget(dir, 'gz-sales', 'bj-ops', 'zbyw').ok).toBe(true);
  });

  it('the agent must be an active member of the target team', () => {
    expect(checkAssignmentTarget(dir, 'bj-sales', 'bj-sales-ops', 'zbit')).toMatchObject({
      ok: false,
      error: { code: 'TEAM.NOT_A_MEMBER' },
    });
  });

  it('a delivery model is inherited from the nearest ancestor', () => {
    expect(dir.deliveryModelFor('bj-sales')?.code).toBe('dm-group');
    expect(dir.deliveryModelFor('gz-sales-ops')?.code).toBe('dm-gz');
    expect(dir.deliveryModelFor('customers')).toBeUndefined();
  });
});

describe('permissions', () => {
  const t = () => ({ ...open('bjxiaoshoua', 'BJ-SALES-OPS', 'consult'), status: 'assigned' as const, agent: 'bjxiaoshouyunying' });

  it('a portal user cannot resolve', () => {
    const d = decide(t(), { type: 'resolve', solution: 'x', resolutionCode: 'other' }, { ...ctx, actor: 'bjxiaoshoua', entryPoint: 'card' });
    expect(d).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_ALLOWED' } });
  });

  it('a support agent of another team cannot claim', () => {
    const fresh = open('bjxiaoshoua', 'BJ-SALES-OPS', 'consult');
    const d = decide(fresh, { type: 'claim' }, { ...ctx, actor: 'zbit', entryPoint: 'card' });
    expect(d).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_ALLOWED' } });
    expect(decide(fresh, { type: 'claim' }, { ...ctx, actor: 'bjyunying2', entryPoint: 'card' }).ok).toBe(true);
  });

  it.each([
    ['pend', 'bjxiaoshouyunying', true], // assignee
    ['pend', 'bjyunyingzg', true], // lead of the team
    ['pend', 'bjyunying2', false], // another member
    ['pend', 'admin', true],
    ['close', 'bjxiaoshoua', true], // caller
    ['close', 'bjxiaoshoub', false], // a colleague without power-user
    ['close', 'bjxiaoshouyunying', false], // the agent
    ['view', 'bjxiaoshoub', false],
    ['view', 'zbit', true], // agent of the delivery model
    ['view', 'gzit', false], // agent outside the delivery model
    ['link', 'bjxiaoshouyunying', true],
    ['link', 'bjxiaoshoua', false],
    ['note_public', 'bjxiaoshoua', true],
    ['note_private', 'bjxiaoshoua', false],
    ['assign', 'bjyunyingzg', true],
    ['assign', 'zbit', false],
  ] as const)('%s by %s → %s', (what, who, allowed) => {
    expect(isAllowed(dir, who, what, t())).toBe(allowed);
  });

  it('a portal power user of the caller org may close; a lead who was notified may assign', () => {
    const d = demoDirectory((data) => {
      data.people.find((p) => p.id === 'bjxiaoshoub')!.profiles.push('portal_power_user');
    });
    expect(isAllowed(d, 'bjxiaoshoub', 'close', t())).toBe(true);
    expect(isAllowed(dir, 'bjzong', 'assign', t())).toBe(false);
    expect(isAllowed(dir, 'bjzong', 'assign', { ...t(), notifiedLeads: ['bjzong'] })).toBe(true);
  });

  it('an inactive person may do nothing', () => {
    const d = demoDirectory((data) => {
      data.people.find((p) => p.id === 'admin')!.status = 'inactive';
    });
    expect(isAllowed(d, 'admin', 'view', t())).toBe(false);
  });
});

describe('opening', () => {
  it('defaults to impact 3 urgency 3 → priority 3, team = the service team, origin = entry point', () => {
    const t = open('bjxiaoshoua', 'BJ-SALES-OPS', 'consult');
    expect(t).toMatchObject({ impact: 3, urgency: 3, priority: 3, team: 'bj-sales-ops', status: 'new', origin: 'chat', requestType: 'service_request' });
  });

  it('takes the request type from the subcategory', () => {
    expect(open('bjxiaoshoua', 'BJ-MALL-PRODUCT', 'bug').requestType).toBe('incident');
  });

  it('records the chat message it is filed from; none without one', () => {
    expect(open('bjxiaoshoua', 'BJ-SALES-OPS', 'consult').sourceMsg).toBeNull();
    const r = openRequest({ caller: 'bjxiaoshoua', service: 'BJ-SALES-OPS', subcategory: 'consult', description: 'd', sourceMsg: 'msgA1==' }, ctx);
    expect(r).toMatchObject({ ok: true, value: { ticket: { sourceMsg: 'msgA1==' } } });
  });

  it('title over 255 and description over 10,000 characters are coded errors; emoji count as one', () => {
    const long = openRequest({ caller: 'bjxiaoshoua', service: 'BJ-SALES-OPS', subcategory: 'consult', title: 'x'.repeat(256), description: 'd' }, ctx);
    expect(long).toMatchObject({ ok: false, error: { code: 'TICKET.TITLE_TOO_LONG' } });
    const desc = openRequest({ caller: 'bjxiaoshoua', service: 'BJ-SALES-OPS', subcategory: 'consult', description: 'd'.repeat(10_001) }, ctx);
    expect(desc).toMatchObject({ ok: false, error: { code: 'TICKET.DESCRIPTION_TOO_LONG' } });
    const emoji = openRequest({ caller: 'bjxiaoshoua', service: 'BJ-SALES-OPS', subcategory: 'consult', title: '😀'.repeat(255), description: 'd' }, ctx);
    expect(emoji.ok).toBe(true);
  });

  it('chat titles are the first line, at most 80 characters plus …', () => {
    expect(titleFromText('\n  商城下单失败 \n客户无法付款')).toBe('商城下单失败');
    expect(titleFromText('好'.repeat(81))).toBe('好'.repeat(80) + '…');
  });

  it('an incident takes service, subcategory, caller and org of its earliest request', () => {
    const a = { ...open('bjxiaoshoua', 'BJ-MALL-PRODUCT', 'bug', '下单失败'), id: 20, createdAt: new Date(now.getTime() + 5000) };
    const b = { ...open('gzxiaoshoua', 'BJ-MALL-PRODUCT', 'bug', '下单失败了'), id: 21, createdAt: now };
    const inc = openIncident({ actor: 'zbshangchengcp', requests: [a, b], title: '购物车数据丢失' }, ctx);
    if (!inc.ok) throw new Error(inc.error.code);
    expect(inc.value.ticket).toMatchObject({ kind: 'incident', caller: 'gzxiaoshoua', org: 'gz-sales', service: 'BJ-MALL-PRODUCT', requestType: 'incident' });
    const refused = openIncident({ actor: 'bjxiaoshoua', requests: [a] }, ctx);
    expect(refused).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_ALLOWED' } });
  });
});

describe('SLT lookup', () => {
  it('finds the SLA of the contract covering the service, by priority and request type', () => {
    const s = lookupSlt(dir, { org: 'bj-sales', service: 'BJ-OPS', priority: 1, requestType: 'incident', now });
    expect(s.tto).toMatchObject({ sla: 'sla-ops-24x7', seconds: 300, calendar: '24x7' });
    expect(s.ttr).toMatchObject({ seconds: 3600 });
    const r = lookupSlt(dir, { org: 'bj-sales', service: 'BJ-OPS', priority: 1, requestType: 'service_request', now });
    expect(r.tto?.seconds).toBe(1800);
  });

  it('problems: only rows of request type problem apply, never "*" rows (docs/domain.md §9)', () => {
    const d = demoDirectory((data) => {
      const sla = data.slas.find((s) => s.code === 'sla-ops-24x7')!;
      sla.targets = [
        { metric: 'tto', priority: 3, requestType: '*', value: 10, unit: 'minutes' },
        { metric: 'ttr', priority: 3, requestType: '*', value: 1, unit: 'hours' },
      ];
    });
    const q = { org: 'bj-sales', service: 'BJ-OPS', priority: 3 as const, now };
    expect(lookupSlt(d, { ...q, requestType: 'incident' }).tto?.seconds).toBe(600);
    expect(lookupSlt(d, { ...q, requestType: 'problem' })).toEqual({ tto: null, ttr: null });
    d.sla('sla-ops-24x7')!.targets.push({ metric: 'ttr', priority: 3, requestType: 'problem', value: 2, unit: 'days' });
    expect(lookupSlt(d, { ...q, requestType: 'problem' })).toMatchObject({ tto: null, ttr: { seconds: 2 * 86_400, sla: 'sla-ops-24x7' } });
  });

  it('several matching contracts → the shortest target wins', () => {
    const d = demoDirectory((data) => {
      data.contracts.push({ ...data.contracts.find((c) => c.code === 'BJ-销售-运维')!, code: 'BJ-销售-运维-2', sla: 'sla-standard' });
    });
    // priority 3: sla-ops-24x7 tto 1 h, sla-standard tto 2 h → 1 h; ttr 1 day vs 8 h → 8 h
    const s = lookupSlt(d, { org: 'bj-sales', service: 'BJ-OPS', priority: 3, requestType: 'incident', now });
    expect(s.tto).toMatchObject({ seconds: 3600, sla: 'sla-ops-24x7' });
    expect(s.ttr).toMatchObject({ seconds: 8 * 3600, sla: 'sla-standard' });
  });

  it('no matching target → no deadline, and the ticket says so', () => {
    const d = demoDirectory((data) => {
      data.slas.find((s) => s.code === 'sla-standard')!.targets = [];
    });
    const t = openRequest({ caller: 'bjxiaoshoua', service: 'BJ-SALES-OPS', subcategory: 'consult', description: 'x' }, { ...ctx, dir: d, counter: countersFor(d) });
    if (!t.ok) throw new Error(t.error.code);
    expect(t.value.ticket).toMatchObject({ sla: null });
    expect(t.value.ticket.tto).toMatchObject({ goal: null, deadline: null, state: 'running' });
  });

  it('counts deadlines on the SLA calendar (working hours)', () => {
    // sla-standard P3 from Wed 10:00 Shanghai: TTO 2 h → 12:00 the same day;
    // TTR 8 h → 10–12 (2 h) + 13:30–18:00 (4.5 h) + Thu 09:00–10:30 (1.5 h) = Thu 10:30, lunch and night skipped
    const t = open('bjxiaoshoua', 'BJ-SALES-OPS', 'consult');
    expect(t.tto.deadline?.toISOString()).toBe('2026-12-02T04:00:00.000Z');
    expect(t.ttr.deadline?.toISOString()).toBe('2026-12-03T02:30:00.000Z');
  });
});

describe('directory relations', () => {
  it('upper lead: parent team leads, else the first org lead up the tree who is not a lead of the team', () => {
    expect(dir.upperLeads('bj-sales-ops').map((p) => p.id)).toEqual(['bjzong']);
    expect(dir.upperLeads('gz-it').map((p) => p.id)).toEqual(['gzzong']);
  });
  it('top lead is the lead of the caller org root', () => {
    expect(dir.topLead('bj-sales')?.id).toBe('jtzj');
    expect(dir.topLead('customers')).toBeUndefined();
  });
});

describe('small pure helpers', () => {
  it('priority matrix', () => {
    expect([priorityOf(1, 1), priorityOf(1, 3), priorityOf(2, 2), priorityOf(3, 1), priorityOf(3, 3), priorityOf(1, 4)]).toEqual([1, 2, 2, 2, 3, 4]);
  });
  it('refs share one counter and parse back', () => {
    expect(formatRef('request', 12)).toBe('R-000012');
    expect(formatRef('incident', 2)).toBe('I-000002');
    expect(parseRef('r-12')).toEqual({ kind: 'request', id: 12 });
    expect(parseRef('I-000007')).toEqual({ kind: 'incident', id: 7 });
    expect(parseRef('X-1')).toBeNull();
    expect(parseRef('R-0')).toBeNull();
  });
});
