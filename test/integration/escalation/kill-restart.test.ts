/**
 * The real program (`node dist/src/main.js`, as `npm start` runs it) on MariaDB + Redis, killed with SIGKILL while
 * thresholds are armed, and a new process started after they fell due: each threshold fires once, nothing lost.
 */
import { ticketServiceOn } from '../../../src/compose-core';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Redis from 'ioredis';
import { openDatabase, type Database } from '../../../src/adapters/persistence/data-source';
import { TypeormDirectoryStore } from '../../../src/adapters/persistence/typeorm-directory-store';
import type { Ticket } from '../../../src/domain/tickets/ticket';
import { demoData, withDrillSla } from '../../support/demo';
import { createScratchMysqlDatabase, mysqlAvailable, redisAvailable, REDIS_URL } from '../../support/services';

const ROOT = path.join(__dirname, '..', '..', '..');
const MAIN = path.join(ROOT, 'dist', 'src', 'main.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

(mysqlAvailable() && redisAvailable() ? describe : describe.skip)('kill -9 and restart (real processes)', () => {
  let url: string;
  let drop: () => Promise<void>;
  let db: Database;
  const redisUrl = REDIS_URL.replace(/\/\d+$/, '') + '/3';
  const children: ChildProcess[] = [];

  function startBot(): Promise<ChildProcess> {
    if (!fs.existsSync(MAIN)) throw new Error('dist/ is missing: run npm run build (npm ci does it)');
    const child = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      // No DingTalk credentials with a DATABASE_URL: the local emulator only when asked for (a test setup).
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: url, REDIS_URL: redisUrl, DINGTALK_EMULATOR: '1', HTTP_PORT: '0', LOG_FORMAT: 'json', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    return new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`bot did not start: ${out}`)), 20_000);
      const onData = (b: Buffer) => {
        out += b.toString();
        if (out.includes('"app.started"')) {
          clearTimeout(timer);
          resolve(child);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`bot exited ${code}: ${out}`)));
    });
  }

  beforeAll(async () => {
    ({ url, drop } = await createScratchMysqlDatabase('kill'));
    db = await openDatabase({ url });
    const d = withDrillSla(demoData(), { tto: 3, ttr: 600 });
    await new TypeormDirectoryStore(db).importData(d, { prune: false, now: new Date() });
    const r = new Redis(redisUrl);
    await r.flushdb();
    r.disconnect();
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await db?.close();
    await drop?.();
    const r = new Redis(redisUrl);
    await r.flushdb();
    r.disconnect();
  });

  it('thresholds armed by a process killed with SIGKILL fire once after a new process starts', async () => {
    const a = await startBot();
    const directory = new TypeormDirectoryStore(db, { refreshMs: 0 });
    const tickets = ticketServiceOn(db, { directory, clock: { now: () => new Date() } });
    const opened: Ticket[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await tickets.open({ person: 'bjxiaoshoub', entryPoint: 'api' }, { service: 'BJ-SALES-OPS', subcategory: 'consult', description: `kill ${i}` });
      if (!r.ok) throw new Error(r.error.code);
      opened.push(r.value);
    }
    const ids = opened.map((t) => t.id).join(',');
    const tto = async () =>
      (await db.ds.query(`SELECT ticket_id, status FROM ticket_thresholds WHERE level = 'tto' AND ticket_id IN (${ids})`)) as Array<{ status: string }>;
    // wait until process A has planned every TTO (armed rows + Bull jobs), then kill it hard, before they are due
    for (let i = 0; i < 50 && (await tto()).length < 10; i++) await sleep(100);
    expect((await tto()).filter((r) => r.status === 'armed')).toHaveLength(10);
    a.kill('SIGKILL');
    await new Promise((r) => a.once('exit', r));
    await sleep(3500); // all due while nothing runs
    expect((await tto()).filter((r) => r.status === 'fired')).toHaveLength(0);

    const started = Date.now();
    const b = await startBot();
    for (let i = 0; i < 100 && (await tto()).filter((r) => r.status === 'fired').length < 10; i++) await sleep(100);
    const firedIn = Date.now() - started;
    expect((await tto()).filter((r) => r.status === 'fired')).toHaveLength(10);
    expect(firedIn).toBeLessThan(10_000); // behavioural bound (spec: within 5 s of recovery, plus process start)
    const notices = (await db.ds.query(
      `SELECT ticket_id, person_id, COUNT(*) AS n FROM notices WHERE event_code = 'tto' AND ticket_id IN (${ids}) GROUP BY ticket_id, person_id`,
    )) as Array<{ n: number | string }>;
    expect(notices).toHaveLength(10); // the service team lead, once per ticket
    expect(notices.every((n) => Number(n.n) === 1)).toBe(true);
    b.kill('SIGTERM');
    await new Promise((r) => b.once('exit', r));
  }, 60_000);
});
