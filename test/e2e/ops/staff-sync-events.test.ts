/**
 * Staff sync through the real entry points: the whole bot as `npm start` runs it (embedded SQLite, the DingTalk
 * emulator on its own server, the real dingtalk-stream client). The emulator fires address-book EVENT frames from
 * its API as DingTalk pushes them: `user_leave_org` → the person inactive, their assigned ticket back in the team's
 * queue (unassigned, TTO re-armed), one notice to the team's lead naming them; the same frame again changes nothing.
 * `user_add_org` in a department the directory maps → the person added with `portal_user`, and they can file; the
 * same from the emulator page's "Address book" form in a real Chromium.
 */
import fs, { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/adapters/config/load-config';
import { createLogger } from '../../../src/adapters/logging/logger';
import { openDatabase, type Database } from '../../../src/adapters/persistence/data-source';
import { TypeormDirectoryStore } from '../../../src/adapters/persistence/typeorm-directory-store';
import { SYSTEM_ACTOR } from '../../../src/domain/tickets/actor';
import { createBot, type Bot } from '../../../src/main';
import { DEMO_FILE } from '../../support/demo';

const SALES_A = '1000000259'; // bjxiaoshoua
const CONTACT = '1000000333'; // bjxiaoshouyunying, contact of bj-sales-ops: leaves
const LEAD = '1000009001'; // bjyunyingzg, lead of bj-sales-ops
const NEWCOMER = '1000008888';
const GZ_SALES_DEPT = 2001;
const SALES_OPS_DEPT = 3001;
const SECOND_LINE = '1000000555'; // bjyunying2, contact of bj-sales-ops (an organisation mapped to SALES_OPS_DEPT)
const SALES_B = '1000000296'; // bjxiaoshoub, of bj-sales (no department mapped)

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('staff sync from DingTalk address-book events (emulator, real Stream client)', () => {
  let app: Bot;
  let sqlite: string;
  const post = (p: string, body: unknown) =>
    fetch(new URL(p, app.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const ticket = async (ref: string) => {
    const t = await app.tickets.get(SYSTEM_ACTOR, ref);
    if (!t.ok) throw new Error(t.error.code);
    return t.value;
  };
  /** A read of the stored directory through its own connection (what a fresh process would see). */
  const storedPerson = async (id: string) => {
    const db: Database = await openDatabase({ sqlitePath: sqlite });
    try {
      return (await new TypeormDirectoryStore(db).exportData())!.people.find((p) => p.id === id);
    } finally {
      await db.close();
    }
  };

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'staff-'));
    sqlite = path.join(dir, 'bot.sqlite');
    const file = path.join(dir, 'directory.yaml');
    const text = fs.readFileSync(DEMO_FILE, 'utf8');
    const mapped = text
      .replace('{ code: gz-sales, name: 广州分公司-销售, parent: gz }', `{ code: gz-sales, name: 广州分公司-销售, parent: gz, dingtalk_dept_id: "${GZ_SALES_DEPT}" }`)
      .replace('{ code: bj-sales-ops, name: 北京分公司-销售运营, parent: bj }', `{ code: bj-sales-ops, name: 北京分公司-销售运营, parent: bj, dingtalk_dept_id: "${SALES_OPS_DEPT}" }`);
    expect(mapped).toContain(`dingtalk_dept_id: "${SALES_OPS_DEPT}"`);
    expect(mapped).not.toBe(text);
    fs.writeFileSync(file, mapped);
    const cfg = loadConfig({ HTTP_PORT: '0', SQLITE_PATH: sqlite, DINGTALK_API_QPS: '0', DIRECTORY_FILE: file });
    if (!cfg.ok) throw new Error(cfg.error.join('; '));
    app = await createBot(cfg.value, createLogger({ level: 'error', format: 'json', silent: true }));
    await until('the Stream connection', () => app.emulator!.liveConnectionCount() > 0);
  });
  afterAll(() => app?.close());

  it('user_leave_org: inactive, the assigned ticket back in the queue, one notice to the lead; the same frame again changes nothing', async () => {
    const emulator = app.emulator!;
    emulator.sendRobotMessage({ fromUserId: SALES_A, text: '商户A昨天订了1斤葡萄，今天没有送货' });
    await until('the request', async () => (await app.tickets.get(SYSTEM_ACTOR, 'R-000001')).ok);
    const claimed = await app.tickets.claim({ person: 'bjxiaoshouyunying', entryPoint: 'card' }, 'R-000001');
    expect(claimed).toMatchObject({ ok: true, value: { status: 'assigned', agent: 'bjxiaoshouyunying' } });
    const before = await ticket('R-000001');
    expect(before.tto.state).toBe('stopped');
    const leadMessages = emulator.messagesReceivedBy(LEAD).length;

    const res = await post('/emulator/api/address-book-events', { eventType: 'user_leave_org', userIds: [CONTACT] });
    expect(res.status).toBe(200);
    const { eventId, messageId } = (await res.json()) as { eventId: string; messageId: string };

    // answered SUCCESS once stored in the inbox under its eventId
    const [ack] = await until('the ACK', () => (emulator.acks(messageId).length > 0 ? emulator.acks(messageId) : null));
    expect(ack!.data).toEqual({ status: 'SUCCESS' });
    expect(await app.inbox.entry(eventId)).toMatchObject({ id: eventId, kind: 'staff' });

    const back = await until('the ticket back in the queue', async () => {
      const t = await ticket('R-000001');
      return t.agent === null ? t : null;
    });
    expect(back).toMatchObject({ status: 'new', team: 'bj-sales-ops', agent: null });
    expect(back.tto.state).toBe('running');
    expect(back.tto.deadline!.getTime()).toBeGreaterThan(before.assignedAt!.getTime());
    expect(back.deadlineVersion).toBeGreaterThan(before.deadlineVersion);
    const history = await app.tickets.history(SYSTEM_ACTOR, 'R-000001');
    expect(history.ok && history.value.at(-1)).toMatchObject({ action: 'unassign', actor: 'system' });
    expect(await storedPerson('bjxiaoshouyunying')).toMatchObject({ status: 'inactive' });

    const notices = await until('the lead\'s notice', () => {
      const got = emulator.messagesReceivedBy(LEAD).slice(leadMessages).filter((m) => (m.text ?? '').includes('bjxiaoshouyunying'));
      return got.length > 0 ? got : null;
    });
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain('R-000001');
    expect(notices[0]!.text).toContain('bjxiaoshouyunying');

    // the same frame pushed again: acknowledged, no second effect
    const historyLength = history.ok ? history.value.length : -1;
    expect(emulator.redeliver(messageId)).toBe(true);
    await until('the second ACK', () => emulator.acks(messageId).length >= 2);
    // a later marker proves the bot handled everything before it: a message filed after the re-push
    emulator.sendRobotMessage({ fromUserId: SALES_A, text: '商户B的葡萄也没有送货' });
    await until('the marker request', async () => (await app.tickets.get(SYSTEM_ACTOR, 'R-000002')).ok);
    const again = await app.tickets.history(SYSTEM_ACTOR, 'R-000001');
    expect(again.ok && again.value.length).toBe(historyLength);
    expect(await ticket('R-000001')).toMatchObject({ status: 'new', agent: null, version: back.version });
    expect(emulator.messagesReceivedBy(LEAD).slice(leadMessages).filter((m) => (m.text ?? '').includes('bjxiaoshouyunying'))).toHaveLength(1);
  });

  it('user_add_org in a mapped department: added with portal_user, and they can file', async () => {
    const emulator = app.emulator!;
    const res = await post('/emulator/api/address-book-events', { eventType: 'user_add_org', userIds: [NEWCOMER], name: '广州-花都区销售', deptId: GZ_SALES_DEPT });
    expect(res.status).toBe(200);
    const person = await until('the new person', () => storedPerson(`dt-${NEWCOMER}`));
    expect(person).toMatchObject({ name: '广州-花都区销售', org: 'gz-sales', dingtalkUserId: NEWCOMER, status: 'active', profiles: ['portal_user'] });
    // their first message files a request (the directory snapshot of the bot reloads the new revision)
    const cards = emulator.cards().length;
    emulator.sendRobotMessage({ fromUserId: NEWCOMER, text: '客户投诉：400 热线没人接' });
    await until('the newcomer\'s card', () => emulator.cards().length > cards);
    const listed = await app.tickets.list({ person: `dt-${NEWCOMER}`, entryPoint: 'chat' }, { scope: 'mine' });
    expect(listed.ok && listed.value.map((t) => t.caller)).toEqual([`dt-${NEWCOMER}`]);
  });

  it('user_modify_org out of every mapped department: leaves like user_leave_org, once; people of unmapped organisations are left alone', async () => {
    const emulator = app.emulator!;
    emulator.sendRobotMessage({ fromUserId: SALES_A, text: '商户C的苹果也没有送货' });
    const ref = await until('the request', async () => {
      const mine = await app.tickets.list({ person: 'bjxiaoshoua', entryPoint: 'chat' }, { scope: 'mine' });
      return mine.ok ? mine.value.find((t) => t.description.includes('商户C'))?.id : undefined;
    }).then((id) => `R-${String(id).padStart(6, '0')}`);
    expect(await app.tickets.claim({ person: 'bjyunying2', entryPoint: 'card' }, ref)).toMatchObject({ ok: true, value: { agent: 'bjyunying2' } });
    const leadMessages = emulator.messagesReceivedBy(LEAD).length;

    // bjxiaoshoub's organisation maps no department: a move to department 1 changes nothing
    const unmapped = await post('/emulator/api/address-book-events', { eventType: 'user_modify_org', userIds: [SALES_B], deptId: 1 });
    expect(unmapped.status).toBe(200);
    const res = await post('/emulator/api/address-book-events', { eventType: 'user_modify_org', userIds: [SECOND_LINE], deptId: 1 });
    expect(res.status).toBe(200);
    const { messageId } = (await res.json()) as { messageId: string };

    const back = await until('the ticket back in the queue', async () => {
      const t = await ticket(ref);
      return t.agent === null ? t : null;
    });
    expect(back).toMatchObject({ status: 'new', agent: null, team: 'bj-sales-ops' });
    expect(await storedPerson('bjyunying2')).toMatchObject({ status: 'inactive', org: 'bj-sales-ops' });
    expect(await storedPerson('bjxiaoshoub')).toMatchObject({ status: 'active', org: 'bj-sales' });
    const told = () => emulator.messagesReceivedBy(LEAD).slice(leadMessages).filter((m) => (m.text ?? '').includes('bjyunying2'));
    const notices = await until('the lead\'s notice', () => (told().length > 0 ? told() : null));
    expect(notices[0]!.text).toContain(ref);

    // the same frame again: acknowledged, nothing more (a later message proves it was handled)
    const history = await app.tickets.history(SYSTEM_ACTOR, ref);
    expect(emulator.redeliver(messageId)).toBe(true);
    await until('the second ACK', () => emulator.acks(messageId).length >= 2);
    emulator.sendRobotMessage({ fromUserId: SALES_A, text: '商户D的梨也没有送货' });
    await until('the marker request', async () => {
      const mine = await app.tickets.list({ person: 'bjxiaoshoua', entryPoint: 'chat' }, { scope: 'mine' });
      return mine.ok && mine.value.some((t) => t.description.includes('商户D'));
    });
    const again = await app.tickets.history(SYSTEM_ACTOR, ref);
    expect(again.ok && again.value.length).toBe(history.ok ? history.value.length : -1);
    expect(told()).toHaveLength(1);
  });

  (existsSync('/usr/bin/chromium') ? it : it.skip)('the emulator page fires the same events (its "Address book" form)', async () => {
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(app.url);
      await page.selectOption('[data-testid=address-book-type]', 'user_add_org');
      await page.fill('[data-testid=address-book-user]', '1000008889');
      await page.fill('[data-testid=address-book-name]', '广州-番禺区销售');
      await page.fill('[data-testid=address-book-dept]', String(GZ_SALES_DEPT));
      await page.click('[data-testid=address-book-fire]');
      await page.locator('#toast').filter({ hasText: 'user_add_org fired' }).waitFor();
      expect(await until('the person from the page', () => storedPerson('dt-1000008889'))).toMatchObject({ name: '广州-番禺区销售', org: 'gz-sales', status: 'active' });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
