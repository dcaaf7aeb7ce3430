/**
 * The whole bot as `npm start` runs it (embedded SQLite, in-process timers, the DingTalk emulator on the bot's own
 * server, the real dingtalk-stream client), driven through the emulator page in a real headless Chromium: a
 * salesperson types a request, the service team's contact sees the card, claims it from the button and resolves it
 * through the card Form (the emulator sends the Form's callback as DingTalk does: `params.form`). Screenshots are kept
 * in test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Bot } from '../../../src/main';
import { ARTIFACTS, describeInBrowser, startDemoBrowser, type DemoBrowser } from '../../support/demo-browser';


const SALES_A = '1000000259'; // bjxiaoshoua
const CONTACT = '1000000333'; // bjxiaoshouyunying, contact of bj-sales-ops
const OTHER_CONTACT = '1000000555'; // bjyunying2

describeInBrowser('demo')('demo: file from chat, claim from the card (browser)', () => {
  let demo: DemoBrowser;
  let app: Bot;
  beforeAll(async () => {
    demo = await startDemoBrowser('demo');
    app = demo.app;
  });
  afterAll(() => demo?.close());
  const openAs = (userId: string) => demo.openAs(userId);

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
    expect(demo.pageErrors).toEqual([]);
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
    expect(demo.pageErrors).toEqual([]);
  }, 60_000);
});
