/**
 * "+1 to D-…" through the real entry points (docs/demands.md "Votes"): the whole bot as `npm start` runs it
 * (embedded SQLite, the DingTalk emulator, the real dingtalk-stream client). A request converted into D-000001,
 * whose demand card reaches the demand team's contact (docs/demands.md "The demand card") and follows the votes;
 * a later message of another caller matching it is filed as usual and its card offers the caller "+1 to D-000001";
 * the click resolves it `converted_to_demand` with one more vote and its ref in the demand's sources, and the caller
 * is told; a second click is refused with a sentence; the same person's next matching request resolves without
 * counting twice; "not the same" (`intake.new`) withdraws the offer and the request stays open; a request that
 * matches nothing is offered nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/adapters/config/load-config';
import { createLogger } from '../../../src/adapters/logging/logger';
import { TypeormDemandStore } from '../../../src/adapters/persistence/typeorm-demand-store';
import type { DingTalkEmulator } from '../../../src/emulator';
import type { Ticket } from '../../../src/domain/tickets/ticket';
import { createBot, type Bot } from '../../../src/main';
import { openDatabase, type Database } from '../../../src/adapters/persistence/data-source';

const U = { bjxiaoshoua: '1000000259', bjxiaoshoub: '1000000296', zbshangchengcp: '1000000370' };
const SYSTEM = { person: 'system', entryPoint: 'system' as const };
const refOf = (t: Ticket) => `R-${String(t.id).padStart(6, '0')}`;

describe('"+1 to D-…" votes (emulator, real Stream client)', () => {
  let app: Bot;
  let emu: DingTalkEmulator;
  let sqlite: string;

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'votes-'));
    sqlite = path.join(dir, 'bot.sqlite');
    const cfg = loadConfig({ HTTP_PORT: '0', SQLITE_PATH: sqlite, DINGTALK_API_QPS: '0' });
    if (!cfg.ok) throw new Error(cfg.error.join('; '));
    app = await createBot(cfg.value, createLogger({ level: 'error', format: 'json', silent: true }));
    emu = app.emulator!;
    await emu.waitFor(() => emu.liveConnectionCount() > 0, 10_000, 'the bot to connect');
  });
  afterAll(() => app?.close());

  /** The demand as stored, through a connection of its own (what the pool's export would read). */
  const demand = async (id: number) => {
    const db: Database = await openDatabase({ sqlitePath: sqlite });
    try {
      return await new TypeormDemandStore(db.ds).get(id);
    } finally {
      await db.close();
    }
  };
  const ticket = async (ref: string) => {
    const t = await app.tickets.get(SYSTEM, ref);
    if (!t.ok) throw new Error(t.error.code);
    return t.value;
  };
  /** Send as `who` and wait for the new request's card in their direct chat. */
  const file = async (who: keyof typeof U, text: string): Promise<Ticket> => {
    emu.sendRobotMessage({ fromUserId: U[who], text });
    let found: Ticket | undefined;
    for (let i = 0; i < 100 && !found; i++) {
      const r = await app.tickets.list(SYSTEM, { scope: 'by_state', states: ['new'] }, 200);
      found = r.ok ? r.value.find((t) => t.description === text) : undefined;
      if (!found) await new Promise((r) => setTimeout(r, 50));
    }
    if (!found) throw new Error(`no ticket filed for ${who}: ${text}`);
    const ref = refOf(found);
    await emu.waitFor(() => emu.card(ref)?.spaces.some((s) => s.type === 'IM_ROBOT' && s.id === U[who]) ?? false, 5000, `card ${ref} to ${who}`);
    return found;
  };
  /** What `who` sees privately on the card (their buttons and lines), as text. */
  const privateOf = (ref: string, who: keyof typeof U) => JSON.stringify(emu.card(ref)?.privateData[U[who]] ?? {});
  const click = (who: keyof typeof U, ref: string, params: Record<string, string>) => emu.clickCard({ outTrackId: ref, userId: U[who], params: { ref, ...params } });
  const answerOf = (r: Awaited<ReturnType<typeof click>>) => JSON.stringify(r.ack?.data ?? null);

  it('offers the vote, counts one per person, resolves the request, tells the caller; "not the same" keeps it a request', async () => {
    // the first request becomes D-000001
    const first = await file('bjxiaoshoua', '建议商城订单列表增加批量导出功能');
    expect(first).toMatchObject({ service: 'BJ-MALL-PRODUCT', subcategory: 'suggestion' });
    const agent = { person: 'zbshangchengcp', entryPoint: 'card' as const };
    expect((await app.tickets.claim(agent, refOf(first))).ok).toBe(true);
    const converted = await app.tickets.convertToDemand(agent, refOf(first), '多位销售提出');
    expect(converted).toMatchObject({ ok: true, value: { demand: 'D-000001' } });
    // the demand card in the demand team's contact's direct chat: title, caller, sources, one vote
    await emu.waitFor(() => emu.card('D-000001')?.spaces.some((s) => s.type === 'IM_ROBOT' && s.id === U.zbshangchengcp) ?? false, 5000, 'the demand card');
    const card = emu.card('D-000001')!;
    expect(card.publicData).toMatchObject({ demand: 'D-000001', votes: '1', state: 'open', title: '建议商城订单列表增加批量导出功能' });
    expect(card.publicData.fields).toContain(refOf(first));
    expect(card.publicData.fields).toContain('北京分公司-销售A');

    // another caller's matching message: filed at once, its card offers "+1 to D-000001" to that caller only
    const second = await file('bjxiaoshoub', '建议订单列表可以批量导出');
    const r2 = refOf(second);
    expect(second.status).toBe('new');
    await emu.waitFor(() => privateOf(r2, 'bjxiaoshoub').includes('demand.vote'), 5000, 'the vote button');
    expect(privateOf(r2, 'bjxiaoshoub')).toContain('D-000001');
    expect(privateOf(r2, 'zbshangchengcp')).not.toContain('demand.vote');

    // the click: one vote more, the request resolved converted_to_demand, the caller answered and told
    const voted = await click('bjxiaoshoub', r2, { action: 'demand.vote', demand: 'D-000001' });
    expect(answerOf(voted)).toContain(`${r2} 已作为一票加入需求 D-000001（现 2 票），并已解决。`);
    expect(await ticket(r2)).toMatchObject({ status: 'resolved', resolutionCode: 'converted_to_demand', solution: 'D-000001' });
    expect(await demand(1)).toMatchObject({ votes: 2, sourceRefs: [refOf(first), r2], state: 'open' });
    // the demand card follows: updated in place (one instance), two votes, the new source
    await emu.waitFor(() => emu.card('D-000001')?.publicData.votes === '2', 5000, 'the demand card\'s count');
    expect(emu.card('D-000001')!.publicData.fields).toContain(r2);
    expect(emu.cards().filter((c) => c.outTrackId.startsWith('D-'))).toHaveLength(1);
    await emu.waitFor(
      () => emu.messagesReceivedBy(U.bjxiaoshoub).some((m) => m.kind !== 'card' && (m.text ?? '').includes(r2) && (m.text ?? '').includes('D-000001')),
      5000,
      'the caller\'s notice',
    );

    // the same button again: a sentence, nothing counted
    const again = await click('bjxiaoshoub', r2, { action: 'demand.vote', demand: 'D-000001' });
    expect(answerOf(again)).toContain('当前没有可投票的需求，未做任何更改');
    expect((await demand(1))!.votes).toBe(2);

    // the same person's next matching request: resolved into the demand, the vote not counted twice
    const third = await file('bjxiaoshoub', '建议订单列表能够批量导出');
    const r3 = refOf(third);
    await emu.waitFor(() => privateOf(r3, 'bjxiaoshoub').includes('demand.vote'), 5000, 'the second vote button');
    const twice = await click('bjxiaoshoub', r3, { action: 'demand.vote', demand: 'D-000001' });
    expect(answerOf(twice)).toContain(`您已为需求 D-000001 投过票（2 票），${r3} 已解决，不重复计票。`);
    expect(await ticket(r3)).toMatchObject({ status: 'resolved', solution: 'D-000001' });
    expect(await demand(1)).toMatchObject({ votes: 2, sourceRefs: [refOf(first), r2, r3] });

    // "not the same": the offer is withdrawn, the request stays open as filed
    const fourth = await file('bjxiaoshoub', '建议订单列表支持批量导出');
    const r4 = refOf(fourth);
    await emu.waitFor(() => privateOf(r4, 'bjxiaoshoub').includes('demand.vote'), 5000, 'the third vote button');
    await click('bjxiaoshoub', r4, { action: 'intake.new' });
    expect(privateOf(r4, 'bjxiaoshoub')).not.toContain('demand.vote');
    expect((await ticket(r4)).status).toBe('new');
    const refused = await click('bjxiaoshoub', r4, { action: 'demand.vote', demand: 'D-000001' });
    expect(answerOf(refused)).toContain('当前没有可投票的需求，未做任何更改');
    expect((await ticket(r4)).status).toBe('new');
    expect((await demand(1))!.votes).toBe(2);

    // a request about something else is offered nothing
    const other = await file('bjxiaoshoua', '商户A昨天订了1斤葡萄，今天没有送货');
    expect(privateOf(refOf(other), 'bjxiaoshoua')).not.toContain('demand.vote');
  });
});
