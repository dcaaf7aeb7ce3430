/**
 * The seed's APP发新版 (产品 → 质量 → 运维 → 质量) through the whole bot as `npm start` runs it (embedded SQLite,
 * the emulator, the real dingtalk-stream client, `config/changes.yaml` by default), driven through the emulator page
 * in headless Chromium: product requests the change linking the 下单失败 incident, QA, ops and QA act from their
 * cards, the change closes and the incident and both requests are resolved naming it.
 */
import { SYSTEM_ACTOR } from '../../../src/domain/tickets/actor';
import { refOf } from '../../../src/domain/tickets/ticket';
import type { Bot } from '../../../src/main';
import { cardOn, describeInBrowser, pressOnCard, startDemoBrowser, type DemoBrowser } from '../../support/demo-browser';


const PRODUCT = '1000000370';
const QA = '1000000444';
const OPS = '1000000481';

describeInBrowser('change flow')('change: APP发新版 from the cards (browser, emulator)', () => {
  let demo: DemoBrowser;
  let app: Bot;
  beforeAll(async () => {
    demo = await startDemoBrowser('change');
    app = demo.app;
  });
  afterAll(() => demo?.close());
  const openAs = (userId: string) => demo.openAs(userId);

  const card = cardOn;
  const press = pressOnCard;

  it('product → QA approve → ops done → QA passed: successful; the incident and its requests resolved', async () => {
    const r1 = await app.tickets.open({ person: 'bjxiaoshoua', entryPoint: 'api' }, { service: 'BJ-MALL-PRODUCT', subcategory: 'bug', description: '商城下单失败' });
    const r2 = await app.tickets.open({ person: 'bjxiaoshoub', entryPoint: 'api' }, { service: 'BJ-MALL-PRODUCT', subcategory: 'bug', description: '下单失败，报错' });
    if (!r1.ok || !r2.ok) throw new Error('requests not filed');
    const incident = await app.tickets.createIncident(
      { person: 'zbshangchengcp', entryPoint: 'card' },
      { requests: [refOf(r1.value), refOf(r2.value)], service: 'BJ-MALL-PRODUCT', subcategory: 'bug', title: '商城下单失败' },
    );
    if (!incident.ok) throw new Error(incident.error.code);
    const iref = refOf(incident.value);

    const product = await openAs(PRODUCT);
    await product.waitForSelector('.badge.up');
    await product.fill('#msgInput', `变更 app-release ${iref} 修复下单失败`);
    await product.click('#sendBtn');
    const changeCard = product.locator('[data-testid=card][data-out-track-id^="C-"]');
    await changeCard.waitFor({ timeout: 10_000 });
    const ref = (await changeCard.getAttribute('data-out-track-id'))!;

    const qa = await openAs(QA);
    await card(qa, ref).waitFor({ timeout: 10_000 });
    await press(qa, ref, 'change.claim');
    await press(qa, ref, 'change.approve', '测试通过');

    const ops = await openAs(OPS);
    await card(ops, ref).waitFor({ timeout: 10_000 });
    await press(ops, ref, 'change.done', 'v2.3.1 已上线');

    await press(qa, ref, 'change.passed', '线上验证通过');
    await card(product, ref).locator('[data-testid=card-status]').filter({ hasText: '已成功' }).waitFor({ timeout: 10_000 });

    for (const t of [iref, refOf(r1.value), refOf(r2.value)]) {
      let got = await app.tickets.get(SYSTEM_ACTOR, t);
      for (let i = 0; i < 50 && got.ok && got.value.status !== 'resolved'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        got = await app.tickets.get(SYSTEM_ACTOR, t);
      }
      expect(got.ok && got.value.status).toBe('resolved');
      expect(got.ok && got.value.solution).toContain(ref);
    }
    // Each caller hears once that what they reported is resolved, naming the change (one batched text).
    const told = (userId: string) => app.emulator!.messagesReceivedBy(userId).filter((m) => (m.text ?? '').includes(ref));
    for (let i = 0; i < 100 && (told('1000000259').length === 0 || told('1000000296').length === 0); i++) await new Promise((r) => setTimeout(r, 100));
    // A later delivery pass sends nothing more.
    await new Promise((r) => setTimeout(r, 1500));
    expect(told('1000000259').map((m) => m.text)).toEqual([expect.stringContaining('已随之解决')]);
    expect(told('1000000296').map((m) => m.text)).toEqual(told('1000000259').map((m) => m.text));
  });
});
