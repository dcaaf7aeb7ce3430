/**
 * The seed's APP发新版 from a problem, through the whole bot as `npm start` runs it (embedded SQLite, the emulator,
 * the real dingtalk-stream client, `config/changes.yaml` by default), driven through the emulator page in headless
 * Chromium: two 下单失败 incidents (with requests from two callers, one of whom filed two) → a problem made from
 * them → 申请变更 on the problem's card → the picker → product, QA, ops and QA act from their cards → the change
 * closes → the problem, both incidents and every request are resolved naming it → each caller hears once.
 */
import { SYSTEM_ACTOR } from '../../../src/domain/tickets/actor';
import { refOf } from '../../../src/domain/tickets/ticket';
import type { Bot } from '../../../src/main';
import { cardOn, describeInBrowser, pressOnCard, startDemoBrowser, type DemoBrowser } from '../../support/demo-browser';

const PRODUCT = '1000000370';
const QA = '1000000444';
const OPS = '1000000481';
const SALES_A = '1000000259';
const SALES_B = '1000000296';

describeInBrowser('change from a problem')('change: APP发新版 from a problem card (browser, emulator)', () => {
  let demo: DemoBrowser;
  let app: Bot;
  beforeAll(async () => {
    demo = await startDemoBrowser('change-problem');
    app = demo.app;
  });
  afterAll(() => demo?.close());

  const card = cardOn;
  const press = pressOnCard;
  const waitFor = async (ok: () => Promise<boolean> | boolean) => {
    for (let i = 0; i < 100 && !(await ok()); i++) await new Promise((r) => setTimeout(r, 100));
  };

  it('two incidents → a problem → 申请变更 on its card → QA, ops, QA → all resolved; each caller told once', async () => {
    const file = async (person: string, description: string) => {
      const r = await app.tickets.open({ person, entryPoint: 'api' }, { service: 'BJ-MALL-PRODUCT', subcategory: 'bug', description });
      if (!r.ok) throw new Error(r.error.code);
      return refOf(r.value);
    };
    const r1 = await file('bjxiaoshoua', '商城下单失败');
    const r2 = await file('bjxiaoshoub', '下单失败，报错');
    const r3 = await file('bjxiaoshoua', 'APP 下单失败，提交不了');
    const maker = { person: 'zbshangchengcp', entryPoint: 'card' as const };
    const incident = async (requests: string[], title: string) => {
      const i = await app.tickets.createIncident(maker, { requests, service: 'BJ-MALL-PRODUCT', subcategory: 'bug', title });
      if (!i.ok) throw new Error(i.error.code);
      return refOf(i.value);
    };
    const i1 = await incident([r1, r2], '商城下单失败');
    const i2 = await incident([r3], 'APP 下单失败');
    const p = await app.tickets.makeProblem(maker, { refs: [i1, i2], title: '下单失败' });
    if (!p.ok) throw new Error(p.error.code);
    const pref = refOf(p.value);

    // Product opens the problem's card and presses 申请变更: the picker arrives, linked to the problem.
    const product = await demo.openAs(PRODUCT);
    await product.waitForSelector('.badge.up');
    await press(product, pref, 'change.request');
    const picker = product.locator(`[data-testid=card][data-out-track-id^="chg-pick-${pref}-"]`);
    await picker.waitFor({ timeout: 10_000 });
    const release = picker.locator('.input-action', { has: product.locator('button', { hasText: 'APP 发新版' }) });
    await release.locator('input').fill('修复下单失败');
    await release.locator('button').click();
    const changeCard = product.locator('[data-testid=card][data-out-track-id^="C-"]');
    await changeCard.waitFor({ timeout: 10_000 });
    const ref = (await changeCard.getAttribute('data-out-track-id'))!;

    const qa = await demo.openAs(QA);
    await card(qa, ref).waitFor({ timeout: 10_000 });
    await press(qa, ref, 'change.claim');
    await press(qa, ref, 'change.approve', '测试通过');
    const ops = await demo.openAs(OPS);
    await card(ops, ref).waitFor({ timeout: 10_000 });
    await press(ops, ref, 'change.done', 'v2.3.1 已上线');
    await press(qa, ref, 'change.passed', '线上验证通过');
    await card(product, ref).locator('[data-testid=card-status]').filter({ hasText: '已成功' }).waitFor({ timeout: 10_000 });

    for (const t of [pref, i1, i2, r1, r2, r3]) {
      const status = async () => {
        const got = await app.tickets.get(SYSTEM_ACTOR, t);
        return got.ok ? got.value : null;
      };
      await waitFor(async () => (await status())?.status === 'resolved');
      expect((await status())?.status).toBe('resolved');
      expect((await status())?.solution).toBe(ref);
    }
    // Each caller hears once, naming the change (A filed two requests): the same batched text.
    const told = (userId: string) => app.emulator!.messagesReceivedBy(userId).filter((m) => (m.text ?? '').includes(ref));
    await waitFor(() => told(SALES_A).length > 0 && told(SALES_B).length > 0);
    await new Promise((r) => setTimeout(r, 1500)); // a later delivery pass sends nothing more
    expect(told(SALES_A)).toHaveLength(1);
    expect(told(SALES_B)).toHaveLength(1);
    expect(told(SALES_A)[0]!.text).toBe(told(SALES_B)[0]!.text);
    expect(told(SALES_A)[0]!.text).toContain('已随之解决');
    // Nobody heard of a request of theirs resolved one by one.
    for (const u of [SALES_A, SALES_B]) expect(app.emulator!.messagesReceivedBy(u).filter((m) => /R-\d+ 已解决/.test(m.text ?? ''))).toEqual([]);
    expect(demo.pageErrors).toEqual([]);
  });
});
