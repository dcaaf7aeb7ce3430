/** The daily report's words in Chinese (docs/reports.md). */
import type { ReportCatalog } from './report-catalog.types';

export const reportCatalogZhCN: ReportCatalog = {
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
};
