/**
 * Real Redis + real MariaDB, real time, seconds-long SLAs: TTO fires ≤ 1 s late; FLUSHALL mid-run → the
 * reconciler still fires everything once; two workers → each threshold once; workers stopped and restarted →
 * nothing lost. Timing is asserted from recorded timestamps (fired_at − due_at), never by sleeping and hoping.
 */
import { ticketServiceOn } from '../../../src/compose-core';
import Redis from 'ioredis';
import { InMemoryChatGateway } from '../../support/in-memory-chat-gateway';
import { loadTriggerTable } from '../../../src/adapters/config/load-rules';
import { openDatabase, type Database } from '../../../src/adapters/persistence/data-source';
import { TypeormDirectoryStore } from '../../../src/adapters/persistence/typeorm-directory-store';
import { BullThresholdScheduler } from '../../../src/adapters/queue/bull-threshold-scheduler';
import { TicketService } from '../../../src/application/tickets/ticket-service';
import type { DirectoryData } from '../../../src/domain/directory/directory.types';
import type { Ticket } from '../../../src/domain/tickets/ticket';
import type { EscalationService } from '../../../src/escalation/escalation-service';
import { escalationServiceOn } from '../../../src/compose-escalation';
import { demoData, withDrillSla } from '../../support/demo';
import { createScratchMysqlDatabase, mysqlAvailable, redisAvailable, REDIS_URL } from '../../support/services';

const clock = { now: () => new Date() };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The demo company with a 24×7 seconds-long SLA on BJ-销售运营: TTO 2 s, TTR 60 s (priority 3). */
function fastData(): DirectoryData {
  return withDrillSla(demoData(), { tto: 2, ttr: 60 });
}

(mysqlAvailable() && redisAvailable() ? describe : describe.skip)('escalation on real Redis and MariaDB', () => {
  let url: string;
  let drop: () => Promise<void>;
  const dbs: Database[] = [];
  const prefix = `test-esc-${Date.now().toString(36)}`;
  const gateway = new InMemoryChatGateway();
  let tickets: TicketService;
  let main: Database;

  async function worker(name: string, reconcileMs = 1000): Promise<EscalationService> {
    const db = await openDatabase({ url, poolSize: 10 });
    dbs.push(db);
    const triggers = await loadTriggerTable();
    if (!triggers.ok) throw new Error(triggers.error.join('\n'));
    const { service: svc } = escalationServiceOn(
      db,
      {
        directory: new TypeormDirectoryStore(db, { refreshMs: 0 }),
        scheduler: new BullThresholdScheduler({ redisUrl: REDIS_URL, prefix }),
        clock,
        triggers: triggers.value,
      },
      gateway,
      { owner: name, reconcileMs, outboxPollMs: 100 },
    );
    await svc.start();
    return svc;
  }

  const open = async (n: number): Promise<Ticket[]> => {
    const out: Ticket[] = [];
    for (let i = 0; i < n; i++) {
      const r = await tickets.open({ person: 'bjxiaoshoua', entryPoint: 'api' }, { service: 'BJ-SALES-OPS', subcategory: 'consult', description: `drill ${i}` });
      if (!r.ok) throw new Error(r.error.code);
      out.push(r.value);
    }
    return out;
  };

  const ttoRows = async (ts: Ticket[]) =>
    (await main.ds.query(
      `SELECT ticket_id, status, lateness_ms FROM ticket_thresholds WHERE level = 'tto' AND ticket_id IN (${ts.map((t) => t.id).join(',')})`,
    )) as Array<{ ticket_id: number; status: string; lateness_ms: number | null }>;

  async function waitFired(ts: Ticket[], timeoutMs: number) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const rows = await ttoRows(ts);
      if (rows.filter((r) => r.status === 'fired').length >= ts.length || Date.now() > until) return rows;
      await sleep(200);
    }
  }

  /** TTO notices per (ticket, person): each must be exactly one. */
  const ttoNoticeCounts = async (ts: Ticket[]) =>
    (await main.ds.query(
      `SELECT ticket_id, person_id, COUNT(*) AS n FROM notices WHERE event_code = 'tto' AND status <> 'skipped' AND ticket_id IN (${ts.map((t) => t.id).join(',')}) GROUP BY ticket_id, person_id`,
    )) as Array<{ ticket_id: number; person_id: string; n: number | string }>;

  beforeAll(async () => {
    ({ url, drop } = await createScratchMysqlDatabase('esc_realtime'));
    main = await openDatabase({ url, poolSize: 10 });
    dbs.push(main);
    const directory = new TypeormDirectoryStore(main, { refreshMs: 0 });
    await directory.importData(fastData(), { prune: false, now: new Date() });
    tickets = ticketServiceOn(main, { directory, clock });
  });

  afterAll(async () => {
    for (const db of dbs) await db.close().catch(() => undefined);
    await drop?.();
    const r = new Redis(REDIS_URL);
    const keys = await r.keys(`${prefix}:*`);
    if (keys.length) await r.del(...keys);
    r.disconnect();
  });

  it('two workers: every TTO fires once, at most 1 s late; FLUSHALL-proof; restart-proof', async () => {
    const a = await worker('worker-a');
    const b = await worker('worker-b');

    // 1. two workers, 20 tickets
    const first = await open(20);
    const rows = await waitFired(first, 10_000);
    expect(rows.filter((r) => r.status === 'fired')).toHaveLength(20);
    for (const r of rows) expect(Number(r.lateness_ms)).toBeLessThanOrEqual(1000);
    const counts = await ttoNoticeCounts(first);
    expect(counts).toHaveLength(20); // the service team lead of each ticket
    expect(counts.every((c) => Number(c.n) === 1)).toBe(true);

    // 2. Redis loses every job mid-run: the reconciler fires them from the database, once
    const second = await open(10);
    await sleep(300); // planned and in Redis
    const redis = new Redis(REDIS_URL);
    await redis.flushall();
    redis.disconnect();
    const rows2 = await waitFired(second, 10_000);
    expect(rows2.filter((r) => r.status === 'fired')).toHaveLength(10);
    expect((await ttoNoticeCounts(second)).every((c) => Number(c.n) === 1)).toBe(true);

    // 3. every worker stops ("crash"); tickets keep coming; a new worker starts: nothing is lost
    await Promise.all([a.stop(), b.stop()]);
    const third = await open(10);
    await sleep(2500); // all due while no worker runs
    expect((await ttoRows(third)).filter((r) => r.status === 'fired')).toHaveLength(0);
    const c = await worker('worker-c');
    const rows3 = await waitFired(third, 8000);
    expect(rows3.filter((r) => r.status === 'fired')).toHaveLength(10);
    expect((await ttoNoticeCounts(third)).every((x) => Number(x.n) === 1)).toBe(true);
    await c.stop();

    // the whole run: each person told about each ticket's TTO once
    const all = [...first, ...second, ...third];
    const told = new Map<string, number>();
    for (const m of gateway.messages) told.set(`${m.userId}\n${m.message.text}`, (told.get(`${m.userId}\n${m.message.text}`) ?? 0) + 1);
    expect([...told.values()].every((n) => n === 1)).toBe(true);
    expect(all).toHaveLength(40);
  }, 60_000);
});
