/**
 * Problems in chat (docs/domain.md §9), the seed's 咨询常见问题 path: two similar delivery questions → a problem
 * (`问题 R-… R-…`) → resolved with a workaround (offered to the agent of the open linked ticket) → an FAQ entry made
 * from it by its problem manager (draft → publish) → a third salesperson's question answered before filing, Solved
 * → a deflected request, nobody carded. Everyone else's commands and clicks are refused and change nothing.
 */
import { TypeormFaqStore } from '../../../src/adapters/persistence/typeorm-faq-store';
import { FaqService } from '../../../src/application/faq/faq-service';
import { createChatHandler } from '../../../src/bot/app/chat-app';
import type { ChatInboundHandler } from '../../../src/domain/ports/chat-inbound.port';
import { SYSTEM_ACTOR } from '../../../src/domain/tickets/actor';
import { refOf } from '../../../src/domain/tickets/ticket';
import { chatHarness, drainingHandler, type ChatHarness } from '../../support/chat-harness';

// zbshangchengcp: problem manager of bj-product-mall (a team of the delivery model serving bj-sales).
const U = { salesA: '1000000259', salesB: '1000000296', pm: '1000000370', ops: '1000000333', lead: '1000009001', admin: '1000000703' };

describe('problems in chat: 问题 → workaround → FAQ → answered before filing', () => {
  let h: ChatHarness;
  let handler: ChatInboundHandler;
  let store: TypeormFaqStore;

  beforeEach(async () => {
    h = await chatHarness();
    store = new TypeormFaqStore(h.db.gate);
    const faqs = new FaqService({
      store,
      clock: h.clock,
      problemTeamOf: async (ref) => {
        const t = await h.tickets.get(SYSTEM_ACTOR, ref);
        return t.ok && t.value.kind === 'problem' ? t.value.team : null;
      },
    });
    handler = drainingHandler(h, createChatHandler({ ...h.deps, faqs }));
  });
  afterEach(() => h.close());

  const say = (userId: string, text: string) => handler.onMessage(h.message(userId, text));
  const click = (userId: string, card: string, params: Record<string, string>) => handler.onCardAction(h.cardAction(userId, card, params));
  const lastAnswer = (userId: string) => h.gateway.privateAnswers.filter((m) => m.userId === userId).at(-1)?.message.text ?? '';
  const ask = async (person: string, text: string): Promise<string> => {
    const r = await h.tickets.open({ person, entryPoint: 'chat' }, { service: 'BJ-SALES-OPS', subcategory: 'consult', description: text });
    if (!r.ok) throw new Error(r.error.code);
    await h.drain();
    return refOf(r.value);
  };

  it('the whole path, with refusals that change nothing', async () => {
    const a = await ask('bjxiaoshoua', '客户下午下的订单今天没有送货，什么时候能送到？');
    h.clock.advance(60_000);
    const b = await ask('bjxiaoshoub', '下午的订单为什么当天没送到');
    expect((await h.tickets.claim({ person: 'bjxiaoshouyunying', entryPoint: 'card' }, b)).ok).toBe(true);
    await h.drain();

    // Not a problem manager: refused with a sentence, nothing made.
    await say(U.ops, `问题 ${a} ${b} 下午订单次日送达`);
    expect(lastAnswer(U.ops)).toContain('问题经理');
    const untouched = await h.tickets.get(SYSTEM_ACTOR, a);
    expect(untouched.ok && untouched.value.problem).toBeFalsy();
    // Without a valid ref the text is an ordinary message, not a command.
    await say(U.pm, '问题 很多人问送货时间');
    expect(lastAnswer(U.pm)).not.toContain('用法');

    await say(U.pm, `问题 ${a} ${b} 下午订单次日送达`);
    const made = lastAnswer(U.pm);
    const p = /P-\d{6}/.exec(made)?.[0];
    expect(p).toBeDefined();
    expect(made).toContain(a);
    // The linked tickets' cards name their problem.
    const cardB = h.gateway.cards.get(b)?.card;
    expect(cardB?.fields).toEqual(expect.arrayContaining([{ label: '问题', value: p }]));
    // The agent of the open linked ticket is told it belongs to the problem (the unassigned one has nobody to tell).
    const told = (await h.notices.byTicket(Number(b.slice(2)))).filter((n) => n.eventCode === 'problem_created');
    expect(told).toEqual([expect.objectContaining({ personId: 'bjxiaoshouyunying', body: expect.stringContaining(p!) })]);
    expect((await h.notices.byTicket(Number(a.slice(2)))).filter((n) => n.eventCode === 'problem_created')).toEqual([]);

    // Someone else may not resolve it.
    await say(U.ops, `问题解决 ${p} 仓库下午不排车 | 下午 3 点后的订单次日上午送达`);
    expect(lastAnswer(U.ops)).toMatch(/不能|无权|只有|权限/);
    expect((await h.tickets.get(SYSTEM_ACTOR, p!)).ok && ((await h.tickets.get(SYSTEM_ACTOR, p!)) as { value: { status: string } }).value.status).toBe('assigned');

    await say(U.pm, `问题解决 ${p} 仓库下午不排车 | 下午 3 点后的订单次日上午送达，请告知客户`);
    expect(lastAnswer(U.pm)).toContain('已解决');
    // Resolving the problem resolves nothing else; the agent of the open linked ticket gets the workaround.
    const stillB = await h.tickets.get(SYSTEM_ACTOR, b);
    expect(stillB.ok && stillB.value.status).toBe('assigned');
    const bId = Number(b.slice(2));
    const notices = await h.notices.byTicket(bId);
    expect(notices.filter((n) => n.eventCode === 'workaround')).toEqual([
      expect.objectContaining({ personId: 'bjxiaoshouyunying', body: expect.stringContaining('下午 3 点后的订单次日上午送达') }),
    ]);

    // An FAQ entry from the problem's workaround: its problem manager proposes, the draft comes to them, they publish.
    await say(U.ops, `faq propose ${p}`);
    expect(await store.all()).toEqual([]);
    await say(U.pm, `faq propose ${p}`);
    expect(lastAnswer(U.pm)).toContain('F-000001');
    expect(await store.get(1)).toMatchObject({ status: 'draft', source: p, service: 'BJ-SALES-OPS', answer: '下午 3 点后的订单次日上午送达，请告知客户' });
    expect(h.gateway.cards.get('faq-F-000001')?.spaces).toEqual(expect.arrayContaining([{ kind: 'dm', userId: U.pm }]));
    const refused = await click(U.ops, 'faq-F-000001', { action: 'faq.publish', faq: 'F-000001' });
    expect(refused?.card.privateNotice?.[U.ops]).toContain('问题经理');
    expect((await store.get(1))?.status).toBe('draft');
    await click(U.pm, 'faq-F-000001', { action: 'faq.publish', faq: 'F-000001' });
    expect((await store.get(1))?.status).toBe('published');

    // The next salesperson's question is answered before filing; Solved → a deflected request, nobody carded.
    const cardsBefore = [...h.gateway.cards.keys()].filter((id) => /^[RIP]-/.test(id)).length;
    const m = h.message(U.salesA, '下午的订单是不是次日送达？');
    await handler.onMessage(m);
    const faqCard = h.gateway.cards.get(`faq-${m.msgId}`);
    expect(faqCard?.card.vars?.faq).toBe('F-000001');
    await click(U.salesA, `faq-${m.msgId}`, { action: 'faq.solved', faq: 'F-000001' });
    const mine = await h.tickets.list(SYSTEM_ACTOR, { scope: 'by_state', states: ['resolved'] }, 10);
    expect(mine.ok && mine.value.filter((t) => t.kind === 'request')).toEqual([expect.objectContaining({ resolutionCode: 'faq', solution: 'F-000001', caller: 'bjxiaoshoua' })]);
    expect([...h.gateway.cards.keys()].filter((id) => /^[RIP]-/.test(id))).toHaveLength(cardsBefore);
    expect((await store.get(1))).toMatchObject({ shown: 1, solved: 1 });
  });

  it('card actions: Make problem for problem managers only; link, unlink and resolve re-checked on the server', async () => {
    const a = await ask('bjxiaoshoua', '配送单在系统里看不到');
    const b = await ask('bjxiaoshoub', '系统里找不到今天的配送单');
    const card = h.gateway.cards.get(a)?.card;
    // The service team's contacts hold the card; none of them is a problem manager: no Make problem button.
    expect(card?.privateActions[U.ops]?.map((x) => x.action)).not.toContain('ticket.make_problem');

    for (const who of [U.ops, U.salesA, U.lead]) {
      const refused = await click(who, a, { action: 'ticket.make_problem' });
      expect(refused?.card.privateNotice?.[who]).toContain('问题经理');
    }
    expect((await h.tickets.get(SYSTEM_ACTOR, a)).ok && ((await h.tickets.get(SYSTEM_ACTOR, a)) as { value: { problem?: number | null } }).value.problem).toBeFalsy();

    const made = await click(U.pm, a, { action: 'ticket.make_problem', title: '配送单不显示' });
    const p = /P-\d{6}/.exec(made?.card.privateNotice?.[U.pm] ?? '')?.[0];
    expect(p).toBeDefined();
    // The card, re-rendered for the problem manager, names the problem and no longer offers Make problem.
    expect(made?.card.fields).toEqual(expect.arrayContaining([{ label: '问题', value: p }]));
    expect(made?.card.privateActions[U.pm]?.map((x) => x.action)).not.toContain('ticket.make_problem');

    const refusedLink = await click(U.ops, b, { action: 'problem.link', problem: p! });
    expect(refusedLink?.card.privateNotice?.[U.ops]).toContain('问题经理');
    await click(U.pm, b, { action: 'problem.link', problem: p! });
    expect(((await h.tickets.get(SYSTEM_ACTOR, b)) as { value: { problem?: number | null } }).value.problem).toBe(Number(p!.slice(2)));
    await click(U.pm, b, { action: 'problem.unlink' });
    expect(((await h.tickets.get(SYSTEM_ACTOR, b)) as { value: { problem?: number | null } }).value.problem).toBeNull();

    const refusedResolve = await click(U.ops, p!, { action: 'problem.resolve', root_cause: 'x', workaround: 'y' });
    expect(refusedResolve?.card.privateNotice?.[U.ops] ?? lastAnswer(U.ops)).toMatch(/不能|无权|只有|权限|没有/);
    expect(((await h.tickets.get(SYSTEM_ACTOR, p!)) as { value: { status: string } }).value.status).toBe('assigned');
    const missing = await click(U.pm, p!, { action: 'problem.resolve', root_cause: '索引损坏' });
    expect(missing?.card.privateNotice?.[U.pm]).toContain('临时方案');
    await click(U.pm, p!, { action: 'problem.resolve', root_cause: '索引损坏', workaround: '刷新页面后重新搜索' });
    expect(((await h.tickets.get(SYSTEM_ACTOR, p!)) as { value: { status: string; workaround: string } }).value).toMatchObject({ status: 'resolved', workaround: '刷新页面后重新搜索' });
  });
});
