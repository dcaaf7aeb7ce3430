/**
 * npm run bench:core [-- --tickets N]
 * Opens, claims and resolves N tickets (default 10,000) through the ticket service on the configured database
 * (DATABASE_URL, else embedded SQLite), one at a time, and in the same run measures raw transactions inserting
 * the same rows (ticket + history + outbox) with the bare driver (mysql2 / better-sqlite3). Target: opening a
 * ticket costs at most 2.5× the raw transaction (ratio ≥ 0.4). Ends with the docs/interfaces.md summary line.
 */
import { ticketServiceOn } from '../src/compose-core';
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/adapters/config/load-config';
import { openDatabase } from '../src/adapters/persistence/data-source';
import { toTicketRecord } from '../src/adapters/persistence/ticket.mapper';
import { TypeormDirectoryStore } from '../src/adapters/persistence/typeorm-directory-store';
import { loadDirectoryFile } from '../src/adapters/directory/directory-yaml';
import { type Actor } from '../src/application/tickets/ticket-service';
import { refOf, type Ticket } from '../src/domain/tickets/ticket';
import { runCli } from './cli-database';
import { argNumber, fmt, Samples } from './bench-support';

const CALLERS = ['bjxiaoshoua', 'bjxiaoshoub'];
const AGENT: Actor = { person: 'bjxiaoshouyunying', entryPoint: 'card' };

async function main(): Promise<void> {
  const n = argNumber('tickets', 10_000);
  const loaded = loadConfig(process.env, { dingtalk: 'unused' });
  if (!loaded.ok) throw new Error(loaded.error.join('; '));
  const cfg = loaded.value;
  const db = await openDatabase({ url: cfg.database.url, sqlitePath: cfg.database.sqlitePath });
  const directory = new TypeormDirectoryStore(db);
  const demo = await loadDirectoryFile(cfg.directoryFile ?? 'config/demo-directory.yaml');
  if (!demo.ok) throw new Error('directory file invalid');
  await directory.importData(demo.value.data, { prune: false, now: new Date() });
  const clock = { now: () => new Date() };
  const service = ticketServiceOn(db, { directory, clock });
  const must = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
    if (!r.ok) throw new Error(r.error.code);
    return r.value;
  };

  // warm-up (JIT, pools, directory cache)
  for (let i = 0; i < 50; i++) {
    const t = must(await service.open({ person: CALLERS[i % 2]!, entryPoint: 'api' }, { service: 'BJ-SALES-OPS', subcategory: 'consult', description: `warm-up ${i}` }));
    must(await service.claim(AGENT, refOf(t)));
  }

  const open = new Samples();
  const claim = new Samples();
  const resolve = new Samples();
  const tickets: Ticket[] = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    tickets.push(
      must(
        await service.open(
          { person: CALLERS[i % 2]!, entryPoint: 'api' },
          { service: 'BJ-SALES-OPS', subcategory: 'consult', description: `商户${i}昨天订了葡萄，今天没有送货` },
        ),
      ),
    );
    open.add(performance.now() - s);
  }
  for (const t of tickets) {
    const s = performance.now();
    must(await service.claim(AGENT, refOf(t)));
    claim.add(performance.now() - s);
  }
  for (const t of tickets) {
    const s = performance.now();
    must(await service.resolve(AGENT, refOf(t), '已补发', 'assistance'));
    resolve.add(performance.now() - s);
  }
  const elapsed = (performance.now() - t0) / 1000;

  // Raw: the same rows per ticket in one transaction, with the bare driver, one at a time: its number from the shared
  // R-/I-/P-/C- sequence (`ref_numbers`, as the store takes it: a raw row outside it would collide with a later
  // ticket's number), the ticket, its history row and its outbox row.
  const sample = toTicketRecord(tickets[0]!) as unknown as Record<string, unknown>;
  const meta = db.ds.getMetadata('TicketRecord');
  const cols = meta.columns.filter((c) => !c.isGenerated);
  const refSql = "INSERT INTO ref_numbers (kind) VALUES ('R')";
  const ticketSql = `INSERT INTO tickets (id, ${cols.map((c) => c.databaseName).join(', ')}) VALUES (?, ${cols.map(() => '?').join(', ')})`;
  const historySql = 'INSERT INTO ticket_history (ticket_id, at, actor, entry_point, action, changes) VALUES (?, ?, ?, ?, ?, ?)';
  const outboxSql =
    'INSERT INTO outbox (ticket_id, ref, type, actor, entry_point, at, data, status, attempts, available_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
  const values = (): Array<string | number | Date | null> => cols.map((c) => {
    const v = sample[c.propertyName];
    return v instanceof Date ? v : ((v ?? null) as string | number | null);
  });
  const changes = JSON.stringify([{ field: 'status', from: null, to: 'new' }]);
  const data = JSON.stringify({ service: 'BJ-SALES-OPS', subcategory: 'consult', team: 'bj-sales-ops', priority: 3 });
  const raw = new Samples();
  if (db.dialect === 'mysql') {
    const mysql = await import('mysql2/promise');
    const conn = await mysql.createConnection({ uri: cfg.database.url!, timezone: 'Z' });
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      const now = new Date();
      await conn.beginTransaction();
      const [res] = await conn.execute(refSql);
      const id = (res as { insertId: number }).insertId;
      await conn.execute(ticketSql, [id, ...values()]);
      await conn.execute(historySql, [id, now, 'bjxiaoshoua', 'api', 'open', changes]);
      await conn.execute(outboxSql, [id, `R-${id}`, 'TicketCreated', 'bjxiaoshoua', 'api', now, data, 'done', 0, now]);
      await conn.commit();
      raw.add(performance.now() - s);
    }
    await conn.end();
  } else {
    const sqlite = (db.ds.driver as unknown as { databaseConnection: import('better-sqlite3').Database }).databaseConnection;
    const toSqlite = (v: unknown) => (v instanceof Date ? v.toISOString().replace('T', ' ').replace('Z', '') : v);
    const ref = sqlite.prepare(refSql);
    const ins = sqlite.prepare(ticketSql);
    const hist = sqlite.prepare(historySql);
    const ob = sqlite.prepare(outboxSql);
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      const now = toSqlite(new Date());
      sqlite.exec('BEGIN');
      const id = Number(ref.run().lastInsertRowid);
      ins.run(id, ...values().map(toSqlite));
      hist.run(id, now, 'bjxiaoshoua', 'api', 'open', changes);
      ob.run(id, `R-${id}`, 'TicketCreated', 'bjxiaoshoua', 'api', now, data, 'done', 0, now);
      sqlite.exec('COMMIT');
      raw.add(performance.now() - s);
    }
  }
  await db.close();

  const o = open.summary();
  const r = raw.summary();
  const rawRate = 1000 / r.mean;
  const openRate = 1000 / o.mean;
  console.log(`database: ${db.dialect}; ${n} tickets, one at a time`);
  console.log(`open    p50 ${fmt(o.p50)} ms  p99 ${fmt(o.p99)} ms  max ${fmt(o.max)} ms  (${openRate.toFixed(0)}/s)`);
  for (const [name, s] of [['claim', claim.summary()], ['resolve', resolve.summary()]] as const) {
    console.log(`${name.padEnd(7)} p50 ${fmt(s.p50)} ms  p99 ${fmt(s.p99)} ms  max ${fmt(s.max)} ms`);
  }
  console.log(`raw tx  p50 ${fmt(r.p50)} ms  p99 ${fmt(r.p99)} ms  (${rawRate.toFixed(0)} tx/s)`);
  console.log(
    `bench:core: ${n} tickets; open p50 ${fmt(o.p50)} ms p99 ${fmt(o.p99)} ms; claim p99 ${fmt(claim.summary().p99)} ms; ` +
      `resolve p99 ${fmt(resolve.summary().p99)} ms; ${(n / elapsed).toFixed(0)} tickets/s; raw ${rawRate.toFixed(0)} tx/s; ` +
      `ratio ${(openRate / rawRate).toFixed(2)}`,
  );
}

runCli('bench:core', main, true);
