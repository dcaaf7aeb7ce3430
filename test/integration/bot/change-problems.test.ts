/**
 * Changes and problems (docs/changes.md §3, §5): 申请变更 on a problem's card opens the picker linking the change;
 * someone no template allows is refused with a sentence; a successful change resolves its problem, the problem's
 * incident and requests; each caller is told once (one on two requests, one request linked both directly and
 * through its incident), in one batched message naming the change; a cancelled change resolves nothing.
 */
import { formatChangeRef, type Change } from '../../../src/domain/changes/change';
import type { CardView } from '../../../src/domain/ports/chat-gateway.port';
import { SYSTEM_ACTOR } from '../../../src/domain/tickets/actor';
import { refOf, type Ticket } from '../../../src/domain/tickets/ticket';
import { renderTicketCard } from '../../../src/bot/views/cards/render-ticket-card';
import { changeHarness } from '../../support/change-harness';

const PRODUCT = '1000000370'; // zbshangchengcp: bj-product-mall lead and contact, problem manager
const QA = '1000000444';
const OPS = '1000000481';
const SALES_A = '1000000259';
const SALES_B = '1000000296';
const CUSTOMER = '1000000037'; // kehua: a portal user of the customers org, whom no change template allows

type H = Awaited<ReturnType<typeof changeHarness>>;

describe('changes linked to problems', () => {
  let w: H;
  beforeEach(async () => {
    w = await changeHarness();
  });
  afterEach(() => w.h.close());

  const say = async (userId: string, text: string) => {
    await w.h.handler.onMessage(w.h.message(userId, text));
    await w.settle();
  };
  const click = async (userId: string, ref: string, params: Record<string, string>): Promise<CardView | null> => {
    const answer = await w.h.handler.onCardAction(w.h.cardAction(userId, ref, params));
    await w.settle();
    return answer?.card ?? null;
  };
  const changeRows = async () => w.store.list({ limit: 10 });
  const ticket = async (ref: string): Promise<Ticket> => {
    const r = await w.h.tickets.get(SYSTEM_ACTOR, ref);
    if (!r.ok) throw new Error(r.error.code);
    return r.value;
  };
  const requestRefs = async () =>
    ((await w.h.db.ds.query(`SELECT id FROM tickets WHERE kind = 'request' ORDER BY id`)) as Array<{ id: number }>).map((t) => refOf({ kind: 'request', id: Number(t.id) }));
  const act = async (userId: string, ref: string, action: string) => {
    const c = ((await w.changes.get(ref)) as { value: Change }).value;
    return click(userId, ref, { action, ref, step: String(c.current) });
  };

  /** R1 (A), R2 (B) → I; R3 (A); P from I and R3, R1 also linked directly… through its incident; returns the refs. */
  async function problemOfThree() {
    await say(SALES_A, '商城下单失败，提交订单报错');
    await say(SALES_B, '下单失败了，一直报错');
    await say(SALES_A, '商城下单失败，订单提交不了');
    const [r1, r2, r3] = await requestRefs();
    const made = await w.h.tickets.createIncident(
      { person: 'zbshangchengcp', entryPoint: 'card' },
      { requests: [r1!, r2!], service: 'BJ-MALL-PRODUCT', subcategory: 'bug', title: '商城下单失败' },
    );
    if (!made.ok) throw new Error(made.error.code);
    const iref = refOf(made.value);
    const p = await w.h.tickets.makeProblem({ person: 'zbshangchengcp', entryPoint: 'card' }, { refs: [iref, r3!, r1!], title: '下单失败' });
    if (!p.ok) throw new Error(`${p.error.code} ${JSON.stringify(p.error)}`);
    await w.settle();
    return { r1: r1!, r2: r2!, r3: r3!, iref, pref: refOf(p.value) };
  }

  it('申请变更 on the problem card → picker → change linked → QA, ops, QA → problem, incident, requests resolved; each caller told once', async () => {
    const { r1, r2, r3, iref, pref } = await problemOfThree();
    expect((await ticket(r1)).problem).not.toBeNull();
    // The problem's card offers 申请变更 to its problem manager (a template allows them).
    const card = w.h.gateway.cards.get(pref);
    expect(card?.card.privateActions[PRODUCT]?.map((a) => a.action)).toContain('change.request');
    const button = card!.card.privateActions[PRODUCT]!.find((a) => a.action === 'change.request')!;
    expect(button.params).toEqual({ ref: pref });

    // The click sends the picker, each button carrying the problem's ref.
    await click(PRODUCT, pref, { action: 'change.request', ...button.params });
    const picker = [...w.h.gateway.cards.entries()].find(([id]) => id.startsWith(`chg-pick-${pref}-`));
    expect(picker).toBeDefined();
    const choices = picker![1].card.privateActions[PRODUCT]!;
    const release = choices.find((a) => a.params?.template === 'app-release')!;
    expect(release.params).toEqual({ template: 'app-release', ref: pref });
    expect(await changeRows()).toHaveLength(0);

    // A blank title: the problem's title.
    const answered = await click(PRODUCT, picker![0], { action: 'change.request', ...release.params, title: '' });
    const [c] = await changeRows();
    expect(c!.problems).toEqual([(await ticket(pref)).id]);
    expect(c!.incidents).toEqual([]);
    expect(c!.title).toBe('下单失败');
    const ref = formatChangeRef(c!.id);
    expect(answered?.privateNotice?.[PRODUCT]).toContain(ref);

    const before = w.h.gateway.messages.length;
    await act(QA, ref, 'change.approve');
    await act(OPS, ref, 'change.done');
    await act(QA, ref, 'change.passed');
    expect(((await w.changes.get(ref)) as { value: Change }).value.status).toBe('successful');
    const p = await ticket(pref);
    expect(p.status).toBe('resolved');
    expect(p.solution).toBe(ref);
    for (const r of [iref, r1, r2, r3]) {
      const t = await ticket(r);
      expect(t.status).toBe('resolved');
      expect(t.solution).toBe(ref);
    }
    // Each ticket resolved once (R1 is reached twice: directly and through its incident).
    const events = (await w.h.db.ds.query(`SELECT ticket_id AS id, COUNT(*) AS n FROM outbox WHERE type = 'TicketResolved' GROUP BY ticket_id`)) as Array<{ n: number }>;
    expect(events.map((e) => Number(e.n))).toEqual([1, 1, 1, 1, 1]);
    // A (R1 and R3) and B (R2): one message each, the same one, naming the change; nothing per request.
    const after = w.h.gateway.messages.slice(before);
    const toA = after.filter((m) => m.userId === SALES_A);
    const toB = after.filter((m) => m.userId === SALES_B);
    expect(toA.map((m) => m.message.text)).toEqual([expect.stringContaining(ref)]);
    expect(toB).toHaveLength(1);
    expect(toB[0]!.message).toBe(toA[0]!.message);
    expect(toA[0]!.message.text).not.toMatch(/R-\d+/);
  });

  it('someone no template allows: 申请变更 refused with a sentence, nothing requested; no button on their card', async () => {
    const { pref, iref } = await problemOfThree();
    // Rendered for both: the problem manager gets 申请变更, the customer does not.
    const dir = (await w.h.directory.current())!;
    const view = renderTicketCard(await ticket(pref), dir, [CUSTOMER, PRODUCT], 'zh-CN', { relations: { changeTemplates: w.changes.templates } });
    expect(view.privateActions[PRODUCT]!.map((a) => a.action)).toContain('change.request');
    expect(view.privateActions[CUSTOMER]!.map((a) => a.action)).not.toContain('change.request');
    await click(CUSTOMER, pref, { action: 'change.request', ref: pref });
    const said = [...w.h.gateway.privateAnswers, ...w.h.gateway.messages].filter((m) => m.userId === CUSTOMER).map((m) => m.message.text);
    expect(said.filter((t) => t.includes('没有可以申请的变更模板'))).toHaveLength(1);
    expect([...w.h.gateway.cards.keys()].some((id) => id.startsWith('chg-pick-'))).toBe(false);
    // A picker button forged by them: the template refuses, nothing changed.
    await click(CUSTOMER, 'chg-pick-x', { action: 'change.request', template: 'app-release', ref: iref, title: '我来发版' });
    expect(await changeRows()).toHaveLength(0);
  });

  it('R-, I-, P- and C- share one reference sequence: no number is used twice', async () => {
    const { r1, r2, r3, iref, pref } = await problemOfThree();
    await say(PRODUCT, `变更 app-release ${pref} 修复下单失败`);
    const r4 = await w.h.tickets.open({ person: 'bjxiaoshoub', entryPoint: 'api' }, { service: 'BJ-MALL-PRODUCT', subcategory: 'bug', description: '商城下单又失败了' });
    if (!r4.ok) throw new Error(r4.error.code);
    const [c] = await changeRows();
    const numbers = [r1, r2, r3, iref, pref, formatChangeRef(c!.id), refOf(r4.value)].map((r) => Number(r.slice(2)));
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('the command links a problem (P-…); a cancelled change resolves nothing', async () => {
    const { pref, r3 } = await problemOfThree();
    await say(PRODUCT, `变更 app-release ${pref} 修复下单失败`);
    const [c] = await changeRows();
    expect(c!.problems).toEqual([(await ticket(pref)).id]);
    const ref = formatChangeRef(c!.id);
    await click(PRODUCT, ref, { action: 'change.cancel', ref, text: '改期' });
    expect(((await w.changes.get(ref)) as { value: Change }).value.status).toBe('cancelled');
    expect((await ticket(pref)).status).not.toBe('resolved');
    expect((await ticket(r3)).status).not.toBe('resolved');
    // A ref that is no problem or incident: a sentence, nothing requested.
    await say(PRODUCT, `变更 app-release ${r3} 修复`);
    expect(await changeRows()).toHaveLength(1);
    const said = [...w.h.gateway.privateAnswers, ...w.h.gateway.messages].filter((m) => m.userId === PRODUCT).map((m) => m.message.text);
    expect(said.filter((t) => t.includes(`${r3} 不是问题`))).toHaveLength(1);
  });
});
