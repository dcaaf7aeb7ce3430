/**
 * npm run report:send [-- --at ISO-INSTANT]
 * One sending round of the daily report (docs/reports.md), as the bot runs every minute: every lead whose report is
 * due (a working day of REPORT_CALENDAR, past REPORT_TIME in their zone) and not yet sent gets it through DingTalk
 * (DINGTALK_CLIENT_ID/SECRET; DINGTALK_API_BASE/DINGTALK_OAPI_BASE for another endpoint). Safe beside running bots:
 * each lead and date is claimed once across processes. `--at` pretends the clock says so (a test, a re-run).
 * Prints one line per report sent: `<person> <date> card|text|failed`.
 */
import { randomUUID } from 'node:crypto';
import { DingTalkReportPublisher } from '../src/adapters/dingtalk/dingtalk-report-publisher';
import { DingTalkOpenApiClient } from '../src/adapters/dingtalk/openapi/dingtalk-openapi.client';
import { createLogger } from '../src/adapters/logging/logger';
import { TypeormDirectoryStore } from '../src/adapters/persistence/typeorm-directory-store';
import { sendDueDailyReports } from '../src/application/reports/daily-reports';
import { renderDailyReport } from '../src/bot/views/reports/render-daily-report';
import { dailyReportDeps } from '../src/compose-reports';
import { openCliDatabase, runCli } from './cli-database';

async function main(): Promise<number> {
  const { config, db } = await openCliDatabase();
  try {
    const dt = config.dingtalk;
    if (dt.mode !== 'stream' && dt.mode !== 'http') {
      console.error('report:send: set DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET (the DingTalk app the reports are sent from)');
      return 1;
    }
    if (!config.report.calendar) {
      console.error('report:send: set REPORT_CALENDAR to the directory calendar whose working days get a report (e.g. workdays-cn)');
      return 1;
    }
    const i = process.argv.indexOf('--at');
    const at = i >= 0 ? new Date(process.argv[i + 1] ?? '') : null;
    if (at && Number.isNaN(at.getTime())) {
      console.error('report:send: --at must be an ISO instant, e.g. 2026-12-07T01:30:00Z');
      return 1;
    }
    const log = createLogger({ level: config.log.level, format: config.log.format });
    const api = new DingTalkOpenApiClient({
      clientId: dt.clientId,
      clientSecret: dt.clientSecret,
      robotCode: dt.robotCode,
      apiBase: dt.apiBase,
      oapiBase: dt.oapiBase,
      qps: config.dingtalkApiQps,
      logger: log.child({ component: 'dingtalk-api' }),
    });
    const deps = dailyReportDeps({
      db,
      directory: new TypeormDirectoryStore(db),
      publisher: new DingTalkReportPublisher(api, config.report.cardTemplateId ?? dt.cardTemplateId ?? 'itopbot-daily-report'),
      clock: { now: () => at ?? new Date() },
      log: log.child({ component: 'daily-report' }),
      owner: `report-send-${process.pid}-${randomUUID().slice(0, 8)}`,
      render: (report, dir, reader) => renderDailyReport(report, dir, reader, config.locale),
      calendar: config.report.calendar,
      time: config.report.time,
    });
    for (const o of await sendDueDailyReports(deps)) console.log(`${o.person} ${o.date} ${o.via}`);
    return 0;
  } finally {
    await db.close();
  }
}

runCli('report:send', main);
