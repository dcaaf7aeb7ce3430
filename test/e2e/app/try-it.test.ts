/**
 * README "Try it in 3 minutes", walked exactly in a real headless Chromium against the whole bot as `npm start` runs
 * it (embedded SQLite, in-process timers, the emulator on the bot's own server, the real dingtalk-stream client):
 * 广州-天河区销售 (gzxiaoshoua) types "升级演练：测试" → the drill service (24×7, TTO 15 s, TTR 50 s) files it; nobody
 * claims it, so after 15 s the card turns 响应超时 and the lead 广州分公司-销售运营主管 (gzyunyingzg) gets a notice;
 * the contact 广州分公司-销售运营 (gzxiaoshouyunying) claims it from the card; at 37.5 s (75 % of TTR) and 50 s the
 * assignee and the leads are told of the resolution escalations. Screenshots are kept in test-artifacts/.
 * Waits are for what appears, with generous ceilings (the drill's own seconds), never assertions on durations.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Bot } from '../../../src/main';
import { ARTIFACTS, describeInBrowser, startDemoBrowser, type DemoBrowser } from '../../support/demo-browser';


// The README's cast, by the ids the page shows next to the names.
const SALES = '1000000111'; // gzxiaoshoua 广州-天河区销售
const CONTACT = '1000000185'; // gzxiaoshouyunying 广州分公司-销售运营
const LEAD = '1000009002'; // gzyunyingzg 广州分公司-销售运营主管
const UPPER_LEAD = '1000000629'; // gzzong 广州分公司-负责人

describeInBrowser('try-it')('README: try it in 3 minutes (browser)', () => {
  let demo: DemoBrowser;
  let app: Bot;
  beforeAll(async () => {
    demo = await startDemoBrowser('try-it');
    app = demo.app;
  });
  afterAll(() => demo?.close());
  const openAs = (userId: string) => demo.openAs(userId);
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `try-it-${name}.png`), fullPage: true });
  const received = (page: Page, text: string, timeout: number) =>
    page.locator('[data-testid=received]').filter({ hasText: text }).first().waitFor({ timeout });

  it('file the drill, watch TTO escalate to the lead, claim it, watch the TTR levels reach the assignee and the leads', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // 1. Pick 广州-天河区销售 · gzxiaoshoua; the picker shows person ids beside the names.
    const sales = await openAs(SALES);
    await sales.waitForSelector('.badge.up');
    expect(await sales.locator('#viewer option:checked').textContent()).toBe('广州-天河区销售 · gzxiaoshoua (1000000111)');
    // 2. Type the drill: filed at once (one keyword, one service), the card shows both deadlines.
    await sales.fill('#msgInput', '升级演练：测试');
    await sales.click('#sendBtn');
    const salesCard = sales.locator('[data-testid=card][data-out-track-id="R-000001"]');
    await salesCard.waitFor({ timeout: 10_000 });
    await salesCard.locator('[data-testid=card-status]').filter({ hasText: '新建' }).waitFor();
    await salesCard.getByText('响应时限').waitFor();
    await salesCard.getByText('解决时限').waitFor();
    await shot(sales, '1-filed');

    // 3. Nobody claims it: at 15 s the card turns 响应超时 (overdue) and the lead gets a notice.
    await salesCard.locator('[data-testid=card-status]').filter({ hasText: '响应超时' }).waitFor({ timeout: 40_000 });
    await salesCard.getByText('已超过响应时限').waitFor({ timeout: 5000 });
    const lead = await openAs(LEAD);
    await received(lead, 'R-000001', 10_000);
    await received(lead, '响应超时', 5000);
    expect(await lead.locator('[data-testid=received]').filter({ hasText: 'TTO' }).count()).toBe(0); // 响应 wording, no "TTO"
    await shot(lead, '2-lead-tto');

    // 4. The contact claims it from the card.
    const contact = await openAs(CONTACT);
    const card = contact.locator('[data-testid=card][data-out-track-id="R-000001"]');
    await card.locator('button[data-action="ticket.claim"]').click();
    // 处理中, or 解决升级 when 75 % of TTR passed before the claim
    await card.locator('[data-testid=card-status]').filter({ hasText: /处理中|解决升级/ }).waitFor({ timeout: 5000 });
    await shot(contact, '3-claimed');

    // 5. At 37.5 s (75 % of TTR) the assignee is told; at 50 s the deadline has passed: the upper lead is told too.
    await received(contact, '解决升级', 40_000);
    const upper = await openAs(UPPER_LEAD);
    await received(upper, '解决时效超时', 40_000);
    await card.getByText('已超过解决时限').waitFor({ timeout: 10_000 });
    await shot(contact, '4-ttr');
    await shot(upper, '5-upper-lead');
    expect(demo.pageErrors).toEqual([]);
  }, 150_000);
});
