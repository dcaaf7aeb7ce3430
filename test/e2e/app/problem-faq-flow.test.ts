/**
 * The seed's 咨询常见问题 path end to end through the emulator against the whole bot (real dingtalk-stream client),
 * starting from no FAQ at all (docs/domain.md §9): two similar delivery questions are filed; the problem manager
 * gathers them into a problem (`问题 R-… R-…`), resolves it with a workaround (the agent of the open linked ticket is
 * told it), proposes the workaround as an FAQ entry and publishes it from the draft card; a third salesperson's
 * question is then answered before filing, Solved → a deflected request, nobody carded.
 */
import type { DingTalkEmulator } from '../../../src/emulator';
import type { Bot } from '../../../src/main';
import { refOf, type Ticket } from '../../../src/domain/tickets/ticket';
import { startDemoBot, type DemoBot } from '../../support/demo-bot';

const U = { bjxiaoshoua: '1000000259', bjxiaoshoub: '1000000296', bjxiaoshouyunying: '1000000333', bjyunying2: '1000000555', pm: '1000000370' };
const SYSTEM = { person: 'system', entryPoint: 'system' as const };

describe('problem → FAQ → answered before filing, through the emulator', () => {
  let app: Bot;
  let emu: DingTalkEmulator;

  let demo: DemoBot;
  beforeAll(async () => {
    demo = await startDemoBot('problem-e2e', { files: { FAQ_FILE: 'version: 1\nfaqs: []\n' }, reconcileMs: 500 });
    app = demo.app;
    emu = demo.emu;
  });
  afterAll(() => demo?.close());

  const all = async (): Promise<Ticket[]> => {
    const r = await app.tickets.list(SYSTEM, { scope: 'by_state', states: ['new', 'escalated_tto', 'assigned', 'pending', 'resolved', 'closed'] }, 200);
    return r.ok ? r.value : [];
  };
  const lastText = (userId: string) => emu.messagesReceivedBy(userId).filter((m) => m.kind !== 'card').at(-1)?.text ?? '';
  const texts = (userId: string) => emu.messagesReceivedBy(userId).map((m) => m.text ?? '').join('\n');

  /** A salesperson's question filed under BJ-SALES-OPS (picking the service if the bot asks). */
  async function file(who: 'bjxiaoshoua' | 'bjxiaoshoub', text: string): Promise<Ticket> {
    const before = (await all()).length;
    const m = emu.sendRobotMessage({ fromUserId: U[who], text });
    const pick = `pick-${m.msgId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    await emu.waitFor(() => !!emu.card(pick) || emu.cards().some((c) => /^R-\d{6}$/.test(c.outTrackId) && c.spaces.some((s) => s.id === U[who])), 5000, `${who}'s filing`);
    if (emu.card(pick)) await emu.clickCard({ outTrackId: pick, userId: U[who], params: { action: 'intake.pick', service: 'BJ-SALES-OPS', subcategory: 'consult' } });
    let filed: Ticket | undefined;
    for (let i = 0; i < 50 && !filed; i++) {
      const now = await all();
      if (now.length > before) filed = now.find((t) => t.caller === who && t.kind === 'request' && t.description === text);
      if (!filed) await new Promise((r) => setTimeout(r, 100));
    }
    if (!filed) throw new Error(`${who}'s question was not filed`);
    return filed;
  }

  async function pmSays(text: string, expectText: RegExp): Promise<string> {
    const count = emu.messagesReceivedBy(U.pm).length;
    emu.sendRobotMessage({ fromUserId: U.pm, text });
    await emu.waitFor(() => emu.messagesReceivedBy(U.pm).slice(count).some((m) => expectText.test(m.text ?? '')), 5000, `the answer to "${text}"`);
    return emu.messagesReceivedBy(U.pm).slice(count).map((m) => m.text ?? '').join('\n');
  }

  it('two delivery questions → a problem → an FAQ → the third question deflected, nobody carded', async () => {
    const a = await file('bjxiaoshoua', '客户下午下的订单今天没有送货，什么时候能送到？');
    const b = await file('bjxiaoshoub', '下午的订单为什么当天没送到，客户在催');
    expect((await app.tickets.claim({ person: 'bjxiaoshouyunying', entryPoint: 'card' }, refOf(b))).ok).toBe(true);

    // A contact of the service team (not a problem manager) is refused; nothing is made.
    emu.sendRobotMessage({ fromUserId: U.bjxiaoshouyunying, text: `问题 ${refOf(a)} ${refOf(b)}` });
    await emu.waitFor(() => /问题经理/.test(lastText(U.bjxiaoshouyunying)), 5000, 'the refusal');
    expect((await all()).filter((t) => t.kind === 'problem')).toEqual([]);

    const made = await pmSays(`问题 ${refOf(a)} ${refOf(b)} 下午订单次日送达`, /已建立问题/);
    const p = /P-\d{6}/.exec(made)![0];
    // The linked tickets' cards name the problem.
    await emu.waitFor(() => (emu.cardViewFor(refOf(b), U.bjxiaoshouyunying)?.fields ?? '').includes(p), 5000, 'the card to name the problem');

    await pmSays(`问题解决 ${p} 仓库下午不排车 | 下午 3 点后的订单次日上午送达，请告知客户`, /已解决/);
    // Resolving the problem resolved nothing else; the agent of the open ticket is given the workaround.
    expect((await all()).find((t) => t.id === b.id)).toMatchObject({ status: 'assigned' });
    await emu.waitFor(() => texts(U.bjxiaoshouyunying).includes('下午 3 点后的订单次日上午送达'), 5000, 'the workaround to the agent');

    await pmSays(`faq propose ${p}`, /F-000001/);
    await emu.waitFor(() => emu.card('faq-F-000001')?.spaces.some((s) => s.id === U.pm) ?? false, 5000, 'the draft card');
    const refused = await emu.clickCard({ outTrackId: 'faq-F-000001', userId: U.bjxiaoshouyunying, params: { action: 'faq.publish', faq: 'F-000001' } });
    expect(refused.applied).toBe(true);
    const published = await emu.clickCard({ outTrackId: 'faq-F-000001', userId: U.pm, params: { action: 'faq.publish', faq: 'F-000001' } });
    expect(published.applied).toBe(true);

    const ticketCardsBefore = emu.cards().filter((c) => /^[RIP]-\d{6}/.test(c.outTrackId)).length;
    const ticketsBefore = (await all()).length;
    const m = emu.sendRobotMessage({ fromUserId: U.bjxiaoshoua, text: '下午的订单是不是次日送达？' });
    const id = `faq-${m.msgId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    await emu.waitFor(() => emu.card(id)?.spaces.some((s) => s.id === U.bjxiaoshoua) ?? false, 5000, 'the FAQ card');
    expect(emu.cardViewFor(id, U.bjxiaoshoua)).toMatchObject({ faq: 'F-000001', answer: expect.stringContaining('次日上午送达') });
    const solved = await emu.clickCard({ outTrackId: id, userId: U.bjxiaoshoua, params: { action: 'faq.solved', faq: 'F-000001' } });
    expect(solved.applied).toBe(true);
    const after = await all();
    expect(after).toHaveLength(ticketsBefore + 1);
    expect(after.find((t) => t.resolutionCode === 'faq')).toMatchObject({ status: 'resolved', solution: 'F-000001', caller: 'bjxiaoshoua' });
    await new Promise((r) => setTimeout(r, 500));
    expect(emu.cards().filter((c) => /^[RIP]-\d{6}/.test(c.outTrackId))).toHaveLength(ticketCardsBefore);
  });
});
