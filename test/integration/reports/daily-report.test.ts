/**
 * The daily report (docs/reports.md) on a real MariaDB: its figures against a hand-made data set, the chart PNG
 * decoded, exactly one report per lead and date when two `report:send` processes race over the emulator, and the
 * text fallback when the image upload fails.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { loadDirectoryFile } from '../../../src/adapters/directory/directory-yaml';
import { DingTalkReportPublisher } from '../../../src/adapters/dingtalk/dingtalk-report-publisher';
import { openDatabase, type Database } from '../../../src/adapters/persistence/data-source';
import { DailyReportRecord } from '../../../src/adapters/persistence/records/daily-report.record';
import { TicketRecord } from '../../../src/adapters/persistence/records/ticket.record';
import { TypeormDirectoryStore } from '../../../src/adapters/persistence/typeorm-directory-store';
import { EchartsChartRenderer } from '../../../src/adapters/reports/echarts-chart-renderer';
import { CHART_SIZE, computeDailyReport, sendDueDailyReports, trendChartInput } from '../../../src/application/reports/daily-reports';
import { renderDailyReport } from '../../../src/bot/views/reports/render-daily-report';
import { dailyReportDeps, reportSourcesOn } from '../../../src/compose-reports';
import type { Directory } from '../../../src/domain/directory/directory';
import { silentLog } from '../../../src/domain/ports/log.port';
import { reportAudience } from '../../../src/domain/reports/report-audience';
import { reportWindow } from '../../../src/domain/reports/report-period';
import { startDingTalkEmulator, type RunningDingTalkEmulator } from '../../../src/emulator';
import { openApiClientFor } from '../../support/dingtalk/dingtalk-harness';
import { createScratchMysqlDatabase, mysqlAvailable } from '../../support/services';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');
const Z = (iso: string) => new Date(`${iso}Z`);
/** Report of Tuesday 2026-12-08 (Asia/Shanghai): covers Monday 12-07 local = [12-06T16:00Z, 12-07T16:00Z). */
const DATE = '2026-12-08';
const SENT_AT = Z('2026-12-08T01:30:00'); // 09:30 in Shanghai

function ticket(p: Partial<TicketRecord> & Pick<TicketRecord, 'title' | 'team' | 'service' | 'status' | 'createdAt'>): Partial<TicketRecord> {
  return {
    kind: 'request', description: p.title, caller: 'bjxiaoshoua', org: 'bj-sales', subcategory: 'other',
    requestType: 'service_request', impact: 3, urgency: 3, priority: 3, origin: 'api', sourceMsg: null, agent: null,
    parentId: null, pendingReason: null, solution: null, resolutionCode: null, satisfaction: null, satisfactionComment: null,
    contract: null, sla: null, ttoState: 'stopped', ttoElapsed: 0, ttoLastStart: null, ttoGoal: 3600, ttoCalendar: null,
    ttoDeadline: null, ttoStoppedAt: null, ttrState: 'stopped', ttrElapsed: 0, ttrLastStart: null, ttrGoal: 28800,
    ttrCalendar: null, ttrDeadline: null, ttrStoppedAt: null, deadlineVersion: 0, notifiedLeads: '[]', assignedAt: null,
    resolvedAt: null, closedAt: null, lastUpdate: p.createdAt, version: 1,
    ...p,
  };
}

/** The hand-made data set; the expected figures are worked out in the comments. */
const TICKETS = [
  // A: in period; owned after 30 min (TTO met), resolved after 3 h (TTR met).
  ticket({ title: 'A', team: 'bj-it', service: 'BJ-IT', status: 'resolved', createdAt: Z('2026-12-06T17:00:00'), assignedAt: Z('2026-12-06T17:30:00'),
    ttoElapsed: 1800, ttoStoppedAt: Z('2026-12-06T17:30:00'), resolvedAt: Z('2026-12-06T20:00:00'), ttrElapsed: 10800, ttrStoppedAt: Z('2026-12-06T20:00:00') }),
  // B: in period; owned after 2 h (TTO missed); TTR deadline passed in the period while open (missed, overdue).
  ticket({ title: 'B', team: 'bj-it', service: 'BJ-IT', status: 'assigned', createdAt: Z('2026-12-06T18:00:00'), assignedAt: Z('2026-12-06T20:00:00'),
    ttoElapsed: 7200, ttoStoppedAt: Z('2026-12-06T20:00:00'), ttrState: 'running', ttrDeadline: Z('2026-12-07T10:00:00') }),
  // C: before the period; resolved (TTR met) and closed in it, 48 h after creation.
  ticket({ title: 'C', team: 'bj-it', service: 'BJ-IT', status: 'closed', createdAt: Z('2026-12-05T02:00:00'), assignedAt: Z('2026-12-05T03:00:00'),
    ttoElapsed: 3600, ttoStoppedAt: Z('2026-12-05T03:00:00'), resolvedAt: Z('2026-12-07T02:00:00'), ttrElapsed: 20000,
    ttrStoppedAt: Z('2026-12-07T02:00:00'), closedAt: Z('2026-12-07T05:00:00') }),
  // D: in period, other team, never owned: its TTO deadline fell in the period (missed); TTR due after it.
  ticket({ title: 'D', team: 'bj-ops', service: 'BJ-OPS', status: 'new', createdAt: Z('2026-12-07T01:00:00'), ttoState: 'running',
    ttoDeadline: Z('2026-12-07T02:00:00'), ttrState: 'running', ttrDeadline: Z('2026-12-08T01:00:00') }),
  // E: after the period (today): open now, not in the period's backlog.
  ticket({ title: 'E', team: 'bj-it', service: 'BJ-IT', status: 'new', createdAt: Z('2026-12-07T17:00:00'), ttoState: 'running',
    ttoDeadline: Z('2026-12-07T18:00:00') }),
  // F: long pending (clocks paused): backlog, the oldest open.
  ticket({ title: 'F', team: 'bj-it', service: 'BJ-IT', status: 'pending', createdAt: Z('2026-12-01T02:00:00'), assignedAt: Z('2026-12-01T02:10:00'),
    ttoElapsed: 600, ttoStoppedAt: Z('2026-12-01T02:10:00'), ttrState: 'paused', ttrElapsed: 5000 }),
  // G: created the day before the period, resolved after it: open at the period's end.
  ticket({ title: 'G', team: 'bj-it', service: 'BJ-IT', status: 'resolved', createdAt: Z('2026-12-06T10:00:00'), assignedAt: Z('2026-12-06T10:05:00'),
    ttoElapsed: 300, ttoStoppedAt: Z('2026-12-06T10:05:00'), resolvedAt: Z('2026-12-07T20:00:00'), ttrElapsed: 20000, ttrStoppedAt: Z('2026-12-07T20:00:00') }),
];

(mysqlAvailable() ? describe : describe.skip)('daily report on MariaDB', () => {
  let scratch: { url: string; drop: () => Promise<void> };
  let db: Database;
  let dir: Directory;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    scratch = await createScratchMysqlDatabase('daily_report');
    db = await openDatabase({ url: scratch.url });
    const demo = await loadDirectoryFile(path.join(ROOT, 'config/demo-directory.yaml'));
    if (!demo.ok) throw new Error('demo directory invalid');
    const store = new TypeormDirectoryStore(db);
    await store.importData(demo.value.data, { prune: false, now: new Date() });
    dir = (await store.current())!;
    for (const t of TICKETS) {
      const res = await db.ds.getRepository(TicketRecord).insert(t);
      ids.set(t.title!, `R-${String(res.identifiers[0]!.id).padStart(6, '0')}`);
    }
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  it('computes every figure of the hand-made data set, for all teams and for one team', async () => {
    const window = reportWindow(DATE, 'Asia/Shanghai');
    expect([window.firstDay, window.lastDay, window.from, window.to]).toEqual(['2026-12-07', '2026-12-07', Z('2026-12-06T16:00:00'), Z('2026-12-07T16:00:00')]);
    const all = await computeDailyReport(reportSourcesOn(db), { kind: 'all', teams: ['bj-it', 'bj-ops', 'gz-it'] }, window, SENT_AT);
    const k = all.counts;
    expect({ created: k.created, resolved: k.resolved, closed: k.closed, backlog: k.backlog, overdue: k.overdue }).toEqual({
      created: 3, // A B D
      resolved: 2, // A C
      closed: 1, // C
      backlog: 4, // B D F (open now, created before the end) + G (resolved after it)
      overdue: 1, // B
    });
    expect(k.tto).toEqual({ met: 1, total: 3 }); // A met, B late, D never owned by its deadline
    expect(k.ttr).toEqual({ met: 2, total: 3 }); // A and C met, B's deadline passed while open
    expect([all.ttoCompliance, all.ttrCompliance]).toEqual([33.3, 66.7]);
    expect(all.medianOwnSeconds).toBe(4500); // A 1800, B 7200
    expect(all.medianResolveSeconds).toBe(91800); // A 10800, C 172800
    expect(k.oldestOpen.map((o) => o.ref)).toEqual(['F', 'B', 'D', 'E'].map((t) => ids.get(t)));
    expect(k.topServices).toEqual([{ service: 'BJ-IT', created: 2 }, { service: 'BJ-OPS', created: 1 }]);
    expect(k.byTeam).toEqual([
      { team: 'bj-it', created: 2, resolved: 2, backlog: 3 },
      { team: 'bj-ops', created: 1, resolved: 0, backlog: 1 },
    ]);
    expect(k.trend).toHaveLength(14);
    expect(k.trend.slice(-3)).toEqual([
      { created: 1, resolved: 0, backlog: 2 }, // 12-05: C created; open at its end: C F
      { created: 1, resolved: 0, backlog: 3 }, // 12-06: G created; open: C F G
      { created: 3, resolved: 2, backlog: 4 }, // 12-07
    ]);
    expect([k.faqDeflections, k.demandsCreated]).toEqual([null, null]);

    const one = await computeDailyReport(reportSourcesOn(db), { kind: 'team', teams: ['bj-ops'] }, window, SENT_AT);
    expect([one.counts.created, one.counts.resolved, one.counts.backlog, one.counts.overdue, one.counts.tto]).toEqual([1, 0, 1, 0, { met: 0, total: 1 }]);

    const text = renderDailyReport(all, dir, dir.person('jtzj')!, 'zh-CN', SENT_AT).markdown;
    expect(text).toContain('新建 3 · 解决 2 · 关闭 1');
    expect(text).toContain('期末积压 4（已超 TTR 1）');
    expect(text).toContain('TTO 达标率 33.3% · TTR 达标率 66.7%');
    expect(text).toContain('响应时长中位数 1 小时 15 分 · 解决时长中位数 25 小时 30 分');
    expect(text).not.toContain('FAQ'); // no FAQ data in this build: the line is left out
  });

  it('renders the 14-day trend as a PNG that decodes at the expected size', async () => {
    const window = reportWindow(DATE, 'Asia/Shanghai');
    const report = await computeDailyReport(reportSourcesOn(db), { kind: 'all', teams: ['bj-it', 'bj-ops'] }, window, SENT_AT);
    const png = await new EchartsChartRenderer().renderTrendPng(trendChartInput(report, renderDailyReport(report, dir, null)));
    const decoded = PNG.sync.read(Buffer.from(png));
    expect([decoded.width, decoded.height]).toEqual([CHART_SIZE.width, CHART_SIZE.height]);
    // Not a blank picture: the bars' blue is there.
    let blue = 0;
    for (let i = 0; i < decoded.data.length; i += 4) if (decoded.data[i]! < 80 && decoded.data[i + 2]! > 200) blue++;
    expect(blue).toBeGreaterThan(100);
  });

  describe('sending', () => {
    let running: RunningDingTalkEmulator;
    beforeEach(async () => {
      await db.ds.getRepository(DailyReportRecord).clear();
      running = await startDingTalkEmulator({
        people: dir.data.people.filter((p) => p.dingtalkUserId).map((p) => ({ personId: p.id, name: p.name, dingtalkUserId: p.dingtalkUserId! })),
      });
    });
    afterEach(async () => {
      await running.close();
    });

    it('sends each lead one report card for the date although two processes run the round at once', async () => {
      const { clientId, clientSecret } = running.emulator.credentials();
      const env = {
        ...process.env,
        DATABASE_URL: scratch.url,
        DINGTALK_CLIENT_ID: clientId,
        DINGTALK_CLIENT_SECRET: clientSecret,
        DINGTALK_API_BASE: running.endpoints.apiBase,
        DINGTALK_OAPI_BASE: running.endpoints.oapiBase,
        DINGTALK_API_QPS: '0',
        REPORT_CALENDAR: 'workdays-cn',
        LOG_LEVEL: 'error',
      };
      const script = path.join(ROOT, 'dist/scripts/report-send.js');
      const args = [script, '--at', SENT_AT.toISOString()];
      const [a, b] = await Promise.all([run('node', args, { env, cwd: ROOT }), run('node', args, { env, cwd: ROOT })]);
      const lines = [...a.stdout.split('\n'), ...b.stdout.split('\n')].filter((l) => l.trim());
      const leads = reportAudience(dir).map((r) => r.person.id).sort();
      expect(leads.length).toBeGreaterThan(5);
      expect(lines.map((l) => l.split(' ')[0]).sort()).toEqual(leads);
      expect(lines.every((l) => l.endsWith(` ${DATE} card`))).toBe(true);

      const cards = running.emulator.cards().filter((c) => c.outTrackId.startsWith(`report-${DATE}-`));
      expect(cards).toHaveLength(leads.length);
      for (const c of cards) expect(c.spaces).toHaveLength(1);
      const rows = await db.ds.getRepository(DailyReportRecord).find();
      expect(rows.map((r) => `${r.personId}:${r.status}:${r.via}`).sort()).toEqual(leads.map((l) => `${l}:sent:card`));

      // The top lead's card: its params, and the chart the emulator stored decodes as the PNG that was rendered.
      const top = running.emulator.card(`report-${DATE}-jtzj`)!;
      expect(top.publicData).toMatchObject({ report_date: DATE, scope: '全部团队' });
      expect(top.publicData.summary).toContain('BSS日报 2026-12-08');
      const media = await fetch(`${running.url}/emulator/media/${encodeURIComponent(top.publicData.chart!)}`);
      expect(media.headers.get('content-type')).toBe('image/png');
      const decoded = PNG.sync.read(Buffer.from(await media.arrayBuffer()));
      expect([decoded.width, decoded.height]).toEqual([CHART_SIZE.width, CHART_SIZE.height]);

      // A third run the same day sends nothing.
      const again = await run('node', args, { env, cwd: ROOT });
      expect(again.stdout.trim()).toBe('');
      expect(running.emulator.cards().filter((c) => c.outTrackId.startsWith('report-'))).toHaveLength(leads.length);
    }, 120_000);

    it('falls back to text when the image upload fails, and sends nothing before the report time', async () => {
      const api = openApiClientFor(running);
      const deps = dailyReportDeps({
        db,
        directory: new TypeormDirectoryStore(db),
        publisher: new DingTalkReportPublisher(api, 'report-template'),
        clock: { now: () => Z('2026-12-08T00:30:00') }, // 08:30 in Shanghai
        log: silentLog,
        owner: 'test-owner',
        render: (report, d, reader) => renderDailyReport(report, d, reader),
        calendar: 'workdays-cn',
        time: '09:00',
      });
      expect(await sendDueDailyReports(deps)).toEqual([]);

      running.emulator.faults.serverError({ api: 'media.upload', times: 1000 });
      const sent = await sendDueDailyReports({ ...deps, clock: { now: () => SENT_AT } });
      expect(sent.length).toBe(reportAudience(dir).length);
      expect(sent.every((s) => s.via === 'text')).toBe(true);
      expect(running.emulator.cards()).toHaveLength(0);
      const texts = running.emulator.messagesReceivedBy(dir.person('jtzj')!.dingtalkUserId!).map((m) => m.text);
      expect(texts).toHaveLength(1);
      expect(texts[0]).toContain('期末积压 4');
      const rows = await db.ds.getRepository(DailyReportRecord).find();
      expect(rows.every((r) => r.status === 'sent' && r.via === 'text' && !!r.lastError)).toBe(true);
    }, 60_000);
  });
});
