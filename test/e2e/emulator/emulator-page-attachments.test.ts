/**
 * The emulator page's attachment bar in a real browser (system Chromium through playwright-core) against the whole
 * bot as `npm start` runs it (embedded SQLite, the emulator on the bot's server, the real dingtalk-stream client): a
 * salesperson files by typing, sends a screenshot (stored, answered with the ref, shown as the card's thumbnail),
 * a log file (listed on the card), then a voice message with its recognition text (filed from it, "按语音识别：…").
 * Screenshots are kept in test-artifacts/.
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
if (!available && !inCi) console.warn(`\n!!! SKIPPED the attachment bar browser test: ${CHROMIUM} is missing (apt-get install -y chromium) !!!\n`);

const SALES_A = '1000000259'; // bjxiaoshoua
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

(available || inCi ? describe : describe.skip)('emulator page: pictures, files and voice (browser)', () => {
  let app: Bot;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attach-page-'));
    const cfg = loadConfig({ HTTP_PORT: '0', SQLITE_PATH: path.join(dir, 'bot.sqlite'), DINGTALK_API_QPS: '0' });
    if (!cfg.ok) throw new Error(cfg.error.join('; '));
    app = await createBot(cfg.value, createLogger({ level: 'error', format: 'json', silent: true }));
    await app.emulator!.waitFor(() => app.emulator!.liveConnectionCount() > 0, 10_000, 'the bot to connect');
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

  it('sends a screenshot, a log file and a voice message from the page', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const sales = await openAs(SALES_A);
    await sales.waitForSelector('.badge.up');
    await sales.fill('#msgInput', '商户A昨天订了1斤葡萄，今天没有送货');
    await sales.click('#sendBtn');
    const card = sales.locator(`[data-testid=card][data-out-track-id="R-000001"]`);
    await card.waitFor({ timeout: 10_000 });

    await sales.setInputFiles('[data-testid=file-input]', { name: 'screenshot.png', mimeType: 'image/png', buffer: PNG });
    await sales.click('[data-testid=send-file]');
    await sales.locator('#timeline').getByText('已添加到 R-000001：picture-1.png').waitFor({ timeout: 10_000 });
    await card.locator('img[data-testid=card-image]').waitFor({ timeout: 10_000 });

    await sales.setInputFiles('[data-testid=file-input]', { name: 'order.log', mimeType: 'text/plain', buffer: Buffer.from('order 42 failed\n') });
    await sales.click('[data-testid=send-file]');
    await sales.locator('#timeline').getByText('已添加到 R-000001：order.log').waitFor({ timeout: 10_000 });
    await card.filter({ hasText: 'order.log' }).waitFor({ timeout: 10_000 });
    await sales.screenshot({ path: path.join(ARTIFACTS, 'attachments-picture-and-file.png'), fullPage: true });

    await sales.fill('[data-testid=voice-text]', '商户B昨天订了2个苹果，今天也没有送货');
    await sales.click('[data-testid=send-voice]');
    await sales.locator('#timeline').getByText('按语音识别：商户B昨天订了2个苹果，今天也没有送货').waitFor({ timeout: 10_000 });
    await sales.locator(`[data-testid=card][data-out-track-id="R-000002"]`).waitFor({ timeout: 10_000 });
    await sales.locator('#timeline').getByText(/已添加到 R-000002：audio-1\.amr/).waitFor({ timeout: 10_000 });
    await sales.screenshot({ path: path.join(ARTIFACTS, 'attachments-voice.png'), fullPage: true });

    const stored = await app.tickets.get({ person: 'system', entryPoint: 'system' }, 'R-000002');
    expect(stored).toMatchObject({ ok: true, value: { description: '商户B昨天订了2个苹果，今天也没有送货' } });
    expect(pageErrors).toEqual([]);
  });
});
