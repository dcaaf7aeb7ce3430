/**
 * The daily report in the reader's language (docs/reports.md "Figures"): the markdown the card's `summary` and
 * the text fallback show, the scope in words and the chart's labels.
 */
import type { RenderedReport } from '../../../application/reports/daily-reports';
import type { Directory } from '../../../domain/directory/directory';
import type { Person } from '../../../domain/directory/directory.types';
import type { DailyReport } from '../../../domain/reports/daily-report';
import type { Locale } from '../../../domain/shared/locale';
import { REPORT_CATALOGS, type ReportCatalog } from './report-catalog';

const fill = (text: string, values: Record<string, string | number>): string =>
  text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));

function duration(seconds: number | null, c: ReportCatalog): string {
  if (seconds === null) return c.none;
  const minutes = Math.round(seconds / 60);
  const h = Math.floor(minutes / 60);
  return h > 0 ? fill(c.hours, { h, m: minutes % 60 }) : fill(c.minutes, { m: minutes });
}

const pct = (v: number | null, c: ReportCatalog) => (v === null ? c.none : `${v}%`);

export function renderDailyReport(report: DailyReport, dir: Directory, reader: Person | null, defaultLocale: Locale = 'zh-CN', now?: Date): RenderedReport {
  const locale = reader?.locale ?? defaultLocale;
  const c = REPORT_CATALOGS[locale];
  const name = (team: string) => dir.team(team)?.name ?? team;
  const top = report.teams.find((t) => !report.teams.includes(dir.team(t)?.parent ?? '')) ?? report.teams[0] ?? '';
  const scope =
    report.scope === 'all' ? c.scopeAll : report.scope === 'subtree' ? fill(c.scopeSubtree, { team: name(top) }) : fill(c.scopeTeam, { team: name(top) });
  const k = report.counts;
  const at = now ?? report.window.to;
  const lines = [
    `## ${fill(c.title, { date: report.window.date })}`,
    `${scope} · ${fill(c.period, { from: report.window.firstDay, to: report.window.lastDay })}`,
    '',
    `- ${fill(c.flow, { created: k.created, resolved: k.resolved, closed: k.closed })}`,
    `- ${fill(c.backlog, { backlog: k.backlog, overdue: k.overdue })}`,
    `- ${fill(c.compliance, { tto: pct(report.ttoCompliance, c), ttr: pct(report.ttrCompliance, c) })}`,
    `- ${fill(c.medians, { own: duration(report.medianOwnSeconds, c), resolve: duration(report.medianResolveSeconds, c) })}`,
  ];
  if (k.faqDeflections !== null) lines.push(`- ${fill(c.faq, { n: k.faqDeflections })}`);
  if (k.demandsCreated !== null) lines.push(`- ${fill(c.demands, { n: k.demandsCreated })}`);
  if (k.topServices.length > 0) {
    lines.push(`- ${fill(c.services, { list: k.topServices.map((s) => `${dir.service(s.service)?.name ?? s.service} ${s.created}`).join(' · ') })}`);
  }
  if (k.oldestOpen.length > 0) {
    lines.push(`- ${c.oldest}`);
    for (const o of k.oldestOpen) {
      const age = fill(c.days, { d: Math.max(0, Math.floor((at.getTime() - o.createdAt.getTime()) / 86_400_000)) });
      lines.push(`  - ${fill(c.oldestItem, { ref: o.ref, age, title: o.title.slice(0, 40) })}`);
    }
  }
  if (k.byTeam.length > 1) {
    lines.push(`- ${c.byTeam}`);
    for (const t of k.byTeam) lines.push(`  - ${fill(c.byTeamItem, { team: name(t.team), created: t.created, resolved: t.resolved, backlog: t.backlog })}`);
  }
  return { title: fill(c.title, { date: report.window.date }), scope, markdown: lines.join('\n'), chartLabels: c.chart };
}
