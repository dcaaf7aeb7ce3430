/** The daily report's words (docs/reports.md), zh-CN and en; `{name}` placeholders filled by the renderer. */
import type { Locale } from '../../../domain/shared/locale';

export interface ReportCatalog {
  title: string;
  period: string;
  scopeAll: string;
  scopeSubtree: string;
  scopeTeam: string;
  flow: string;
  backlog: string;
  compliance: string;
  medians: string;
  none: string;
  oldest: string;
  oldestItem: string;
  services: string;
  faq: string;
  demands: string;
  byTeam: string;
  byTeamItem: string;
  hours: string;
  minutes: string;
  days: string;
  chart: { created: string; resolved: string; backlog: string; title: string };
}

export const REPORT_CATALOGS: Record<Locale, ReportCatalog> = {
  'zh-CN': {
    title: 'BSS日报 {date}',
    period: '统计区间：{from} 至 {to}',
    scopeAll: '全部团队',
    scopeSubtree: '{team} 及下属团队',
    scopeTeam: '{team}',
    flow: '新建 {created} · 解决 {resolved} · 关闭 {closed}',
    backlog: '期末积压 {backlog}（已超 TTR {overdue}）',
    compliance: 'TTO 达标率 {tto} · TTR 达标率 {ttr}',
    medians: '响应时长中位数 {own} · 解决时长中位数 {resolve}',
    none: '无',
    oldest: '最久未结：',
    oldestItem: '{ref}（{age}）{title}',
    services: '热门服务：{list}',
    faq: 'FAQ 自助解决 {n}',
    demands: '新增需求 {n}',
    byTeam: '各团队（新建/解决/积压）：',
    byTeamItem: '{team} {created}/{resolved}/{backlog}',
    hours: '{h} 小时 {m} 分',
    minutes: '{m} 分',
    days: '{d} 天',
    chart: { created: '新建', resolved: '解决', backlog: '积压', title: '近 14 天趋势' },
  },
  en: {
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
  },
};
