/**
 * The workbench page (docs/portal.md) in a real browser (Debian's Chromium through playwright-core) against the
 * whole bot on MariaDB with the emulator playing DingTalk: 免登 through the emulator's "Open workbench" (an auth
 * code the emulator issues, exchanged by the bot through `topapi/v2/user/getuserinfo`) for a salesperson, an agent,
 * a lead and an administrator; each list holds exactly the tickets the view rule lets them see; another org's
 * ticket by URL is a 403 page that leaks nothing; claim and resolve on the page update the card in the emulator and
 * notify per the trigger table; the card's refusal is the page's; a write without the CSRF token is refused and
 * changes nothing; a saved shortcut survives a restart; the FAQ browser, the demand pool and the contracts report
 * show each person what they may see. Screenshots of each view go to test-artifacts/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../../../src/adapters/config/load-config';
import { createLogger } from '../../../src/adapters/logging/logger';
import { createBot, type Bot } from '../../../src/main';
import { createScratchMysqlDatabase, IN_CI, mysqlAvailable } from '../../support/services';
import { openDatabase } from '../../../src/adapters/persistence/data-source';
import { TypeormDemandStore } from '../../../src/adapters/persistence/typeorm-demand-store';
import { TypeormFaqStore } from '../../../src/adapters/persistence/typeorm-faq-store';
import { formatDemandRef } from '../../../src/domain/demands/demand';
import { formatFaqRef } from '../../../src/domain/faq/faq';
import { catalogFor } from '../../../src/bot/views/replies/catalogs';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve(__dirname, '../../../test-artifacts');
const available = existsSync(CHROMIUM);
if (!available && !IN_CI) console.warn(`\n!!! SKIPPED the workbench page browser test: ${CHROMIUM} is missing (apt-get install -y chromium) !!!\n`);

const ADMIN_TOKEN = 'portal-test-admin-token-0123456789';
// DingTalk user ids of the demo directory (config/demo-directory.yaml)
const SALES_A = { userId: '1000000259', person: 'bjxiaoshoua' };
const SALES_B = { person: 'bjxiaoshoub' };
const GZ_SALES = { person: 'gzxiaoshoua' };
const AGENT = { userId: '1000000333', person: 'bjxiaoshouyunying' }; // contact of bj-sales-ops
const AGENT_2 = { userId: '1000000555', person: 'bjyunying2' }; // the other contact of bj-sales-ops
const LEAD = { userId: '1000009002', person: 'gzyunyingzg' }; // lead of gz-sales-ops
const ADMIN = { userId: '1000000703', person: 'admin' };
const PROBLEM_MANAGER = { userId: '1000000370', person: 'zbshangchengcp' }; // problem manager of bj-product-mall (BJ-MALL-PRODUCT)

(available && mysqlAvailable() ? describe : describe.skip)('workbench page (browser, MariaDB, emulator)', () => {
  let scratch: { url: string; drop: () => Promise<void> };
  let app: Bot;
  let browser: Browser;
  let spoolDir: string;
  const pageErrors: string[] = [];
  const refs: Record<string, string> = {};
  const titles: Record<string, string> = {};

  async function start(): Promise<Bot> {
    const cfg = loadConfig({
      HTTP_PORT: '0',
      DATABASE_URL: scratch.url,
      DINGTALK_EMULATOR: '1',
      DIRECTORY_FILE: 'config/demo-directory.yaml',
      SPOOL_DIR: spoolDir,
      DINGTALK_API_QPS: '0',
      ADMIN_TOKEN,
      // Stable across the restart below, as in production (in demo mode unset = a random key per start).
      SESSION_SECRET: 'portal-test-session-secret-0123456789abcdef',
    });
    if (!cfg.ok) throw new Error(cfg.error.join('; '));
    const bot = await createBot(cfg.value, createLogger({ level: 'error', format: 'json', silent: true }));
    for (let i = 0; i < 100; i++) {
      if ((await fetch(new URL('/healthz', bot.url))).status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return bot;
  }

  beforeAll(async () => {
    scratch = await createScratchMysqlDatabase('portal');
    spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-spool-'));
    app = await start();
    const file = async (key: string, caller: string, service: string, subcategory: string, title: string) => {
      const opened = await app.tickets.open({ person: caller, entryPoint: 'api' }, { service, subcategory, title, description: `${title} — 详情` });
      if (!opened.ok) throw new Error(`${key}: ${opened.error.code}`);
      refs[key] = `R-${String(opened.value.id).padStart(6, '0')}`;
      titles[key] = title;
    };
    await file('a1', SALES_A.person, 'BJ-SALES-OPS', 'consult', '商户A葡萄没有送货');
    await file('b1', SALES_B.person, 'BJ-SALES-OPS', 'complaint', '商户B投诉配送慢');
    await file('gz', GZ_SALES.person, 'GZ-SALES-OPS', 'consult', '广州商户秘密订单X9');
    await file('a2', SALES_A.person, 'BJ-IT', 'device-swap', '申请更换笔记本电脑');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await scratch?.drop();
    if (spoolDir) fs.rmSync(spoolDir, { recursive: true, force: true });
  });

  /** Signs in through the emulator page: "Open workbench" for the person, in a browser context of their own. */
  async function signIn(userId: string, viewport = { width: 1280, height: 900 }): Promise<{ ctx: BrowserContext; emu: Page; page: Page }> {
    const ctx = await browser.newContext({ viewport });
    const emu = await ctx.newPage();
    emu.on('pageerror', (err) => pageErrors.push(String(err)));
    await emu.goto(app.url);
    await emu.selectOption('#viewer', userId);
    await emu.waitForSelector('[data-testid=conversation][data-kind=dm].active');
    const [page] = await Promise.all([ctx.waitForEvent('page'), emu.click('[data-testid=open-workbench]')]);
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    await page.waitForSelector('[data-testid=who]', { timeout: 15_000 });
    return { ctx, emu, page };
  }

  const listedRefs = async (page: Page) => page.locator('[data-testid=ticket-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ref')).sort());

  /** What the view rule allows this person, ticket by ticket, through the same use case the card uses. */
  async function allowed(person: string): Promise<string[]> {
    const out: string[] = [];
    for (const ref of Object.values(refs)) if ((await app.tickets.get({ person, entryPoint: 'api' }, ref)).ok) out.push(ref);
    return out.sort();
  }

  it('signs in through the emulator (免登) and shows each person exactly what the view rule allows', async () => {
    // a salesperson: their own requests
    const sales = await signIn(SALES_A.userId);
    await sales.page.goto(new URL('/app/mine', app.url).toString());
    expect(await listedRefs(sales.page)).toEqual([refs.a1, refs.a2].sort());
    expect(await allowed(SALES_A.person)).toEqual([refs.a1, refs.a2].sort());
    await sales.page.screenshot({ path: path.join(ARTIFACTS, 'portal-mine-salesperson.png'), fullPage: true });

    // another org's ticket by URL (and another person's): 403, nothing of it in the response
    for (const key of ['gz', 'b1']) {
      const res = await sales.page.goto(new URL(`/app/t/${refs[key]}`, app.url).toString());
      expect(res?.status()).toBe(403);
      const body = await res!.text();
      expect(body).not.toContain(titles[key]);
      expect(body).not.toContain('详情');
      await sales.page.locator('[data-testid=forbidden]').waitFor();
    }
    await sales.page.screenshot({ path: path.join(ARTIFACTS, 'portal-403.png'), fullPage: true });

    // phone-sized: the same list, usable
    const phone = await signIn(SALES_A.userId, { width: 390, height: 844 });
    await phone.page.goto(new URL(`/app/t/${refs.a1}`, app.url).toString());
    await phone.page.locator('[data-testid=ticket]').waitFor();
    await phone.page.screenshot({ path: path.join(ARTIFACTS, 'portal-ticket-phone.png'), fullPage: true });
    await phone.ctx.close();

    // an agent: the team queue holds the tickets of the orgs their delivery model serves, not Guangzhou's
    const agent = await signIn(AGENT.userId);
    await agent.page.goto(new URL('/app/queue', app.url).toString());
    expect(await listedRefs(agent.page)).toEqual(await allowed(AGENT.person));
    expect(await listedRefs(agent.page)).not.toContain(refs.gz);
    await agent.page.screenshot({ path: path.join(ARTIFACTS, 'portal-queue-agent.png'), fullPage: true });
    // filters: service, unassigned, search by ref and by words
    await agent.page.goto(new URL('/app/queue?service=BJ-IT', app.url).toString());
    expect(await listedRefs(agent.page)).toEqual([refs.a2]);
    await agent.page.goto(new URL('/app/search?q=' + encodeURIComponent('投诉'), app.url).toString());
    expect(await listedRefs(agent.page)).toEqual([refs.b1]);
    await agent.page.screenshot({ path: path.join(ARTIFACTS, 'portal-search-agent.png'), fullPage: true });
    await agent.page.goto(new URL('/app/search?q=' + encodeURIComponent('秘密订单'), app.url).toString());
    expect(await listedRefs(agent.page)).toEqual([]);

    // a lead (Guangzhou): their team's, not Beijing's
    const lead = await signIn(LEAD.userId);
    await lead.page.goto(new URL('/app/queue', app.url).toString());
    expect(await listedRefs(lead.page)).toEqual(await allowed(LEAD.person));
    expect(await listedRefs(lead.page)).toEqual([refs.gz]);
    await lead.page.goto(new URL('/app/dashboard', app.url).toString());
    expect(await lead.page.locator('[data-testid=open-total]').textContent()).toBe('1');
    await lead.page.screenshot({ path: path.join(ARTIFACTS, 'portal-dashboard-lead.png'), fullPage: true });
    // and not the administrators' pages
    expect((await lead.page.goto(new URL('/app/admin/directory', app.url).toString()))?.status()).toBe(403);

    // an administrator: everything
    const admin = await signIn(ADMIN.userId);
    await admin.page.goto(new URL('/app/queue', app.url).toString());
    expect(await listedRefs(admin.page)).toEqual(Object.values(refs).sort());
    await admin.page.goto(new URL('/app/admin/directory', app.url).toString());
    await admin.page.locator('[data-testid=dir-people]').waitFor();
    await admin.page.screenshot({ path: path.join(ARTIFACTS, 'portal-admin-directory.png'), fullPage: true });
    await admin.page.goto(new URL('/app/admin/dead-letters', app.url).toString());
    await admin.page.screenshot({ path: path.join(ARTIFACTS, 'portal-admin-dead-letters.png'), fullPage: true });
    for (const s of [sales, agent, lead, admin]) await s.ctx.close();
  }, 120_000);

  it('claim and resolve on the page update the card in the emulator and notify; refusals match the card; no CSRF token, no change', async () => {
    const agent = await signIn(AGENT.userId);
    const page = agent.page;
    await page.goto(new URL(`/app/t/${refs.a1}`, app.url).toString());
    await page.locator('[data-testid=action-claim] button').click();
    await page.locator('[data-testid=flash]').waitFor();
    expect(await page.locator('[data-testid=assignee]').textContent()).toContain('北京分公司-销售运营');
    const assigned = await agent.ctx.newPage();
    await assigned.goto(new URL('/app/assigned', app.url).toString());
    expect(await listedRefs(assigned)).toEqual([refs.a1]);
    await assigned.screenshot({ path: path.join(ARTIFACTS, 'portal-assigned-agent.png'), fullPage: true });
    await assigned.close();

    // the salesperson's card in the emulator follows (the outbox → card reaction)
    const salesEmu = (await signIn(SALES_A.userId)).emu;
    const card = salesEmu.locator(`[data-testid=card][data-out-track-id="${refs.a1}"]`);
    await card.locator('[data-testid=card-status]').filter({ hasText: '处理中' }).waitFor({ timeout: 15_000 });
    // every ticket card links its page
    expect(await card.locator('[data-testid=card-link]').getAttribute('href')).toMatch(new RegExp(`/app/t/${refs.a1}$`));

    // the other contact claiming it: refused on the page as on the card (same use case, same code)
    const other = await signIn(AGENT_2.userId);
    await other.page.goto(new URL(`/app/t/${refs.a1}`, app.url).toString());
    expect(await other.page.locator('[data-testid=action-claim]').count()).toBe(0); // not offered
    const refused = await other.page.evaluate(async (ref) => {
      const token = document.querySelector('meta[name=csrf-token]')!.getAttribute('content')!;
      const res = await fetch(`/app/api/tickets/${ref}/claim`, { method: 'POST', headers: { 'X-CSRF-Token': token } });
      return { status: res.status, body: (await res.json()) as { error: string } };
    }, refs.a1);
    const onCard = await app.tickets.claim({ person: AGENT_2.person, entryPoint: 'card' }, refs.a1);
    expect(onCard.ok).toBe(false);
    expect(refused.body.error).toBe(onCard.ok ? 'none' : onCard.error.code);

    // resolve on the page: the card shows it, the caller is notified per the trigger table (resolved → caller)
    await page.fill('#f-solution', '已联系仓库补发');
    await page.locator('[data-testid=action-resolve] button').click();
    await page.locator('[data-testid=state]').filter({ hasText: '已解决' }).waitFor();
    await card.locator('[data-testid=card-status]').filter({ hasText: '已解决' }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'portal-ticket-agent.png'), fullPage: true });
    const history = await page.locator('[data-testid=history]').textContent();
    expect(history).toContain('portal');
    let notices: Array<{ eventCode: string; personId: string; status: string }> = [];
    for (let i = 0; i < 100; i++) {
      const res = await fetch(new URL(`/admin/tickets/${refs.a1}/notices`, app.url), { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      notices = (await res.json()) as typeof notices;
      if (notices.some((n) => n.eventCode === 'resolved' && n.status !== 'pending')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(notices.filter((n) => n.eventCode === 'resolved').map((n) => n.personId)).toEqual([SALES_A.person]);

    // a write without the CSRF token: 403, nothing changed
    const before = await app.tickets.get({ person: 'system', entryPoint: 'api' }, refs.b1);
    const noToken = await page.evaluate(async (ref) => (await fetch(`/app/api/tickets/${ref}/claim`, { method: 'POST' })).status, refs.b1);
    expect(noToken).toBe(403);
    const wrongToken = await page.evaluate(
      async (ref) => (await fetch(`/app/api/tickets/${ref}/claim`, { method: 'POST', headers: { 'X-CSRF-Token': 'forged' } })).status,
      refs.b1,
    );
    expect(wrongToken).toBe(403);
    const after = await app.tickets.get({ person: 'system', entryPoint: 'api' }, refs.b1);
    expect(after.ok && before.ok && after.value.version === before.value.version && after.value.agent === null).toBe(true);
    await agent.ctx.close();
    await other.ctx.close();
  }, 120_000);

  it('a saved shortcut survives a restart; the language switches; sign-out ends the session', async () => {
    let agent = await signIn(AGENT.userId);
    await agent.page.goto(new URL('/app/queue?unassigned=1&sort=priority', app.url).toString());
    await agent.page.locator('.save-shortcut summary').click();
    await agent.page.fill('[data-testid=shortcut-name]', '未分派优先');
    await agent.page.locator('[data-testid=shortcut-save]').click();
    await agent.page.locator('[data-testid=shortcut][data-name="未分派优先"]').waitFor();
    await agent.page.screenshot({ path: path.join(ARTIFACTS, 'portal-shortcuts.png'), fullPage: true });
    await agent.ctx.close();

    await app.close();
    app = await start();

    agent = await signIn(AGENT.userId);
    const pinned = agent.page.locator('nav a.pinned', { hasText: '未分派优先' });
    await pinned.waitFor();
    await pinned.click();
    await agent.page.waitForURL(/unassigned=1/);
    expect(await listedRefs(agent.page)).toEqual([refs.b1, refs.a2].sort());

    await agent.page.locator('[data-testid=switch-language]').click();
    await agent.page.locator('nav a', { hasText: 'Team queues' }).waitFor();
    await agent.page.screenshot({ path: path.join(ARTIFACTS, 'portal-queue-en.png'), fullPage: true });

    await agent.page.locator('[data-testid=logout]').click();
    await agent.page.locator('[data-testid=bare-message]').waitFor();
    const res = await agent.page.goto(new URL('/app/queue', app.url).toString());
    expect(await res!.text()).toContain('login-status');
    await agent.ctx.close();
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('the FAQ browser, the demand pool and the contracts report show each person what they may see', async () => {
    // FAQ entries and a Guangzhou demand written through the stores on the same database; a Beijing demand made
    // by the real conversion (the agent claims a request and turns it into a demand).
    const side = await openDatabase({ url: scratch.url, poolSize: 2 });
    const faqStore = new TypeormFaqStore(side.gate);
    const entry = (code: string, service: string, question: string, keywords: string[]) => ({ code, question, answer: `${question} —— 解答`, service, subcategory: null, keywords, status: 'published' as const });
    await faqStore.importEntries(
      [entry('e2e-delivery', 'BJ-SALES-OPS', '商户订的货什么时候送到？', ['什么时候送到']), entry('e2e-invoice-gz', 'GZ-SALES-OPS', '广州商户怎么开发票？', ['开发票'])],
      { prune: false, now: new Date() },
    );
    const faqRef = Object.fromEntries((await faqStore.all()).map((e) => [e.code, formatFaqRef(e.id)]));
    await faqStore.count(Number(faqRef['e2e-delivery']!.slice(2)), 'shown');
    const at = new Date();
    const gzDemand = formatDemandRef(
      await new TypeormDemandStore(side.ds).insert({ title: '广州秘密需求Y7', description: '广州', caller: GZ_SALES.person, service: 'GZ-SALES-OPS', team: 'gz-sales-ops', sourceRefs: [], votes: 1, state: 'open', createdAt: at, updatedAt: at }),
    );
    await side.close();
    const opened = await app.tickets.open({ person: SALES_A.person, entryPoint: 'api' }, { service: 'BJ-SALES-OPS', subcategory: 'consult', title: '希望支持批量导出订单', description: '每周要导出一次' });
    if (!opened.ok) throw new Error(opened.error.code);
    const requestRef = `R-${String(opened.value.id).padStart(6, '0')}`;
    const agentActor = { person: AGENT.person, entryPoint: 'api' as const };
    expect((await app.tickets.claim(agentActor, requestRef)).ok).toBe(true);
    const converted = await app.tickets.convertToDemand(agentActor, requestRef, '产品需求');
    if (!converted.ok) throw new Error(converted.error.code);
    const bjDemand = converted.value.demand;
    const go = (p: Page, to: string) => p.goto(new URL(to, app.url).toString());
    const refsOf = (p: Page, testid: string) => p.locator(`[data-testid=${testid}]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-ref')));

    // a salesperson: the FAQ of her services (Beijing's, not Guangzhou's), no counters; search; no demand pool, no report
    const sales = await signIn(SALES_A.userId);
    await go(sales.page, '/app/faq');
    expect(await refsOf(sales.page, 'faq-entry')).toEqual([faqRef['e2e-delivery']]);
    expect(await sales.page.locator('[data-testid=faq-counters]').count()).toBe(0);
    expect(await sales.page.content()).not.toContain('广州商户怎么开发票');
    await sales.page.fill('[data-testid=faq-q]', '请问货什么时候送到');
    await sales.page.locator('[data-testid=faq-search] button').click();
    await sales.page.waitForURL(/q=/);
    expect(await refsOf(sales.page, 'faq-entry')).toEqual([faqRef['e2e-delivery']]);
    await sales.page.screenshot({ path: path.join(ARTIFACTS, 'portal-faq-salesperson.png'), fullPage: true });
    expect(await sales.page.locator('nav a[href="/app/demands"]').count()).toBe(0);
    for (const to of ['/app/demands', '/app/admin/contracts']) {
      const res = await go(sales.page, to);
      expect(res?.status()).toBe(403);
      const body = await res!.text();
      expect(body).not.toContain('希望支持批量导出订单');
      expect(body).not.toContain('contracts-org');
    }

    // an agent: the demand pool of their team, with the source request linked; not Guangzhou's
    const agent = await signIn(AGENT.userId);
    await agent.page.locator('nav a[href="/app/demands"]').click();
    await agent.page.locator('[data-testid=demands]').waitFor();
    expect(await refsOf(agent.page, 'demand-row')).toEqual([bjDemand]);
    expect(await agent.page.content()).not.toContain('广州秘密需求Y7');
    await agent.page.screenshot({ path: path.join(ARTIFACTS, 'portal-demands-agent.png'), fullPage: true });
    await agent.page.locator('[data-testid=demand-source]', { hasText: requestRef }).click();
    await agent.page.locator('[data-testid=ticket]').waitFor();
    expect(agent.page.url()).toContain(`/app/t/${requestRef}`);
    expect((await go(agent.page, '/app/admin/contracts'))?.status()).toBe(403);

    // the Guangzhou lead: Guangzhou's demand only
    const lead = await signIn(LEAD.userId);
    await go(lead.page, '/app/demands');
    expect(await refsOf(lead.page, 'demand-row')).toEqual([gzDemand]);

    // an administrator: every entry with its counters, every demand, the contracts report (zh-CN, then English)
    const admin = await signIn(ADMIN.userId);
    await go(admin.page, '/app/faq');
    expect((await refsOf(admin.page, 'faq-entry')).sort()).toEqual([faqRef['e2e-delivery'], faqRef['e2e-invoice-gz']].sort());
    expect(await admin.page.locator(`[data-ref="${faqRef['e2e-delivery']}"] [data-testid=faq-counters] dd`).first().textContent()).toBe('1');
    await admin.page.screenshot({ path: path.join(ARTIFACTS, 'portal-faq-admin.png'), fullPage: true });
    await go(admin.page, '/app/demands');
    expect((await refsOf(admin.page, 'demand-row')).sort()).toEqual([bjDemand, gzDemand].sort());
    await admin.page.locator('nav a[href="/app/admin/contracts"]').click();
    const gzQa = admin.page.locator('[data-testid=contracts-org][data-org=gz-sales] [data-testid=contracts-cannot][data-service=BJ-QA]');
    expect(await gzQa.textContent()).toContain('合同已作废');
    await admin.page.screenshot({ path: path.join(ARTIFACTS, 'portal-contracts-admin.png'), fullPage: true });
    await admin.page.locator('[data-testid=switch-language]').click();
    await admin.page.locator('h1', { hasText: 'Contracts report' }).waitFor();
    expect(await gzQa.textContent()).toContain('contract obsolete');
    await admin.page.screenshot({ path: path.join(ARTIFACTS, 'portal-contracts-admin-en.png'), fullPage: true });
    for (const s of [sales, agent, lead, admin]) await s.ctx.close();
    expect(pageErrors).toEqual([]);
  }, 120_000);

  const refOfOpened = (t: { id: number }) => `R-${String(t.id).padStart(6, '0')}`;

  it('a problem page: its fields, its tickets, resolve / link / unlink through the problem use cases; lists filter by kind', async () => {
    const go = (p: Page, to: string) => p.goto(new URL(to, app.url).toString());
    const open = async (title: string) => {
      const o = await app.tickets.open({ person: SALES_A.person, entryPoint: 'api' }, { service: 'BJ-MALL-PRODUCT', subcategory: 'suggestion', title, description: title });
      if (!o.ok) throw new Error(o.error.code);
      return refOfOpened(o.value);
    };
    const r1 = await open('商城购物车无法结算');
    const r2 = await open('商城结算页报错');
    const made = await app.tickets.makeProblem({ person: PROBLEM_MANAGER.person, entryPoint: 'api' }, { refs: [r1, r2], title: '商城结算故障' });
    if (!made.ok) throw new Error(made.error.code);
    const pRef = `P-${String(made.value.id).padStart(6, '0')}`;
    const pm = await signIn(PROBLEM_MANAGER.userId);
    const page = pm.page;
    const problemTickets = () => page.locator('[data-testid=problem-ticket]').evaluateAll((els) => els.map((e) => e.getAttribute('data-ref')).sort());

    // the lists filter by kind: problems only
    await go(page, '/app/queue?kind=problem');
    expect(await listedRefs(page)).toEqual([pRef]);
    await go(page, '/app/queue?kind=request');
    const requests = await listedRefs(page);
    expect(requests).toEqual(expect.arrayContaining([r1, r2]));
    expect(requests.every((r) => r?.startsWith('R-'))).toBe(true);

    // the problem's page: kind, state, its tickets; the problem card's actions (no request Resolve, no Claim)
    await go(page, `/app/t/${pRef}`);
    expect(await page.locator('[data-testid=fields]').textContent()).toContain('问题');
    expect(await problemTickets()).toEqual([r1, r2].sort());
    for (const a of ['problem_resolve', 'problem_link', 'pend', 'note_private']) expect(await page.locator(`[data-testid=action-${a}]`).count()).toBe(1);
    for (const a of ['resolve', 'claim', 'close']) expect(await page.locator(`[data-testid=action-${a}]`).count()).toBe(0);

    // unlink r2 (its own form), then link it back by its ref
    await page.locator(`[data-testid=action-problem_unlink][data-ticket="${r2}"] button`).click();
    await page.locator('[data-testid=flash]').filter({ hasText: pRef }).waitFor();
    expect(await problemTickets()).toEqual([r1]);
    const r2After = await app.tickets.get({ person: 'system', entryPoint: 'api' }, r2);
    expect(r2After.ok && (r2After.value.problem ?? null)).toBeNull();
    await page.fill('#f-link-ticket', r2);
    await page.locator('[data-testid=action-problem_link] button').click();
    await page.locator('[data-testid=flash]').filter({ hasText: pRef }).waitFor();
    expect(await problemTickets()).toEqual([r1, r2].sort());

    // a request's page names its problem
    await go(page, `/app/t/${r1}`);
    expect(await page.locator('[data-testid=problem]').textContent()).toContain(pRef);

    // resolve: root cause and workaround recorded and shown; the history says it came from the page
    await go(page, `/app/t/${pRef}`);
    await page.fill('#f-root-cause', '结算服务的缓存未失效');
    await page.fill('#f-workaround', '清空购物车后重新加入商品');
    await page.locator('[data-testid=action-problem_resolve] button').click();
    await page.locator('[data-testid=state]').filter({ hasText: '已解决' }).waitFor();
    expect(await page.locator('[data-testid=root-cause]').textContent()).toBe('结算服务的缓存未失效');
    expect(await page.locator('[data-testid=workaround]').textContent()).toBe('清空购物车后重新加入商品');
    expect(await page.locator('[data-testid=history]').textContent()).toContain('portal');
    await page.screenshot({ path: path.join(ARTIFACTS, 'portal-problem.png'), fullPage: true });
    expect(await page.locator('[data-testid=action-problem_resolve]').count()).toBe(0);

    // the caller of its tickets may not see the problem (403 page); a write by her is refused with the card's
    // sentence (not a code), and nothing changes
    const sales = await signIn(SALES_A.userId);
    expect((await go(sales.page, `/app/t/${pRef}`))?.status()).toBe(403);
    const before = await app.tickets.get({ person: 'system', entryPoint: 'api' }, pRef);
    const refused = await sales.page.evaluate(async ([ref, ticket]) => {
      const token = document.querySelector('meta[name=csrf-token]')!.getAttribute('content')!;
      const res = await fetch(`/app/api/tickets/${ref}/problem_unlink`, { method: 'POST', headers: { 'X-CSRF-Token': token, 'content-type': 'application/x-www-form-urlencoded' }, body: `ticket=${ticket}` });
      return { status: res.status, body: (await res.json()) as { error: string; message: string } };
    }, [pRef, r1] as const);
    expect(refused).toEqual({ status: 403, body: { error: 'PROBLEM.NOT_ALLOWED', message: catalogFor('zh-CN').error['PROBLEM.NOT_ALLOWED'] } });
    const after = await app.tickets.get({ person: 'system', entryPoint: 'api' }, pRef);
    expect(after.ok && before.ok && after.value.version === before.value.version).toBe(true);
    for (const x of [pm, sales]) await x.ctx.close();
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('the same stale Claim clicked on the card in the emulator and on the page: the same refusal sentence, nothing changed', async () => {
    const opened = await app.tickets.open({ person: SALES_B.person, entryPoint: 'api' }, { service: 'BJ-SALES-OPS', subcategory: 'consult', title: '商户B的货少了一箱', description: '少一箱' });
    if (!opened.ok) throw new Error(opened.error.code);
    const ref = refOfOpened(opened.value);
    // the other contact holds the new ticket's card (with Claim) and has its page open (with Claim)
    const other = await signIn(AGENT_2.userId);
    const card = other.emu.locator(`[data-testid=card][data-out-track-id="${ref}"]`);
    const cardClaim = card.locator('button[data-action="ticket.claim"]');
    await cardClaim.waitFor({ timeout: 15_000 });
    await other.page.goto(new URL(`/app/t/${ref}`, app.url).toString());
    await other.page.locator('[data-testid=action-claim] button').waitFor();

    // the first contact claims meanwhile; with the outbox held, neither the card nor the page has heard of it
    await app.outbox.stop();
    try {
      const won = await app.tickets.claim({ person: AGENT.person, entryPoint: 'api' }, ref);
      expect(won.ok).toBe(true);
      const before = await app.tickets.get({ person: 'system', entryPoint: 'api' }, ref);

      await cardClaim.click();
      const onCard = (await card.locator('[data-testid=card-notice]').textContent({ timeout: 15_000 })) ?? '';
      await other.page.locator('[data-testid=action-claim] button').click();
      const onPage = (await other.page.locator('[data-testid=flash]').textContent()) ?? '';

      // "北京分公司-销售运营 已认领 R-…。": the card's sentence, word for word, on the page
      expect(onPage).toContain('北京分公司-销售运营');
      expect(onPage).toContain(ref);
      expect(onCard.startsWith(onPage)).toBe(true);
      await other.page.screenshot({ path: path.join(ARTIFACTS, 'portal-refusal-as-card.png'), fullPage: true });

      const after = await app.tickets.get({ person: 'system', entryPoint: 'api' }, ref);
      expect(after.ok && before.ok && after.value.version === before.value.version && after.value.agent === AGENT.person).toBe(true);
    } finally {
      app.outbox.start();
    }
    await other.ctx.close();
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
