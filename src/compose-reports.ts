/**
 * The daily report's wiring (docs/reports.md): the SQL counts, the claims, the chart, the DingTalk publisher and
 * the renderer it is given, for the bot's once-a-minute round and for `npm run report:daily` / `bench:report`.
 */
import type { Database } from './adapters/persistence/data-source';
import { TypeormReportClaims } from './adapters/persistence/typeorm-report-claims';
import { TypeormReportQueries } from './adapters/persistence/typeorm-report-queries';
import { EchartsChartRenderer } from './adapters/reports/echarts-chart-renderer';
import { Loop } from './application/outbox/loop';
import { sendDueDailyReports, type DailyReportSenderDeps, type DailyReportSources, type ReportRenderer } from './application/reports/daily-reports';
import type { Directory } from './domain/directory/directory';
import type { Clock } from './domain/ports/clock.port';
import type { DirectoryStore } from './domain/ports/directory-store.port';
import type { Log } from './domain/ports/log.port';
import { NO_REPORT_EXTRA, type ReportPublisher } from './domain/ports/report-queries.port';
import { calendarWorkingDays, EVERY_DAY, parseClockTime, type WorkingDayRule } from './domain/reports/report-period';

/** The report's sources on a database. FAQ deflections: no such data in this build (the port answers null). */
export function reportSourcesOn(db: Database): DailyReportSources & { queries: TypeormReportQueries } {
  return { queries: new TypeormReportQueries(db.ds), faq: NO_REPORT_EXTRA, demands: NO_REPORT_EXTRA };
}

/** Working days of `REPORT_CALENDAR` (every day when it is unset or unknown; the round is off then anyway). */
export function reportWorkingDays(calendar: string | undefined): (dir: Directory) => WorkingDayRule {
  return (dir) => {
    const cal = calendar ? dir.calendar(calendar) : undefined;
    return cal ? calendarWorkingDays(cal) : EVERY_DAY;
  };
}

export interface DailyReportLoopOptions {
  db: Database;
  directory: DirectoryStore;
  publisher: ReportPublisher;
  clock: Clock;
  log: Log;
  owner: string;
  /** The chat layer's words (`renderDailyReport`, given by main.ts: only it imports the bot). */
  render: ReportRenderer;
  calendar: string;
  time: string;
  intervalMs?: number;
}

export function dailyReportDeps(o: Omit<DailyReportLoopOptions, 'intervalMs'>): DailyReportSenderDeps {
  return {
    ...reportSourcesOn(o.db),
    directory: o.directory,
    claims: new TypeormReportClaims(o.db.ds),
    chart: new EchartsChartRenderer(),
    publisher: o.publisher,
    render: o.render,
    clock: o.clock,
    log: o.log,
    workingDays: reportWorkingDays(o.calendar),
    timeOfDay: parseClockTime(o.time) ?? 9 * 60,
    owner: o.owner,
  };
}

/** Every minute: send the reports that are due (each lead once a day across processes). */
export function dailyReportLoop(o: DailyReportLoopOptions): Loop {
  const deps = dailyReportDeps(o);
  return new Loop('daily-report', o.intervalMs ?? 60_000, () => sendDueDailyReports(deps), o.log);
}
