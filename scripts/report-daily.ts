/**
 * npm run report:daily -- [--date YYYY-MM-DD] [--team CODE] [--out FILE.png]
 * Prints the daily report (docs/reports.md) for a date (default today in the directory's zone): for all teams (the
 * top lead's view), or for team CODE and the teams below it; writes the 14-day trend chart to FILE.png. Working
 * days come from REPORT_CALENDAR when set. Sends nothing.
 */
import { writeFileSync } from 'node:fs';
import { TypeormDirectoryStore } from '../src/adapters/persistence/typeorm-directory-store';
import { EchartsChartRenderer } from '../src/adapters/reports/echarts-chart-renderer';
import { computeDailyReport, trendChartInput } from '../src/application/reports/daily-reports';
import { renderDailyReport } from '../src/bot/views/reports/render-daily-report';
import { reportSourcesOn, reportWorkingDays } from '../src/compose-reports';
import { teamSubtree } from '../src/domain/reports/report-audience';
import { dayOfDateKey, localClock, reportWindow } from '../src/domain/reports/report-period';
import { openCliDatabase, runCli } from './cli-database';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const { config, db } = await openCliDatabase();
  try {
    const dir = await new TypeormDirectoryStore(db).current();
    if (!dir) {
      console.error('report:daily: no directory stored yet: run `npm run directory:import -- FILE` first');
      return 1;
    }
    const now = new Date();
    const date = arg('date') ?? localClock(now, dir.timezone).date;
    if (dayOfDateKey(date) === null) {
      console.error(`report:daily: --date "${date}" is not a date: write it as YYYY-MM-DD, e.g. 2026-12-07`);
      return 1;
    }
    const team = arg('team');
    if (team && !dir.team(team)) {
      console.error(`report:daily: team "${team}" is not in the directory: use a team code, e.g. ${dir.data.teams[0]?.code ?? 'bj-it'}`);
      return 1;
    }
    const teams = team ? teamSubtree(dir, team) : dir.data.teams.filter((t) => t.status === 'active').map((t) => t.code);
    const kind = team ? (teams.length > 1 ? 'subtree' : 'team') : 'all';
    const window = reportWindow(date, dir.timezone, reportWorkingDays(config.report.calendar)(dir));
    const report = await computeDailyReport(reportSourcesOn(db), { kind, teams }, window, now);
    const rendered = renderDailyReport(report, dir, null, config.locale, now);
    console.log(rendered.markdown);
    const out = arg('out');
    if (out) {
      const png = await new EchartsChartRenderer().renderTrendPng(trendChartInput(report, rendered));
      writeFileSync(out, png);
      console.log(`\nchart: ${out} (${png.length} bytes)`);
    }
    return 0;
  } finally {
    await db.close();
  }
}

runCli('report:daily', main);
