/**
 * The daily report's counts (docs/reports.md "Figures") in a dozen indexed statements per scope: every range goes
 * through a `(team, <instant>)` index (`idx_tickets_team_created`, `…_resolved`, `…_closed`, `…_tto_stopped`,
 * `…_ttr_stopped`) or the open tickets through `idx_tickets_team_status`; nothing scans the whole table
 * (`npm run bench:report` prints the plans).
 */
import type { DataSource } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { ReportQueries } from '../../domain/ports/report-queries.port';
import type { ReportCounts } from '../../domain/reports/daily-report';
import type { ReportWindow } from '../../domain/reports/report-period';
import { OPEN_STATES, formatRef, type TicketKind } from '../../domain/tickets/ticket';
import { TicketRecord } from './records/ticket.record';
import { marks } from './sql-rows';

type Row = Record<string, unknown>;
type Counts = Omit<ReportCounts, 'faqDeflections' | 'demandsCreated'>;

/** One statement of a report, kept for EXPLAIN (bench:report). */
export interface ReportStatement {
  name: string;
  sql: string;
  params: unknown[];
}

export class TypeormReportQueries implements ReportQueries {
  private readonly instantColumn: ColumnMetadata;
  /** The statements of the last `counts` call (bench:report explains them). */
  lastStatements: ReportStatement[] = [];

  constructor(private readonly ds: DataSource) {
    this.instantColumn = ds.getMetadata(TicketRecord).findColumnWithPropertyName('createdAt')!;
  }

  private at(d: Date): unknown {
    return this.ds.driver.preparePersistentValue(d, this.instantColumn);
  }

  private date(v: unknown): Date {
    return v instanceof Date ? v : (this.ds.driver.prepareHydratedValue(v, this.instantColumn) as Date);
  }

  private async run(name: string, sql: string, params: unknown[]): Promise<Row[]> {
    this.lastStatements.push({ name, sql, params });
    return (await this.ds.query(sql, params)) as Row[];
  }

  async counts(teams: readonly string[], w: ReportWindow, now: Date): Promise<Counts> {
    this.lastStatements = [];
    const empty: Counts = {
      created: 0, resolved: 0, closed: 0, backlog: 0, overdue: 0,
      tto: { met: 0, total: 0 }, ttr: { met: 0, total: 0 },
      ownSeconds: [], resolveSeconds: [], oldestOpen: [], byTeam: [], topServices: [],
      trend: w.trendDays.map(() => ({ created: 0, resolved: 0, backlog: 0 })),
    };
    if (teams.length === 0) return empty;
    const n = (v: unknown) => Number(v ?? 0);
    const inTeams = `team IN (${marks(teams.length)})`;
    const teamParams = [...teams];
    const from = this.at(w.from);
    const to = this.at(w.to);
    const bounds = w.trendBounds.map((b) => this.at(b));
    const lowest = this.at(new Date(Math.min(w.from.getTime(), w.trendBounds[0]!.getTime())));
    const open = OPEN_STATES.map((s) => `'${s}'`).join(', ');

    // Created / resolved per team and trend day (bucket -1: before the trend, in a period longer than it), from the
    // (team, instant) index only; one CASE per row stops at the first bound it is under.
    const perDay = (col: string) => {
      const cases = w.trendDays.slice(0, -1).map((_, i) => `WHEN ${col} < ? THEN ${i}`);
      return {
        sql: `SELECT team, CASE WHEN ${col} < ? THEN -1 ${cases.join(' ')} ELSE ${w.trendDays.length - 1} END AS bucket, COUNT(*) AS n ` +
          `FROM tickets WHERE ${inTeams} AND ${col} >= ? AND ${col} < ? GROUP BY team, bucket`,
        params: [bounds[0], ...bounds.slice(1, -1), ...teamParams, lowest, to],
      };
    };
    // A bucket is in the period when its day starts at or after the period's start (-1 only exists when it does).
    const inPeriod = (bucket: number) => bucket < 0 || w.trendBounds[bucket]!.getTime() >= w.from.getTime();
    const created = perDay('created_at');
    const resolved = perDay('resolved_at');
    const createdRows = await this.run('created per day', created.sql, created.params);
    const resolvedRows = await this.run('resolved per day', resolved.sql, resolved.params);
    const closedRows = await this.run(
      'closed',
      `SELECT COUNT(*) AS n FROM tickets WHERE ${inTeams} AND closed_at >= ? AND closed_at < ?`,
      [...teamParams, from, to],
    );
    // Open now (per team): those created before the period ended, of them overdue then, and the running clocks
    // whose deadline fell in the period (missed).
    const openRows = await this.run(
      'open now',
      `SELECT team, SUM(CASE WHEN created_at < ? THEN 1 ELSE 0 END) AS backlog, ` +
        `SUM(CASE WHEN created_at < ? AND ttr_deadline < ? THEN 1 ELSE 0 END) AS overdue, ` +
        `SUM(CASE WHEN tto_deadline >= ? AND tto_deadline < ? THEN 1 ELSE 0 END) AS tto_missed, ` +
        `SUM(CASE WHEN ttr_deadline >= ? AND ttr_deadline < ? THEN 1 ELSE 0 END) AS ttr_missed ` +
        `FROM tickets WHERE ${inTeams} AND status IN (${open}) GROUP BY team`,
      [to, to, to, from, to, from, to, ...teamParams],
    );
    // Resolved after the period but created before its end: still open then.
    const laterRows = await this.run(
      'resolved after period',
      `SELECT team, COUNT(*) AS n FROM tickets WHERE ${inTeams} AND resolved_at >= ? AND created_at < ? GROUP BY team`,
      [...teamParams, to, to],
    );
    const clock = (col: 'tto' | 'ttr') =>
      this.run(
        `${col} ended`,
        `SELECT COUNT(*) AS total, SUM(CASE WHEN ${col}_elapsed <= ${col}_goal THEN 1 ELSE 0 END) AS met FROM tickets ` +
          `WHERE ${inTeams} AND ${col}_stopped_at >= ? AND ${col}_stopped_at < ? AND ${col}_goal IS NOT NULL`,
        [...teamParams, from, to],
      );
    const ttoRows = await clock('tto');
    const ttrRows = await clock('ttr');
    const newRows = await this.run(
      'created in period',
      `SELECT service, created_at, assigned_at FROM tickets WHERE ${inTeams} AND created_at >= ? AND created_at < ?`,
      [...teamParams, from, to],
    );
    const doneRows = await this.run(
      'resolved in period',
      `SELECT created_at, resolved_at FROM tickets WHERE ${inTeams} AND resolved_at >= ? AND resolved_at < ?`,
      [...teamParams, from, to],
    );
    // The five oldest open: the open tickets of the teams (the `idx_tickets_team_status` range the backlog reads),
    // sorted here. An ORDER BY … LIMIT in SQL lets the optimizer walk a created_at index from the oldest ticket
    // through every closed one instead.
    const oldestRows = (await this.run('oldest open', `SELECT id, kind, title, created_at, team FROM tickets WHERE ${inTeams} AND status IN (${open})`, [...teamParams]))
      .sort((a, b2) => this.date(a.created_at).getTime() - this.date(b2.created_at).getTime() || n(a.id) - n(b2.id))
      .slice(0, 5);
    const byTeam = new Map<string, { team: string; created: number; resolved: number; backlog: number }>();
    const teamRow = (t: string) => byTeam.get(t) ?? byTeam.set(t, { team: t, created: 0, resolved: 0, backlog: 0 }).get(t)!;
    const trend = empty.trend;
    for (const r of createdRows) {
      const bucket = n(r.bucket);
      if (inPeriod(bucket)) teamRow(String(r.team)).created += n(r.n);
      if (bucket >= 0) trend[bucket]!.created += n(r.n);
    }
    for (const r of resolvedRows) {
      const bucket = n(r.bucket);
      if (inPeriod(bucket)) teamRow(String(r.team)).resolved += n(r.n);
      if (bucket >= 0) trend[bucket]!.resolved += n(r.n);
    }
    let overdue = 0;
    let ttoMissed = 0;
    let ttrMissed = 0;
    for (const r of openRows) {
      teamRow(String(r.team)).backlog += n(r.backlog);
      overdue += n(r.overdue);
      ttoMissed += n(r.tto_missed);
      ttrMissed += n(r.ttr_missed);
    }
    for (const r of laterRows) teamRow(String(r.team)).backlog += n(r.n);
    const teamsOut = [...byTeam.values()].sort((a, b) => a.team.localeCompare(b.team));
    const backlog = teamsOut.reduce((s, t) => s + t.backlog, 0);
    // Backlog at each trend day's end, walking back from the period's end.
    let b = backlog;
    for (let i = trend.length - 1; i >= 0; i--) {
      trend[i]!.backlog = b;
      b = b - trend[i]!.created + trend[i]!.resolved;
    }
    const services = new Map<string, number>();
    const ownSeconds: number[] = [];
    for (const r of newRows) {
      services.set(String(r.service), (services.get(String(r.service)) ?? 0) + 1);
      if (r.assigned_at != null) ownSeconds.push((this.date(r.assigned_at).getTime() - this.date(r.created_at).getTime()) / 1000);
    }
    const resolveSeconds = doneRows.map((r) => (this.date(r.resolved_at).getTime() - this.date(r.created_at).getTime()) / 1000);
    return {
      created: teamsOut.reduce((s, t) => s + t.created, 0),
      resolved: teamsOut.reduce((s, t) => s + t.resolved, 0),
      closed: n(closedRows[0]?.n),
      backlog,
      overdue,
      tto: { met: n(ttoRows[0]?.met), total: n(ttoRows[0]?.total) + ttoMissed },
      ttr: { met: n(ttrRows[0]?.met), total: n(ttrRows[0]?.total) + ttrMissed },
      ownSeconds,
      resolveSeconds,
      oldestOpen: oldestRows.map((r) => ({
        ref: formatRef(String(r.kind) as TicketKind, n(r.id)),
        title: String(r.title),
        createdAt: this.date(r.created_at),
        team: String(r.team),
      })),
      byTeam: teamsOut,
      topServices: [...services.entries()]
        .map(([service, c]) => ({ service, created: c }))
        .sort((a, b2) => b2.created - a.created || a.service.localeCompare(b2.service))
        .slice(0, 5),
      trend,
    };
  }
}
