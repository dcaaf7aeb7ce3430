/**
 * npm run bench:portal [-- --tickets N --sessions S --seconds T]
 * The workbench page (docs/portal.md) on MariaDB: N tickets (default 200,000) spread over a year across the demo
 * company's services, one of them with 200 history rows; then the whole bot (emulator mode, DATABASE_URL) serves
 * S concurrent signed-in sessions (default 20) for T seconds (default 30) per target: the team queue (first page,
 * filters applied), the ticket page with 200 history rows, and the leads' dashboard. Prints p50/p95/p99 per target
 * and the docs/interfaces.md summary line. DATABASE_URL: the database to fill (default
 * mysql://root@127.0.0.1:3306/bench_portal, created and emptied first; `--reuse` keeps the previous run's).
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import mysql from 'mysql2/promise';
import { loadConfig } from '../src/adapters/config/load-config';
import { createLogger } from '../src/adapters/logging/logger';
import { loadDirectoryFile } from '../src/adapters/directory/directory-yaml';
import { openDatabase } from '../src/adapters/persistence/data-source';
import { TicketHistoryRecord } from '../src/adapters/persistence/records/ticket-history.record';
import { TicketRecord } from '../src/adapters/persistence/records/ticket.record';
import { SqlRows } from '../src/adapters/persistence/sql-rows';
import { toTicketRecord } from '../src/adapters/persistence/ticket.mapper';
import { TypeormDirectoryStore } from '../src/adapters/persistence/typeorm-directory-store';
import { idleStopwatch } from '../src/domain/tickets/stopwatch';
import { OPEN_STATES, type Ticket, type TicketState } from '../src/domain/tickets/ticket';
import { createBot } from '../src/main';
import { SESSION_COOKIE, SessionCodec } from '../src/portal/session';
import { argNumber, fmt, percentile } from './bench-support';
import { runCli } from './cli-database';

const SECRET = 'bench-portal-session-secret-0123456789abcdef';
const DAY = 86_400_000;

async function freshDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  // It drops the database: only one named for benchmarks.
  if (!/bench/i.test(name)) throw new Error(`refusing to drop database "${name}": bench:portal fills a database whose name contains "bench"`);
  u.pathname = '/';
  const c = await mysql.createConnection({ uri: u.toString() });
  await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await c.end();
}

async function seed(url: string, n: number): Promise<{ historyRef: string }> {
  const db = await openDatabase({ url });
  const file = await loadDirectoryFile('config/demo-directory.yaml');
  if (!file.ok) throw new Error('demo directory invalid');
  const now = new Date();
  await new TypeormDirectoryStore(db).importData(file.value.data, { prune: false, now });
  const data = file.value.data;
  const contracts = data.contracts.filter((c) => c.status === 'production');
  const callers = data.people.filter((p) => p.profiles.includes('portal_user'));
  const rows = new SqlRows(db.ds, TicketRecord);
  const history = new SqlRows(db.ds, TicketHistoryRecord);
  const states: TicketState[] = ['closed', 'closed', 'closed', 'closed', 'resolved', 'resolved', 'assigned', 'new', 'pending', 'escalated_tto', 'escalated_ttr', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed'];
  const started = performance.now();
  const batch: ReturnType<typeof toTicketRecord>[] = [];
  for (let i = 0; i < n; i++) {
    const caller = callers[i % callers.length]!;
    const contract = contracts.find((c) => c.customer === caller.org) ?? contracts[i % contracts.length]!;
    const service = data.services.find((s) => s.code === contract.services[i % contract.services.length])!;
    const status = states[i % states.length]!;
    const created = new Date(now.getTime() - ((n - i) / n) * 365 * DAY);
    const owned = status !== 'new' && status !== 'escalated_tto';
    const resolved = status === 'resolved' || status === 'closed';
    const t: Ticket = {
      id: 0, kind: i % 25 === 0 ? 'incident' : 'request', title: `bench ticket ${i} ${service.name}`, description: 'bench', caller: caller.id, org: caller.org,
      service: service.code, subcategory: service.subcategories[0]!.code, requestType: 'service_request', impact: 3, urgency: 3, priority: ((i % 4) + 1) as 1 | 2 | 3 | 4,
      origin: 'chat', sourceMsg: null, status, team: service.team, agent: owned ? (data.teams.find((x) => x.code === service.team)?.members[0]?.person ?? null) : null,
      parent: null, pendingReason: null, solution: resolved ? 'done' : null, resolutionCode: resolved ? 'other' : null, satisfaction: null, satisfactionComment: null,
      contract: contract.code, sla: contract.sla,
      tto: owned ? { ...idleStopwatch(), state: 'stopped', elapsed: (i * 37) % 7200, goal: 3600, stoppedAt: new Date(created.getTime() + 3600_000) } : { ...idleStopwatch(), state: 'running', lastStart: created, goal: 3600, deadline: new Date(created.getTime() + 3600_000) },
      ttr: resolved ? { ...idleStopwatch(), state: 'stopped', elapsed: (i * 91) % 50_000, goal: 28_800, stoppedAt: new Date(created.getTime() + 2 * DAY) } : { ...idleStopwatch(), state: 'running', lastStart: created, goal: 28_800, deadline: new Date(created.getTime() + 3 * DAY) },
      deadlineVersion: 0, notifiedLeads: [], createdAt: created, assignedAt: owned ? new Date(created.getTime() + 3600_000) : null,
      resolvedAt: resolved ? new Date(created.getTime() + 2 * DAY) : null, closedAt: status === 'closed' ? new Date(created.getTime() + 3 * DAY) : null,
      lastUpdate: created, version: 1,
    };
    const rec = toTicketRecord(t);
    batch.push(rec);
    if (batch.length === 2000 || i === n - 1) {
      await db.gate.run((m) => rows.insertMany(m, batch.splice(0)));
    }
  }
  // One open ticket of BJ-销售运营 with 200 history rows.
  const target = (await db.ds.query(`SELECT id FROM tickets WHERE service = 'BJ-SALES-OPS' AND status = 'assigned' ORDER BY id DESC LIMIT 1`)) as Array<{ id: number }>;
  const id = target[0]!.id;
  const hist = Array.from({ length: 200 }, (_, k) => ({
    ticketId: id, at: new Date(now.getTime() - (200 - k) * 60_000), actor: 'bjxiaoshouyunying', entryPoint: k % 2 ? 'card' : 'chat', action: k % 3 ? 'note' : 'reclassify',
    changes: JSON.stringify([{ field: 'urgency', from: String(k % 4 + 1), to: String(((k + 1) % 4) + 1) }]),
  }));
  await db.gate.run((m) => history.insertMany(m, hist));
  process.stdout.write(`seeded ${n} tickets in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  await db.close();
  return { historyRef: `R-${String(id).padStart(6, '0')}` };
}

async function load(base: string, path: string, cookie: string, sessions: number, seconds: number): Promise<number[]> {
  const times: number[] = [];
  const end = performance.now() + seconds * 1000;
  let failures = 0;
  await Promise.all(
    Array.from({ length: sessions }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const res = await fetch(base + path, { headers: { cookie } });
        await res.text();
        if (res.status !== 200) failures++;
        times.push(performance.now() - t0);
      }
    }),
  );
  if (failures) throw new Error(`${path}: ${failures} responses were not 200`);
  return times.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const n = argNumber('tickets', 200_000);
  const sessions = argNumber('sessions', 20);
  const seconds = argNumber('seconds', 30);
  const url = process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/bench_portal';
  // --reuse: keep the database of the previous run (its tickets and the 200-history ticket).
  let historyRef: string;
  if (process.argv.includes('--reuse')) {
    const db = await openDatabase({ url });
    const row = (await db.ds.query(`SELECT ticket_id AS id FROM ticket_history GROUP BY ticket_id HAVING COUNT(*) >= 200 LIMIT 1`)) as Array<{ id: number }>;
    await db.close();
    historyRef = `R-${String(row[0]!.id).padStart(6, '0')}`;
  } else {
    await freshDatabase(url);
    historyRef = (await seed(url, n)).historyRef;
  }
  const cfg = loadConfig({ HTTP_PORT: '0', DATABASE_URL: url, DINGTALK_EMULATOR: '1', SESSION_SECRET: SECRET, DINGTALK_API_QPS: '0', LOG_LEVEL: 'error' });
  if (!cfg.ok) throw new Error(cfg.error.join('; '));
  const bot = await createBot(cfg.value, createLogger({ level: 'error', format: 'json', silent: true }), { receive: false });
  try {
    const codec = new SessionCodec(SECRET);
    const cookieOf = (person: string) => `${SESSION_COOKIE}=${codec.encode(codec.create(person, 'zh-CN', Date.now()))}`;
    const base = bot.url.replace(/\/+$/, '');
    const targets = [
      { name: 'queue', path: `/app/queue?service=BJ-SALES-OPS&state=${OPEN_STATES[0]}&sort=newest`, person: 'bjxiaoshouyunying' },
      { name: 'ticket', path: `/app/t/${historyRef}`, person: 'bjxiaoshouyunying' },
      { name: 'dashboard', path: '/app/dashboard', person: 'bjyunyingzg' },
    ];
    const p95: Record<string, number> = {};
    for (const t of targets) {
      const cookie = cookieOf(t.person);
      await load(base, t.path, cookie, 1, 1); // warm-up
      const times = await load(base, t.path, cookie, sessions, seconds);
      p95[t.name] = percentile(times, 95);
      process.stdout.write(
        `${t.name.padEnd(9)} ${String(times.length).padStart(6)} requests, ${(times.length / seconds).toFixed(0)}/s; p50 ${fmt(percentile(times, 50))} ms, p95 ${fmt(p95[t.name]!)} ms, p99 ${fmt(percentile(times, 99))} ms, max ${fmt(times[times.length - 1] ?? 0)} ms\n`,
      );
    }
    process.stdout.write(`bench:portal: ${n} tickets; queue p95 ${fmt(p95.queue!)} ms; ticket p95 ${fmt(p95.ticket!)} ms; dashboard p95 ${fmt(p95.dashboard!)} ms\n`);
  } finally {
    await bot.close();
  }
}

runCli('bench:portal', main);
