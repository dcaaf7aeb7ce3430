/**
 * The daily report's figures (docs/reports.md "Figures"), computed from what the report queries counted: the
 * medians and compliance percentages are derived here, purely, so a hand-made data set checks them.
 */
import type { ReportScopeKind } from './report-audience';
import type { ReportWindow } from './report-period';

/** What the report queries return for one scope and window (ReportQueries port). */
export interface ReportCounts {
  created: number;
  resolved: number;
  closed: number;
  /** Open at the end of the period (created before it ended and not resolved by then). */
  backlog: number;
  /** Of the backlog: TTR deadline passed before the period ended. */
  overdue: number;
  /** Tickets whose TTO (TTR) ended or fell due in the period, and how many of them within the goal. */
  tto: { met: number; total: number };
  ttr: { met: number; total: number };
  /** Seconds from creation to first assignment (tickets created in the period and assigned), and to resolution
   *  (tickets resolved in the period). */
  ownSeconds: number[];
  resolveSeconds: number[];
  oldestOpen: Array<{ ref: string; title: string; createdAt: Date; team: string }>;
  byTeam: Array<{ team: string; created: number; resolved: number; backlog: number }>;
  topServices: Array<{ service: string; created: number }>;
  /** Per trend day (oldest first): created, resolved, backlog at the day's end. */
  trend: Array<{ created: number; resolved: number; backlog: number }>;
  /** Optional figures from other modules; null = that data does not exist here. */
  faqDeflections: number | null;
  demandsCreated: number | null;
}

export interface DailyReport {
  window: ReportWindow;
  scope: ReportScopeKind;
  teams: string[];
  counts: ReportCounts;
  /** Whole percent, null when nothing fell due. */
  ttoCompliance: number | null;
  ttrCompliance: number | null;
  medianOwnSeconds: number | null;
  medianResolveSeconds: number | null;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function percent(part: { met: number; total: number }): number | null {
  return part.total === 0 ? null : Math.round((part.met * 1000) / part.total) / 10;
}

export function buildDailyReport(window: ReportWindow, scope: ReportScopeKind, teams: string[], counts: ReportCounts): DailyReport {
  return {
    window,
    scope,
    teams,
    counts,
    ttoCompliance: percent(counts.tto),
    ttrCompliance: percent(counts.ttr),
    medianOwnSeconds: median(counts.ownSeconds),
    medianResolveSeconds: median(counts.resolveSeconds),
  };
}
