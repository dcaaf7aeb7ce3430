/** The shape of the daily report's words (docs/reports.md); `{name}` placeholders filled by the renderer. */
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
