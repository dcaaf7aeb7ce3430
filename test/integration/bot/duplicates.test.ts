/**
 * Duplicates → incident (docs/domain.md §5, "many requests map to one incident, showing the impact"), end to end on a
 * real database (embedded SQLite, TypeORM stores) with the recording chat gateway: the second 下单失败 report is
 * offered the first; joining a request records the pair; the product agent makes an incident from both; a third
 * report is offered the incident and joins it; the incident card shows the impact; resolving the incident
 * resolves every request and updates each caller's card. Also: dismissing a suggestion, and nobody but the
 * caller may answer it.
 */
import type { CardView } from '../../../src/domain/ports/chat-gateway.port';
import { formatRef, type Ticket } from '../../../src/domain/tickets/ticket';
import { DEMO_USERS } from '../../support/demo';
import { SYSTEM_ACTOR as SYSTEM } from '../../../src/domain/tickets/actor';
import { chatHarness, type ChatHarness } from '../../support/chat-harness';

const { SALES_A: BJ_SALES_A, SALES_B: BJ_SALES_B, GZ_SALES_A, GZ_SALES_B } = DEMO_USERS; // GZ A: 天河, GZ B: 白云
const MALL_PRODUCT = '1000000370'; // zbshangchengcp: support agent + problem manager, contact of bj-product-mall
const MALL_PRODUCT_2 = '1000000371'; // mallcp2: a second contact of bj-product-mall, added below

const ORDER_FAILS_1 = '商城下单失败，客户无法付款';
const ORDER_FAILS_2 = '下单失败了，客户付不了款';
const ORDER_FAILS_3 = '商城下单失败，付款页面报错';
const IMPACT = '影响范围';
const PARENT = '所属工单';

describe('duplicates → incident [sqlite]', () => {
  let h: ChatHarness;
  let gateway: ChatHarness['gateway'];
  let tickets: ChatHarness['tickets'];
  let handler: ChatHarness['handler'];

  beforeAll(async () => {
    h = await chatHarness((data) => {
      const cp = data.people.find((p) => p.id === 'zbshangchengcp')!;
      data.people.push({ ...cp, id: 'mallcp2', name: '北京分公司-产品-商城二线', dingtalkUserId: MALL_PRODUCT_2, profiles: ['support_agent'] });
      data.teams.find((t) => t.code === 'bj-product-mall')!.members.push({ person: 'mallcp2', role: 'contact' });
    });
    ({ gateway, tickets, handler } = h);
  });

  afterAll(() => h.close());

  const drain = () => h.drain();
  const say = (userId: string, text: string) => handler.onMessage(h.message(userId, text));
  const click = async (userId: string, outTrackId: string, params: Record<string, string>): Promise<CardView> => {
    const answer = await handler.onCardAction(h.cardAction(userId, outTrackId, params));
    if (!answer) throw new Error(`no card answer to ${params.action}`);
    return answer.card;
  };
  const lastAnswer = (userId: string): string => {
    const mine = gateway.privateAnswers.filter((m) => m.userId === userId);
    if (mine.length === 0) throw new Error(`no answer to ${userId}`);
    return mine[mine.length - 1]!.message.text;
  };
  const refIn = (text: string, kind: 'R' | 'I' = 'R'): string => {
    const m = new RegExp(`${kind}-\\d{6}`).exec(text);
    if (!m) throw new Error(`no ${kind}- ref in ${text}`);
    return m[0];
  };
  const cardId = (ref: string, userId: string) => ref;
  const card = (ref: string, userId: string): CardView => {
    const c = gateway.cards.get(cardId(ref, userId));
    if (!c) throw new Error(`no card ${cardId(ref, userId)}`);
    return c.card;
  };
  const buttons = (view: CardView, userId: string) => view.privateActions[userId] ?? [];
  const actionsOf = (view: CardView, userId: string) => buttons(view, userId).map((a) => a.action);
  const impactOf = (view: CardView) => view.fields.find((f) => f.label === IMPACT)?.value;
  const parentOf = (view: CardView) => view.fields.find((f) => f.label === PARENT)?.value;
  /** The stored cards of `ref`: [outTrackId, role], sorted. */
  const cardRoles = async (ref: string): Promise<[string, string][]> =>
    (await h.cards.cardsOf((await ticket(ref)).id)).map((c): [string, string] => [c.outTrackId, c.role]).sort((a, b) => a[0].localeCompare(b[0]));
  const ticket = async (ref: string): Promise<Ticket> => {
    const r = await tickets.get(SYSTEM, ref);
    if (!r.ok) throw new Error(r.error.code);
    return r.value;
  };
  /** Files `text` as `userId`; the answer is the ticket's card (its outTrackId is the ref). */
  const file = async (userId: string, text: string): Promise<string> => {
    const calls = gateway.cardCalls.length;
    await say(userId, text);
    const created = gateway.cardCalls.slice(calls).find((c) => c.call === 'create' && c.spaces?.some((s) => s.kind === 'dm' && s.userId === userId));
    if (!created) throw new Error(`no card to ${userId}`);
    await drain();
    return created.outTrackId;
  };

  describe('the two 下单失败 reports, then a third', () => {
    let first: string;
    let second: string;
    let third: string;
    let incident: string;

    it('the first report is filed on BJ-MALL-PRODUCT/bug with no suggestion', async () => {
      first = await file(BJ_SALES_A, ORDER_FAILS_1);
      const t = await ticket(first);
      expect([t.service, t.subcategory]).toEqual(['BJ-MALL-PRODUCT', 'bug']);
      const mine = card(first, BJ_SALES_A);
      expect(mine.privateNotice?.[BJ_SALES_A]).toBeUndefined();
      expect(actionsOf(mine, BJ_SALES_A)).not.toContain('intake.join');
      expect(gateway.cards.has(cardId(first, MALL_PRODUCT))).toBe(true); // the team's contact
    });

    it('the second report is still filed, and its caller is offered the first request', async () => {
      second = await file(GZ_SALES_A, ORDER_FAILS_2);
      expect(second).not.toBe(first);
      const t = await ticket(second);
      expect([t.service, t.subcategory, t.parent]).toEqual(['BJ-MALL-PRODUCT', 'bug', null]);

      const mine = card(second, GZ_SALES_A);
      expect(mine.privateNotice?.[GZ_SALES_A]).toBe(`与 ${first} 相同（已影响 1 人）？`);
      const join = buttons(mine, GZ_SALES_A).find((b) => b.action === 'intake.join');
      expect(join?.params).toEqual({ incident: first });
      expect(actionsOf(mine, GZ_SALES_A)).toContain('intake.new');
      // The suggestion is the caller's only: the contact's card of the same request shows neither line nor buttons.
      const contacts = card(second, MALL_PRODUCT);
      expect(contacts.privateNotice?.[MALL_PRODUCT]).toBeUndefined();
      expect(actionsOf(contacts, MALL_PRODUCT)).not.toContain('intake.join');
    });

    it('nobody but the caller may answer the suggestion', async () => {
      const view = await click(MALL_PRODUCT, cardId(second, MALL_PRODUCT), { action: 'intake.join', incident: first });
      expect(view.privateNotice?.[MALL_PRODUCT]).toContain('没有权限');
      expect((await ticket(second)).parent).toBeNull();
    });

    it('joining a request records the pair as similar (no link); the older request offers "make incident from 2"', async () => {
      const view = await click(GZ_SALES_A, cardId(second, GZ_SALES_A), { action: 'intake.join', incident: first });
      expect(view.privateNotice?.[GZ_SALES_A]).toBe(`已记录 ${second} 与 ${first} 为同一问题，支持人员可将它们合并为工单。`);
      expect(actionsOf(view, GZ_SALES_A)).not.toContain('intake.join');
      expect((await ticket(second)).parent).toBeNull();
      expect((await ticket(first)).parent).toBeNull();

      expect(await drain()).toBeGreaterThan(0);
      const agents = card(first, MALL_PRODUCT);
      const make = buttons(agents, MALL_PRODUCT).find((b) => b.action === 'ticket.make_incident');
      expect(make?.label).toBe('由 2 个请求创建工单');
      // Callers never create incidents.
      expect(actionsOf(card(first, BJ_SALES_A), BJ_SALES_A)).not.toContain('ticket.make_incident');
      await expect(click(BJ_SALES_A, cardId(first, BJ_SALES_A), { action: 'ticket.make_incident' })).resolves.toMatchObject({
        privateNotice: { [BJ_SALES_A]: expect.stringContaining('没有权限') },
      });
    });

    it('the product agent makes an incident from both; both requests are linked and the agent gets its card', async () => {
      const view = await click(MALL_PRODUCT, cardId(first, MALL_PRODUCT), { action: 'ticket.make_incident' });
      const notice = view.privateNotice?.[MALL_PRODUCT] ?? '';
      incident = refIn(notice, 'I');
      expect(notice).toBe(`已由 2 个请求创建工单 ${incident}。`);
      const inc = await ticket(incident);
      expect([inc.kind, inc.service, inc.subcategory, inc.caller]).toEqual(['incident', 'BJ-MALL-PRODUCT', 'bug', 'bjxiaoshoua']);
      for (const ref of [first, second]) expect((await ticket(ref)).parent).toBe(inc.id);
      expect(actionsOf(view, MALL_PRODUCT)).not.toContain('ticket.make_incident');

      // The incident's card goes out from the outbox (`IncidentCreated`), with the links' card updates.
      await drain();
      // The maker as agent, the team's other contact as contact, nobody else (not the callers).
      expect(await cardRoles(incident)).toEqual([
        [cardId(incident, MALL_PRODUCT), 'agent'],
        [cardId(incident, MALL_PRODUCT_2), 'contact'],
      ]);
      expect(gateway.cards.get(incident)!.spaces.map((s) => (s.kind === 'dm' ? s.userId : s.conversationId)).sort()).toEqual(
        [MALL_PRODUCT, MALL_PRODUCT_2].sort(),
      );
      expect(gateway.cards.get(cardId(incident, MALL_PRODUCT))!.updates).toBe(0); // once: the maker (a contact too) is skipped as a contact
      expect(impactOf(card(incident, MALL_PRODUCT_2))).toBe('2 个请求，2 人');
      expect(actionsOf(card(incident, MALL_PRODUCT_2), MALL_PRODUCT_2)).toContain('ticket.claim');

      expect(impactOf(card(incident, MALL_PRODUCT))).toBe('2 个请求，2 人');
      // Each request's cards now name the incident its report went to.
      for (const [ref, caller] of [
        [first, BJ_SALES_A],
        [second, GZ_SALES_A],
      ] as const) {
        expect(parentOf(card(ref, caller))).toBe(incident);
        expect(parentOf(card(ref, MALL_PRODUCT))).toBe(incident);
      }
      expect(parentOf(card(incident, MALL_PRODUCT))).toBeUndefined();
    });

    it('a third report is offered the incident (with the people it already affects) and joins it', async () => {
      third = await file(BJ_SALES_B, ORDER_FAILS_3);
      const mine = card(third, BJ_SALES_B);
      expect(mine.privateNotice?.[BJ_SALES_B]).toBe(`与 ${incident} 相同（已影响 2 人）？`);
      expect(buttons(mine, BJ_SALES_B).find((b) => b.action === 'intake.join')?.params).toEqual({ incident });

      const view = await click(BJ_SALES_B, cardId(third, BJ_SALES_B), { action: 'intake.join', incident });
      expect(view.privateNotice?.[BJ_SALES_B]).toBe(`${third} 已并入工单 ${incident}，工单解决时会通知您。`);
      expect(parentOf(view)).toBe(incident);
      expect((await ticket(third)).parent).toBe((await ticket(incident)).id);
      expect(actionsOf(view, BJ_SALES_B)).not.toContain('intake.join');

      // A second click on the stale card changes nothing and says so.
      const again = await click(BJ_SALES_B, cardId(third, BJ_SALES_B), { action: 'intake.join', incident });
      expect(again.privateNotice?.[BJ_SALES_B]).toContain('已没有待确认的相同问题');
    });

    it('the incident card shows 3 requests from 3 people', async () => {
      await drain();
      expect(impactOf(card(incident, MALL_PRODUCT))).toBe('3 个请求，3 人');
      const children = await tickets.list(SYSTEM, { scope: 'children', parent: incident });
      expect(children.ok && children.value.map((t) => formatRef(t.kind, t.id)).sort()).toEqual([first, second, third].sort());
    });

    it('resolving the incident resolves all three requests, and each caller\'s card shows it resolved', async () => {
      await click(MALL_PRODUCT, cardId(incident, MALL_PRODUCT), { action: 'ticket.claim' });
      const view = await click(MALL_PRODUCT, cardId(incident, MALL_PRODUCT), { action: 'ticket.resolve', text: '修复了支付回调，已发布', resolution_code: 'bug_fixed' });
      expect(view.status).toBe('resolved');
      await drain();
      for (const [ref, caller] of [
        [first, BJ_SALES_A],
        [second, GZ_SALES_A],
        [third, BJ_SALES_B],
      ] as const) {
        const t = await ticket(ref);
        expect(t.status).toBe('resolved');
        expect([t.solution, t.resolutionCode]).toEqual(['修复了支付回调，已发布', 'incident']); // the incident's own solution
        const mine = card(ref, caller);
        expect(mine.status).toBe('resolved');
        expect(actionsOf(mine, caller)).toEqual(expect.arrayContaining(['ticket.close', 'ticket.reopen']));
        expect(actionsOf(mine, caller)).not.toContain('intake.join');
        expect(card(ref, MALL_PRODUCT).status).toBe('resolved'); // the contact's copy too
      }
    });
  });

  describe('加载速度慢: a suggestion the caller dismisses', () => {
    it('白云 then 天河: 天河 is offered 白云; "new problem" dismisses it and nothing is linked', async () => {
      const baiyun = await file(GZ_SALES_B, '白云区：商城加载速度慢');
      const tianhe = await file(GZ_SALES_A, '天河区：商城加载速度慢');
      expect((await ticket(tianhe)).service).toBe('BJ-OPS');
      const mine = card(tianhe, GZ_SALES_A);
      expect(mine.privateNotice?.[GZ_SALES_A]).toBe(`与 ${baiyun} 相同（已影响 1 人）？`);

      const view = await click(GZ_SALES_A, cardId(tianhe, GZ_SALES_A), { action: 'intake.new' });
      expect(view.privateNotice?.[GZ_SALES_A]).toBe(`好的，${tianhe} 将作为新问题单独处理。`);
      expect(actionsOf(view, GZ_SALES_A)).not.toContain('intake.join');
      expect((await ticket(tianhe)).parent).toBeNull();
      await drain();
      // The dismissal is stored: a later re-render (any change) does not bring the suggestion back.
      await click(GZ_SALES_A, cardId(tianhe, GZ_SALES_A), { action: 'ticket.note', text: '补充：首页也慢' });
      await drain();
      expect(card(tianhe, GZ_SALES_A).privateNotice?.[GZ_SALES_A] ?? '').not.toContain('相同');
    });

    it('an unrelated report of the same service is not offered anything', async () => {
      const other = await file(GZ_SALES_B, '机房网络故障，后台打不开');
      expect(card(other, GZ_SALES_B).privateNotice?.[GZ_SALES_B]).toBeUndefined();
    });
  });
});
