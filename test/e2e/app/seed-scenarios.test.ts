/**
 * The seed's test cases (docs/domain.md §5) replayed through the emulator against the whole bot (real dingtalk-stream
 * client, embedded database, in-process timers), with the demo directory and a seconds-long SLA on BJ-销售运营:
 * the merchants' delivery questions, the two "下单失败" reports grouped into one incident, the three "加载速度慢"
 * reports grouped into one incident, the two 400-hotline complaints; the trigger table's notices, including a TTO
 * escalation to the service team's lead.
 */
import type { DingTalkEmulator } from '../../../src/emulator';
import type { Bot } from '../../../src/main';
import type { Ticket } from '../../../src/domain/tickets/ticket';
import { demoData, withDrillSla } from '../../support/demo';
import { startDemoBot, type DemoBot } from '../../support/demo-bot';

const U = {
  bjxiaoshoua: '1000000259',
  bjxiaoshoub: '1000000296',
  gzxiaoshoua: '1000000111',
  gzxiaoshoub: '1000000148',
  bjxiaoshouyunying: '1000000333',
  bjyunying2: '1000000555',
  bjyunyingzg: '1000009001',
  zbshangchengcp: '1000000370',
  zbyw: '1000000481',
  gzxiaoshouyunying: '1000000185',
};
const SYSTEM = { person: 'system', entryPoint: 'system' as const };

describe('seed scenarios through the emulator', () => {
  let app: Bot;
  let emu: DingTalkEmulator;

  let demo: DemoBot;
  beforeAll(async () => {
    const d = withDrillSla(demoData(), { tto: 3, ttr: 600 });
    demo = await startDemoBot('seed', { directory: d, reconcileMs: 500 });
    app = demo.app;
    emu = demo.emu;
  });
  afterAll(() => demo?.close());

  const ticketsOf = async (caller: string): Promise<Ticket[]> => {
    const r = await app.tickets.list(SYSTEM, { scope: 'by_state', states: ['new', 'escalated_tto', 'assigned', 'escalated_ttr', 'pending', 'resolved'] }, 200);
    if (!r.ok) throw new Error(r.error.code);
    return r.value.filter((t) => t.caller === caller);
  };
  /** Send as `who` and wait for the caller's ticket card; returns the new ticket. */
  const file = async (who: keyof typeof U, text: string): Promise<Ticket> => {
    const before = new Set((await ticketsOf(who)).map((t) => t.id));
    emu.sendRobotMessage({ fromUserId: U[who], text });
    let found: Ticket | undefined;
    for (let i = 0; i < 100 && !found; i++) {
      found = (await ticketsOf(who)).find((t) => !before.has(t.id) && t.description === text);
      if (!found) await new Promise((r) => setTimeout(r, 50));
    }
    if (!found) throw new Error(`no ticket filed for ${who}: ${text}`);
    // One card instance per ticket (its outTrackId is the ref), delivered to the caller's direct chat too.
    const card = refOf(found);
    await emu.waitFor(() => emu.card(card)?.spaces.some((s) => s.type === 'IM_ROBOT' && s.id === U[who]) ?? false, 5000, `card ${card} to ${who}`);
    return found;
  };
  const refOf = (t: Ticket) => `${t.kind === 'incident' ? 'I' : 'R'}-${String(t.id).padStart(6, '0')}`;
  const texts = (who: keyof typeof U) => emu.messagesReceivedBy(U[who]).filter((e) => e.kind !== 'card').map((e) => e.text ?? '');
  const got = (who: keyof typeof U, ref: string) => texts(who).filter((t) => t.includes(ref));
  /** Escalations reach a person on their escalation digest card (docs/interfaces.md "Delivery semantics"): its rows. */
  const digests = (who: keyof typeof U) =>
    emu.cards().filter((c) => c.outTrackId.startsWith('digest:') && c.spaces.some((s) => s.type === 'IM_ROBOT' && s.id === U[who])).map((c) => c.publicData.fields ?? '');
  const escalated = (who: keyof typeof U, ref: string) => [...got(who, ref), ...digests(who).filter((f) => f.includes(ref))];
  /** `who` holds the ticket's card in their direct chat (a new card is their notice: no text notice of that event). */
  const holds = (who: keyof typeof U, ref: string) => emu.card(ref)?.spaces.some((s) => s.type === 'IM_ROBOT' && s.id === U[who]) ?? false;
  const click = (who: keyof typeof U, outTrackId: string, params: Record<string, string>) =>
    emu.clickCard({ outTrackId, userId: U[who], params });

  it('replays the seed: requests, two incidents, escalations and notices', async () => {
    // 1. merchants A and B: deliveries → BJ-销售运营 / 常规咨询, filed by the sales on their behalf
    const grape = await file('bjxiaoshoua', '商户A昨天订了1斤葡萄，今天没有送货');
    const apple = await file('bjxiaoshoub', '商户B昨天订了2个苹果，今天也没有送货');
    for (const t of [grape, apple]) expect(t).toMatchObject({ service: 'BJ-SALES-OPS', subcategory: 'consult', kind: 'request' });
    // created → all contacts of the service team get the card (it is the notice: no text of it); not its lead
    await emu.waitFor(() => holds('bjxiaoshouyunying', refOf(apple)) && holds('bjyunying2', refOf(apple)), 5000, 'created cards');
    expect(got('bjyunyingzg', refOf(grape))).toEqual([]);
    expect(holds('bjyunyingzg', refOf(grape))).toBe(false);
    // nobody claims: the 3-second TTO escalates to the service team's lead, once per ticket (the two escalations
    // within 10 s reach the lead on one digest card naming both refs: one push)
    await emu.waitFor(() => escalated('bjyunyingzg', refOf(grape)).length > 0 && escalated('bjyunyingzg', refOf(apple)).length > 0, 20_000, 'TTO escalations');
    expect((await app.tickets.get(SYSTEM, refOf(grape)))).toMatchObject({ ok: true, value: { status: 'escalated_tto' } });
    // a contact claims from her card and resolves it: the caller is told the solution
    await click('bjxiaoshouyunying', refOf(grape), { action: 'ticket.claim', ref: refOf(grape) });
    await click('bjxiaoshouyunying', refOf(grape), { action: 'ticket.resolve', ref: refOf(grape), text: '已联系仓库补发', resolution_code: 'assistance' });
    await emu.waitFor(() => got('bjxiaoshoua', refOf(grape)).some((t) => t.includes('已联系仓库补发')), 5000, 'resolved notice with the solution');

    // 2. "下单失败" twice (北京 and 广州 sales) → BJ-商城产品 / 软体产品bug, grouped into one incident
    const fail1 = await file('bjxiaoshoua', '商城下单失败，客户无法付款');
    const fail2 = await file('gzxiaoshoua', '下单失败了，客户付不了款');
    expect([fail1.service, fail1.subcategory, fail2.service]).toEqual(['BJ-MALL-PRODUCT', 'bug', 'BJ-MALL-PRODUCT']);
    await click('gzxiaoshoua', refOf(fail2), { action: 'intake.join', ref: refOf(fail2), incident: refOf(fail1) });
    await click('zbshangchengcp', refOf(fail1), { action: 'ticket.make_incident', ref: refOf(fail1) });
    let cartIncident: Ticket | undefined;
    for (let i = 0; i < 60 && !cartIncident; i++) {
      const f = await app.tickets.get(SYSTEM, refOf(fail1));
      if (f.ok && f.value.parent) cartIncident = (await app.tickets.get(SYSTEM, `I-${String(f.value.parent).padStart(6, '0')}`) as { ok: true; value: Ticket }).value;
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(cartIncident).toMatchObject({ kind: 'incident', service: 'BJ-MALL-PRODUCT', caller: 'bjxiaoshoua' });
    const kids = await app.tickets.list(SYSTEM, { scope: 'children', parent: refOf(cartIncident!) });
    expect(kids.ok && kids.value.map((k) => k.id).sort()).toEqual([fail1.id, fail2.id].sort());

    // 3. "加载速度慢": 白云 once, 天河 twice → BJ-运维 / 访问缓慢或故障 → one incident
    const slow1 = await file('gzxiaoshoub', '白云区：商城加载速度慢');
    const slow2 = await file('gzxiaoshoua', '天河区：商城加载速度慢');
    const slow3 = await file('gzxiaoshoua', '天河区商城加载速度很慢，页面打不开');
    for (const t of [slow1, slow2, slow3]) expect([t.service, t.subcategory]).toEqual(['BJ-OPS', 'outage']);
    await click('gzxiaoshoua', refOf(slow2), { action: 'intake.join', ref: refOf(slow2), incident: refOf(slow1) });
    await click('zbyw', refOf(slow1), { action: 'ticket.make_incident', ref: refOf(slow1) });
    let outage: Ticket | undefined;
    for (let i = 0; i < 60 && !outage; i++) {
      const f = await app.tickets.get(SYSTEM, refOf(slow1));
      if (f.ok && f.value.parent) outage = (await app.tickets.get(SYSTEM, `I-${String(f.value.parent).padStart(6, '0')}`) as { ok: true; value: Ticket }).value;
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(outage).toBeDefined();
    // the third report is offered the incident and joins it
    await click('gzxiaoshoua', refOf(slow3), { action: 'intake.join', ref: refOf(slow3), incident: refOf(outage!) });
    for (let i = 0; i < 60; i++) {
      const f = await app.tickets.get(SYSTEM, refOf(slow3));
      if (f.ok && f.value.parent === outage!.id) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const outageKids = await app.tickets.list(SYSTEM, { scope: 'children', parent: refOf(outage!) });
    expect(outageKids.ok && outageKids.value.length).toBe(3);
    // resolving the incident resolves the three requests and tells each caller
    const inc = refOf(outage!);
    await click('zbyw', inc, { action: 'ticket.claim', ref: inc });
    await click('zbyw', inc, { action: 'ticket.resolve', ref: inc, text: '广州机房带宽扩容', resolution_code: 'system_update' });
    for (const [who, t] of [['gzxiaoshoub', slow1], ['gzxiaoshoua', slow2], ['gzxiaoshoua', slow3]] as const) {
      await emu.waitFor(() => got(who, refOf(t)).some((x) => x.includes(inc) || x.includes('广州机房带宽扩容')), 5000, `resolved notice of ${refOf(t)}`);
      expect(await app.tickets.get(SYSTEM, refOf(t))).toMatchObject({ ok: true, value: { status: 'resolved' } });
    }

    // 4. two 400-hotline complaints → GZ-销售运营 / 客诉安抚
    const c1 = await file('gzxiaoshoua', '400热线客诉：缺货商品没有提前通知');
    const c2 = await file('gzxiaoshoub', '400客户投诉，缺货未通知，需要安抚');
    for (const t of [c1, c2]) expect([t.service, t.subcategory]).toEqual(['GZ-SALES-OPS', 'complaint']);
    await emu.waitFor(() => holds('gzxiaoshouyunying', refOf(c2)), 5000, 'created card to the GZ contact');
  }, 90_000);
});
