import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { compileCalendar } from '../../../../src/domain/calendar/compile-calendar';
import { DAY_MS, firstInstantAtWallTime, localDayOf } from '../../../../src/domain/calendar/local-time';
import { addWorkingTime, isWorkingInstant, workingMsBetween, workingTimeBetween } from '../../../../src/domain/calendar/working-time';
import type { Calendar, DayIntervals } from '../../../../src/domain/directory/directory.types';
import { WEEKDAYS } from '../../../../src/domain/directory/directory.types';
import { HOUR, WORKWEEK, at, calendar, holiday, weekly } from './calendar-fixtures';

const berlin = IANAZone.create('Europe/Berlin');
const wall = (iso: string): number => Date.parse(`${iso}Z`);

describe('wall times in a DST zone (Europe/Berlin, 2026)', () => {
  it('maps a skipped wall time to the instant clocks jump', () => {
    // 29 March: 02:00 CET becomes 03:00 CEST (01:00Z).
    expect(firstInstantAtWallTime(berlin, wall('2026-03-29T02:30'))).toBe(Date.parse('2026-03-29T01:00Z'));
    expect(firstInstantAtWallTime(berlin, wall('2026-03-29T03:00'))).toBe(Date.parse('2026-03-29T01:00Z'));
  });

  it('maps a repeated wall time to its first occurrence', () => {
    // 25 October: 03:00 CEST becomes 02:00 CET, so 02:30 happens at 00:30Z and 01:30Z.
    expect(firstInstantAtWallTime(berlin, wall('2026-10-25T02:30'))).toBe(Date.parse('2026-10-25T00:30Z'));
    expect(firstInstantAtWallTime(berlin, wall('2026-10-25T03:00'))).toBe(Date.parse('2026-10-25T02:00Z'));
  });

  it('finds the local date of an instant', () => {
    expect(localDayOf(Date.parse('2026-03-28T23:00Z'), berlin) * DAY_MS).toBe(wall('2026-03-29T00:00'));
    expect(localDayOf(Date.parse('2026-03-28T22:59:59.999Z'), berlin) * DAY_MS).toBe(wall('2026-03-28T00:00'));
  });
});

describe('Asia/Shanghai has no DST', () => {
  const dayAndNight = compileCalendar(calendar({ hours: null, holidays: [holiday('2030-01-01')] }), 'Asia/Shanghai');

  it('counts 24 h on every March and October Sunday', () => {
    for (const sunday of ['2026-03-08', '2026-03-29', '2026-10-25', '2026-11-01']) {
      expect(workingTimeBetween(at(`${sunday}T00:00+08:00`), at(`${sunday}T00:00+08:00`), dayAndNight)).toBe(0);
      const next = new Date(at(`${sunday}T00:00+08:00`).getTime() + DAY_MS);
      expect(workingTimeBetween(at(`${sunday}T00:00+08:00`), next, dayAndNight)).toBe(24 * HOUR);
    }
  });
});

describe('Europe/Berlin across the 2026 switches', () => {
  // A day off far away keeps the calendar off the 24×7 shortcut, so dates and windows are exercised.
  const dayAndNight = compileCalendar(calendar({ hours: null, holidays: [holiday('2030-01-01')], timezone: 'Europe/Berlin' }), 'Asia/Shanghai');
  const office = compileCalendar(calendar({ hours: weekly(WORKWEEK, '09:00-17:00'), timezone: 'Europe/Berlin' }), 'Asia/Shanghai');

  it('has a 23-hour day in March and a 25-hour day in October', () => {
    expect(workingTimeBetween(at('2026-03-29T00:00+01:00'), at('2026-03-30T00:00+02:00'), dayAndNight)).toBe(23 * HOUR);
    expect(workingTimeBetween(at('2026-10-25T00:00+02:00'), at('2026-10-26T00:00+01:00'), dayAndNight)).toBe(25 * HOUR);
    expect(addWorkingTime(at('2026-03-28T12:00+01:00'), 24 * HOUR, dayAndNight)).toEqual(at('2026-03-29T13:00+02:00'));
    expect(addWorkingTime(at('2026-10-24T12:00+02:00'), 24 * HOUR, dayAndNight)).toEqual(at('2026-10-25T11:00+01:00'));
  });

  it('keeps office hours in local time over the switch weekend', () => {
    expect(addWorkingTime(at('2026-03-27T16:00+01:00'), 2 * HOUR, office)).toEqual(at('2026-03-30T10:00+02:00'));
    expect(addWorkingTime(at('2026-10-23T16:00+02:00'), 2 * HOUR, office)).toEqual(at('2026-10-26T10:00+01:00'));
    expect(workingTimeBetween(at('2026-03-23T00:00+01:00'), at('2026-04-06T00:00+02:00'), office)).toBe(80 * HOUR);
  });

  it('counts no time for a skipped hour and twice a repeated one', () => {
    const night = compileCalendar(calendar({ hours: weekly(['sun'], '01:00-02:30', '04:00-05:00'), timezone: 'Europe/Berlin' }), 'Asia/Shanghai');
    const sundayTotal = (date: string): number =>
      workingTimeBetween(at(`${date}T00:00+01:00`), at(`${date}T12:00+01:00`), night) / HOUR;
    expect(sundayTotal('2026-03-22')).toBe(2.5);
    expect(sundayTotal('2026-03-29')).toBe(2); // 02:00–02:30 does not happen
    expect(sundayTotal('2026-10-25')).toBe(3); // 02:00–02:30 happens twice
  });
});

describe('America/New_York across the 2026 switches', () => {
  const office = compileCalendar(calendar({ hours: weekly(WORKWEEK, '09:00-17:00'), timezone: 'America/New_York' }), 'Asia/Shanghai');

  it('keeps office hours in local time', () => {
    expect(addWorkingTime(at('2026-03-06T16:00-05:00'), 2 * HOUR, office)).toEqual(at('2026-03-09T10:00-04:00'));
    expect(addWorkingTime(at('2026-10-30T16:00-04:00'), 2 * HOUR, office)).toEqual(at('2026-11-02T10:00-05:00'));
  });
});

/** Independent oracle: a minute is working when its local wall time (from luxon) falls in that date's hours. */
function oracleWorkingMinutes(cal: Calendar, zone: string, fromMs: number, minutes: number): number {
  let count = 0;
  for (let i = 0; i < minutes; i++) {
    const local = DateTime.fromMillis(fromMs + i * 60_000, { zone });
    const entry = cal.holidays.find((h) => h.date === local.toISODate());
    const hours: DayIntervals = entry && !entry.workday ? [] : (cal.hours?.[WEEKDAYS[local.weekday - 1]] ?? [[0, 1440]]);
    const minute = local.hour * 60 + local.minute;
    if (hours.some(([a, b]) => minute >= a && minute < b)) count++;
  }
  return count;
}

describe('agrees minute by minute with wall-clock reading around the switches', () => {
  const cases: Array<[string, number]> = [
    ['Europe/Berlin', Date.parse('2026-03-27T00:00Z')],
    ['Europe/Berlin', Date.parse('2026-10-23T00:00Z')],
    ['America/New_York', Date.parse('2026-03-06T00:00Z')],
    ['America/New_York', Date.parse('2026-10-30T00:00Z')],
  ];
  const hours = weekly([...WORKWEEK, 'sun'], '00:00-01:30', '02:15-02:45', '03:00-12:00', '13:30-18:00', '22:00-24:00');

  it.each(cases)('%s from %s', (zone, windowStart) => {
    const cal = calendar({ hours, timezone: zone, holidays: [holiday('2026-03-30'), holiday('2026-11-02')] });
    const compiled = compileCalendar(cal, 'Asia/Shanghai');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 * 24 * 60 }), fc.integer({ min: 0, max: 36 * 60 }), (offsetMin, lengthMin) => {
        const from = windowStart + offsetMin * 60_000;
        const expected = oracleWorkingMinutes(cal, zone, from, lengthMin) * 60_000;
        expect(workingMsBetween(from, from + lengthMin * 60_000, compiled)).toBe(expected);
        expect(isWorkingInstant(new Date(from), compiled)).toBe(oracleWorkingMinutes(cal, zone, from, 1) === 1);
      }),
      { numRuns: 15 },
    );
  });
});
