/**
 * The leads' dashboard (docs/portal.md "Dashboard"), computed from plain rows the store reads for the viewer's
 * scope: backlog by team and by service, TTO/TTR compliance over 7 and 30 days, time-to-own and time-to-resolve
 * distributions (working seconds on the SLA clock), requests per incident, aging of open tickets, and the daily
 * trend of opened and resolved tickets. Pure: `now` and the time zone are passed in.
 */
import { DateTime } from 'luxon';

export interface DashboardRows {
  /** Open tickets in scope. */
  open: Array<{ team: string; service: string; createdAt: Date }>;
  /** Tickets opened since `since`. */
  opened: Array<{ createdAt: Date }>;
  /** Tickets whose TTO stopped (owned) since `since`, with their SLA goal (null: no SLA). */
  owned: Array<{ at: Date; elapsed: number; goal: number | null }>;
  /** Tickets resolved since `since`, TTR elapsed and goal. */
  resolved: Array<{ at: Date; elapsed: number; goal: number | null }>;
  /** Incidents opened since `since` with the number of requests linked to them. */
  incidents: Array<{ id: number; requests: number }>;
}

export interface Compliance {
  /** Tickets with an SLA goal in the window. */
  counted: number;
  met: number;
  /** met / counted in percent (one decimal), null when none counted. */
  percent: number | null;
}

export interface Bucket {
  label: string;
  count: number;
}

export interface Dashboard {
  backlogByTeam: Bucket[];
  backlogByService: Bucket[];
  openTotal: number;
  tto: { d7: Compliance; d30: Compliance };
  ttr: { d7: Compliance; d30: Compliance };
  timeToOwn: Bucket[];
  timeToResolve: Bucket[];
  requestsPerIncident: { incidents: number; requests: number; average: number | null; buckets: Bucket[] };
  aging: Bucket[];
  /** One entry per day (the directory's time zone), oldest first: `days` days ending today. */
  trend: Array<{ day: string; opened: number; resolved: number }>;
}

const DAY = 86_400_000;

/** Upper bounds in seconds with their labels; the last bucket takes the rest. */
export const DURATION_BUCKETS: Array<{ label: string; max: number }> = [
  { label: '<15m', max: 15 * 60 },
  { label: '15m–1h', max: 3600 },
  { label: '1–4h', max: 4 * 3600 },
  { label: '4h–1d', max: 86_400 },
  { label: '1–3d', max: 3 * 86_400 },
  { label: '≥3d', max: Infinity },
];

export const AGING_BUCKETS: Array<{ label: string; maxDays: number }> = [
  { label: '<1d', maxDays: 1 },
  { label: '1–3d', maxDays: 3 },
  { label: '3–7d', maxDays: 7 },
  { label: '7–30d', maxDays: 30 },
  { label: '≥30d', maxDays: Infinity },
];

export const INCIDENT_BUCKETS: Array<{ label: string; max: number }> = [
  { label: '0', max: 0 },
  { label: '1', max: 1 },
  { label: '2–5', max: 5 },
  { label: '6–20', max: 20 },
  { label: '>20', max: Infinity },
];

function countBy<T>(items: readonly T[], key: (t: T) => string): Bucket[] {
  const m = new Map<string, number>();
  for (const it of items) m.set(key(it), (m.get(key(it)) ?? 0) + 1);
  return [...m.entries()].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

function compliance(rows: DashboardRows['owned'], since: Date): Compliance {
  const inWindow = rows.filter((r) => r.at >= since && r.goal !== null);
  const met = inWindow.filter((r) => r.elapsed <= (r.goal as number)).length;
  return { counted: inWindow.length, met, percent: inWindow.length ? Math.round((met * 1000) / inWindow.length) / 10 : null };
}

function durations(rows: DashboardRows['owned']): Bucket[] {
  return DURATION_BUCKETS.map((b, i) => ({
    label: b.label,
    count: rows.filter((r) => r.elapsed < b.max && (i === 0 || r.elapsed >= DURATION_BUCKETS[i - 1]!.max)).length,
  }));
}

export function computeDashboard(rows: DashboardRows, now: Date, timezone: string, days = 30): Dashboard {
  const d7 = new Date(now.getTime() - 7 * DAY);
  const d30 = new Date(now.getTime() - 30 * DAY);
  const ageDays = (d: Date) => (now.getTime() - d.getTime()) / DAY;
  const aging = AGING_BUCKETS.map((b, i) => ({
    label: b.label,
    count: rows.open.filter((r) => ageDays(r.createdAt) < b.maxDays && (i === 0 || ageDays(r.createdAt) >= AGING_BUCKETS[i - 1]!.maxDays)).length,
  }));
  const incidentBuckets = INCIDENT_BUCKETS.map((b, i) => ({
    label: b.label,
    count: rows.incidents.filter((r) => r.requests <= b.max && (i === 0 || r.requests > INCIDENT_BUCKETS[i - 1]!.max)).length,
  }));
  const requests = rows.incidents.reduce((s, r) => s + r.requests, 0);
  const dayOf = (d: Date) => DateTime.fromJSDate(d, { zone: timezone }).toISODate() ?? '';
  const today = DateTime.fromJSDate(now, { zone: timezone }).startOf('day');
  const trend = Array.from({ length: days }, (_, i) => ({ day: today.minus({ days: days - 1 - i }).toISODate() ?? '', opened: 0, resolved: 0 }));
  const index = new Map(trend.map((t, i) => [t.day, i]));
  for (const r of rows.opened) {
    const i = index.get(dayOf(r.createdAt));
    if (i !== undefined) trend[i]!.opened++;
  }
  for (const r of rows.resolved) {
    const i = index.get(dayOf(r.at));
    if (i !== undefined) trend[i]!.resolved++;
  }
  return {
    backlogByTeam: countBy(rows.open, (r) => r.team),
    backlogByService: countBy(rows.open, (r) => r.service),
    openTotal: rows.open.length,
    tto: { d7: compliance(rows.owned, d7), d30: compliance(rows.owned, d30) },
    ttr: { d7: compliance(rows.resolved, d7), d30: compliance(rows.resolved, d30) },
    timeToOwn: durations(rows.owned.filter((r) => r.at >= d30)),
    timeToResolve: durations(rows.resolved.filter((r) => r.at >= d30)),
    requestsPerIncident: {
      incidents: rows.incidents.length,
      requests,
      average: rows.incidents.length ? Math.round((requests * 10) / rows.incidents.length) / 10 : null,
      buckets: incidentBuckets,
    },
    aging,
    trend,
  };
}
