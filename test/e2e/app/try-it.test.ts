/**
 * README "Try it in 3 minutes", walked exactly in a real headless Chromium against the whole bot as `npm start` runs
 * it (embedded SQLite, in-process timers, the emulator on the bot's own server, the real dingtalk-stream client):
 * 广州-天河区销售 (gzxiaoshoua) types "升级演练：测试" → the drill service (24×7, TTO 15 s, TTR 50 s) files it; nobody
 * claims it, so after 15 s the card turns 响应超时 and the lead 广州分公司-销售运营主管 (gzyunyingzg) gets a notice;
 * the contact 广州分公司-销售运营 (gzxiaoshouyunying) claims it from the card; at 37.5 s (75 % of TTR) and 50 s the
 * assignee and the leads are told of the resolution escalations. Screenshots are kept in test-artifacts/.
 * Waits are for what appears, with generous ceilings (the drill's own seconds), never assertions on durations.
 */
import { existsSync, mkdirSync } from 'node:fs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../../src/adapters/config/load-config';
import { createLogger } from '../../../src/adapters/logging/logger';
import { createBot, type Bot } from '../../../src/main';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve(__dirname, '../../../test-artifacts');
const available = existsSync(CHROMIUM);
const inCi = process.env.CI === 'true';
if (!available && !inCi) console.warn(`\n!!! SKIPPED the try-it browser test: ${CHROMIUM} is missing (apt-get install -y chromium) !!!\n`);

// The README's cast, by the ids the page shows next to the names.
const SALES = '1000000111'; // gzxiaoshoua 广州-天河区销售
const CONTACT = '1000000185'; // gzxiaoshouyunying 广州分公司-销售运营
const LEAD = '1000009002'; // gzyunyingzg 广州分公司-销售运营主管
const UPPER_LEAD = '1000000629'; // gzzong 广州分公司-负责人

(available || inCi ? describe : describe.skip)('README: try it in 3 minutes (browser)', () => {
  let app: Bot;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'try-it-'));
    const cfg = loadConfig({ HTTP_PORT: '0', SQLITE_PATH: path.join(dir, 'bot.sqlite'), DINGTALK_API_QPS: '0' });
    if (!cfg.ok) throw new Error(cfg.error.join('; '));
    app = await createBot(cfg.value, createLogger({ level: 'error', format: 'json', silent: true }));
    for (let i = 0; i < 100; i++) {
      if ((await fetch(new URL('/healthz', app.url))).status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function openAs(userId: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    await page.goto(app.url);
    await page.selectOption('#viewer', userId);
    await page.waitForSelector('[data-testid=conversation][data-kind=dm].active');
    return page;
  }
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
    expect(pageErrors).toEqual([]);
  }, 150_000);
});
