/**
 * The ticket card per state and per viewer: the buttons each holder may use now (lifecycle × permissions), the
 * rows (deadlines in the reader's zone, "no SLA", pending reason, solution), both languages, inert user text.
 */
import { toPrivateCardData } from '../../../../../src/adapters/dingtalk/cards/card-params';
import { renderTicketCard } from '../../../../../src/bot/views/cards/render-ticket-card';
import { renderPickerCard, PICKER_MAX_BUTTONS } from '../../../../../src/bot/views/cards/render-picker-card';
import { ticketCardId, pickerCardId, refOfCardId, OUT_TRACK_ID_MAX } from '../../../../../src/bot/views/cards/card-ids';
import { countersFor } from '../../../../../src/domain/calendar/calendar-counters';
import type { Directory } from '../../../../../src/domain/directory/directory';
import { eligibleOfferings } from '../../../../../src/domain/directory/eligibility';
import type { Locale } from '../../../../../src/domain/shared/locale';
import { decide, type TicketCommand } from '../../../../../src/domain/tickets/lifecycle';
import { openRequest } from '../../../../../src/domain/tickets/open';
import type { Ticket, TicketState } from '../../../../../src/domain/tickets/ticket';
import { demoDirectory, WORKDAY_10AM } from '../../../../support/demo';

const dir = demoDirectory((d) => {
  d.people.find((p) => p.id === 'bjyunying2')!.timezone = 'Europe/Berlin';
});

const CALLER = '1000000259'; // bjxiaoshoua
const ASSIGNEE = '1000000333'; // bjxiaoshouyunying
const CONTACT = '1000000555'; // bjyunying2 (Berlin)
const LEAD = '1000009001'; // bjyunyingzg
const OTHER_SALES = '1000000296'; // bjxiaoshoub
const ADMIN = '1000000703';
const UNKNOWN = '1999999999';
const VIEWERS = [CALLER, ASSIGNEE, CONTACT, LEAD, OTHER_SALES, ADMIN, UNKNOWN];

function step(t: Ticket, cmd: TicketCommand, actor: string, d: Directory = dir): Ticket {
  const r = decide(t, cmd, { dir: d, actor, entryPoint: 'card', now: WORKDAY_10AM, counter: countersFor(d) });
  if (!r.ok) throw new Error(r.error.code);
  return r.value.ticket;
}

function opened(description = '商户A昨天订了1斤葡萄，今天没有送货'): Ticket {
  const r = openRequest(
    { caller: 'bjxiaoshoua', service: 'BJ-SALES-OPS', subcategory: 'consult', description },
    { dir, now: WORKDAY_10AM, entryPoint: 'chat', counter: countersFor(dir) },
  );
  if (!r.ok) throw new Error(r.error.code);
  return { ...r.value.ticket, id: 12 };
}

const fresh = opened();
const assigned = step(fresh, { type: 'claim' }, 'bjxiaoshouyunying');
const TICKETS: Record<TicketState, Ticket> = {
  new: fresh,
  escalated_tto: step(fresh, { type: 'escalate_tto' }, 'system'),
  assigned,
  escalated_ttr: step(assigned, { type: 'escalate_ttr' }, 'system'),
  pending: step(assigned, { type: 'pend', reason: '等待仓库回复' }, 'bjxiaoshouyunying'),
  resolved: step(assigned, { type: 'resolve', solution: '已补发', resolutionCode: 'assistance' }, 'bjxiaoshouyunying'),
  closed: step(step(assigned, { type: 'resolve', solution: '已补发', resolutionCode: 'assistance' }, 'bjxiaoshouyunying'), { type: 'close' }, 'bjxiaoshoua'),
};

// Team members get Claim and one Assign per other member; the administrator one Assign per member; support agents
// of the team and the administrator may link an open request to an incident.
// The caller may add a public note only; the team and the administrator a private one too.
const CLAIM_ASSIGN = ['claim', 'assign', 'assign', 'link', 'note', 'note_private'];
// The caller may withdraw (撤回) while nobody has claimed it.
const UNASSIGNED_BUTTONS = { [CALLER]: ['note', 'cancel'], [ASSIGNEE]: CLAIM_ASSIGN, [CONTACT]: CLAIM_ASSIGN, [LEAD]: CLAIM_ASSIGN, [OTHER_SALES]: [], [ADMIN]: ['assign', 'assign', 'assign', 'link', 'note', 'note_private'], [UNKNOWN]: [] };
const WORKING = ['reassign', 'reassign', 'pend', 'resolve', 'link', 'note', 'note_private'];
const WORKING_BUTTONS = { [CALLER]: ['note'], [ASSIGNEE]: WORKING, [CONTACT]: ['reassign', 'reassign', 'link', 'note', 'note_private'], [LEAD]: WORKING, [OTHER_SALES]: [], [ADMIN]: WORKING, [UNKNOWN]: [] };
// "Close…" (opens the Form), then the four quick ratings.
const CLOSE = ['close', 'close', 'close', 'close', 'close'];
// Urgent: the caller and the administrator, while the request is new (not escalated_tto) and not urgent yet.
const NEW_BUTTONS = {
  ...UNASSIGNED_BUTTONS,
  [CALLER]: ['urgent', 'note', 'cancel'],
  [ADMIN]: ['assign', 'assign', 'assign', 'urgent', 'link', 'note', 'note_private'],
};
const EXPECTED: Record<TicketState, Record<string, string[]>> = {
  new: NEW_BUTTONS,
  escalated_tto: UNASSIGNED_BUTTONS,
  assigned: WORKING_BUTTONS,
  escalated_ttr: WORKING_BUTTONS,
  pending: { [CALLER]: ['note'], [ASSIGNEE]: ['resume', 'link', 'note', 'note_private'], [CONTACT]: ['link', 'note', 'note_private'], [LEAD]: ['resume', 'link', 'note', 'note_private'], [OTHER_SALES]: [], [ADMIN]: ['resume', 'link', 'note', 'note_private'], [UNKNOWN]: [] },
  resolved: { [CALLER]: [...CLOSE, 'reopen', 'note'], [ASSIGNEE]: ['note', 'note_private'], [CONTACT]: ['note', 'note_private'], [LEAD]: ['note', 'note_private'], [OTHER_SALES]: [], [ADMIN]: [...CLOSE, 'reopen', 'note', 'note_private'], [UNKNOWN]: [] },
  closed: Object.fromEntries(VIEWERS.map((v) => [v, []])),
};

describe('buttons per state and viewer', () => {
  it.each(Object.keys(TICKETS) as TicketState[])('%s', (state) => {
    const view = renderTicketCard(TICKETS[state], dir, VIEWERS, 'zh-CN');
    expect(view.status).toBe(state);
    expect(view.publicActions).toEqual([]);
    const got = Object.fromEntries(VIEWERS.map((v) => [v, view.privateActions[v]!.map((a) => a.action.replace('ticket.', ''))]));
    expect(got).toEqual(EXPECTED[state]);
  });

  it('text buttons name their one input and carry a placeholder', () => {
    const resolved = renderTicketCard(TICKETS.resolved, dir, [CALLER], 'zh-CN').privateActions[CALLER]!;
    expect(resolved.find((a) => a.action === 'ticket.reopen')).toMatchObject({ input: 'reason', placeholder: '重新打开的原因' });
    expect(resolved.filter((a) => a.action === 'ticket.close').map((a) => [a.label, a.input, a.params])).toEqual([
      ['关闭…', '', undefined],
      ['关闭：非常满意', '', { satisfaction: '1' }],
      ['关闭：满意', '', { satisfaction: '2' }],
      ['关闭：不满意', '', { satisfaction: '3' }],
      ['关闭：非常不满意', '', { satisfaction: '4' }],
    ]);
    const working = renderTicketCard(TICKETS.assigned, dir, [ASSIGNEE], 'en').privateActions[ASSIGNEE]!;
    expect(working.map((a) => [a.label, a.input])).toEqual([
      ['Reassign to 北京分公司-销售运营主管', ''],
      ['Reassign to 北京分公司-销售运营二线', ''],
      ['Pend', ''], // opens the pend Form (reason and kind, docs/demands.md)
      ['Resolve', ''],
      ['Link to incident', 'incident'],
      ['Note', 'text'],
      ['Private note', 'text'],
    ]);
    expect(working.find((a) => a.action === 'ticket.note_private')).toMatchObject({ input: 'text', placeholder: 'Seen by the support team only' });
  });

  it('assign buttons carry the target\'s directory person id, never a DingTalk user id', () => {
    const fresh = renderTicketCard(TICKETS.new, dir, [CONTACT, ADMIN], 'zh-CN').privateActions;
    expect(fresh[CONTACT]!.filter((a) => a.action === 'ticket.assign').map((a) => [a.label, a.params])).toEqual([
      ['指派给 北京分公司-销售运营主管', { agent: 'bjyunyingzg' }],
      ['指派给 北京分公司-销售运营', { agent: 'bjxiaoshouyunying' }],
    ]);
    expect(fresh[ADMIN]!.filter((a) => a.action === 'ticket.assign').map((a) => a.params!.agent)).toEqual(['bjyunyingzg', 'bjxiaoshouyunying', 'bjyunying2']);
  });

  it('Urgent: the caller\'s card while new and not urgent yet, in their language; never the contact\'s', () => {
    const urgentOf = (t: Ticket, viewer: string, locale: Locale = 'zh-CN') =>
      renderTicketCard(t, dir, [viewer], locale).privateActions[viewer]!.filter((a) => a.action === 'ticket.urgent');
    expect(urgentOf(TICKETS.new, CALLER).map((a) => [a.label, a.input, a.params])).toEqual([['紧急', '', undefined]]);
    expect(urgentOf(TICKETS.new, CALLER, 'en').map((a) => a.label)).toEqual(['Urgent']);
    expect(urgentOf(TICKETS.new, CONTACT)).toEqual([]);
    expect(urgentOf(TICKETS.new, OTHER_SALES)).toEqual([]);
    expect(urgentOf(TICKETS.assigned, CALLER)).toEqual([]);
    expect(urgentOf(TICKETS.escalated_tto, CALLER)).toEqual([]);
    const urgent = step(TICKETS.new, { type: 'reclassify', urgency: 1 }, 'bjxiaoshoua');
    expect(urgent).toMatchObject({ status: 'new', urgency: 1, priority: 2 });
    expect(urgentOf(urgent, CALLER)).toEqual([]);
  });
});

describe('rows', () => {
  const labels = (t: Ticket, locale: Locale = 'zh-CN', holder = CALLER) =>
    Object.fromEntries(renderTicketCard(t, dir, [holder], locale).fields.map((f) => [f.label, f.value]));

  it('a new request: service, priority, caller, team, unassigned, both deadlines in the reader\'s zone', () => {
    expect(labels(TICKETS.new)).toEqual({
      服务: 'BJ-销售运营 / 常规咨询',
      优先级: '中（P3）',
      提交人: '北京分公司-销售A',
      处理团队: '北京分公司-销售运营',
      处理人: '待认领',
      响应时限: '12月2日周三 12:00（GMT+8）',
      解决时限: '12月3日周四 10:30（GMT+8）',
    });
    expect(labels(TICKETS.new, 'zh-CN', CONTACT)['响应时限']).toBe('12月2日周三 05:00（GMT+1）');
  });

  it('assigned: the assignee, no TTO any more; pending: TTR paused and the reason; resolved: the solution, no deadline', () => {
    expect(labels(TICKETS.assigned)).toMatchObject({ 处理人: '北京分公司-销售运营', 解决时限: '12月3日周四 10:30（GMT+8）' });
    expect(labels(TICKETS.assigned)['响应时限']).toBeUndefined();
    expect(labels(TICKETS.pending)).toMatchObject({ 解决时限: '已暂停（挂起中）', 挂起原因: '等待仓库回复' });
    const resolved = labels(TICKETS.resolved);
    expect(resolved['解决方案']).toBe('已补发');
    expect(resolved['解决时限']).toBeUndefined();
  });

  it('a ticket without SLA says so', () => {
    const none = { ...fresh, tto: { ...fresh.tto, goal: null, deadline: null }, ttr: { ...fresh.ttr, goal: null, deadline: null } };
    expect(labels(none)['SLA']).toBe('无 SLA（不计时限）');
    expect(labels(none, 'en')['SLA']).toBe('no SLA (no deadline)');
  });

  it('English labels, state words and summary', () => {
    const view = renderTicketCard(TICKETS.pending, dir, [ASSIGNEE], 'en');
    expect(view).toMatchObject({ ref: 'R-000012', statusLabel: 'Pending', lastMessage: 'R-000012 Pending' });
    expect(view.fields.map((f) => f.label)).toEqual(['Service', 'Priority', 'Filed by', 'Team', 'Assignee', 'Resolve by', 'Pending reason']);
  });

  it('zh summary line: `R-000012 新建`', () => {
    expect(renderTicketCard(TICKETS.new, dir, [CALLER], 'zh-CN')).toMatchObject({ lastMessage: 'R-000012 新建', statusLabel: '新建' });
  });
});

describe('relations on the card', () => {
  const row = (view: ReturnType<typeof renderTicketCard>, label: string) => view.fields.find((f) => f.label === label)?.value;

  it('a request linked to an incident names it, after the assignee, in both languages; others do not', () => {
    const linked: Ticket = { ...TICKETS.assigned, parent: 7 };
    const zh = renderTicketCard(linked, dir, [CALLER], 'zh-CN');
    expect(row(zh, '所属工单')).toBe('I-000007');
    expect(zh.fields.map((f) => f.label).slice(4, 6)).toEqual(['处理人', '所属工单']);
    expect(row(renderTicketCard(linked, dir, [ASSIGNEE], 'en'), 'Incident')).toBe('I-000007');
    expect(row(renderTicketCard(TICKETS.assigned, dir, [CALLER], 'zh-CN'), '所属工单')).toBeUndefined();
    expect(row(renderTicketCard({ ...TICKETS.assigned, kind: 'incident' }, dir, [ASSIGNEE], 'en'), 'Incident')).toBeUndefined();
  });

  it.each([
    [1, 1, '1 request, 1 person', '1 个请求，1 人'],
    [2, 1, '2 requests, 1 person', '2 个请求，1 人'],
    [3, 2, '3 requests, 2 people', '3 个请求，2 人'],
  ])('an incident affecting %i requests from %i people', (requests, people, en, zh) => {
    const incident: Ticket = { ...TICKETS.assigned, kind: 'incident' };
    const relations = { affected: { requests, people } };
    expect(row(renderTicketCard(incident, dir, [ASSIGNEE], 'en', { relations }), 'Affects')).toBe(en);
    expect(row(renderTicketCard(incident, dir, [ASSIGNEE], 'zh-CN', { relations }), '影响范围')).toBe(zh);
  });

  it.each([
    [1, 'Same as I-000007 (1 person affected)?', '与 I-000007 相同（已影响 1 人）？'],
    [2, 'Same as I-000007 (2 people affected)?', '与 I-000007 相同（已影响 2 人）？'],
  ])('the caller\'s duplicate suggestion with %i people affected', (people, en, zh) => {
    const relations = { suggestion: { ref: 'I-000007', people } };
    expect(renderTicketCard(fresh, dir, [CALLER], 'en', { relations }).privateNotice).toEqual({ [CALLER]: en });
    expect(renderTicketCard(fresh, dir, [CALLER], 'zh-CN', { relations }).privateNotice).toEqual({ [CALLER]: zh });
  });
});

describe('user text on the card', () => {
  it('title and reason are shown inert (no Markdown link, no @all, no tags)', () => {
    const t = step(step(opened('@all [快点](http://evil.example) <b>没有送货</b>'), { type: 'claim' }, 'bjxiaoshouyunying'), { type: 'pend', reason: '@所有人 看 [这里](http://x)' }, 'bjxiaoshouyunying');
    const view = renderTicketCard(t, dir, [CALLER], 'zh-CN');
    expect(view.title).toBe('＠all 快点 (http://evil.example) < b>没有送货< /b>');
    expect(view.fields.find((f) => f.label === '挂起原因')!.value).toBe('＠所有人 看 这里 (http://x)');
  });

  it('a private notice goes to its reader only', () => {
    const view = renderTicketCard(TICKETS.assigned, dir, [CONTACT], 'zh-CN', { notices: { [CONTACT]: '北京分公司-销售运营 已认领 R-000012。' } });
    expect(view.privateNotice).toEqual({ [CONTACT]: '北京分公司-销售运营 已认领 R-000012。' });
    expect(renderTicketCard(TICKETS.assigned, dir, [CONTACT], 'zh-CN').privateNotice).toBeUndefined();
  });
});

describe('picker card', () => {
  const offerings = eligibleOfferings(dir, dir.person('bjxiaoshoua')!, WORKDAY_10AM);

  it('only the writer gets the pick buttons, with service and subcategory params, at most PICKER_MAX_BUTTONS', () => {
    const many = [...offerings, ...offerings];
    const view = renderPickerCard({ writerUserId: CALLER, text: '[x](http://y) @all 你好', offerings: many, matched: 1, locale: 'zh-CN' });
    expect(Object.keys(view.privateActions)).toEqual([CALLER]);
    const buttons = view.privateActions[CALLER]!;
    expect(buttons).toHaveLength(PICKER_MAX_BUTTONS + 1); // and the dismiss button, last
    expect(buttons[PICKER_MAX_BUTTONS]).toMatchObject({ action: 'intake.pick', params: { dismiss: '1' }, label: '都不是，不登记' });
    expect(buttons[0]).toMatchObject({ action: 'intake.pick', label: 'BJ-销售运营 / 常规咨询', tone: 'primary', params: { service: 'BJ-SALES-OPS', subcategory: 'consult' } });
    expect(buttons[1]!.tone).toBe('neutral');
    // as DingTalk receives them: the matched subcategory blue, the others gray
    const wire = JSON.parse(toPrivateCardData(view)[CALLER]!.actions!) as Array<{ action: string; label: string; color: string }>;
    expect(wire[0]).toMatchObject({ action: 'intake.pick', label: 'BJ-销售运营 / 常规咨询', color: 'blue', params: { service: 'BJ-SALES-OPS', subcategory: 'consult' } });
    expect(wire[1]!.color).toBe('gray');
    expect(view.publicActions).toEqual([]);
    expect(view.title).toBe('x (http://y) ＠all 你好');
  });
});

describe('card ids', () => {
  it('one stable id per ticket (its ref); the per-person ids of older cards still name their ticket', () => {
    expect(ticketCardId('R-000012')).toBe('R-000012');
    expect(refOfCardId('R-000012')).toBe('R-000012');
    expect(refOfCardId('I-000003')).toBe('I-000003');
    expect(refOfCardId('R-000012-u-1000000259')).toBe('R-000012');
    expect(refOfCardId('R-000012-g-cidxx')).toBe('R-000012');
    expect(refOfCardId('R-000012x')).toBeNull();
    expect(pickerCardId('msgABC+/==').length).toBeLessThanOrEqual(OUT_TRACK_ID_MAX);
    expect(refOfCardId('pick-msg1')).toBeNull();
  });
});
