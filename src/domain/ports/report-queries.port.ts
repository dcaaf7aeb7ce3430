/**
 * The daily report's read side (docs/reports.md): counts over the tickets of some teams for a report window.
 * Implemented with indexed SQL in the persistence adapter; optional figures (FAQ deflections, demands) come from
 * `ReportExtras` ports that return null where that data does not exist.
 */
import type { ReportCounts } from '../reports/daily-report';
import type { ReportWindow } from '../reports/report-period';

export interface ReportQueries {
  /** Counts for the tickets of `teams` (their current team) in the window; `now` bounds "open now". */
  counts(teams: readonly string[], window: ReportWindow, now: Date): Promise<Omit<ReportCounts, 'faqDeflections' | 'demandsCreated'>>;
}

/** An optional figure for the report: null when its data does not exist (e.g. no FAQ module). */
export interface ReportExtra {
  count(teams: readonly string[], from: Date, to: Date): Promise<number | null>;
}

export const NO_REPORT_EXTRA: ReportExtra = { count: async () => null };

/** One row per (lead, report date), claimed before sending so it goes out once across processes. */
export interface ReportClaims {
  /** true when this owner may send now: the row was new, or its earlier claim failed or lapsed (not sent). */
  claim(personId: string, date: string, owner: string, now: Date, leaseMs: number, maxAttempts: number): Promise<boolean>;
  /** Record the outcome: `sent` (by card or text) or `failed` (retried after `retryAt`). */
  finish(personId: string, date: string, owner: string, outcome: ReportOutcome, now: Date): Promise<void>;
}

export type ReportOutcome =
  | { status: 'sent'; via: 'card' | 'text'; mediaId: string | null; error: string | null }
  | { status: 'failed'; error: string; retryAt: Date };

/** A 14-day trend chart as PNG: new vs resolved bars, backlog line. */
export interface TrendChartInput {
  days: string[];
  created: number[];
  resolved: number[];
  backlog: number[];
  labels: { created: string; resolved: string; backlog: string; title: string };
  width: number;
  height: number;
}

export interface ChartRenderer {
  renderTrendPng(input: TrendChartInput): Promise<Uint8Array>;
}

/** How a report reaches a lead in DingTalk: the chart uploaded as media, a report card, or a text message. */
export interface ReportPublisher {
  uploadImage(png: Uint8Array, filename: string): Promise<string>;
  /** `params` is the card's `cardParamMap` (`report_date`, `scope`, `summary`, `chart`). */
  sendCard(userId: string, outTrackId: string, params: Record<string, string>): Promise<void>;
  sendText(userId: string, title: string, markdown: string): Promise<void>;
}
