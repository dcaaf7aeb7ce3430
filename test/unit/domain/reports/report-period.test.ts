/** The daily report's dates and audience (docs/reports.md "When", "Audience"). */
import { calendarWorkingDays, dayOfDateKey, localClock, reportWindow } from '../../../../src/domain/reports/report-period';
import { reportAudience } from '../../../../src/domain/reports/report-audience';
import { buildDailyReport, median, percent } from '../../../../src/domain/reports/daily-report';
import { demoDirectory } from '../../../support/demo';

const Z = (iso: string) => new Date(`${iso}Z`);

describe('report window', () => {
  const dir = demoDirectory();
  const workdays = calendarWorkingDays(dir.calendar('workdays-cn')!);

  it.each([
    ['2026-12-08', '2026-12-07', '2026-12-07'], // Tuesday: Monday
    ['2026-12-07', '2026-12-04', '2026-12-06'], // Monday: Friday to Sunday
    ['2026-10-08', '2026-09-30', '2026-10-07'], // after the National Day holiday (10-01 to 10-07): from the last working day before it
  ])('the report of %s covers %s to %s', (date, first, last) => {
    const w = reportWindow(date, 'Asia/Shanghai', workdays);
    expect([w.firstDay, w.lastDay]).toEqual([first, last]);
    expect(w.to).toEqual(new Date(`${date}T00:00:00+08:00`));
    expect(w.trendDays).toHaveLength(14);
    expect(w.trendDays[13]).toBe(last);
    expect(w.trendBounds).toHaveLength(15);
  });

  it('knows working days, local clocks and bad dates', () => {
    expect(workdays(dayOfDateKey('2026-12-05')!)).toBe(false); // Saturday
    expect(workdays(dayOfDateKey('2026-12-08')!)).toBe(true);
    expect(localClock(Z('2026-12-08T01:30:00'), 'Asia/Shanghai')).toMatchObject({ date: '2026-12-08', minutes: 9 * 60 + 30 });
    expect(localClock(Z('2026-12-08T01:30:00'), 'America/New_York')).toMatchObject({ date: '2026-12-07', minutes: 20 * 60 + 30 });
    expect(dayOfDateKey('2026-02-30')).toBeNull();
    expect(() => reportWindow('yesterday', 'Asia/Shanghai')).toThrow(RangeError);
  });
});

describe('report audience', () => {
  it('gives team leads their team, upper leads their subtree and the top lead everything', () => {
    const dir = demoDirectory();
    const byId = new Map(reportAudience(dir).map((r) => [r.person.id, r]));
    expect(byId.get('zbit')).toMatchObject({ kind: 'team', teams: ['bj-it'] });
    expect(byId.get('bjzong')!.kind).toBe('subtree');
    expect(byId.get('bjzong')!.teams).toEqual(expect.arrayContaining(['bj-it', 'bj-ops', 'bj-sales-ops']));
    expect(byId.get('bjzong')!.teams).not.toContain('gz-it');
    expect(byId.get('gzzong')!.teams).toEqual(['gz-it', 'gz-sales-ops']);
    const all = dir.data.teams.filter((t) => t.status === 'active').map((t) => t.code).sort();
    expect(byId.get('jtzj')).toMatchObject({ kind: 'all', teams: all });
    expect(byId.has('bjxiaoshoua')).toBe(false); // not a lead
  });
});

describe('report figures', () => {
  it('derives medians and compliance', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percent({ met: 0, total: 0 })).toBeNull();
    expect(percent({ met: 2, total: 3 })).toBe(66.7);
    const w = reportWindow('2026-12-08', 'Asia/Shanghai');
    const r = buildDailyReport(w, 'team', ['bj-it'], {
      created: 0, resolved: 0, closed: 0, backlog: 0, overdue: 0, tto: { met: 1, total: 2 }, ttr: { met: 0, total: 0 },
      ownSeconds: [60, 120], resolveSeconds: [], oldestOpen: [], byTeam: [], topServices: [], trend: [],
      faqDeflections: null, demandsCreated: null,
    });
    expect([r.ttoCompliance, r.ttrCompliance, r.medianOwnSeconds, r.medianResolveSeconds]).toEqual([50, null, 90, null]);
  });
});
