/**
 * npm run bench:escalation [-- --tickets N --spread S --lead L --tto T --workers W]
 * N open tickets (default 10,000) whose TTO due times are spread evenly over S seconds (default 60), the window
 * starting L seconds after the run starts (default 60). The tickets are opened through the ticket service as fast
 * as it goes, each with an opening time set back so that its T-second TTO (default 120) falls at its place in the
 * window: the thresholds are planned and armed by the normal outbox path before the window, and fire in it.
 * Runs on the configured database and Redis (DATABASE_URL, REDIS_URL; embedded defaults otherwise) with W
 * escalation workers (default 2, each with its own connections). Prints lateness percentiles, firings/s, missed
 * and duplicated counts and the docs/interfaces.md summary line. Chat delivery is an in-memory gateway: this measures
 * the escalation path, not DingTalk.
 */
import { ticketServiceOn } from '../src/compose-core';
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { InMemoryChatGateway } from '../test/support/in-memory-chat-gateway';
import { loadConfig } from '../src/adapters/config/load-config';
import { loadTriggerTable } from '../src/adapters/config/load-rules';
import { loadDirectoryFile } from '../src/adapters/directory/directory-yaml';
import { openDatabase, type Database } from '../src/adapters/persistence/data-source';
import { TypeormDirectoryStore } from '../src/adapters/persistence/typeorm-directory-store';
import { TypeormEscalationStore } from '../src/adapters/persistence/typeorm-escalation-store';
import { BullThresholdScheduler } from '../src/adapters/queue/bull-threshold-scheduler';
import { InProcessThresholdScheduler } from '../src/adapters/queue/in-process-threshold-scheduler';
import type { EscalationService } from '../src/escalation/escalation-service';
import type { OutboxRunner } from '../src/application/outbox/outbox-runner';
import { escalationServiceOn } from '../src/compose-escalation';
import { runCli } from './cli-database';
import { argNumber, fmt, percentile } from './bench-support';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const n = argNumber('tickets', 10_000);
  const spread = argNumber('spread', 60);
  const lead = argNumber('lead', 60);
  const tto = argNumber('tto', 120);
  const workers = argNumber('workers', 2);
  const loaded = loadConfig(process.env, { dingtalk: 'unused' });
  if (!loaded.ok) throw new Error(loaded.error.join('; '));
  const cfg = loaded.value;
  const clock = { now: () => new Date() };

  // Directory: the demo company with a seconds-long 24×7 SLA on BJ-销售运营 (TTO tto s, TTR 10× that).
  const demo = await loadDirectoryFile(cfg.directoryFile ?? 'config/demo-directory.yaml');
  if (!demo.ok) throw new Error('directory file invalid');
  const data = demo.value.data;
  data.slas.push({
    code: 'sla-bench',
    name: 'bench',
    calendar: '24x7',
    status: 'active',
    targets: [
      { metric: 'tto', priority: 3, requestType: '*', value: tto, unit: 'seconds' },
      { metric: 'ttr', priority: 3, requestType: '*', value: tto * 10, unit: 'seconds' },
    ],
  });
  for (const c of data.contracts) if (c.services.includes('BJ-SALES-OPS')) c.sla = 'sla-bench';

  const dbs: Database[] = [];
  const open = async () => {
    const db = await openDatabase({ url: cfg.database.url, sqlitePath: cfg.database.sqlitePath, poolSize: 20 });
    dbs.push(db);
    return db;
  };
  const main = await open();
  const directory = new TypeormDirectoryStore(main);
  await directory.importData(data, { prune: false, now: new Date() });
  const triggers = await loadTriggerTable();
  if (!triggers.ok) throw new Error(triggers.error.join('\n'));
  const prefix = `bench-${Date.now()}`;
  const gateway = new InMemoryChatGateway();

  const services: EscalationService[] = [];
  const outboxes: OutboxRunner[] = [];
  for (let w = 0; w < (cfg.database.url ? workers : 1); w++) {
    const db = w === 0 ? main : await open();
    const scheduler = cfg.redisUrl
      ? new BullThresholdScheduler({ redisUrl: cfg.redisUrl, prefix, concurrency: 10 })
      : new InProcessThresholdScheduler();
    const { service: svc, outbox } = escalationServiceOn(
      db,
      { directory: new TypeormDirectoryStore(db), scheduler, clock, triggers: triggers.value },
      gateway,
      { owner: `bench-worker-${w}`, outboxPollMs: 50 },
    );
    await svc.start();
    services.push(svc);
    outboxes.push(outbox);
  }
  // Open N tickets as fast as the service goes; ticket i is opened "at" windowStart + i·interval − TTO.
  const ids: number[] = [];
  const t0 = performance.now();
  const windowStart = Date.now() + lead * 1000;
  const interval = (spread * 1000) / n;
  const openers = 8;
  let next = 0;
  await Promise.all(
    Array.from({ length: openers }, async () => {
      let openedAt = new Date();
      const tickets = ticketServiceOn(main, { directory, clock: { now: () => openedAt }, onCommitted: () => outboxes[0]!.kick() });
      for (;;) {
        const i = next++;
        if (i >= n) return;
        openedAt = new Date(windowStart + i * interval - tto * 1000);
        const r = await tickets.open(
          { person: i % 2 ? 'bjxiaoshoua' : 'bjxiaoshoub', entryPoint: 'api' },
          { service: 'BJ-SALES-OPS', subcategory: 'consult', description: `bench ${i}` },
        );
        if (!r.ok) throw new Error(r.error.code);
        ids.push(r.value.id);
      }
    }),
  );
  const openedIn = (performance.now() - t0) / 1000;
  process.stderr.write(`opened ${n} tickets in ${openedIn.toFixed(1)} s; the window opens ${((windowStart - Date.now()) / 1000).toFixed(1)} s from now\n`);

  // Wait until every TTO has fired (or the last due time + 15 s passed).
  const store = new TypeormEscalationStore(main.gate);
  const q = (sql: string, params: unknown[] = []) => main.gate.run((m) => m.query(sql, params)) as Promise<Array<Record<string, unknown>>>;
  const minId = Math.min(...ids);
  const maxId = Math.max(...ids);
  const deadline = performance.now() + (lead + spread + 30) * 1000;
  let armedAll: number | null = null;
  for (;;) {
    if (armedAll === null) {
      const [a] = await q(
        "SELECT COUNT(*) AS n FROM ticket_thresholds WHERE level = 'tto' AND ticket_id BETWEEN ? AND ?",
        [Math.min(...ids), Math.max(...ids)],
      );
      if (Number(a!.n) >= n) {
        armedAll = Date.now();
        process.stderr.write(`all thresholds armed ${((windowStart - armedAll) / 1000).toFixed(1)} s before the window\n`);
      }
    }
    const [row] = await q(
      "SELECT COUNT(*) AS n FROM ticket_thresholds WHERE level = 'tto' AND status = 'fired' AND ticket_id BETWEEN ? AND ?",
      [minId, maxId],
    );
    if (Number(row!.n) >= n || performance.now() > deadline) break;
    await sleep(500);
  }
  await sleep(2000); // let stray duplicates show up, if any

  const rows = await q(
    "SELECT ticket_id, status, lateness_ms, fired_at FROM ticket_thresholds WHERE level = 'tto' AND ticket_id BETWEEN ? AND ?",
    [minId, maxId],
  );
  const firedRows = rows.filter((r) => r.status === 'fired');
  const lateness = firedRows.map((r) => Number(r.lateness_ms)).sort((a, b) => a - b);
  const firedTimes = firedRows.map((r) => new Date(r.fired_at as string | Date).getTime()).sort((a, b) => a - b);
  const perTicket = new Map<number, number>();
  for (const r of firedRows) perTicket.set(Number(r.ticket_id), (perTicket.get(Number(r.ticket_id)) ?? 0) + 1);
  const missed = n - perTicket.size;
  // duplicates: a ticket whose TTO fired twice, a notice row twice, or one message delivered twice to a person
  const told = new Map<string, number>();
  for (const m of gateway.messages) {
    const k = `${m.userId}\n${m.message.title}\n${m.message.text}`;
    told.set(k, (told.get(k) ?? 0) + 1);
  }
  const [dupRow] = await q(
    "SELECT COUNT(*) AS n FROM (SELECT event_key, person_id FROM notices WHERE ticket_id BETWEEN ? AND ? GROUP BY event_key, person_id HAVING COUNT(*) > 1) d",
    [minId, maxId],
  );
  const duplicated =
    [...perTicket.values()].filter((c) => c > 1).length + Number(dupRow!.n) + [...told.values()].filter((c) => c > 1).length;
  const span = firedTimes.length > 1 ? (firedTimes[firedTimes.length - 1]! - firedTimes[0]!) / 1000 : 1;
  const worst = await store.worstLateness(new Date(Date.now() - 3600_000));

  for (const s of services) await s.stop();
  for (const db of dbs) await db.close();

  console.log(`database: ${main.dialect}; timers: ${cfg.redisUrl ? 'Bull/Redis' : 'in-process'}; workers: ${services.length}`);
  console.log(`opened ${n} tickets in ${openedIn.toFixed(1)} s; TTO due times over ${spread} s; messages sent ${gateway.messages.length}; digest card calls ${gateway.cardCalls.filter((c) => c.outTrackId.startsWith('digest:')).length}`);
  console.log(`thresholds armed ${armedAll === null ? 'NOT all' : `${((windowStart - armedAll) / 1000).toFixed(1)} s`} before the window`);
  console.log(`worst lateness (health view): ${worst === null ? '-' : fmt(worst)} ms`);
  console.log(
    `bench:escalation: ${firedRows.length} firings; lateness p50 ${fmt(percentile(lateness, 50))} ms p99 ${fmt(percentile(lateness, 99))} ms ` +
      `max ${fmt(lateness[lateness.length - 1] ?? 0)} ms; ${(firedRows.length / span).toFixed(0)} firings/s; missed ${missed}; duplicated ${duplicated}`,
  );
}

runCli('bench:escalation', main, true);
