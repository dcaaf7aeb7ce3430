/** The daily report's words in English (docs/reports.md). */
import type { ReportCatalog } from './report-catalog.types';

export const reportCatalogEn: ReportCatalog = {
  title: 'Daily report {date}',
  period: 'Period: {from} to {to}',
  scopeAll: 'all teams',
  scopeSubtree: '{team} and the teams below',
  scopeTeam: '{team}',
  flow: 'New {created} · resolved {resolved} · closed {closed}',
  backlog: 'Backlog at period end {backlog} ({overdue} past TTR)',
  compliance: 'TTO met {tto} · TTR met {ttr}',
  medians: 'Median time to own {own} · to resolve {resolve}',
  none: 'n/a',
  oldest: 'Oldest open:',
  oldestItem: '{ref} ({age}) {title}',
  services: 'Top services: {list}',
  faq: 'FAQ deflections {n}',
  demands: 'Demands created {n}',
  byTeam: 'Per team (new/resolved/backlog):',
  byTeamItem: '{team} {created}/{resolved}/{backlog}',
  hours: '{h} h {m} min',
  minutes: '{m} min',
  days: '{d} d',
  chart: { created: 'New', resolved: 'Resolved', backlog: 'Backlog', title: 'Last 14 days' },
};
