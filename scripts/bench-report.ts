/**
 * npm run bench:report [-- --tickets N --days D --reset]
 * The daily report on MariaDB (docs/reports.md): seeds N tickets (default 200,000) over the last D days (default
 * 90) into an empty `tickets` table of DATABASE_URL (the demo directory's services and teams; `--reset` empties it
 * first, only on a database whose name contains "bench" or "test"), then computes the report of every recipient
 * (the top lead, the upper leads, every team lead) once cold and once warm, printing the time per lead and the
 * EXPLAIN plan of every statement of the top lead's report. Ends with one summary line:
 * `bench:report: N tickets; L leads; cold X ms; warm X ms; max per lead X ms; full scans N`.
 */
import { performance } from 'node:perf_hooks';
import { loadDirectoryFile } from '../src/adapters/directory/directory-yaml';
import { TypeormDirectoryStore } from '../src/adapters/persistence/typeorm-directory-store';
import { computeDailyReport } from '../src/application/reports/daily-reports';
import { reportSourcesOn, reportWorkingDays } from '../src/compose-reports';
import type { Directory } from '../src/domain/directory/directory';
import { reportAudience } from '../src/domain/reports/report-audience';
import { localClock, reportWindow } from '../src/domain/reports/report-period';
import { openCliDatabase, runCli } from './cli-database';
import { argNumber, fmt } from './bench-support';

const HOUR = 3_600_000;

/** A small deterministic generator (the same data set on every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function seed(ds: import('typeorm').DataSource, dir: Directory, n: number, days: number, now: Date): Promise<void> {
  const services = dir.data.services.filter((s) => s.status === 'production');
  const callers = dir.data.people.filter((p) => p.status === 'active').map((p) => p.id);
  const random = rng(42);
  const cols = [
    'kind', 'title', 'description', 'caller', 'org', 'service', 'subcategory', 'request_type', 'impact', 'urgency', 'priority',
    'origin', 'status', 'team', 'agent', 'tto_state', 'tto_elapsed', 'tto_goal', 'tto_deadline', 'tto_stopped_at',
    'ttr_state', 'ttr_elapsed', 'ttr_goal', 'ttr_deadline', 'ttr_stopped_at', 'deadline_version', 'notified_leads',
    'created_at', 'assigned_at', 'resolved_at', 'closed_at', 'last_update', 'version',
  ];
  const start = now.getTime() - days * 24 * HOUR;
  const batch = 1000;
  for (let done = 0; done < n; done += batch) {
    const rows: unknown[][] = [];
    for (let i = done; i < Math.min(n, done + batch); i++) {
      const svc = services[Math.floor(random() * services.length)]!;
      const created = start + Math.floor(((i + random()) / n) * (now.getTime() - start - HOUR));
      const ttoGoal = 2 * 3600;
      const ttrGoal = 24 * 3600;
      const ownMs = Math.floor(random() * 3 * HOUR) + 60_000;
      const resolveMs = ownMs + Math.floor(random() * 48 * HOUR);
      const assigned = created + ownMs;
      const resolved = created + resolveMs;
      const closed = resolved + 72 * HOUR;
      const at = (ms: number) => new Date(ms);
      const base = ['request', `bench-report ${i}`, `bench-report ticket ${i}`, callers[i % callers.length], 'bj', svc.code, svc.subcategories[0]?.code ?? 'other', 'service_request', 3, 3, 3, 'api'];
      let row: unknown[];
      if (assigned > now.getTime()) {
        row = [...base, 'new', svc.team, null, 'running', 0, ttoGoal, at(created + ttoGoal * 1000), null, 'running', 0, ttrGoal, at(created + ttrGoal * 1000), null];
        row.push(0, '[]', at(created), null, null, null, at(created), 1);
      } else if (resolved > now.getTime()) {
        row = [...base, 'assigned', svc.team, callers[0], 'stopped', ownMs / 1000, ttoGoal, null, at(assigned), 'running', 0, ttrGoal, at(created + ttrGoal * 1000), null];
        row.push(0, '[]', at(created), at(assigned), null, null, at(assigned), 2);
      } else {
        const isClosed = closed <= now.getTime();
        row = [...base, isClosed ? 'closed' : 'resolved', svc.team, callers[0], 'stopped', ownMs / 1000, ttoGoal, null, at(assigned), 'stopped', resolveMs / 1000, ttrGoal, null, at(resolved)];
        row.push(0, '[]', at(created), at(assigned), at(resolved), isClosed ? at(closed) : null, at(isClosed ? closed : resolved), 3);
      }
      rows.push(row);
    }
    const marks = `(${cols.map(() => '?').join(', ')})`;
    await ds.query(`INSERT INTO tickets (${cols.join(', ')}) VALUES ${rows.map(() => marks).join(', ')}`, rows.flat());
  }
}

async function main(): Promise<number> {
  const { config, db } = await openCliDatabase();
  try {
    if (db.dialect !== 'mysql') {
      console.error('bench:report: set DATABASE_URL to a MariaDB/MySQL database (e.g. mysql://root@127.0.0.1:3306/itopbot_bench)');
      return 1;
    }
    const n = argNumber('tickets', 200_000);
    const days = argNumber('days', 90);
    const directory = new TypeormDirectoryStore(db);
    const demo = await loadDirectoryFile(config.directoryFile ?? 'config/demo-directory.yaml');
    if (!demo.ok) throw new Error('directory file invalid');
    await directory.importData(demo.value.data, { prune: false, now: new Date() });
    const dir = (await directory.current())!;
    const dbName = String(((await db.ds.query('SELECT DATABASE() AS d')) as Array<{ d: string }>)[0]!.d);
    if (process.argv.includes('--reset')) {
      if (!/bench|test/i.test(dbName)) {
        console.error(`bench:report: --reset refused on "${dbName}": use a database whose name contains "bench" or "test"`);
        return 1;
      }
      await db.ds.query('DELETE FROM tickets');
    }
    const now = new Date();
    const existing = Number(((await db.ds.query('SELECT COUNT(*) AS n FROM tickets')) as Array<{ n: number }>)[0]!.n);
    if (existing === 0) {
      const t = performance.now();
      await seed(db.ds, dir, n, days, now);
      await db.ds.query('ANALYZE TABLE tickets');
      console.log(`seeded ${n} tickets over ${days} days in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    } else {
      console.log(`using the ${existing} tickets already in "${dbName}" (--reset to seed again)`);
    }
    const count = Number(((await db.ds.query('SELECT COUNT(*) AS n FROM tickets')) as Array<{ n: number }>)[0]!.n);

    const sources = reportSourcesOn(db);
    const workingDays = reportWorkingDays(config.report.calendar ?? 'workdays-cn')(dir);
    const audience = reportAudience(dir);
    const pass = async (label: string, print: boolean) => {
      let total = 0;
      let max = 0;
      for (const r of audience) {
        const zone = r.person.timezone ?? dir.timezone;
        const window = reportWindow(localClock(now, zone).date, zone, workingDays);
        const t = performance.now();
        const report = await computeDailyReport(sources, r, window, now);
        const ms = performance.now() - t;
        total += ms;
        max = Math.max(max, ms);
        if (print) {
          console.log(
            `${label} ${r.person.id.padEnd(18)} ${r.kind.padEnd(7)} ${String(r.teams.length).padStart(2)} teams  ${fmt(ms).padStart(7)} ms  ` +
              `new ${report.counts.created} resolved ${report.counts.resolved} backlog ${report.counts.backlog} overdue ${report.counts.overdue}`,
          );
        }
      }
      return { total, max };
    };
    const cold = await pass('cold', true);
    const warm = await pass('warm', true);

    // The plans of the top lead's statements (every team: the widest ranges).
    const top = audience.find((r) => r.kind === 'all') ?? audience[0]!;
    const zone = top.person.timezone ?? dir.timezone;
    await computeDailyReport(sources, top, reportWindow(localClock(now, zone).date, zone, workingDays), now);
    let fullScans = 0;
    console.log(`\nEXPLAIN of the top lead's statements (${top.person.id}):`);
    for (const s of sources.queries.lastStatements) {
      const plan = (await db.ds.query(`EXPLAIN ${s.sql}`, s.params)) as Array<Record<string, unknown>>;
      for (const p of plan) {
        if (p.type === 'ALL' && p.table === 'tickets') fullScans++;
        console.log(`  ${s.name.padEnd(22)} ${String(p.table).padEnd(8)} type ${String(p.type).padEnd(6)} key ${String(p.key).padEnd(28)} rows ${String(p.rows).padStart(7)}  ${String(p.Extra ?? '')}`);
      }
    }
    console.log(
      `bench:report: ${count} tickets; ${audience.length} leads; cold ${fmt(cold.total)} ms; warm ${fmt(warm.total)} ms; max per lead ${fmt(Math.max(cold.max, warm.max))} ms; full scans ${fullScans}`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

runCli('bench:report', main);
