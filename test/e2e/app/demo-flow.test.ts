/**
 * The whole bot as `npm start` runs it (embedded SQLite, in-process timers, the DingTalk emulator on the bot's own
 * server, the real dingtalk-stream client), driven through the emulator page in a real headless Chromium: a
 * salesperson types a request, the service team's contact sees the card, claims it from the button and resolves it
 * through the card Form (the emulator sends the Form's callback as DingTalk does: `params.form`). Screenshots are kept
 * in test-artifacts/.
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
if (!available && !inCi) console.warn(`\n!!! SKIPPED the demo browser test: ${CHROMIUM} is missing (apt-get install -y chromium) !!!\n`);

const SALES_A = '1000000259'; // bjxiaoshoua
const CONTACT = '1000000333'; // bjxiaoshouyunying, contact of bj-sales-ops
const OTHER_CONTACT = '1000000555'; // bjyunying2

(available || inCi ? describe : describe.skip)('demo: file from chat, claim from the card (browser)', () => {
  let app: Bot;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-'));
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

  it('a salesperson files a request by typing; the contact claims it from the card; the other contact is refused', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const sales = await openAs(SALES_A);
    await sales.waitForSelector('.badge.up');
    await sales.fill('#msgInput', '商户A昨天订了1斤葡萄，今天没有送货');
    await sales.click('#sendBtn');
    const salesCard = sales.locator(`[data-testid=card][data-out-track-id="R-000001"]`);
    await salesCard.waitFor({ timeout: 10_000 });
    await salesCard.locator('[data-testid=card-status]').filter({ hasText: '新建' }).waitFor();

    const contact = await openAs(CONTACT);
    const card = contact.locator(`[data-testid=card][data-out-track-id="R-000001"]`);
    await card.waitFor({ timeout: 10_000 });
    await card.locator('[data-testid=card-title]').filter({ hasText: '商户A昨天订了1斤葡萄' }).waitFor();
    await card.locator('button[data-action="ticket.claim"]').click();
    await card.locator('[data-testid=card-status]').filter({ hasText: '处理中' }).waitFor({ timeout: 5000 });
    await card.locator('button[data-action="ticket.resolve"]').waitFor();
    await contact.screenshot({ path: path.join(ARTIFACTS, 'demo-contact-claimed.png'), fullPage: true });

    // the caller's card follows (updated in place), and the other contact's card no longer offers Claim
    await salesCard.locator('[data-testid=card-status]').filter({ hasText: '处理中' }).waitFor({ timeout: 5000 });
    const other = await openAs(OTHER_CONTACT);
    const otherCard = other.locator(`[data-testid=card][data-out-track-id="R-000001"]`);
    await otherCard.locator('[data-testid=card-status]').filter({ hasText: '处理中' }).waitFor({ timeout: 5000 });
    expect(await otherCard.locator('button[data-action="ticket.claim"]').count()).toBe(0);
    await sales.screenshot({ path: path.join(ARTIFACTS, 'demo-salesperson.png'), fullPage: true });

    const stored = await app.tickets.get({ person: 'system', entryPoint: 'system' }, 'R-000001');
    expect(stored).toMatchObject({ ok: true, value: { status: 'assigned', agent: 'bjxiaoshouyunying', caller: 'bjxiaoshoua', service: 'BJ-SALES-OPS' } });
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('the contact resolves through the card Form: Resolve opens it, required fields are checked, the submit resolves', async () => {
    const contact = await openAs(CONTACT);
    const card = contact.locator(`[data-testid=card][data-out-track-id="R-000001"]`);
    await card.locator('[data-testid=card-status]').filter({ hasText: '处理中' }).waitFor({ timeout: 10_000 });
    expect(await card.locator('[data-testid=card-form]').count()).toBe(0);
    await card.locator('button[data-action="ticket.resolve"]').click();
    const form = card.locator('[data-testid=card-form]');
    await form.waitFor({ timeout: 5000 });
    await card.locator('[data-testid=card-notice]').filter({ hasText: '请在下方填写解决方案' }).waitFor();
    const options = await form.locator('select[data-field="resolution_code"] option').allTextContents();
    expect(options).toEqual(['请选择', '协助处理', '缺陷已修复', '硬件维修', '软件补丁', '系统更新', '培训指导', '其他']); // 其他 last

    // Like DingTalk's client, the Form checks its required fields before sending anything.
    const apiCalls: string[] = [];
    contact.on('request', (r) => {
      if (r.url().endsWith('/emulator/api/card-actions')) apiCalls.push(r.postData() ?? '');
    });
    await form.locator('[data-testid=form-submit]').click();
    await contact.locator('#toast').filter({ hasText: '为必填项' }).waitFor(); // in the viewer's language
    expect(apiCalls).toEqual([]);

    await form.locator('textarea[data-field="solution"]').fill('已联系仓库，今天补发');
    await form.locator('select[data-field="resolution_code"]').selectOption({ label: '协助处理' });
    await contact.screenshot({ path: path.join(ARTIFACTS, 'demo-contact-form.png'), fullPage: true });
    const answered = contact.waitForResponse((r) => r.url().endsWith('/emulator/api/card-actions') && r.request().method() === 'POST');
    await form.locator('[data-testid=form-submit]').click();
    const { messageId, acked } = (await (await answered).json()) as { messageId: string; acked: boolean };
    expect(acked).toBe(true);
    await card.locator('[data-testid=card-status]').filter({ hasText: '已解决' }).waitFor({ timeout: 5000 });
    await card.getByText('已联系仓库，今天补发').first().waitFor();
    expect(await card.locator('[data-testid=card-form]').count()).toBe(0); // the answer set form_open back to false

    // What went over the wire is DingTalk's Form callback: hidden fields with their values, the SELECT as {index, value}.
    const frame = app.emulator!.frame(messageId)!;
    expect(frame.topic).toBe('/v1.0/card/instances/callback');
    const content = JSON.parse((JSON.parse(frame.frame.data) as { content: string }).content) as unknown;
    expect(content).toEqual({
      cardPrivateData: {
        actionIds: ['form'],
        params: { form: { action: 'ticket.resolve', ref: 'R-000001', solution: '已联系仓库，今天补发', resolution_code: { index: 0, value: 'assistance' } } },
      },
    });

    const sales = await openAs(SALES_A);
    const salesCard = sales.locator(`[data-testid=card][data-out-track-id="R-000001"]`);
    await salesCard.locator('[data-testid=card-status]').filter({ hasText: '已解决' }).waitFor({ timeout: 5000 });
    await salesCard.locator('button[data-action="ticket.close"]').first().waitFor();
    const stored = await app.tickets.get({ person: 'system', entryPoint: 'system' }, 'R-000001');
    expect(stored).toMatchObject({ ok: true, value: { status: 'resolved', solution: '已联系仓库，今天补发', resolutionCode: 'assistance' } });
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
