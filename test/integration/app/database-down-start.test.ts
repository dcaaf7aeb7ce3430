/**
 * Start-up with the database down (docs/interfaces.md "Operations"): `startBot` with a `DATABASE_URL` reached through
 * a TCP proxy that is cut. The process serves `/healthz` (200, degraded: database down, spooling), its Stream receiver
 * (the real `dingtalk-stream` client against the emulator) acknowledges every message and spools it; once the proxy
 * listens again, migrations, the directory import and the rest of the composition run, and the spooled messages are
 * filed once each (in the inbox in arrival order). Then a blink after start: cut, a message spooled, restored, filed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { loadConfig } from '../../../src/adapters/config/load-config';
import { createLogger } from '../../../src/adapters/logging/logger';
import { createBot, startBot, type Bot, type StartingBot } from '../../../src/main';
import { createScratchMysqlDatabase, mysqlAvailable } from '../../support/services';
import { TcpProxy } from '../../support/tcp-proxy';

const SALES_A = '1000000259'; // bjxiaoshoua in the demo directory
const TEXTS = ['商户A昨天订了1斤葡萄，今天没有送货（一）', '商户A昨天订了1斤葡萄，今天没有送货（二）', '商户A昨天订了1斤葡萄，今天没有送货（三）'];
const silent = createLogger({ level: 'error', format: 'json', silent: true });

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

(mysqlAvailable() ? describe : describe.skip)('start-up with the database down (MariaDB behind a cut proxy)', () => {
  let scratch: { url: string; drop: () => Promise<void> };
  let proxy: TcpProxy;
  let starting: StartingBot | undefined;
  let spoolDir: string;

  beforeAll(async () => {
    scratch = await createScratchMysqlDatabase('dbdown');
    const real = new URL(scratch.url);
    proxy = new TcpProxy({ host: real.hostname, port: Number(real.port || 3306) });
    await proxy.up(); // to learn a free port, then cut: nothing listens there until the test says so
    await proxy.down();
    spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dbdown-spool-'));
  });

  afterAll(async () => {
    await starting?.close();
    await proxy?.down();
    await scratch?.drop();
    fs.rmSync(spoolDir, { recursive: true, force: true });
  });

  function config(): ReturnType<typeof loadConfig> {
    const viaProxy = new URL(scratch.url);
    viaProxy.port = String(proxy.port);
    return loadConfig({
      HTTP_PORT: '0',
      DATABASE_URL: viaProxy.toString(),
      DINGTALK_EMULATOR: '1',
      DIRECTORY_FILE: 'config/demo-directory.yaml',
      SPOOL_DIR: spoolDir,
      DINGTALK_API_QPS: '0',
    });
  }

  const health = async (url: string) => {
    const res = await fetch(new URL('/healthz', url));
    return { status: res.status, body: (await res.json()) as { status: string; degraded?: string[]; database: { state: string } } };
  };

  it('createBot (tests, the replay CLI) still fails when the database does not answer', async () => {
    const cfg = config();
    if (!cfg.ok) throw new Error(cfg.error.join('; '));
    await expect(createBot(cfg.value, silent)).rejects.toThrow();
  });

  it('receives and spools while the database is down, then migrates, imports and files the spooled messages once each, in order', async () => {
    const cfg = config();
    if (!cfg.ok) throw new Error(cfg.error.join('; '));
    starting = await startBot(cfg.value, silent, { databaseRetry: { firstMs: 100, maxMs: 300 } });
    const emu = starting.emulator!;

    // Up without a database: degraded (not 503) once the Stream is connected, the database down and covered.
    const down = await until(() => health(starting!.url), (h) => h.status === 200, 'healthz 200');
    expect(down.body).toMatchObject({ status: 'degraded', database: { state: 'down' } });
    expect(down.body.degraded).toContain('database down: frames are spooled');

    // Messages meanwhile: acknowledged (after the fsync) and spooled, nothing handled.
    const sent = TEXTS.map((text) => emu.sendRobotMessage({ fromUserId: SALES_A, text }));
    for (const s of sent) expect((await emu.waitForAcks(s.messageId))[0]).toMatchObject({ code: 200 });
    const spool = await until(async () => (await health(starting!.url)).body as unknown as { spool: { frames: number } }, (b) => b.spool.frames === 3, 'three spooled frames');
    expect(spool.spool.frames).toBe(3);
    let settled = false;
    void starting.ready.then(() => (settled = true), () => (settled = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toBe(false);

    // The database answers: migrations, directory import, composition; the drainer files the frames in order.
    await proxy.up();
    const bot: Bot = await starting.ready;
    const conn = await mysql.createConnection({ uri: scratch.url });
    try {
      const tickets = await until(
        async () => (await conn.query('SELECT id, source_msg, description FROM tickets ORDER BY id'))[0] as Array<{ source_msg: string; description: string }>,
        (rows) => rows.length >= 3,
        'three tickets',
      );
      // One ticket per message (they are handled concurrently, so ticket ids need not follow the messages).
      expect(tickets.map((t) => t.source_msg).sort()).toEqual(sent.map((s) => s.msgId).sort());
      expect(tickets.map((t) => t.description).sort()).toEqual([...TEXTS].sort());
      // In the inbox once each, done, with their arrival times (kept by the spool) in the order they were sent.
      const rows = await until(
        async () => (await conn.query('SELECT id, status, received_at FROM inbox'))[0] as Array<{ id: string; status: string; received_at: Date }>,
        (r) => r.length === 3 && r.every((x) => x.status === 'done'),
        'three inbox rows done',
      );
      const arrival = sent.map((s) => rows.find((r) => r.id === s.msgId)!.received_at.getTime());
      expect(arrival).toEqual([...arrival].sort((a, b) => a - b));
      await until(() => health(bot.url), (h) => h.status === 200 && h.body.database.state === 'up' && !h.body.degraded, 'healthz ok');
      expect(fs.readdirSync(spoolDir).filter((f) => f.endsWith('.spool'))).toEqual([]);

      // A blink after start: cut again, a message is acknowledged and spooled, and filed once the database is back.
      await proxy.down();
      const late = emu.sendRobotMessage({ fromUserId: SALES_A, text: '商户A昨天订了1斤葡萄，今天没有送货（四）' });
      expect((await emu.waitForAcks(late.messageId))[0]).toMatchObject({ code: 200 });
      await until(() => health(bot.url), (h) => h.status === 200 && h.body.database.state === 'down', 'healthz: database down, covered');
      await proxy.up();
      const after = await until(
        async () => (await conn.query('SELECT source_msg FROM tickets ORDER BY id'))[0] as Array<{ source_msg: string }>,
        (rows) => rows.length >= 4,
        'the fourth ticket',
      );
      expect(after.map((t) => t.source_msg).sort()).toEqual([...sent.map((s) => s.msgId), late.msgId].sort());
      const [inbox] = (await conn.query('SELECT COUNT(*) AS n FROM inbox')) as unknown as [Array<{ n: number }>];
      expect(Number(inbox[0]!.n)).toBe(4);
    } finally {
      await conn.end();
    }
  }, 60_000);
});
