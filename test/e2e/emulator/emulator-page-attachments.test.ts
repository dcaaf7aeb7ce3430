/**
 * The emulator page's attachment bar in a real browser (system Chromium through playwright-core) against the whole
 * bot as `npm start` runs it (embedded SQLite, the emulator on the bot's server, the real dingtalk-stream client): a
 * salesperson files by typing, sends a screenshot (stored, answered with the ref, shown as the card's thumbnail),
 * a log file (listed on the card), then a voice message with its recognition text (filed from it, "按语音识别：…").
 * Screenshots are kept in test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Bot } from '../../../src/main';
import { ARTIFACTS, describeInBrowser, startDemoBrowser, type DemoBrowser } from '../../support/demo-browser';


const SALES_A = '1000000259'; // bjxiaoshoua
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describeInBrowser('attachment bar')('emulator page: pictures, files and voice (browser)', () => {
  let demo: DemoBrowser;
  let app: Bot;
  beforeAll(async () => {
    demo = await startDemoBrowser('attach-page');
    app = demo.app;
    await app.emulator!.waitFor(() => app.emulator!.liveConnectionCount() > 0, 10_000, 'the bot to connect');
  });
  afterAll(() => demo?.close());
  const openAs = (userId: string) => demo.openAs(userId);

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
    expect(demo.pageErrors).toEqual([]);
  });
});
