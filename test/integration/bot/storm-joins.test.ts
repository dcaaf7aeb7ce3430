/**
 * Storm joins (docs/interfaces.md "Intake from chat", the Operations "Storm joins"): complaints that score at least
 * AUTO_JOIN_THRESHOLD against an open incident of their service are filed and linked at once; each caller gets the
 * incident's card (not one of their own), the contacts no per-request card, and the incident card counts them.
 * Below the threshold the "Same as I-…?" offer stays. "Not the same problem" (`intake.unjoin`) sends a request
 * its own way. On a real database (embedded SQLite) with the recording chat gateway.
 */
import type { CardView } from '../../../src/domain/ports/chat-gateway.port';
import { formatRef, refOf, type Ticket } from '../../../src/domain/tickets/ticket';
import { SYSTEM_ACTOR as SYSTEM } from '../../../src/domain/tickets/actor';
import { DEMO_USERS } from '../../support/demo';
import { chatHarness, type ChatHarness } from '../../support/chat-harness';

const { SALES_A, SALES_B, GZ_SALES_A, GZ_SALES_B } = DEMO_USERS;
const SALES_C = '1000009901'; // a fifth caller, added below
const MALL_PRODUCT = '1000000370'; // zbshangchengcp: support agent, contact of bj-product-mall
const IMPACT = '影响范围';

const STORM: ReadonlyArray<[string, string]> = [
  [SALES_A, '商城下单失败，客户无法付款'],
  [GZ_SALES_A, '商城下单失败，付款页面报错'],
  [SALES_B, '商城下单失败，一直转圈'],
  [GZ_SALES_B, '商城下单失败，提示系统繁忙'],
  [SALES_C, '商城下单失败，请尽快处理'],
];


/** The open incident "商城下单失败" of BJ-MALL-PRODUCT, made on its card by the product manager. */
async function mallIncident(h: ChatHarness): Promise<Ticket> {
  const made = await h.tickets.createIncident(
    { person: 'zbshangchengcp', entryPoint: 'card' },
    { requests: [], service: 'BJ-MALL-PRODUCT', subcategory: 'bug', title: '商城下单失败' },
  );
  if (!made.ok) throw new Error(made.error.code);
  return made.value;
}

/** Request number `i` of `person`, filed from chat and joined to `iref` at once (the storm join). */
async function joinMallIncident(h: ChatHarness, person: string, iref: string, i: number): Promise<void> {
  const r = await h.tickets.open(
    { person, entryPoint: 'chat' },
    { service: 'BJ-MALL-PRODUCT', subcategory: 'bug', description: `商城下单失败，第${i}单` },
    { joinIncident: iref },
  );
  if (!r.ok) throw new Error(r.error.code);
}

describe('storm joins [sqlite]', () => {
  let h: ChatHarness;
  let incident: Ticket;
  let iref: string;
  const filed: string[] = [];

  beforeAll(async () => {
    h = await chatHarness((data) => {
      const a = data.people.find((p) => p.id === 'bjxiaoshoua')!;
      data.people.push({ ...a, id: 'bjxiaoshouc', name: '北京分公司-销售C', dingtalkUserId: SALES_C });
    });
    incident = await mallIncident(h);
    iref = refOf(incident);
    await h.drain();
  });

  afterAll(() => h.close());

  const say = (userId: string, text: string) => h.handler.onMessage(h.message(userId, text));
  const click = async (userId: string, outTrackId: string, params: Record<string, string>): Promise<CardView> => {
    const answer = await h.handler.onCardAction(h.cardAction(userId, outTrackId, params));
    if (!answer) throw new Error(`no card answer to ${params.action}`);
    return answer.card;
  };
  const ticket = async (ref: string): Promise<Ticket> => {
    const r = await h.tickets.get(SYSTEM, ref);
    if (!r.ok) throw new Error(r.error.code);
    return r.value;
  };
  const actionsOf = (view: CardView, userId: string) => (view.privateActions[userId] ?? []).map((a) => a.action);
  const impactOf = (view: CardView) => view.fields.find((f) => f.label === IMPACT)?.value;
  const incidentCard = () => h.gateway.cards.get(iref)!.card;

  it('a storm of 5 complaints: 5 requests filed and linked, each caller holds the incident card, no per-request card', async () => {
    const before = h.gateway.cardCalls.length;
    for (const [userId, text] of STORM) await say(userId, text);
    await h.drain();
    const children = await h.tickets.list(SYSTEM, { scope: 'children', parent: iref });
    expect(children.ok && children.value.length).toBe(5);
    if (!children.ok) return;
    for (const t of children.value) {
      filed.push(refOf(t));
      expect(t.parent).toBe(incident.id);
      // No card of its own, for the caller or the contacts.
      expect(h.gateway.cards.has(refOf(t))).toBe(false);
      expect((await h.cards.cardsOf(t.id)).length).toBe(0);
    }
    for (const [userId] of STORM) {
      expect(h.gateway.holds(userId, iref)).toBe(true);
      const buttons = actionsOf(incidentCard(), userId);
      // Their own private buttons: "not the same problem", and nothing they may not do.
      expect(buttons).toContain('intake.unjoin');
      expect(buttons).not.toContain('ticket.claim');
      expect(buttons).not.toContain('ticket.resolve');
    }
    const unjoin = incidentCard().privateActions[SALES_A]!.find((a) => a.action === 'intake.unjoin')!;
    expect(unjoin.label).toBe('不是同一个问题');
    expect(impactOf(incidentCard())).toBe('5 个请求，5 人');
    // New holders by deliver (no second instance); the contact's card only updated, never a new one per request.
    const calls = h.gateway.cardCalls.slice(before);
    expect(calls.filter((c) => c.call === 'create')).toEqual([]);
    expect(calls.filter((c) => c.call === 'deliver').every((c) => c.outTrackId === iref)).toBe(true);
    expect(calls.some((c) => c.spaces?.some((s) => s.kind === 'dm' && s.userId === MALL_PRODUCT))).toBe(false);
    // History: the link by the system, in the filing's transaction.
    const history = await h.tickets.history(SYSTEM, filed[0]!);
    expect(history.ok && history.value.map((r) => r.action)).toEqual(expect.arrayContaining(['open', 'link']));
  });

  it('`我的工单` lists the joined request by its own R- ref with its incident', async () => {
    await say(SALES_A, '我的工单');
    const answer = h.gateway.privateAnswers.filter((m) => m.userId === SALES_A).at(-1)!.message.text;
    const own = (await h.tickets.list(SYSTEM, { scope: 'children', parent: iref }).then((r) => (r.ok ? r.value : []))).find(
      (t) => t.caller === 'bjxiaoshoua',
    )!;
    expect(answer).toContain(`${refOf(own)}［`);
    expect(answer).toContain(`（已并入 ${iref}）`);
  });

  it('a complaint below the auto-join threshold is filed on its own with today\'s offer', async () => {
    await say(GZ_SALES_B, '下单失败了，客户付不了款');
    const ref = h.gateway.lastCardTo(GZ_SALES_B)!;
    expect(ref).toMatch(/^R-/);
    const t = await ticket(ref);
    expect(t.parent).toBeNull();
    const mine = h.gateway.cards.get(ref)!.card;
    expect(mine.privateNotice?.[GZ_SALES_B]).toMatch(new RegExp(`^与 ${iref} 相同`));
    expect(actionsOf(mine, GZ_SALES_B)).toContain('intake.join');
    expect(h.gateway.holds(MALL_PRODUCT, ref)).toBe(true);
  });

  it('unjoin by someone with no joined request is refused', async () => {
    const view = await click(MALL_PRODUCT, iref, { action: 'intake.unjoin', ref: iref });
    expect(view.privateNotice?.[MALL_PRODUCT]).toContain('没有未结的请求');
    const children = await h.tickets.list(SYSTEM, { scope: 'children', parent: iref });
    expect(children.ok && children.value.length).toBe(5);
  });

  it('"not the same problem": the request leaves the incident, gets its own card (caller and contacts), history row', async () => {
    const view = await click(GZ_SALES_A, iref, { action: 'intake.unjoin', ref: iref });
    const children = await h.tickets.list(SYSTEM, { scope: 'children', parent: iref });
    expect(children.ok && children.value.length).toBe(4);
    const left = filed.filter((r) => children.ok && !children.value.some((c) => refOf(c) === r));
    expect(left).toHaveLength(1);
    const ref = left[0]!;
    expect((await ticket(ref)).caller).toBe('gzxiaoshoua');
    expect((await ticket(ref)).parent).toBeNull();
    expect(view.privateNotice?.[GZ_SALES_A]).toContain(`${ref} 已移出 ${iref}`);
    expect(actionsOf(view, GZ_SALES_A)).not.toContain('intake.unjoin');
    const history = await h.tickets.history(SYSTEM, ref);
    expect(history.ok && history.value.some((r) => r.action === 'unlink' && r.changes.some((c) => c.field === 'parent' && c.from === iref && c.to === null))).toBe(true);

    await h.drain();
    expect(h.gateway.holds(GZ_SALES_A, ref)).toBe(true);
    expect(h.gateway.holds(MALL_PRODUCT, ref)).toBe(true);
    expect(impactOf(incidentCard())).toBe('4 个请求，4 人');
    expect(actionsOf(incidentCard(), GZ_SALES_A)).not.toContain('intake.unjoin');
    expect(actionsOf(incidentCard(), SALES_A)).toContain('intake.unjoin');
    expect(formatRef('incident', incident.id)).toBe(iref);
  });

  it('the incident resolved: each joined caller\'s view of the incident card is updated in place', async () => {
    const claimed = await h.tickets.claim({ person: 'zbshangchengcp', entryPoint: 'card' }, iref);
    expect(claimed.ok).toBe(true);
    const resolved = await h.tickets.resolve({ person: 'zbshangchengcp', entryPoint: 'card' }, iref, '已回滚发布', 'bug_fixed');
    expect(resolved.ok).toBe(true);
    const before = h.gateway.cardCalls.length;
    await h.drain();
    expect(incidentCard().status).toBe('resolved');
    // One card update for every holder (its joined callers too); no card of the joined requests' own.
    const calls = h.gateway.cardCalls.slice(before);
    expect(calls.filter((c) => c.outTrackId === iref).map((c) => c.call)).toEqual(['update']);
    expect(calls.filter((c) => c.outTrackId !== iref)).toEqual([]);
    for (const [userId] of STORM.filter(([u]) => u !== GZ_SALES_A)) {
      expect(h.gateway.holds(userId, iref)).toBe(true);
      expect(actionsOf(incidentCard(), userId)).not.toContain('intake.unjoin');
    }
  });
});

describe('storm joins after many [sqlite]', () => {
  it('the incident stays a candidate however many requests joined it since (more than the recent tickets read)', async () => {
    const h = await chatHarness();
    try {
      const iref = refOf(await mallIncident(h));
      // 60 requests joined already (newer than the incident: more than the 50 recent tickets intake compares with).
      for (let i = 0; i < 60; i++) {
        await joinMallIncident(h, i % 2 ? 'bjxiaoshoua' : 'gzxiaoshoua', iref, i);
      }
      await h.drain();
      await h.handler.onMessage(h.message(SALES_B, '商城下单失败，一直转圈'));
      const children = await h.tickets.list(SYSTEM, { scope: 'children', parent: iref }, 100);
      expect(children.ok && children.value.filter((t) => t.caller === 'bjxiaoshoub')).toHaveLength(1);
      expect(h.gateway.holds(SALES_B, iref)).toBe(true);
    } finally {
      await h.close();
    }
  });
});


describe('storm joins: the work of a join does not grow with the number joined [sqlite]', () => {
  const PEOPLE = 60;
  const userOf = (i: number) => String(1_000_090_000 + i);

  /** Statements run and rows they returned while `work` runs (every query of the scratch database). */
  async function measured(h: ChatHarness, work: () => Promise<unknown>): Promise<{ statements: number; rows: number }> {
    const runner = h.db.ds.createQueryRunner();
    const proto = Object.getPrototypeOf(runner) as { query: (...a: unknown[]) => Promise<unknown> };
    await runner.release();
    const original = proto.query;
    const seen = { statements: 0, rows: 0 };
    proto.query = async function (this: unknown, ...args: unknown[]) {
      const out = await original.apply(this, args);
      seen.statements++;
      const rows = Array.isArray(out) ? out : (out as { records?: unknown[] } | undefined)?.records;
      if (Array.isArray(rows)) seen.rows += rows.length;
      return out;
    };
    try {
      await work();
    } finally {
      proto.query = original;
    }
    return seen;
  }

  it(`joins 1–5 and ${PEOPLE - 4}–${PEOPLE} read as much; each join's update carries the new caller's private data only`, async () => {
    const h = await chatHarness((data) => {
      const a = data.people.find((p) => p.id === 'bjxiaoshoua')!;
      for (let i = 0; i < PEOPLE; i++) data.people.push({ ...a, id: `stormer-${i}`, name: `风暴-${i}`, dingtalkUserId: userOf(i) });
    });
    try {
      const iref = refOf(await mallIncident(h));
      await h.drain();
      const perJoin: Array<{ statements: number; rows: number }> = [];
      for (let i = 0; i < PEOPLE; i++) {
        await joinMallIncident(h, `stormer-${i}`, iref, i);
        const before = h.gateway.cardCalls.length;
        perJoin.push(await measured(h, () => h.drain()));
        const update = h.gateway.cardCalls.slice(before).filter((c) => c.call === 'update' && c.outTrackId === iref);
        expect(update).toHaveLength(1);
        // The first update after the card's delivery renders every holder; later ones only the caller just joined.
        if (i > 0) expect(Object.keys(update[0]!.card!.privateActions)).toEqual([userOf(i)]);
      }
      const early = perJoin.slice(1, 5);
      const late = perJoin.slice(PEOPLE - 4);
      expect(Math.min(...early.map((m) => m.statements))).toBeGreaterThan(0); // the count sees the queries
      expect(Math.max(...late.map((m) => m.statements))).toBeLessThanOrEqual(Math.max(...early.map((m) => m.statements)));
      expect(Math.max(...late.map((m) => m.rows))).toBeLessThanOrEqual(Math.max(...early.map((m) => m.rows)));
      // Every caller keeps their own "not the same problem" on the incident's card, and the impact is counted.
      const card = h.gateway.cards.get(iref)!.card;
      for (let i = 0; i < PEOPLE; i++) expect((card.privateActions[userOf(i)] ?? []).map((a) => a.action)).toContain('intake.unjoin');
      expect(card.fields.find((f) => f.label === IMPACT)?.value).toBe(`${PEOPLE} 个请求，${PEOPLE} 人`);
    } finally {
      await h.close();
    }
  });
});
