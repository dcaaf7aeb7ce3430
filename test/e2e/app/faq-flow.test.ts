/**
 * The seed's 咨询常见问题 path through the emulator against the whole bot (real dingtalk-stream client): the sales'
 * delivery questions gathered into an FAQ entry (FAQ_FILE), a third salesperson's question answered before filing
 * with the FAQ card, Solved → a deflected request (resolved, code `faq`) and nobody carded; another's "I still need
 * help" → a normal filing whose card, delivered to the service team's contacts, names the entry; /metrics counts.
 */
import type { DingTalkEmulator } from '../../../src/emulator';
import type { Bot } from '../../../src/main';
import type { Ticket } from '../../../src/domain/tickets/ticket';
import { startDemoBot, type DemoBot } from '../../support/demo-bot';

const U = { bjxiaoshoua: '1000000259', bjxiaoshoub: '1000000296', bjxiaoshouyunying: '1000000333', bjyunying2: '1000000555' };
const SYSTEM = { person: 'system', entryPoint: 'system' as const };
const FAQ_FILE = `version: 1
faqs:
  - code: delivery-time
    question: 商户订的货什么时候送到？
    answer: 当天 16 点前的订单次日上午送达；在“我的订单”里可以查看配送进度。
    service: BJ-SALES-OPS
    subcategory: consult
    keywords: [什么时候送到, 送货时间, 配送进度]
`;

describe('FAQ answered before filing, through the emulator', () => {
  let app: Bot;
  let emu: DingTalkEmulator;

  let demo: DemoBot;
  beforeAll(async () => {
    demo = await startDemoBot('faq-e2e', { files: { FAQ_FILE }, reconcileMs: 500 });
    app = demo.app;
    emu = demo.emu;
  });
  afterAll(() => demo?.close());

  const all = async (): Promise<Ticket[]> => {
    const r = await app.tickets.list(SYSTEM, { scope: 'by_state', states: ['new', 'escalated_tto', 'assigned', 'pending', 'resolved', 'closed'] }, 200);
    return r.ok ? r.value : [];
  };
  const ask = async (who: keyof typeof U, text: string) => {
    const m = emu.sendRobotMessage({ fromUserId: U[who], text });
    const id = `faq-${m.msgId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    await emu.waitFor(() => emu.card(id)?.spaces.some((s) => s.id === U[who]) ?? false, 5000, `FAQ card to ${who}`);
    return id;
  };
  /** The ticket card instances the emulator holds (`R-…`, `I-…`). */
  const ticketCards = () => emu.cards().filter((c) => /^[RI]-\d{6}/.test(c.outTrackId));

  it('Solved: a deflected request, nobody carded; I still need help: filed, its card names the FAQ', async () => {
    const id = await ask('bjxiaoshoua', '请问商户订的货什么时候送到？');
    expect(emu.cardViewFor(id, U.bjxiaoshoua)).toMatchObject({ faq: 'F-000001', question: '商户订的货什么时候送到？' });
    expect(await all()).toEqual([]);
    const solved = await emu.clickCard({ outTrackId: id, userId: U.bjxiaoshoua, params: { action: 'faq.solved', faq: 'F-000001' } });
    expect(solved.applied).toBe(true);
    const [deflected] = await all();
    expect(deflected).toMatchObject({ status: 'resolved', resolutionCode: 'faq', solution: 'F-000001', caller: 'bjxiaoshoua' });
    // Nobody carded or told: no ticket card call, no message to the service team's contacts.
    await new Promise((r) => setTimeout(r, 500));
    expect(ticketCards()).toEqual([]);
    for (const who of ['bjxiaoshouyunying', 'bjyunying2'] as const) expect(emu.messagesReceivedBy(U[who])).toEqual([]);

    const id2 = await ask('bjxiaoshoub', '送货时间是几点，客户在问');
    await emu.clickCard({ outTrackId: id2, userId: U.bjxiaoshoub, params: { action: 'faq.still_help', faq: 'F-000001' } });
    const filed = (await all()).find((t) => t.caller === 'bjxiaoshoub')!;
    expect(filed).toMatchObject({ status: 'new', service: 'BJ-SALES-OPS' });
    const ref = `R-${String(filed.id).padStart(6, '0')}`;
    await emu.waitFor(() => emu.card(ref)?.spaces.some((s) => s.id === U.bjxiaoshouyunying) ?? false, 5000, 'the contact card');
    expect(emu.cardViewFor(ref, U.bjxiaoshouyunying)?.fields).toContain('F-000001');
    // The "nobody carded" check above sees ticket cards when there are some.
    expect(ticketCards().length).toBeGreaterThan(0);

    const metrics = { text: await (await fetch(new URL('/metrics', app.url))).text() };
    expect(metrics.text).toMatch(/faq_shown_total\{faq="F-000001",service="BJ-SALES-OPS"\} 2/);
    expect(metrics.text).toMatch(/faq_solved_total\{faq="F-000001",service="BJ-SALES-OPS"\} 1/);
    expect(metrics.text).toMatch(/faq_still_help_total\{faq="F-000001",service="BJ-SALES-OPS"\} 1/);
  });
});
