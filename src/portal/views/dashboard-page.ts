/** The leads' dashboard (docs/portal.md "Dashboard"): figures with `data-testid`s a test reads, charts in SVG. */
import type { Directory } from '../../domain/directory/directory';
import type { Compliance, Dashboard } from '../../domain/portal/dashboard';
import type { PortalCatalog } from '../i18n/portal-catalog';
import { esc } from './html';
import { barChart, lineChart } from './svg-charts';

function pct(c: PortalCatalog, x: Compliance, testid: string): string {
  return `<td data-testid="${testid}" data-met="${x.met}" data-counted="${x.counted}">${x.percent === null ? esc(c.dash.noData) : `${x.percent}% (${x.met}/${x.counted})`}</td>`;
}

export function renderDashboard(c: PortalCatalog, dir: Directory, d: Dashboard): string {
  const d1 = d.requestsPerIncident;
  return `<p class="kpi">${esc(c.dash.open)}: <strong data-testid="open-total">${d.openTotal}</strong></p>
<section aria-labelledby="h-comp"><h2 id="h-comp">${esc(c.dash.compliance)}</h2>
<table class="compliance" data-testid="compliance"><thead><tr><th scope="col"></th><th scope="col">${esc(c.dash.days7)}</th><th scope="col">${esc(c.dash.days30)}</th></tr></thead>
<tbody><tr><th scope="row">TTO</th>${pct(c, d.tto.d7, 'tto-7')}${pct(c, d.tto.d30, 'tto-30')}</tr>
<tr><th scope="row">TTR</th>${pct(c, d.ttr.d7, 'ttr-7')}${pct(c, d.ttr.d30, 'ttr-30')}</tr></tbody></table></section>
<div class="charts">
${barChart(c.dash.backlogTeam, d.backlogByTeam.map((b) => ({ label: dir.team(b.label)?.name ?? b.label, value: b.count })), 'backlog-team')}
${barChart(c.dash.backlogService, d.backlogByService.map((b) => ({ label: dir.service(b.label)?.name ?? b.label, value: b.count })), 'backlog-service')}
${barChart(c.dash.timeToOwn, d.timeToOwn.map((b) => ({ label: b.label, value: b.count })), 'time-to-own')}
${barChart(c.dash.timeToResolve, d.timeToResolve.map((b) => ({ label: b.label, value: b.count })), 'time-to-resolve')}
${barChart(c.dash.aging, d.aging.map((b) => ({ label: b.label, value: b.count })), 'aging')}
${barChart(`${c.dash.perIncident} · ${c.dash.incidents} ${d1.incidents} · ${c.dash.requests} ${d1.requests} · ${c.dash.average} ${d1.average ?? '—'}`, d1.buckets.map((b) => ({ label: b.label, value: b.count })), 'per-incident')}
${lineChart(c.dash.trend, d.trend.map((t) => ({ day: t.day, a: t.opened, b: t.resolved })), [c.dash.opened, c.dash.resolvedCount], 'trend')}
</div>`;
}
