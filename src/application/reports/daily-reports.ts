/**
 * The daily report (docs/reports.md): who gets which teams, the figures for a window, and the sending round —
 * every lead whose local clock has passed the report time on a working day of the report calendar gets their
 * report once (a `daily_reports` claim per lead and date, across processes): the trend chart uploaded as an image
 * and shown in a report card, or the same figures as text when the image or the card fails.
 */
import type { Directory } from '../../domain/directory/directory';
import type { Person } from '../../domain/directory/directory.types';
import type { Clock } from '../../domain/ports/clock.port';
import type { DirectoryStore } from '../../domain/ports/directory-store.port';
import type { Log } from '../../domain/ports/log.port';
import type {
  ChartRenderer,
  ReportClaims,
  ReportExtra,
  ReportPublisher,
  ReportQueries,
  TrendChartInput,
} from '../../domain/ports/report-queries.port';
import { buildDailyReport, type DailyReport } from '../../domain/reports/daily-report';
import { reportAudience, type ReportRecipient, type ReportScopeKind } from '../../domain/reports/report-audience';
import { EVERY_DAY, localClock, reportWindow, type ReportWindow, type WorkingDayRule } from '../../domain/reports/report-period';

/** What the chat layer renders for a report in the reader's language. */
export interface RenderedReport {
  title: string;
  /** The scope in words (`全部团队`, `bj-it and below`). */
  scope: string;
  /** The figures as markdown (the card's `summary` and the text fallback). */
  markdown: string;
  chartLabels: TrendChartInput['labels'];
}

export type ReportRenderer = (report: DailyReport, dir: Directory, reader: Person | null) => RenderedReport;

export interface DailyReportSources {
  queries: ReportQueries;
  /** FAQ deflections and demands created: null where that data does not exist. */
  faq: ReportExtra;
  demands: ReportExtra;
}

export const CHART_SIZE = { width: 800, height: 400 } as const;

export async function computeDailyReport(
  sources: DailyReportSources,
  scope: { kind: ReportScopeKind; teams: string[] },
  window: ReportWindow,
  now: Date,
): Promise<DailyReport> {
  const counts = await sources.queries.counts(scope.teams, window, now);
  const faqDeflections = await sources.faq.count(scope.teams, window.from, window.to);
  const demandsCreated = await sources.demands.count(scope.teams, window.from, window.to);
  return buildDailyReport(window, scope.kind, scope.teams, { ...counts, faqDeflections, demandsCreated });
}

export function trendChartInput(report: DailyReport, rendered: RenderedReport): TrendChartInput {
  return {
    days: report.window.trendDays,
    created: report.counts.trend.map((d) => d.created),
    resolved: report.counts.trend.map((d) => d.resolved),
    backlog: report.counts.trend.map((d) => d.backlog),
    labels: rendered.chartLabels,
    ...CHART_SIZE,
  };
}

export interface DailyReportSenderDeps extends DailyReportSources {
  directory: DirectoryStore;
  claims: ReportClaims;
  chart: ChartRenderer;
  publisher: ReportPublisher;
  render: ReportRenderer;
  clock: Clock;
  log: Log;
  /** Working days of the report calendar (`REPORT_CALENDAR`); default every day. */
  workingDays?: (dir: Directory) => WorkingDayRule;
  /** Minutes past local midnight the report is due (`REPORT_TIME`, default 09:00). */
  timeOfDay: number;
  owner: string;
  leaseMs?: number;
  maxAttempts?: number;
  retryMs?: number;
}

export interface SendOutcome {
  person: string;
  date: string;
  via: 'card' | 'text' | 'failed';
}

/** One round: every lead due now whose report this process claims. Safe to run from several processes at once. */
export async function sendDueDailyReports(deps: DailyReportSenderDeps): Promise<SendOutcome[]> {
  const dir = await deps.directory.current();
  if (!dir) return [];
  const now = deps.clock.now();
  const isWorking = deps.workingDays ? deps.workingDays(dir) : EVERY_DAY;
  const out: SendOutcome[] = [];
  for (const r of reportAudience(dir)) {
    if (!r.person.dingtalkUserId) continue;
    const zone = r.person.timezone ?? dir.timezone;
    const local = localClock(now, zone);
    if (local.minutes < deps.timeOfDay || !isWorking(local.day)) continue;
    const claimed = await deps.claims.claim(r.person.id, local.date, deps.owner, now, deps.leaseMs ?? 120_000, deps.maxAttempts ?? 5);
    if (!claimed) continue;
    out.push(await sendOne(deps, dir, r, reportWindow(local.date, zone, isWorking), now));
  }
  return out;
}

async function sendOne(deps: DailyReportSenderDeps, dir: Directory, r: ReportRecipient, window: ReportWindow, now: Date): Promise<SendOutcome> {
  const log = deps.log.child({ person: r.person.id, reportDate: window.date });
  const userId = r.person.dingtalkUserId!;
  const base = { person: r.person.id, date: window.date };
  try {
    const report = await computeDailyReport(deps, r, window, now);
    const rendered = deps.render(report, dir, r.person);
    let mediaId: string | null = null;
    let imageError: string | null = null;
    try {
      const png = await deps.chart.renderTrendPng(trendChartInput(report, rendered));
      mediaId = await deps.publisher.uploadImage(png, `report-${window.date}.png`);
    } catch (e) {
      imageError = (e as Error).message ?? String(e);
      log.warn('report.chart_failed', { error: imageError });
    }
    if (mediaId) {
      try {
        await deps.publisher.sendCard(userId, `report-${window.date}-${r.person.id}`.slice(0, 100), {
          report_date: window.date,
          scope: rendered.scope,
          summary: rendered.markdown,
          chart: mediaId,
        });
        await deps.claims.finish(r.person.id, window.date, deps.owner, { status: 'sent', via: 'card', mediaId, error: null }, deps.clock.now());
        log.info('report.sent', { via: 'card' });
        return { ...base, via: 'card' };
      } catch (e) {
        imageError = (e as Error).message ?? String(e);
        log.warn('report.card_failed', { error: imageError });
      }
    }
    await deps.publisher.sendText(userId, rendered.title, rendered.markdown);
    await deps.claims.finish(r.person.id, window.date, deps.owner, { status: 'sent', via: 'text', mediaId, error: imageError }, deps.clock.now());
    log.info('report.sent', { via: 'text' });
    return { ...base, via: 'text' };
  } catch (e) {
    const error = (e as Error).message ?? String(e);
    log.error('report.failed', { error });
    const retryAt = new Date(deps.clock.now().getTime() + (deps.retryMs ?? 300_000));
    await deps.claims.finish(r.person.id, window.date, deps.owner, { status: 'failed', error, retryAt }, deps.clock.now());
    return { ...base, via: 'failed' };
  }
}
