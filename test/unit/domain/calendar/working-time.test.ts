import { compileCalendar } from '../../../../src/domain/calendar/compile-calendar';
import {
  addWorkingTime,
  isWorkingInstant,
  workingTimeBetween,
} from '../../../../src/domain/calendar/working-time';
import { durationToSeconds } from '../../../../src/domain/calendar/duration';
import { HOUR, WORKWEEK, at, calendar, makeUpDay, weekly } from './calendar-fixtures';

// The seed's office hours without CN holidays: 2026-03-02 is a Monday.
const office = compileCalendar(
  calendar({ hours: weekly(WORKWEEK, '09:00-12:00', '13:30-18:00') }),
  'Asia/Shanghai',
);

describe('addWorkingTime on office hours (09:00–12:00, 13:30–18:00, Mon–Fri, Shanghai)', () => {
  it.each([
    ['skips the lunch break', '2026-03-02T11:00+08:00', 2 * HOUR, '2026-03-02T14:30+08:00'],
    ['starts after lunch when started during it', '2026-03-02T12:15+08:00', 0.5 * HOUR, '2026-03-02T14:00+08:00'],
    ['starts at opening when started before it', '2026-03-02T07:00+08:00', HOUR, '2026-03-02T10:00+08:00'],
    ['stops at the earliest instant: the end of the morning, not 13:30', '2026-03-02T11:00+08:00', HOUR, '2026-03-02T12:00+08:00'],
    ['skips the weekend', '2026-03-06T17:00+08:00', 2 * HOUR, '2026-03-09T10:00+08:00'],
    ['from a Saturday, starts on Monday', '2026-03-07T10:00+08:00', HOUR, '2026-03-09T10:00+08:00'],
    ['three working days (3 × 7.5 h) end on Wednesday evening', '2026-03-02T09:00+08:00', 3 * 7.5 * HOUR, '2026-03-04T18:00+08:00'],
    ['two weeks of working time', '2026-03-02T09:00+08:00', 10 * 7.5 * HOUR, '2026-03-13T18:00+08:00'],
    ['keeps milliseconds', '2026-03-02T09:00+08:00', 0.001, '2026-03-02T09:00:00.001+08:00'],
  ])('%s', (_name, start, seconds, expected) => {
    expect(addWorkingTime(at(start), seconds, office)).toEqual(at(expected));
  });

  it('returns the start itself for zero, even outside working hours', () => {
    const saturday = at('2026-03-07T10:00+08:00');
    expect(addWorkingTime(saturday, 0, office)).toEqual(saturday);
  });

  it('rejects a negative or non-finite duration', () => {
    expect(() => addWorkingTime(at('2026-03-02T09:00+08:00'), -1, office)).toThrow(RangeError);
    expect(() => addWorkingTime(at('2026-03-02T09:00+08:00'), Number.NaN, office)).toThrow(RangeError);
  });
});

describe('workingTimeBetween on office hours', () => {
  it.each([
    ['across lunch', '2026-03-02T11:00+08:00', '2026-03-02T14:00+08:00', 1.5 * HOUR],
    ['across a weekend', '2026-03-06T17:00+08:00', '2026-03-09T10:00+08:00', 2 * HOUR],
    ['a whole week', '2026-03-02T00:00+08:00', '2026-03-09T00:00+08:00', 5 * 7.5 * HOUR],
    ['inside a weekend', '2026-03-07T08:00+08:00', '2026-03-08T20:00+08:00', 0],
    ['b before a', '2026-03-02T14:00+08:00', '2026-03-02T11:00+08:00', 0],
    ['to the millisecond', '2026-03-02T09:00+08:00', '2026-03-02T09:00:00.250+08:00', 0.25],
  ])('%s', (_name, a, b, expected) => {
    expect(workingTimeBetween(at(a), at(b), office)).toBe(expected);
  });
});

describe('isWorkingInstant', () => {
  it.each([
    ['2026-03-02T09:00+08:00', true],
    ['2026-03-02T11:59:59.999+08:00', true],
    ['2026-03-02T12:00+08:00', false],
    ['2026-03-02T13:30+08:00', true],
    ['2026-03-07T10:00+08:00', false],
  ])('%s → %s', (instant, expected) => {
    expect(isWorkingInstant(at(instant), office)).toBe(expected);
  });
});

describe('24×7', () => {
  const always = compileCalendar(calendar({ hours: null }), 'Asia/Shanghai');

  it('adds elapsed time and measures elapsed time', () => {
    const start = at('2026-03-07T10:00+08:00');
    expect(addWorkingTime(start, 1234.567, always)).toEqual(new Date(start.getTime() + 1_234_567));
    expect(workingTimeBetween(start, at('2026-03-09T10:00+08:00'), always)).toBe(48 * HOUR);
    expect(isWorkingInstant(start, always)).toBe(true);
  });

  it('still honours explicit days off', () => {
    const withDayOff = compileCalendar(calendar({ hours: null, holidays: [{ date: '2026-03-08', name: 'x', workday: false }] }), 'Asia/Shanghai');
    expect(addWorkingTime(at('2026-03-07T12:00+08:00'), 24 * HOUR, withDayOff)).toEqual(at('2026-03-09T12:00+08:00'));
  });
});

describe('make-up working days on a calendar without CN data', () => {
  it('use their own weekday hours when that weekday has any', () => {
    const short = weekly(['tue'], '10:00-11:00');
    short.mon = [[540, 1080]];
    const cal = compileCalendar(calendar({ hours: short, holidays: [makeUpDay('2026-03-03')] }), 'Asia/Shanghai');
    expect(workingTimeBetween(at('2026-03-03T00:00+08:00'), at('2026-03-04T00:00+08:00'), cal)).toBe(HOUR);
  });

  it('otherwise use the first weekday with hours (Monday on a normal week)', () => {
    const cal = compileCalendar(
      calendar({ hours: weekly(['tue', 'wed'], '10:00-12:00'), holidays: [makeUpDay('2026-03-07')] }),
      'Asia/Shanghai',
    );
    expect(addWorkingTime(at('2026-03-06T08:00+08:00'), HOUR, cal)).toEqual(at('2026-03-07T11:00+08:00'));
  });
});

describe('calendars that cannot work', () => {
  const never = compileCalendar(calendar({ hours: weekly([]) }), 'Asia/Shanghai');

  it('measure nothing and refuse to add time', () => {
    expect(workingTimeBetween(at('2026-03-01T00:00Z'), at('2026-04-01T00:00Z'), never)).toBe(0);
    expect(() => addWorkingTime(at('2026-03-01T00:00Z'), 1, never)).toThrow(/no working hours/);
  });
});

describe('compileCalendar time zone', () => {
  it('prefers the calendar zone, then the directory zone, then Asia/Shanghai', () => {
    expect(compileCalendar(calendar({ timezone: 'Europe/Berlin' }), 'America/New_York').timezone).toBe('Europe/Berlin');
    expect(compileCalendar(calendar(), 'America/New_York').timezone).toBe('America/New_York');
    expect(compileCalendar(calendar(), '').timezone).toBe('Asia/Shanghai');
  });

  it('rejects an unknown zone, naming the calendar', () => {
    expect(() => compileCalendar(calendar({ timezone: 'Mars/Olympus' }), 'Asia/Shanghai')).toThrow(/cal-test.*Mars\/Olympus/);
  });
});

describe('durationToSeconds', () => {
  it.each([
    [90, 'seconds', 90],
    [15, 'minutes', 900],
    [4, 'hours', 14_400],
    [3, 'days', 259_200],
    [0.5, 'hours', 1_800],
  ] as const)('%s %s → %s s', (value, unit, expected) => {
    expect(durationToSeconds(value, unit)).toBe(expected);
  });

  it('rejects negative values', () => {
    expect(() => durationToSeconds(-1, 'hours')).toThrow(RangeError);
  });
});
