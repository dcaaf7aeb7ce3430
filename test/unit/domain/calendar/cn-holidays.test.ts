import {
  cnHolidayDataFromEntries,
  mergeCnHolidayData,
} from '../../../../src/domain/calendar/cn-holiday-data';
import {
  chineseDaysHolidays,
  cnHolidayDataFromChineseDays,
  cnHolidaysCoveredUntil,
} from '../../../../src/domain/calendar/cn-holidays';
import { compileCalendar } from '../../../../src/domain/calendar/compile-calendar';
import { addWorkingTime, workingTimeBetween } from '../../../../src/domain/calendar/working-time';
import { HOUR, at, holiday, makeUpDay, officeCalendar } from './calendar-fixtures';

describe('chinese-days data', () => {
  const data = chineseDaysHolidays();

  it('covers consecutive years through at least 2026', () => {
    expect(data.years[data.years.length - 1]).toBeGreaterThanOrEqual(2026);
    data.years.forEach((y, i) => i > 0 && expect(y).toBe(data.years[i - 1] + 1));
    expect(cnHolidaysCoveredUntil()).toBe(`${data.years[data.years.length - 1]}-12-31`);
  });

  it('holds 2026 National Day and its make-up Saturday (State Council notice)', () => {
    expect(data.days.get('2026-10-01')).toEqual({ date: '2026-10-01', name: '国庆节', workday: false });
    expect(data.days.get('2026-10-07')?.workday).toBe(false);
    expect(data.days.get('2026-10-10')).toEqual({ date: '2026-10-10', name: '国庆节', workday: true });
  });

  it('converts the package JSON shape', () => {
    const converted = cnHolidayDataFromChineseDays({
      holidays: { '2030-01-01': "New Year's Day,元旦,1" },
      workdays: { '2029-12-29': "New Year's Day,元旦,1" },
    });
    expect([...converted.days.values()]).toEqual([
      { date: '2030-01-01', name: '元旦', workday: false },
      { date: '2029-12-29', name: '元旦', workday: true },
    ]);
    expect(converted.years).toEqual([2029, 2030]);
  });

  it('reports nothing covered for empty data', () => {
    expect(cnHolidaysCoveredUntil(cnHolidayDataFromEntries([]))).toBeNull();
  });
});

describe('office calendar with CN holidays (chinese-days)', () => {
  const office = compileCalendar(officeCalendar(), 'Asia/Shanghai');

  it.each([
    // 2026-09-30 is a Wednesday; 1–7 October are off; 8 October is a Thursday.
    ['skips National Day', '2026-09-30T17:00+08:00', 2 * HOUR, '2026-10-08T10:00+08:00'],
    // 10 October 2026 is a make-up Saturday (调休).
    ['works the make-up Saturday after National Day', '2026-10-09T17:00+08:00', 2 * HOUR, '2026-10-10T10:00+08:00'],
    // 20 September 2026 is a make-up Sunday.
    ['works the make-up Sunday before National Day', '2026-09-19T10:00+08:00', HOUR, '2026-09-20T10:00+08:00'],
    // Spring Festival 2026: 14 February (Saturday) is worked, 15–23 February are off.
    ['works the Saturday before Spring Festival', '2026-02-13T17:00+08:00', 2 * HOUR, '2026-02-14T10:00+08:00'],
    ['skips Spring Festival', '2026-02-14T17:00+08:00', 2 * HOUR, '2026-02-24T10:00+08:00'],
    // 1–3 January 2026 are off, Sunday 4 January is worked.
    ['crosses the new year onto the make-up Sunday', '2025-12-31T17:00+08:00', 2 * HOUR, '2026-01-04T10:00+08:00'],
  ])('%s', (_name, start, seconds, expected) => {
    expect(addWorkingTime(at(start), seconds, office)).toEqual(at(expected));
  });

  it('counts no working time over National Day', () => {
    expect(workingTimeBetween(at('2026-09-30T18:00+08:00'), at('2026-10-08T09:00+08:00'), office)).toBe(0);
  });

  it('counts National Day as plain weekdays when the calendar does not use CN holidays', () => {
    const plain = compileCalendar(officeCalendar({ cnHolidays: false }), 'Asia/Shanghai');
    expect(addWorkingTime(at('2026-09-30T17:00+08:00'), 2 * HOUR, plain)).toEqual(at('2026-10-01T10:00+08:00'));
  });
});

describe('explicit holiday entries override the CN data for the same date', () => {
  it('a workday entry turns a CN holiday into a working day', () => {
    const cal = compileCalendar(officeCalendar({ holidays: [makeUpDay('2026-10-02')] }), 'Asia/Shanghai');
    expect(addWorkingTime(at('2026-09-30T17:00+08:00'), 2 * HOUR, cal)).toEqual(at('2026-10-02T10:00+08:00'));
  });

  it('a day-off entry cancels a CN make-up Saturday and adds a day off', () => {
    const cal = compileCalendar(
      officeCalendar({ holidays: [holiday('2026-10-10'), holiday('2026-10-12')] }),
      'Asia/Shanghai',
    );
    expect(addWorkingTime(at('2026-10-09T17:00+08:00'), 2 * HOUR, cal)).toEqual(at('2026-10-13T10:00+08:00'));
  });
});

describe('injected CN data', () => {
  // Only 2026 covered, and only National Day in it: 2027 has no data.
  const data2026 = cnHolidayDataFromEntries(
    ['2026-10-01', '2026-10-02'].map((d) => holiday(d, '国庆节')),
    [2026],
  );
  const office = compileCalendar(officeCalendar(), 'Asia/Shanghai', data2026);

  it('replaces the package data', () => {
    // 2026-10-03 (Saturday) … are weekdays/weekends as usual here: Monday 5 October is worked.
    expect(addWorkingTime(at('2026-09-30T17:00+08:00'), 2 * HOUR, office)).toEqual(at('2026-10-05T10:00+08:00'));
  });

  it('counts plain weekdays in a year it does not cover', () => {
    // 2027-10-01 is a Friday.
    expect(addWorkingTime(at('2027-09-30T17:00+08:00'), 2 * HOUR, office)).toEqual(at('2027-10-01T10:00+08:00'));
    expect(cnHolidaysCoveredUntil(data2026)).toBe('2026-12-31');
  });

  it('merges a file over the package year by year', () => {
    const base = cnHolidayDataFromEntries([holiday('2026-05-01'), holiday('2026-10-01')], [2026]);
    const file = cnHolidayDataFromEntries([holiday('2027-10-01'), makeUpDay('2027-10-09')], [2027]);
    const merged = mergeCnHolidayData(base, file);
    expect(merged.years).toEqual([2026, 2027]);
    expect([...merged.days.keys()].sort()).toEqual(['2026-05-01', '2026-10-01', '2027-10-01', '2027-10-09']);

    const replaced = mergeCnHolidayData(merged, cnHolidayDataFromEntries([holiday('2026-06-01')], [2026]));
    expect([...replaced.days.keys()].sort()).toEqual(['2026-06-01', '2027-10-01', '2027-10-09']);
  });
});
