/**
 * What a first week in DingTalk showed (the issue "orphaned reopens, answers nobody sees"), each defect replayed
 * through the chat layer on a real embedded database with the recording gateway: a reopened child goes back to its
 * team's queue with a claimable card; its solution is the incident's; `查看` answers with a new message; lists typed
 * in a group leave one line there; small talk gets no picker; per-role help; the closed card's satisfaction;
 * withdraw (撤回) by command and button; a lost claim race is told by a message of its own.
 */
import type { CardView } from '../../../src/domain/ports/chat-gateway.port';
import { SYSTEM_ACTOR as SYSTEM } from '../../../src/domain/tickets/actor';
import type { Ticket } from '../../../src/domain/tickets/ticket';
import { DEMO_USERS, GRAPES } from '../../support/demo';
import { chatHarness, type ChatHarness } from '../../support/chat-harness';

const { SALES_A, OPS_1, OPS_2, GZ_SALES_A, MERCHANT_A } = DEMO_USERS;
const MALL_PRODUCT = '1000000370'; // zbshangchengcp: support agent + problem manager, lead and contact of bj-product-mall

describe('a first week [sqlite]', () => {
  let h: ChatHarness;
  beforeAll(async () => {
    h = await chatHarness();
  });
  afterAll(() => h.close());

  const say = (userId: string, text: string, extra = {}) => h.handler.onMessage(h.message(userId, text, extra));
  const click = async (userId: string, outTrackId: string, params: Record<string, string>): Promise<CardView> => {
    const answer = await h.handler.onCardAction(h.cardAction(userId, outTrackId, params));
    if (!answer) throw new Error(`no card answer to ${params.action}`);
    return answer.card;
  };
  const answersTo = (userId: string) => h.gateway.privateAnswers.filter((m) => m.userId === userId).map((m) => m.message.text);
  const lastAnswer = (userId: string) => answersTo(userId).at(-1) ?? '';
  const card = (ref: string): CardView => {
    const c = h.gateway.cards.get(ref);
    if (!c) throw new Error(`no card ${ref}`);
    return c.card;
  };
  const actionsOf = (view: CardView, userId: string) => (view.privateActions[userId] ?? []).map((a) => a.action);
  const field = (view: CardView, label: string) => view.fields.find((f) => f.label === label)?.value;
  const ticket = async (ref: string): Promise<Ticket> => {
    const r = await h.tickets.get(SYSTEM, ref);
    if (!r.ok) throw new Error(r.error.code);
    return r.value;
  };
  const file = async (userId: string, text: string): Promise<string> => {
    const calls = h.gateway.cardCalls.length;
    await say(userId, text);
    const created = h.gateway.cardCalls.slice(calls).find((c) => c.call === 'create');
    if (!created) throw new Error(`nothing filed from ${text}: ${lastAnswer(userId)}`);
    await h.drain();
    return created.outTrackId;
  };
  const pickers = () => [...h.gateway.cards.keys()].filter((k) => k.startsWith('pick-')).length;

  describe('defects 1 and 3: a child resolved with its incident, then reopened by its caller', () => {
    let first: string;
    let second: string;
    let incident: string;

    it('the child takes the incident\'s own solution (no English) and its agent', async () => {
      first = await file(SALES_A, '商城下单失败，客户无法付款');
      second = await file(GZ_SALES_A, '下单失败了，客户付不了款');
      await click(GZ_SALES_A, second, { action: 'intake.join', incident: first });
      await h.drain();
      const made = await click(MALL_PRODUCT, first, { action: 'ticket.make_incident' });
      incident = /I-\d{6}/.exec(made.privateNotice?.[MALL_PRODUCT] ?? '')![0];
      await h.drain();
      await click(MALL_PRODUCT, incident, { action: 'ticket.claim' });
      await click(MALL_PRODUCT, incident, { action: 'ticket.resolve', text: '修复了支付回调，已发布', resolution_code: 'bug_fixed' });
      await h.drain();
      const child = card(second);
      expect(child.status).toBe('resolved');
      expect(field(child, '解决方案')).toBe('修复了支付回调，已发布');
      expect(field(child, '处理人')).toBe('北京分公司-产品-商城');
      expect(JSON.stringify(child.fields)).not.toMatch(/Automatically|resolved from/);
    });

    it('reopened, it is back in the team\'s queue: 新建, 待认领, out of the incident; the agent\'s card offers 认领', async () => {
      expect(field(card(incident), '影响范围')).toMatch(/^2 .*2 /);
      const view = await click(GZ_SALES_A, second, { action: 'ticket.reopen', text: '还是不能付款' });
      await h.drain();
      // The incident's card counts it no more at once (not at the incident's next change).
      expect(field(card(incident), '影响范围')).toMatch(/^1 .*1 /);
      const t = await ticket(second);
      expect([t.status, t.agent, t.parent]).toEqual(['new', null, null]);
      expect(view.status).toBe('new');
      expect(field(view, '处理人')).toBe('待认领');
      const agents = card(second);
      expect(actionsOf(agents, MALL_PRODUCT)).toContain('ticket.claim');
      expect(actionsOf(agents, MALL_PRODUCT)).not.toContain('ticket.reassign');
      // The incident no longer counts it: closing the incident leaves the reopened request open.
      expect((await ticket(incident)).status).toBe('resolved');
      const claim = await click(MALL_PRODUCT, second, { action: 'ticket.claim' });
      expect(claim.status).toBe('assigned');
    });
  });

  describe('defect 4: 查看 answers with a new message', () => {
    it('a ticket whose card the person holds: a new text with state, assignee, deadlines and the latest history', async () => {
      const ref = await file(SALES_A, GRAPES);
      const before = answersTo(SALES_A).length;
      await say(SALES_A, `查看 ${ref}`);
      const texts = answersTo(SALES_A).slice(before);
      expect(texts).toHaveLength(1);
      expect(texts[0]).toContain(`${ref}［新建］`);
      expect(texts[0]).toContain('处理人：待认领');
      expect(texts[0]).toContain('响应时限：');
      expect(texts[0]).toContain('最近记录：');
      expect(texts[0]).toMatch(/北京分公司-销售A：提交/);
      expect(texts[0]).not.toContain('/app/t/'); // no workbench page configured: no link
    });

    it('ends with the ticket page\'s link where the workbench page exists', async () => {
      const ref = await file(SALES_A, GRAPES);
      h.deps.pageBase = 'https://bot.example.com/';
      try {
        const before = answersTo(SALES_A).length;
        await say(SALES_A, `查看 ${ref}`);
        const texts = answersTo(SALES_A).slice(before);
        expect(texts).toHaveLength(1);
        expect(texts[0]!.split('\n').at(-1)).toBe(`在网页中查看：https://bot.example.com/app/t/${ref}`);
      } finally {
        delete h.deps.pageBase;
      }
    });
  });

  describe('defect 6: the closed card shows the satisfaction by name', () => {
    it('非常满意, never 1/4', async () => {
      const ref = await file(SALES_A, '商户B订了2斤苹果，今天没有送货');
      await click(OPS_1, ref, { action: 'ticket.claim' });
      await click(OPS_1, ref, { action: 'ticket.resolve', text: '已补发', resolution_code: 'assistance' });
      await h.drain();
      await click(SALES_A, ref, { action: 'ticket.close', satisfaction: '1' });
      await h.drain();
      expect(field(card(ref), '满意度')).toBe('非常满意');
      expect(JSON.stringify(card(ref))).not.toContain('1/4');
    });
  });

  describe('defect 7: 我的工单 / 队列 typed in a group', () => {
    it('answered in the DM, and the group gets one line saying so', async () => {
      const group = { conversationType: 'group' as const, conversationId: 'cid-sales', mentioned: true };
      for (const [who, text, title] of [
        [SALES_A, '我的工单', '我的工单'],
        [OPS_2, '队列', '团队队列'],
      ] as const) {
        const dms = answersTo(who).length;
        const lines = h.gateway.groupMessages.length;
        await say(who, text, group);
        expect(answersTo(who).slice(dms).join('\n')).toContain(title);
        const inGroup = h.gateway.groupMessages.slice(lines).map((m) => m.message.text);
        expect(inGroup).toEqual([`${title}已私信发给您。`]);
      }
    });
  });

  describe('defect 8: greetings, thanks and typos open no picker', () => {
    it.each(['你好', '谢谢', 'hlep', '帮主', '您好！', 'hi'])('%s → a sentence, no picker, nothing filed', async (text) => {
      const before = pickers();
      const count = h.gateway.cardCalls.length;
      await say(SALES_A, text);
      expect(pickers()).toBe(before);
      expect(h.gateway.cardCalls.length).toBe(count);
      expect(lastAnswer(SALES_A)).not.toBe('');
    });

    it('the picker can be dismissed: nothing filed, no buttons left', async () => {
      const m = h.message(SALES_A, '麻烦看一下这个情况');
      await h.handler.onMessage(m);
      const id = [...h.gateway.cards.keys()].find((k) => k.includes(m.msgId))!;
      const dismiss = card(id).privateActions[SALES_A]!.at(-1)!;
      expect(dismiss.label).toBe('都不是，不登记');
      const view = await click(SALES_A, id, { action: 'intake.pick', ...dismiss.params });
      expect(view.privateActions[SALES_A] ?? []).toEqual([]);
      expect(view.privateNotice?.[SALES_A]).toBe('好的，这条消息没有登记。');
    });
  });

  describe('defect 9: help by role', () => {
    it('a salesperson sees no agent command; an agent does; a merchant without contract is not told to describe the problem', async () => {
      await say(SALES_A, '帮助');
      expect(lastAnswer(SALES_A)).toContain('直接用文字描述');
      expect(lastAnswer(SALES_A)).not.toMatch(/认领 R-|队列 ——|解决 R-/);
      await say(OPS_1, '帮助');
      expect(lastAnswer(OPS_1)).toMatch(/认领 R-000012/);
      await say(MERCHANT_A, '帮助');
      expect(lastAnswer(MERCHANT_A)).toContain('没有有效的服务合同');
      expect(lastAnswer(MERCHANT_A)).not.toContain('直接用文字描述');
      await say(MERCHANT_A, '我的工单');
      expect(lastAnswer(MERCHANT_A)).not.toContain('直接描述问题即可提交');
    });
  });

  describe('withdraw (撤回 / cancel)', () => {
    it('by command: the caller withdraws an unclaimed request with a reason → closed, code cancelled', async () => {
      const ref = await file(SALES_A, '商户C的货今天没有送货');
      await say(SALES_A, `撤回 ${ref} 客户自己改好了`);
      expect(lastAnswer(SALES_A)).toBe(`${ref} 已撤回。`);
      const t = await ticket(ref);
      expect([t.status, t.resolutionCode]).toEqual(['closed', 'cancelled']);
      await h.drain();
      expect(card(ref).status).toBe('closed');
    });

    it('by the card\'s button; refused once claimed, naming who has it', async () => {
      const ref = await file(SALES_A, '商户D的水果还没发货');
      expect(actionsOf(card(ref), SALES_A)).toContain('ticket.cancel');
      await click(OPS_1, ref, { action: 'ticket.claim' });
      const refused = await click(SALES_A, ref, { action: 'ticket.cancel', text: '不需要了' });
      expect(refused.privateNotice?.[SALES_A]).toContain('北京分公司-销售运营 已认领');
      const other = await file(SALES_A, '商户E的水果还没发货');
      const done = await click(SALES_A, other, { action: 'ticket.cancel', text: '不需要了' });
      expect(done.status).toBe('closed');
    });

    it('撤回 without a valid ref is ordinary text: it goes to intake', async () => {
      const before = h.gateway.cardCalls.length;
      await say(SALES_A, '撤回的订单款项还没有到账，商户在催');
      expect(h.gateway.cardCalls.length).toBeGreaterThan(before); // filed or a picker: intake, not a usage line
    });
  });

  describe('defect 11: the losing claimer', () => {
    it('is told "X 已认领" by a message of its own (the card line may be cleared by the winner\'s update)', async () => {
      const ref = await file(SALES_A, '商户F的苹果没有送货');
      await click(OPS_1, ref, { action: 'ticket.claim' });
      await click(OPS_2, ref, { action: 'ticket.claim' });
      expect(lastAnswer(OPS_2)).toContain(`北京分公司-销售运营 已认领 ${ref}`);
    });
  });
});
