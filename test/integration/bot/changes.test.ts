/**
 * Changes through the chat layer (docs/changes.md): the seed's APP发新版 (产品 → 质量 → 运维 → 质量) from the change
 * command, each team acting from its card, the change closing and resolving its incident and requests; reject →
 * resubmit; a failed verify → rollback note and the QA lead told; step clocks firing once on time; permissions.
 */
import { formatChangeRef, type Change } from '../../../src/domain/changes/change';
import type { CardView } from '../../../src/domain/ports/chat-gateway.port';
import { SYSTEM_ACTOR } from '../../../src/domain/tickets/actor';
import { refOf, type Ticket } from '../../../src/domain/tickets/ticket';
import { changeHarness } from '../../support/change-harness';

const PRODUCT = '1000000370'; // zbshangchengcp: bj-product-mall lead and contact, problem manager
const QA = '1000000444'; // zbzl: bj-qa lead and contact
const OPS = '1000000481'; // zbyw: bj-ops lead and contact
const SALES_A = '1000000259';
const SALES_B = '1000000296';
const QA2 = '1000009444';
const BJ_LEAD = '1000000592'; // bjzong: lead of the bj org, the upper lead of bj-qa

type H = Awaited<ReturnType<typeof changeHarness>>;

describe('changes in chat (app-release)', () => {
  let w: H;
  beforeEach(async () => {
    // A second QA contact (not the lead), so that the lead hears of what another tester did.
    w = await changeHarness((d) => {
      const zbzl = d.people.find((p) => p.id === 'zbzl')!;
      d.people.push({ ...zbzl, id: 'zbzl2', name: '北京分公司-质量二', dingtalkUserId: QA2 });
      d.teams.find((t) => t.code === 'bj-qa')!.members.push({ person: 'zbzl2', role: 'contact' });
    });
  });
  afterEach(() => w.h.close());

  const say = (userId: string, text: string) => w.h.handler.onMessage(w.h.message(userId, text));
  const click = async (userId: string, ref: string, params: Record<string, string>): Promise<CardView> => {
    const answer = await w.h.handler.onCardAction(w.h.cardAction(userId, ref, params));
    if (!answer) throw new Error(`no card answer to ${params.action}`);
    return answer.card;
  };
  const latest = async (): Promise<Change> => (await w.store.list({ limit: 1 }))[0]!;
  const buttons = (ref: string, userId: string) =>
    (w.h.gateway.cards.get(ref)?.card.privateActions[userId] ?? []).map((a) => a.action);
  const stepOf = async (ref: string) => String((await w.changes.get(ref)).ok ? ((await w.changes.get(ref)) as { value: Change }).value.current : -1);
  const textsTo = (userId: string) => w.h.gateway.messages.filter((m) => m.userId === userId).map((m) => m.message.text);
  const answersTo = (userId: string) => w.h.gateway.privateAnswers.filter((m) => m.userId === userId).map((m) => m.message.text);
  const ticketRows = async () => (await w.h.db.ds.query('SELECT id, kind FROM tickets ORDER BY id')) as Array<{ id: number; kind: string }>;
  const ticket = async (ref: string): Promise<Ticket> => {
    const r = await w.h.tickets.get(SYSTEM_ACTOR, ref);
    if (!r.ok) throw new Error(r.error.code);
    return r.value;
  };
  const act = async (userId: string, ref: string, action: string, extra: Record<string, string> = {}) =>
    click(userId, ref, { action, ref, step: await stepOf(ref), ...extra });

  it('the seed path: two 下单失败 requests → an incident → a change → QA, ops, QA act from their cards → all resolved, each caller once', async () => {
    await say(SALES_A, '商城下单失败，提交订单报错');
    await say(SALES_B, '下单失败了，一直报错');
    const reqRefs = (await ticketRows()).filter((t) => t.kind === 'request').map((t) => refOf({ kind: 'request', id: Number(t.id) }));
    expect(reqRefs).toHaveLength(2);
    const made = await w.h.tickets.createIncident(
      { person: 'zbshangchengcp', entryPoint: 'card' },
      { requests: reqRefs, service: 'BJ-MALL-PRODUCT', subcategory: 'bug', title: '商城下单失败' },
    );
    if (!made.ok) throw new Error(made.error.code);
    const iref = refOf(made.value);
    await w.h.drain();

    await say(PRODUCT, `变更 app-release ${iref} 修复下单失败`);
    const c = await latest();
    const ref = formatChangeRef(c.id);
    expect(c.incidents).toEqual([made.value.id]);
    expect(answersTo(PRODUCT).some((t) => t.includes(ref))).toBe(true);
    // QA (step 1's team) holds the card with claim + approve/reject; the requester with cancel only.
    expect(w.h.gateway.cards.get(ref)!.spaces).toEqual(expect.arrayContaining([{ kind: 'dm', userId: QA }, { kind: 'dm', userId: PRODUCT }]));
    expect(buttons(ref, QA)).toEqual(['change.claim', 'change.approve', 'change.reject']);
    expect(buttons(ref, PRODUCT)).toEqual(['change.cancel']);
    expect(w.scheduler.armed.size).toBe(2);

    await act(QA, ref, 'change.claim');
    const approved = await act(QA, ref, 'change.approve', { text: '测试通过' });
    expect(approved.privateNotice?.[QA]).toContain('已通过');
    // Ops now holds it with its step's buttons; QA's step-1 buttons are gone.
    expect(w.h.gateway.cards.get(ref)!.spaces).toEqual(expect.arrayContaining([{ kind: 'dm', userId: OPS }]));
    expect(buttons(ref, OPS)).toEqual(['change.claim', 'change.done', 'change.failed']);
    expect(buttons(ref, QA)).toEqual([]);
    expect(textsTo(PRODUCT).some((t) => t.includes('测试') && t.includes(ref))).toBe(true);

    await act(OPS, ref, 'change.done', { text: 'v2.3.1 已上线' });
    expect(buttons(ref, QA)).toEqual(['change.claim', 'change.passed', 'change.failed']);
    await act(QA, ref, 'change.passed');

    const done = (await w.changes.get(ref)) as { value: Change };
    expect(done.value.status).toBe('successful');
    expect(done.value.steps.map((s) => s.state)).toEqual(['passed', 'passed', 'passed']);
    // The incident and both requests resolved, naming the change.
    for (const r of [iref, ...reqRefs]) {
      const t = await ticket(r);
      expect(t.status).toBe('resolved');
      expect(t.solution).toContain(ref);
    }
    expect(textsTo(PRODUCT).filter((t) => t.includes('成功')).length).toBe(1);
    // Each resolution is one outbox event: each caller's card is updated by it once, and told once.
    const events = await w.h.db.ds.query(`SELECT ticket_id AS id, COUNT(*) AS n FROM outbox WHERE type = 'TicketResolved' GROUP BY ticket_id`);
    expect((events as Array<{ n: number }>).map((e) => Number(e.n))).toEqual([1, 1, 1]);
    expect(w.scheduler.armed.size).toBe(0); // every step clock cancelled or fired
  });

  it('reject at QA → back to the requester with the reason → resubmit → passes', async () => {
    await say(PRODUCT, 'change app-release 新版 APP 2.4');
    const ref = formatChangeRef((await latest()).id);
    await act(QA, ref, 'change.reject', { text: '缺少测试报告' });
    let c = ((await w.changes.get(ref)) as { value: Change }).value;
    expect(c.status).toBe('returned');
    expect(textsTo(PRODUCT).some((t) => t.includes('缺少测试报告'))).toBe(true);
    expect(buttons(ref, PRODUCT)).toEqual(['change.resubmit', 'change.cancel']);
    expect(buttons(ref, QA)).toEqual([]);
    expect(w.scheduler.armed.size).toBe(0);

    // Only the requester may resubmit.
    const refused = await click(QA, ref, { action: 'change.resubmit', ref });
    expect(refused.privateNotice?.[QA]).toContain('只有');
    await click(PRODUCT, ref, { action: 'change.resubmit', ref, text: '已补充测试报告' });
    c = ((await w.changes.get(ref)) as { value: Change }).value;
    expect(c.status).toBe('in_progress');
    expect(c.current).toBe(0);
    expect(w.scheduler.armed.size).toBe(2);
    await act(QA, ref, 'change.approve');
    c = ((await w.changes.get(ref)) as { value: Change }).value;
    expect(c.current).toBe(1);
    expect(c.steps[0]!.state).toBe('passed');
  });

  it('a failed verify: rollback note on the change, the requester and the QA lead told; cancelling then is `failed`', async () => {
    await say(PRODUCT, '变更 app-release 支付改版');
    const ref = formatChangeRef((await latest()).id);
    await act(QA, ref, 'change.approve');
    await act(OPS, ref, 'change.done');
    const before = w.h.gateway.messages.length;
    await act(QA2, ref, 'change.failed', { text: '支付页白屏' });
    const c = ((await w.changes.get(ref)) as { value: Change }).value;
    expect(c.rollbackNote).toBe('验证: 支付页白屏');
    expect(w.h.gateway.cards.get(ref)!.card.fields.find((f) => f.label === '回滚说明')?.value).toBe('验证: 支付页白屏');
    const after = w.h.gateway.messages.slice(before);
    expect(after.filter((m) => m.userId === PRODUCT).map((m) => m.message.text)).toEqual([expect.stringContaining('支付页白屏')]);
    expect(after.filter((m) => m.userId === QA).map((m) => m.message.text)).toEqual([expect.stringMatching(/验证.*失败.*回滚.*支付页白屏/)]);
    await click(PRODUCT, ref, { action: 'change.cancel', ref, text: '已回滚，放弃' });
    expect(((await w.changes.get(ref)) as { value: Change }).value.status).toBe('failed');
  });

  it('a step TTR: its lead told at 100 %, the upper lead at 200 %, each once, on time (test clock)', async () => {
    await say(PRODUCT, '变更 app-release 时限');
    const ref = formatChangeRef((await latest()).id);
    const jobs = [...w.scheduler.armed.values()];
    expect(jobs.map((j) => j.jobId).sort()).toEqual([`ttr100-${ref}-s0-1`, `ttr200-${ref}-s0-1`]);
    const due100 = jobs.find((j) => j.jobId.startsWith('ttr100'))!.dueAt;
    // bj-qa works on the standard SLA's calendar (workdays): 1 day of working time later, never earlier.
    expect(due100.getTime()).toBeGreaterThan(w.h.clock.now().getTime());

    w.h.clock.set(new Date(due100.getTime() - 1000));
    expect(await w.scheduler.fireDue(w.h.clock.now())).toEqual([]);
    expect(await w.clocks.reconcile()).toBe(0);
    await w.settle();
    expect(textsTo(QA).filter((t) => t.includes('处理时限'))).toEqual([]);

    w.h.clock.set(due100);
    expect(await w.scheduler.fireDue(w.h.clock.now())).toEqual([`ttr100-${ref}-s0-1`]);
    expect(await w.clocks.reconcile()).toBe(0); // the job fired it: the reconciler finds nothing
    // The job fired again (a retry) changes nothing.
    await w.clocks.fire({ changeId: (await latest()).id, step: 0, round: 1, level: 'ttr100' });
    await w.settle(); // the firing wrote notice rows; the deliverer sends them
    expect(textsTo(QA).filter((t) => t.includes('已到处理时限'))).toHaveLength(1);
    expect(textsTo(BJ_LEAD)).toEqual([]);

    // 200 %: no job (lost), the reconciler fires it, once.
    w.scheduler.armed.clear();
    const due200 = jobs.find((j) => j.jobId.startsWith('ttr200'))!.dueAt;
    w.h.clock.set(due200);
    expect(await w.clocks.reconcile()).toBe(1);
    expect(await w.clocks.reconcile()).toBe(0);
    await w.settle();
    expect(textsTo(BJ_LEAD).filter((t) => t.includes('超过处理时限'))).toHaveLength(1);
  });

  it('the step leaving before its TTR: the clock is cancelled and nobody is told', async () => {
    await say(PRODUCT, '变更 app-release 准时');
    const ref = formatChangeRef((await latest()).id);
    const jobs = [...w.scheduler.armed.values()];
    await act(QA, ref, 'change.approve');
    expect(w.scheduler.cancelled.sort()).toEqual(jobs.map((j) => j.jobId).sort());
    w.h.clock.set(new Date(jobs[0]!.dueAt.getTime() + 10 * 86_400_000));
    await w.clocks.reconcile();
    await w.settle();
    expect(textsTo(QA).filter((t) => t.includes('处理时限'))).toEqual([]);
  });

  describe('permissions', () => {
    it('only people the template allows may request; the picker lists only theirs', async () => {
      await say(SALES_A, '变更 app-release 我也想发版');
      expect(await w.store.list({})).toEqual([]);
      expect(answersTo(SALES_A).at(-1)).toContain('您不能申请');
      await say(SALES_A, '变更');
      const picker = [...w.h.gateway.cards.values()].at(-1)!.card;
      expect(picker.privateActions[SALES_A]!.map((a) => a.params?.template)).toEqual(['it-equipment']);
      const answer = await click(SALES_A, 'chg-pick-x', { action: 'change.request', template: 'it-equipment', text: '笔记本换新' });
      expect(answer.privateNotice?.[SALES_A]).toMatch(/已提交变更 C-\d+/);
    });

    it('an unknown template code is no command: the text is filed as a request', async () => {
      await say(SALES_A, '变更 收货地址，一直没有送货');
      expect(await w.store.list({})).toEqual([]);
      expect(await ticketRows()).toHaveLength(1);
    });

    it('step actions only by the step team, only on the current step; resubmit/cancel only by the requester', async () => {
      await say(PRODUCT, '变更 app-release 权限');
      const ref = formatChangeRef((await latest()).id);
      for (const action of ['change.claim', 'change.approve', 'change.reject']) {
        const v = await click(OPS, ref, { action, ref, step: '0', text: 'x' });
        expect(v.privateNotice?.[OPS]).toContain('您不是该团队成员');
      }
      const notRequester = await click(QA, ref, { action: 'change.cancel', ref, text: 'x' });
      expect(notRequester.privateNotice?.[QA]).toContain('只有');
      await act(QA, ref, 'change.approve');
      // QA's stale step-0 button: answered with the current step, nothing changed.
      const stale = await click(QA, ref, { action: 'change.reject', ref, step: '0', text: 'x' });
      expect(stale.privateNotice?.[QA]).toContain('上线');
      for (const action of ['change.done', 'change.failed', 'change.claim']) {
        const v = await click(QA, ref, { action, ref, step: '1', text: 'x' });
        expect(v.privateNotice?.[QA]).toContain('您不是该团队成员');
      }
      const wrongKind = await click(OPS, ref, { action: 'change.passed', ref, step: '1' });
      expect(wrongKind.privateNotice?.[OPS]).toContain('不接受');
      const noReason = await click(OPS, ref, { action: 'change.failed', ref, step: '1' });
      expect(noReason.privateNotice?.[OPS]).toContain('原因');
      expect(((await w.changes.get(ref)) as { value: Change }).value.current).toBe(1);
      const resubmitLive = await click(PRODUCT, ref, { action: 'change.resubmit', ref });
      expect(resubmitLive.privateNotice?.[PRODUCT]).toContain('不允许');
      const admin = await click('1000000703', ref, { action: 'change.cancel', ref, text: '重复' });
      expect(admin.privateNotice?.['1000000703']).toContain('已取消');
    });
  });
});
