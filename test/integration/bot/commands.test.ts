/**
 * The chat issue's commands, buttons and limits end to end on a real database (embedded SQLite, TypeORM stores)
 * with the recording chat gateway: every command in Chinese and English, every card button in every state
 * (allowed and refused), a stale card, a claim race, the administrators' alert about people who cannot use the
 * bot (once a day), the filing rate limit, and one ticket per message id even when a message is handled twice.
 */
import { IntakeDraftRecord } from '../../../src/adapters/persistence/records/card.record';
import { createChatHandler } from '../../../src/bot/app/chat-app';
import { InProcessAdminAlertMemory } from '../../../src/adapters/memory/in-process-admin-alert-memory';
import { FILING_MAX, InProcessFilingLimit } from '../../../src/adapters/memory/in-process-filing-limit';
import type { Actor } from '../../../src/application/tickets/ticket-service';
import type { IncomingChatMessage } from '../../../src/domain/ports/chat-inbound.port';
import { TICKET_STATES, type Ticket, type TicketState } from '../../../src/domain/tickets/ticket';
import { DEMO_USERS, GRAPES, WORKDAY_10AM } from '../../support/demo';
import { SYSTEM_ACTOR as SYSTEM } from '../../../src/domain/tickets/actor';
import { chatHarness, type ChatHarness } from '../../support/chat-harness';

const { SALES_A, SALES_B, OPS_1, OPS_2, OPS_LEAD, GZ_SALES_B, MERCHANT_A, STRANGER } = DEMO_USERS;
const GZ_SALES_EN = DEMO_USERS.GZ_SALES_A; // locale set to en below
const GZ_OPS_EN = '1000000185'; // gzxiaoshouyunying (contact of gz-sales-ops), en
const GZ_LEAD_EN = '1000009002'; // gzyunyingzg (lead of gz-sales-ops), en
const ADMIN = '1000000703'; // admin (zh)
const ADMIN_EN = '1000000704'; // admin2 (en), added below
const MERCHANT_B = '1000000074'; // kehub: made inactive below
const OLD_SALES = '1000000990'; // oldsales: organisation whose contract ended, added below

describe('chat commands, buttons and limits [sqlite]', () => {
  let h: ChatHarness;
  let db: ChatHarness['db'];
  let gateway: ChatHarness['gateway'];
  let tickets: ChatHarness['tickets'];
  let handler: ChatHarness['handler'];
  let deps: ChatHarness['deps'];
  let clock: ChatHarness['clock'];

  beforeAll(async () => {
    h = await chatHarness((data) => {
      for (const id of ['gzxiaoshoua', 'gzxiaoshouyunying', 'gzyunyingzg']) data.people.find((p) => p.id === id)!.locale = 'en';
      data.people.find((p) => p.id === 'kehub')!.status = 'inactive';
      const admin = data.people.find((p) => p.id === 'admin')!;
      data.people.push({ ...admin, id: 'admin2', name: 'Second Admin', dingtalkUserId: ADMIN_EN, locale: 'en' });
      data.organizations.push({ code: 'bj-sales-old', name: '北京分公司-旧销售', parent: 'bj', lead: null, deliveryModel: null, status: 'active' });
      data.people.push({ ...admin, id: 'oldsales', name: '旧销售', org: 'bj-sales-old', dingtalkUserId: OLD_SALES, profiles: ['portal_user'] });
      data.contracts.push({
        code: 'OLD-销售运营',
        customer: 'bj-sales-old',
        provider: 'bj-sales-ops',
        services: ['BJ-SALES-OPS'],
        sla: 'sla-standard',
        status: 'production',
        start: '2025-01-01',
        end: '2025-12-31',
      });
    });
    ({ db, gateway, tickets, handler, deps, clock } = h);
  });

  afterAll(() => h.close());

  const message = (userId: string, text: string | null, extra: Partial<IncomingChatMessage> = {}): IncomingChatMessage =>
    h.message(userId, text, { senderNick: `nick-${userId}`, msgType: 'text', ...extra });
  /** What the bot answered `userId` to `text` (the last private answer). */
  const ask = async (userId: string, text: string, extra: Partial<IncomingChatMessage> = {}): Promise<string> => {
    const before = gateway.privateAnswers.length;
    await handler.onMessage(message(userId, text, extra));
    const mine = gateway.privateAnswers.slice(before).filter((m) => m.userId === userId);
    if (mine.length === 0) throw new Error(`no answer to ${userId} for ${text}`);
    return mine[mine.length - 1]!.message.text;
  };
  /** Files `text` as `userId`: the answer is the ticket's card (delivered, no text answer); the ticket's ref. */
  const file = async (userId: string, text: string): Promise<string> => {
    const answers = gateway.privateAnswers.length;
    const calls = gateway.cardCalls.length;
    await handler.onMessage(message(userId, text));
    expect(gateway.privateAnswers.slice(answers).filter((m) => m.userId === userId)).toEqual([]);
    const card = gateway.cardCalls.slice(calls).find((c) => c.call === 'create' && c.spaces?.some((s) => s.kind === 'dm' && s.userId === userId));
    if (!card) throw new Error(`no card to ${userId} for ${text}`);
    return card.outTrackId;
  };
  const click = (userId: string, ref: string, params: Record<string, string>) =>
    handler.onCardAction(h.cardAction(userId, ref, { ref, ...params }));
  const refIn = (text: string, kind = 'R'): string => {
    const m = new RegExp(`${kind}-\\d{6}`).exec(text);
    if (!m) throw new Error(`no ${kind} ref in ${text}`);
    return m[0];
  };
  const ticket = async (ref: string): Promise<Ticket> => {
    const r = await tickets.get(SYSTEM, ref);
    if (!r.ok) throw new Error(r.error.code);
    return r.value;
  };
  const ticketCount = async (): Promise<number> => {
    const r = await tickets.list(SYSTEM, { scope: 'by_state', states: [...TICKET_STATES] }, 10_000);
    if (!r.ok) throw new Error(r.error.code);
    return r.value.length;
  };
  /** A BJ-SALES-OPS request by bjxiaoshoua, filed through the service (no chat, no rate limit). */
  const fileDirect = async (description = GRAPES, caller = 'bjxiaoshoua', service = 'BJ-SALES-OPS', subcategory = 'consult'): Promise<string> => {
    const r = await tickets.open({ person: caller, entryPoint: 'api' }, { service, subcategory, description, urgency: 3 });
    if (!r.ok) throw new Error(r.error.code);
    return `R-${String(r.value.id).padStart(6, '0')}`;
  };
  const as = (person: string): Actor => ({ person, entryPoint: 'api' });
  /** DingTalk user ids holding a card of `ref` in their direct chat, sorted. */
  const incidentCards = (ref: string): string[] =>
    (gateway.cards.get(ref)?.spaces ?? []).flatMap((s) => (s.kind === 'dm' ? [s.userId] : [])).sort();
  /** The stored cards of `ref`: [outTrackId, role], sorted. */
  const cardRoles = async (ref: string): Promise<[string, string][]> =>
    (await deps.cards.cardsOf((await ticket(ref)).id)).map((c): [string, string] => [c.outTrackId, c.role]).sort((a, b) => a[0].localeCompare(b[0]));
  const must = async (r: Promise<{ ok: boolean; error?: { code: string } }>) => {
    const got = await r;
    if (!got.ok) throw new Error(got.error!.code);
  };

  describe('commands in Chinese', () => {
    let ref: string;

    it('新建 files the rest of the message as a request', async () => {
      const before = await ticketCount();
      ref = await file(SALES_A, '新建 商户C的葡萄今天没有送货'); // the card is the answer (no text)
      expect(await ticketCount()).toBe(before + 1);
      expect((await ticket(ref)).description).toBe('商户C的葡萄今天没有送货');
    });

    it('认领, 指派 @someone, 挂起, 恢复, 备注, 解决, 重开, 关闭 with a rating: one sentence each, through the service', async () => {
      expect(await ask(OPS_1, `认领 ${ref}`)).toBe(`您已认领 ${ref}。`);
      expect((await ticket(ref)).agent).toBe('bjxiaoshouyunying');

      expect(await ask(OPS_1, `指派 ${ref} @北京分公司-销售运营二线`, { atUserIds: [OPS_2] })).toBe(`${ref} 已指派给 北京分公司-销售运营二线。`);
      expect((await ticket(ref)).agent).toBe('bjyunying2');

      expect(await ask(OPS_2, `挂起 ${ref} 等仓库回复`)).toBe(`${ref} 已挂起。`);
      expect(await ticket(ref)).toMatchObject({ status: 'pending', pendingReason: '等仓库回复' });
      expect(await ask(OPS_2, `恢复 ${ref}`)).toBe(`${ref} 已恢复处理。`);
      expect(await ask(OPS_2, `备注 ${ref} 地址是朝阳区`)).toBe(`${ref} 已添加备注。`);
      const logs = await tickets.logs(SYSTEM, ref);
      expect(logs.ok && logs.value.map((l) => l.text)).toContain('地址是朝阳区');

      expect(await ask(OPS_2, `解决 ${ref} 已补发`)).toBe(`${ref} 已解决。`);
      expect(await ticket(ref)).toMatchObject({ status: 'resolved', solution: '已补发' });
      expect(await ask(SALES_A, `重开 ${ref} 还是没收到`)).toBe(`${ref} 已重新打开。`);
      expect(await ticket(ref)).toMatchObject({ status: 'assigned', agent: 'bjyunying2' });
      await ask(OPS_2, `解决 ${ref} 再次补发`);
      expect(await ask(SALES_A, `关闭 ${ref} 1 很快就解决了`)).toBe(`${ref} 已关闭，谢谢！`);
      expect(await ticket(ref)).toMatchObject({ status: 'closed', satisfaction: 1 });
    });

    it('需求 turns a pending request into a demand D-…; without a ref the text is a request; the usage line otherwise', async () => {
      const r = await file(SALES_A, '新建 商户D的葡萄今天没有送货');
      await ask(OPS_1, `认领 ${r}`);
      await ask(OPS_1, `挂起 ${r} 等产品评估`);
      const answer = await ask(OPS_1, `需求 ${r} 多位客户提出，转入需求池`);
      expect(answer).toMatch(new RegExp(`^${r} 已转为需求 D-\\d{6}，并已告知提出人。$`));
      const demand = /D-\d{6}/.exec(answer)![0];
      expect(await ticket(r)).toMatchObject({ status: 'resolved', resolutionCode: 'converted_to_demand', solution: demand });
      expect(await ask(OPS_1, `需求 ${r} 再转一次`)).not.toContain('已转为需求'); // a sentence: no longer open
      expect(await ask(OPS_1, `需求 ${r}`)).toBe('用法：需求 R-000012 需求说明');
      const before = await ticketCount();
      await file(SALES_A, '需求 希望增加批量导出功能'); // no ref: a request like any other
      expect(await ticketCount()).toBe(before + 1);
    });

    it('assign by person id, by name, and to nobody known', async () => {
      const r = await fileDirect();
      expect(await ask(OPS_LEAD, `指派 ${r} bjxiaoshouyunying`)).toBe(`${r} 已指派给 北京分公司-销售运营。`);
      expect(await ask(OPS_LEAD, `指派 ${r} 给 北京分公司-销售运营二线`)).toBe(`${r} 已指派给 北京分公司-销售运营二线。`);
      expect(await ask(OPS_LEAD, `指派 ${r} @不存在的人`, { atUserIds: ['1888888888'] })).toContain('通讯录中找不到“不存在的人”');
      expect(await ask(OPS_LEAD, `指派 ${r}`)).toContain(`指派 ${r} @张三`);
      // a target outside the team: the service refuses with a sentence
      expect(await ask(OPS_LEAD, `指派 ${r} zbit`)).toBe('该处理人不是这个团队的成员。');
      expect((await ticket(r)).agent).toBe('bjyunying2');
    });

    it('合并 makes an incident from requests; 关联 links another request to it', async () => {
      const r1 = await fileDirect('商户D没有送货');
      const r2 = await fileDirect('商户E没有送货');
      const r3 = await fileDirect('商户F没有送货');
      const made = await ask(OPS_1, `合并 ${r1} ${r2} 多个商户没有送货`);
      const inc = refIn(made, 'I');
      expect(made).toBe(`已创建 ${inc}，并关联了 ${r1}、${r2}。`);
      expect(await ticket(inc)).toMatchObject({ kind: 'incident', title: '多个商户没有送货' });
      expect((await ticket(r1)).parent).toBe((await ticket(inc)).id);
      // The maker and the other contact of the service team (bj-sales-ops) get the card; not the lead, not the caller.
      expect(incidentCards(inc)).toEqual([OPS_1, OPS_2].sort());
      expect(await cardRoles(inc)).toEqual([
        [inc, 'agent'],
        [inc, 'contact'],
      ]);
      const contactView = gateway.cards.get(inc)!.card;
      expect(contactView.fields.find((f) => f.label === '影响范围')?.value).toBe('2 个请求，1 人');
      expect(contactView.privateActions[OPS_2]!.map((a) => a.action)).toContain('ticket.claim');

      expect(await ask(OPS_1, `关联 ${r3} ${inc}`)).toBe(`${r3} 已关联到 ${inc}。`);
      expect((await ticket(r3)).parent).toBe((await ticket(inc)).id);
      expect(await ask(OPS_1, `关联 ${r3} ${r1}`)).toBe('只能关联到工单（I- 开头）。');
      expect(await ask(OPS_1, `合并 ${r3}`)).toBe(`${r3} 已关联到工单。`);
      expect(await ask(SALES_A, `合并 ${await fileDirect('商户G没有送货')}`)).toContain('您没有权限');
    });

    it('refusals are sentences: not allowed, wrong state, unknown ticket, lost claim', async () => {
      const r = await fileDirect();
      expect(await ask(SALES_B, `认领 ${r}`)).toBe('您没有权限对这张工单执行“认领”。');
      expect(await ask(OPS_1, `解决 ${r} 好了`)).toBe('这张工单当前状态下不能执行“解决”。');
      await ask(OPS_1, `认领 ${r}`);
      expect(await ask(OPS_2, `认领 ${r}`)).toBe(`北京分公司-销售运营 已认领 ${r}。`);
      expect(await ask(OPS_1, `恢复 ${r}`)).toBe('这张工单当前状态下不能执行“恢复处理”。');
      expect(await ask(OPS_1, '认领 R-999999')).toBe('找不到工单 R-999999，请检查编号。');
      expect(await ask(SALES_A, `关闭 ${r} 2`)).toBe('这张工单当前状态下不能执行“关闭”。');
    });

    it('a known verb with bad arguments gets its usage line, never silence, and files nothing', async () => {
      const before = await ticketCount();
      expect(await ask(OPS_1, '挂起 R-12')).toBe('用法：挂起 R-000012 挂起原因');
      expect(await ask(OPS_1, '关闭 R-12 7')).toContain('用法：关闭 R-000012 [1-4]');
      expect(await ask(OPS_1, '认领')).toBe('用法：认领 R-000012');
      expect(await ask(OPS_1, '关联 R-12')).toBe('用法：关联 R-000012 I-000007');
      expect(await ask(SALES_A, '新建')).toBe('用法：新建 问题描述');
      expect(await ticketCount()).toBe(before);
      expect(await ask(SALES_A, '帮助')).not.toContain('指派 R-000012 @张三'); // a salesperson sees no agent command
      expect(await ask(OPS_1, '帮助')).toContain('指派 R-000012 @张三');
    });

    it('in a group the answer goes to the group, and only when @-mentioned', async () => {
      const r = await fileDirect();
      const group = { conversationType: 'group' as const, conversationId: 'cid-ops' };
      const before = gateway.groupMessages.length;
      await handler.onMessage(message(OPS_1, `认领 ${r}`, { ...group, mentioned: false }));
      expect(gateway.groupMessages.length).toBe(before);
      expect((await ticket(r)).agent).toBeNull();
      await handler.onMessage(message(OPS_1, `认领 ${r}`, { ...group, mentioned: true }));
      expect(gateway.groupMessages[gateway.groupMessages.length - 1]!.message.text).toBe(`您已认领 ${r}。`);
    });

    it('user text echoed by a command is never amplified', async () => {
      const r = await fileDirect();
      const text = await ask(OPS_LEAD, `指派 ${r} @all [点这里](http://evil.example)`);
      expect(text).not.toContain('@all');
      expect(text).not.toContain('](');
      expect(gateway.privateAnswers[gateway.privateAnswers.length - 1]!.message.markdown).toBe(false);
    });
  });

  describe('commands in English', () => {
    let ref: string;

    it('new, claim, assign, pend, resume, note, resolve, reopen, close with a rating', async () => {
      ref = await file(GZ_SALES_EN, 'new 400 hotline complaint, customer angry'); // the card is the answer (no text)
      expect((await ticket(ref)).kind).toBe('request');
      expect(await ask(GZ_OPS_EN, `claim ${ref}`)).toBe(`You claimed ${ref}.`);
      expect(await ask(GZ_OPS_EN, `assign ${ref} to gzyunyingzg`)).toBe(`${ref} assigned to 广州分公司-销售运营主管.`);
      expect(await ask(GZ_LEAD_EN, `pend ${ref} waiting for the warehouse`)).toBe(`${ref} is pending.`);
      expect(await ask(GZ_LEAD_EN, `resume ${ref}`)).toBe(`${ref} resumed.`);
      expect(await ask(GZ_LEAD_EN, `note ${ref} called the customer`)).toBe(`Note added to ${ref}.`);
      expect(await ask(GZ_LEAD_EN, `resolve ${ref} apologised, voucher sent`)).toBe(`${ref} resolved.`);
      expect(await ask(GZ_SALES_EN, `reopen ${ref} the customer is still angry`)).toBe(`${ref} reopened.`);
      await ask(GZ_LEAD_EN, `resolve ${ref} called again`);
      expect(await ask(GZ_SALES_EN, `close ${ref} 2 ok`)).toBe(`${ref} closed. Thank you!`);
      expect(await ticket(ref)).toMatchObject({ status: 'closed', satisfaction: 2, agent: 'gzyunyingzg' });
    });

    it('make incident and link; refusals and usage lines in English', async () => {
      const r1 = await fileDirect('complaint one', 'gzxiaoshoua', 'GZ-SALES-OPS', 'complaint');
      const r2 = await fileDirect('complaint two', 'gzxiaoshoua', 'GZ-SALES-OPS', 'complaint');
      const made = await ask(GZ_OPS_EN, `make incident ${r1}`);
      const inc = refIn(made, 'I');
      expect(made).toBe(`${inc} created; ${r1} linked to it.`);
      // The maker is the only contact of gz-sales-ops: one card, as the agent; one request from one person.
      expect(await cardRoles(inc)).toEqual([[inc, 'agent']]);
      expect(gateway.cards.get(inc)!.updates).toBe(0); // delivered once, not again as a contact
      expect(gateway.cards.get(inc)!.card.fields.find((f) => f.label === 'Affects')?.value).toBe('1 request, 1 person');
      expect(await ask(GZ_OPS_EN, `link ${r2} to ${inc}`)).toBe(`${r2} linked to ${inc}.`);
      expect(await ask(GZ_SALES_EN, `claim ${r2}`)).toBe('You may not claim this ticket.');
      expect(await ask(GZ_OPS_EN, `assign ${r2} @ghost`, { atUserIds: ['1888888888'] })).toContain('Nobody called "ghost"');
      expect(await ask(GZ_OPS_EN, `close ${r2} 7`)).toContain('Usage: close R-000012 [1-4]');
      expect(await ask(GZ_OPS_EN, 'pend R-1')).toBe('Usage: pend R-000012 <reason>');
      expect(await ask(GZ_OPS_EN, 'help')).toContain('assign R-000012 @name');
    });
  });

  describe('card buttons in every state, allowed and refused', () => {
    /** A request in `state` (bjxiaoshouyunying the agent once assigned). */
    async function requestIn(state: TicketState): Promise<string> {
      const r = await fileDirect();
      const agent = as('bjxiaoshouyunying');
      if (state === 'new') return r;
      if (state === 'escalated_tto') {
        await must(tickets.act(SYSTEM, r, { type: 'escalate_tto' }));
        return r;
      }
      await must(tickets.claim(agent, r));
      if (state === 'escalated_ttr') await must(tickets.act(SYSTEM, r, { type: 'escalate_ttr' }));
      if (state === 'pending') await must(tickets.pend(agent, r, '等仓库'));
      if (state === 'resolved' || state === 'closed') await must(tickets.resolve(agent, r, '已补发', 'assistance'));
      if (state === 'closed') await must(tickets.close(as('bjxiaoshoua'), r, 1));
      return r;
    }
    let incident: string;
    beforeAll(async () => {
      const r = await fileDirect('incident seed');
      const made = await tickets.createIncident(as('bjxiaoshouyunying'), { requests: [r], title: 'seed incident' });
      if (!made.ok) throw new Error(made.error.code);
      incident = `I-${String(made.value.id).padStart(6, '0')}`;
    });

    type Row = [TicketState, string, string, Record<string, string>, TicketState | 'refused', Partial<Ticket>?];
    const ROWS: Row[] = [
      ['new', OPS_1, 'ticket.claim', {}, 'assigned', { agent: 'bjxiaoshouyunying' }],
      ['new', SALES_B, 'ticket.claim', {}, 'refused'],
      ['new', OPS_1, 'ticket.assign', { agent: 'bjyunying2' }, 'assigned', { agent: 'bjyunying2' }],
      ['new', ADMIN, 'ticket.assign', { form: '{"agent":"bjyunyingzg"}' }, 'assigned', { agent: 'bjyunyingzg' }],
      ['new', SALES_A, 'ticket.assign', { agent: 'bjyunying2' }, 'refused'],
      ['new', OPS_1, 'ticket.assign', { agent: 'zbit' }, 'refused'],
      ['new', OPS_1, 'ticket.pend', { text: '等' }, 'refused'],
      ['new', SALES_A, 'ticket.note', { text: '补充一句' }, 'new'],
      ['new', SALES_B, 'ticket.note', { text: '路过' }, 'refused'],
      ['new', OPS_2, 'ticket.note_private', { text: '仓库系统今天故障' }, 'new'],
      ['new', SALES_A, 'ticket.note_private', { text: '我也想写内部备注' }, 'refused'],
      ['assigned', OPS_1, 'ticket.note_private', { text: '已联系仓库' }, 'assigned'],
      ['new', SALES_A, 'ticket.close', { satisfaction: '1' }, 'refused'],
      ['escalated_tto', OPS_2, 'ticket.claim', {}, 'assigned', { agent: 'bjyunying2' }],
      ['escalated_tto', OPS_LEAD, 'ticket.assign', { agent: 'bjyunying2' }, 'assigned', { agent: 'bjyunying2' }],
      ['escalated_tto', SALES_A, 'ticket.claim', {}, 'refused'],
      ['assigned', OPS_LEAD, 'ticket.reassign', { agent: 'bjyunying2' }, 'assigned', { agent: 'bjyunying2' }],
      ['assigned', SALES_A, 'ticket.reassign', { agent: 'bjyunying2' }, 'refused'],
      ['assigned', OPS_2, 'ticket.claim', {}, 'refused'],
      ['assigned', OPS_1, 'ticket.pend', { text: '等仓库回复' }, 'pending', { pendingReason: '等仓库回复' }],
      ['assigned', SALES_A, 'ticket.pend', { text: '我来挂起' }, 'refused'],
      ['assigned', OPS_1, 'ticket.resolve', { text: '已补发' }, 'assigned'], // opens the Form (filled in), nothing written
      ['assigned', OPS_1, 'ticket.resolve', { text: '已补发', resolution_code: 'other' }, 'resolved', { solution: '已补发', resolutionCode: 'other' }],
      ['assigned', OPS_2, 'ticket.resolve', { text: '已补发' }, 'refused'],
      ['assigned', SALES_A, 'ticket.close', { satisfaction: '1' }, 'refused'],
      ['escalated_ttr', OPS_LEAD, 'ticket.reassign', { agent: 'bjyunying2' }, 'assigned', { agent: 'bjyunying2' }],
      ['escalated_ttr', OPS_1, 'ticket.pend', { reason: '等' }, 'pending'],
      ['escalated_ttr', OPS_1, 'ticket.resolve', { solution: '好了', resolution_code: 'bug_fixed' }, 'resolved', { resolutionCode: 'bug_fixed' }],
      ['escalated_ttr', OPS_2, 'ticket.resolve', { text: '好了' }, 'refused'],
      ['pending', OPS_1, 'ticket.resume', {}, 'assigned'],
      ['pending', SALES_A, 'ticket.resume', {}, 'refused'],
      ['pending', OPS_1, 'ticket.resolve', { text: '好了' }, 'refused'],
      ['pending', OPS_LEAD, 'ticket.reassign', { agent: 'bjyunying2' }, 'refused'],
      ['resolved', SALES_A, 'ticket.close', { satisfaction: '3' }, 'closed', { satisfaction: 3 }],
      ['resolved', SALES_A, 'ticket.close', { satisfaction: '4', text: '太慢了' }, 'closed', { satisfaction: 4 }],
      ['resolved', ADMIN, 'ticket.close', { satisfaction: '2' }, 'closed', { satisfaction: 2 }],
      ['resolved', OPS_1, 'ticket.close', { satisfaction: '1' }, 'refused'],
      ['resolved', SALES_A, 'ticket.close', { satisfaction: '9' }, 'refused'],
      ['resolved', SALES_A, 'ticket.reopen', { text: '还是没收到' }, 'assigned', { agent: 'bjxiaoshouyunying' }],
      ['resolved', OPS_1, 'ticket.reopen', { text: '再看看' }, 'refused'],
      ['resolved', OPS_1, 'ticket.link', { text: 'INCIDENT' }, 'refused'],
      ['closed', SALES_A, 'ticket.reopen', { text: '再开' }, 'refused'],
      ['closed', SALES_A, 'ticket.close', { satisfaction: '1' }, 'refused'],
    ];

    // (a rest parameter: rows without `fields` must not make jest pass a `done` callback)
    it.each(ROWS)('%s: %s clicks %s %j → %s', async (...row: Row) => {
      const [state, user, action, params, expected, fields] = row;
      const r = await requestIn(state);
      const filled = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v === 'INCIDENT' ? incident : v]));
      const answer = await click(user, r, { action, ...filled });
      expect(answer?.forUserId).toBe(user);
      const notice = answer!.card.privateNotice?.[user] ?? '';
      expect(notice).toContain(r);
      const after = await ticket(r);
      if (expected === 'refused') {
        expect(after.status).toBe(state);
        expect(notice).toMatch(/当前状态：/);
      } else {
        expect(after.status).toBe(expected);
        expect(notice).not.toMatch(/当前状态：/);
        if (fields) expect(after).toMatchObject(fields);
      }
      // whatever happened, the answer shows the buttons the clicker may use now, for the current state
      expect(answer!.card.status).toBe(after.status);
    });

    it('link to incident: by an agent of the team (typed as `text`, `incident` or in a form); refused to the caller and to an R- ref', async () => {
      const variants: Record<string, string>[] = [{ text: incident }, { incident }, { form: JSON.stringify({ incident }) }];
      for (const params of variants) {
        const r = await requestIn('assigned');
        const answer = await click(OPS_1, r, { action: 'ticket.link', ...params });
        expect(answer!.card.privateNotice![OPS_1]).toBe(`${r} 已关联到工单。`);
        expect((await ticket(r)).parent).toBe((await ticket(incident)).id);
      }
      const r = await requestIn('new');
      expect((await click(SALES_A, r, { action: 'ticket.link', text: incident }))!.card.privateNotice![SALES_A]).toContain('您没有权限');
      const other = await requestIn('new');
      expect((await click(OPS_1, r, { action: 'ticket.link', text: other }))!.card.privateNotice![OPS_1]).toContain('只能关联到工单');
      expect((await ticket(r)).parent).toBeNull();
    });

    it('the card offers the new buttons per state: Assign per member, Link, Close per rating', async () => {
      const r = await requestIn('new');
      const answer = await click(OPS_1, r, { action: 'ticket.note', text: '看一下' });
      const buttons = answer!.card.privateActions[OPS_1]!;
      expect(buttons.filter((b) => b.action === 'ticket.assign').map((b) => b.params)).toEqual([{ agent: 'bjyunyingzg' }, { agent: 'bjyunying2' }]);
      expect(buttons.find((b) => b.action === 'ticket.link')).toMatchObject({ input: 'incident' });
      const resolved = await requestIn('resolved');
      const callerView = await click(SALES_A, resolved, { action: 'ticket.note', text: '收到' });
      // "Close…" opens the Form; the quick buttons carry their rating
      expect(callerView!.card.privateActions[SALES_A]!.filter((b) => b.action === 'ticket.close').map((b) => b.params?.satisfaction ?? 'form')).toEqual(['form', '1', '2', '3', '4']);
    });

    it('a stale card: Claim after someone else claimed names the winner and the state', async () => {
      const r = await requestIn('new');
      await must(tickets.claim(as('bjyunying2'), r));
      const answer = await click(OPS_1, r, { action: 'ticket.claim' });
      expect(answer!.card.privateNotice![OPS_1]).toBe(`北京分公司-销售运营二线 已认领 ${r}。${r} 当前状态：处理中。`);
    });

    it('two agents click Claim at once: exactly one wins, the other is told who', async () => {
      const r = await requestIn('new');
      const [a, b] = await Promise.all([click(OPS_1, r, { action: 'ticket.claim' }), click(OPS_2, r, { action: 'ticket.claim' })]);
      const t = await ticket(r);
      expect(['bjxiaoshouyunying', 'bjyunying2']).toContain(t.agent);
      const [winner, loser, loserAnswer] =
        t.agent === 'bjxiaoshouyunying' ? [OPS_1, OPS_2, b] : [OPS_2, OPS_1, a];
      const winnerAnswer = winner === OPS_1 ? a : b;
      expect(winnerAnswer!.card.privateNotice![winner]).toBe(`您已认领 ${r}。`);
      const winnerName = t.agent === 'bjxiaoshouyunying' ? '北京分公司-销售运营' : '北京分公司-销售运营二线';
      expect(loserAnswer!.card.privateNotice![loser]).toContain(`${winnerName} 已认领 ${r}`);
      const history = await tickets.history(SYSTEM, r);
      expect(history.ok && history.value.filter((h) => h.action === 'claim')).toHaveLength(1);
    });
  });

  describe('people who cannot use the bot: a sentence, and one alert a day to the administrators', () => {
    const alertsTo = (admin: string) => gateway.to(admin).filter((m) => m.title === '有人无法使用工单机器人' || m.title === 'Someone cannot use the ticket bot');

    it('an unknown DingTalk user: the sentence, and one DM per administrator (in their language) with the user id and nick', async () => {
      const zh = alertsTo(ADMIN).length;
      const en = alertsTo(ADMIN_EN).length;
      expect(await ask(STRANGER, GRAPES, { senderNick: '新同事小王' })).toContain('请联系管理员添加您的钉钉账号');
      expect(alertsTo(ADMIN)).toHaveLength(zh + 1);
      expect(alertsTo(ADMIN_EN)).toHaveLength(en + 1);
      const alert = alertsTo(ADMIN)[zh]!.text;
      expect(alert).toContain(STRANGER);
      expect(alert).toContain('新同事小王');
      expect(alert).toContain('不在通讯录中');
      expect(alertsTo(ADMIN_EN)[en]!.text).toContain(`userid ${STRANGER}`);

      // again the same day, by message or command: the sentence, no second alert
      expect(await ask(STRANGER, '我的工单', { senderNick: '新同事小王' })).toContain('请联系管理员');
      await ask(STRANGER, '又发了一条', { senderNick: '新同事小王' });
      expect(alertsTo(ADMIN)).toHaveLength(zh + 1);

      // the next day: one more
      clock.advance(24 * 3600_000);
      try {
        await ask(STRANGER, GRAPES, { senderNick: '新同事小王' });
        expect(alertsTo(ADMIN)).toHaveLength(zh + 2);
      } finally {
        clock.set(WORKDAY_10AM);
      }
    });

    it('an inactive person, an organisation without a contract, a contract out of date: each a sentence and an alert naming why', async () => {
      const zh = alertsTo(ADMIN).length;
      expect(await ask(MERCHANT_B, GRAPES)).toContain('已停用');
      expect(alertsTo(ADMIN)[zh]!.text).toContain('其账号 kehub 已停用');

      expect(await ask(MERCHANT_A, GRAPES)).toContain('没有有效的服务合同');
      expect(alertsTo(ADMIN)[zh + 1]!.text).toContain('“外部客户”没有生效中');

      const before = await ticketCount();
      expect(await ask(OLD_SALES, GRAPES)).toContain('北京分公司-旧销售');
      expect(alertsTo(ADMIN)[zh + 2]!.text).toContain(OLD_SALES);
      expect(await ticketCount()).toBe(before);

      await ask(MERCHANT_A, GRAPES);
      await ask(OLD_SALES, GRAPES);
      expect(alertsTo(ADMIN)).toHaveLength(zh + 3);
    });
  });

  describe('limits', () => {
    it(`more than ${FILING_MAX} tickets a minute from one person: the ${FILING_MAX + 1}th is refused with a sentence, nothing filed`, async () => {
      const before = await ticketCount();
      for (let i = 1; i <= FILING_MAX; i++) {
        expect(await file(GZ_SALES_B, `第${i}个客户投诉，请处理`)).toMatch(/R-\d{6}/);
        clock.advance(1000);
      }
      expect(await ticketCount()).toBe(before + FILING_MAX);
      const refused = await ask(GZ_SALES_B, '第11个客户投诉，请处理');
      expect(refused).toBe(`没有登记成功：您一分钟内已提交了 ${FILING_MAX} 张工单，达到上限；这条没有登记，请稍后再发送。`);
      expect(await ticketCount()).toBe(before + FILING_MAX);
      // someone else is not affected
      expect(await file(SALES_B, '客户投诉：400 热线没人接')).toMatch(/R-\d{6}/);
      // a minute after the first one, a slot is free again
      clock.advance(60_000 - FILING_MAX * 1000 + 1);
      expect(await file(GZ_SALES_B, '第12个客户投诉，请处理')).toMatch(/R-\d{6}/);
    });

    it(`the window counts every process's filings: ${FILING_MAX} filed through another process leave none here`, async () => {
      // A second bot process: its own chat layer (its own memory) on the same database.
      const other = createChatHandler({ ...deps, filingLimit: new InProcessFilingLimit(), adminAlerts: new InProcessAdminAlertMemory() });
      clock.advance(61_000); // past the earlier tests' filings of this person
      const before = await ticketCount();
      for (let i = 1; i <= FILING_MAX; i++) {
        await other.onMessage(message(SALES_B, `另一进程：第${i}个客户投诉，请处理`));
        clock.advance(500);
      }
      expect(await ticketCount()).toBe(before + FILING_MAX);
      const refused = await ask(SALES_B, '这一条应被拒绝：客户投诉，请处理');
      expect(refused).toBe(`没有登记成功：您一分钟内已提交了 ${FILING_MAX} 张工单，达到上限；这条没有登记，请稍后再发送。`);
      expect(await ticketCount()).toBe(before + FILING_MAX);
      clock.advance(61_000);
      expect(await file(SALES_B, '一分钟后：客户投诉，请处理')).toMatch(/R-\d{6}/);
    });

    /** Rows of every table filing a message writes (and the drafts it no longer writes). */
    const rows = async () => {
      const n = async (table: string) => Number(((await db.ds.query(`SELECT COUNT(*) AS n FROM ${table}`)) as Array<{ n: unknown }>)[0]!.n);
      return { tickets: await n('tickets'), history: await n('ticket_history'), outbox: await n('outbox'), drafts: await n('intake_drafts') };
    };

    it('the same message handled twice (a replay after a crash) files one ticket; the replay answers nothing more', async () => {
      const before = await rows();
      const m = message(SALES_A, '商户G的葡萄今天没有送货');
      const answers = gateway.privateAnswers.length;
      await handler.onMessage(m);
      const first = gateway.lastCardTo(SALES_A)!; // the card is the answer
      const filed = await rows();
      expect(filed).toMatchObject({ tickets: before.tickets + 1, drafts: before.drafts });
      expect((await ticket(first)).sourceMsg).toBe(m.msgId);
      const calls = gateway.cardCalls.length;
      await handler.onMessage(m);
      expect(gateway.privateAnswers.length).toBe(answers); // no text answer, then or now
      expect(gateway.cardCalls.length).toBe(calls); // and no second card
      // the replay's opening rolled back whole: no ticket, history, outbox or draft row
      expect(await rows()).toEqual(filed);
      expect(await db.gate.run((em) => em.count(IntakeDraftRecord))).toBe(before.drafts);
    });

    it('two processes handle the same message at the same moment: one ticket, one answer (its card), never a refusal', async () => {
      const other = createChatHandler({ ...deps, filingLimit: new InProcessFilingLimit(), adminAlerts: new InProcessAdminAlertMemory() });
      const before = await rows();
      const m = message(SALES_B, '商户H的葡萄今天没有送货');
      const answers = gateway.privateAnswers.length;
      const calls = gateway.cardCalls.length;
      await Promise.all([handler.onMessage(m), other.onMessage(m)]);
      expect(gateway.privateAnswers.slice(answers).filter((a) => a.userId === SALES_B)).toEqual([]);
      const created = gateway.cardCalls.slice(calls).filter((c) => c.call === 'create');
      expect(created).toHaveLength(1);
      const ref = created[0]!.outTrackId;
      expect((await ticket(ref)).sourceMsg).toBe(m.msgId);
      const after = await rows();
      expect(after.tickets).toBe(before.tickets + 1);
      expect(after.drafts).toBe(before.drafts);
      const events = (await db.ds.query('SELECT type FROM outbox WHERE ticket_id = ?', [(await ticket(ref)).id])) as Array<{ type: string }>;
      expect(events.map((e) => e.type)).toEqual(['TicketCreated']);
    });

    it(`a replay refused before filing (the ${FILING_MAX}-a-minute limit counts the first filing) is not refused: the ticket stands, nothing more is said`, async () => {
      clock.advance(61_000); // past the earlier tests' filings of this person
      let last: IncomingChatMessage | null = null;
      for (let i = 1; i <= FILING_MAX; i++) {
        last = message(SALES_A, `重放测试：第${i}个客户投诉，请处理`);
        await handler.onMessage(last);
        clock.advance(500);
      }
      const ref = gateway.lastCardTo(SALES_A)!;
      expect((await ticket(ref)).sourceMsg).toBe(last!.msgId);
      const before = await rows();
      const answers = gateway.privateAnswers.length;
      await handler.onMessage(last!);
      expect(gateway.privateAnswers.length).toBe(answers); // neither the refusal nor a second answer
      expect(await rows()).toEqual(before);
      // a new message is still refused
      expect(await ask(SALES_A, '重放测试：又一个客户投诉，请处理')).toContain('没有登记成功');
    });
  });
});
