import fc from 'fast-check';
import { compileCalendar, type WorkingCalendar } from '../../../../src/domain/calendar/compile-calendar';
import {
  addWorkingMs,
  addWorkingTime,
  isWorkingInstant,
  workingMsBetween,
  workingTimeBetween,
} from '../../../../src/domain/calendar/working-time';
import { WORKWEEK, calendar, holiday, officeCalendar, weekly } from './calendar-fixtures';

const calendars: Array<[string, WorkingCalendar]> = [
  ['Shanghai office with CN holidays', compileCalendar(officeCalendar(), 'Asia/Shanghai')],
  [
    'Berlin office with a day off',
    compileCalendar(calendar({ hours: weekly(WORKWEEK, '08:00-12:00', '13:00-17:30'), holidays: [holiday('2026-12-24')] }), 'Europe/Berlin'),
  ],
  [
    'New York night shift across midnight and the switch hours',
    compileCalendar(calendar({ hours: weekly(['sun', 'mon', 'sat'], '00:00-02:30', '22:00-24:00'), timezone: 'America/New_York' }), 'Asia/Shanghai'),
  ],
  ['Berlin 24×7 with a day off', compileCalendar(calendar({ hours: null, holidays: [holiday('2026-03-29')] }), 'Europe/Berlin')],
];

const HOUR_MS = 3_600_000;
// Mid-2025 to mid-2027: two DST switches a year, the 2026 CN holidays, two new years.
const instant = fc.integer({ min: Date.parse('2025-06-01T00:00Z'), max: Date.parse('2027-06-01T00:00Z') });
const duration = fc.oneof(fc.integer({ min: 0, max: 10 * HOUR_MS }), fc.integer({ min: 0, max: 400 * HOUR_MS }));
const RUNS = { numRuns: 120 };

describe.each(calendars)('%s', (_name, cal) => {
  it('addWorkingTime is non-decreasing in the duration', () => {
    fc.assert(
      fc.property(instant, duration, duration, (s, d1, d2) => {
        const [lo, hi] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(addWorkingMs(s, lo, cal)).toBeLessThanOrEqual(addWorkingMs(s, hi, cal));
      }),
      RUNS,
    );
  });

  it('workingTimeBetween is non-decreasing in the end', () => {
    fc.assert(
      fc.property(instant, instant, instant, (a, b1, b2) => {
        const [lo, hi] = b1 <= b2 ? [b1, b2] : [b2, b1];
        expect(workingMsBetween(a, lo, cal)).toBeLessThanOrEqual(workingMsBetween(a, hi, cal));
      }),
      RUNS,
    );
  });

  it('workingTimeBetween is additive', () => {
    fc.assert(
      fc.property(instant, instant, instant, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q);
        expect(workingMsBetween(a, c, cal)).toBe(workingMsBetween(a, b, cal) + workingMsBetween(b, c, cal));
      }),
      RUNS,
    );
  });

  it('workingTimeBetween undoes addWorkingTime, which returns the earliest such instant', () => {
    fc.assert(
      fc.property(instant, duration, (s, d) => {
        const end = addWorkingTime(new Date(s), d / 1000, cal);
        expect(workingTimeBetween(new Date(s), end, cal)).toBe(d / 1000);
        if (d > 0) expect(workingMsBetween(s, end.getTime() - 1, cal)).toBe(d - 1);
      }),
      RUNS,
    );
  });

  it('addWorkingTime of the time between s and t reaches t, or the end of the last working stretch before it', () => {
    fc.assert(
      fc.property(instant, instant, (x, y) => {
        const [s, t] = x <= y ? [x, y] : [y, x];
        const reached = addWorkingMs(s, workingMsBetween(s, t, cal), cal);
        expect(reached).toBeLessThanOrEqual(t);
        expect(workingMsBetween(reached, t, cal)).toBe(0);
        if (t > s && isWorkingInstant(new Date(t - 1), cal)) expect(reached).toBe(t);
      }),
      RUNS,
    );
  });
});

describe('24×7 without days off', () => {
  const always = compileCalendar(calendar({ hours: null }), 'Europe/Berlin');

  it('is elapsed time', () => {
    fc.assert(
      fc.property(instant, instant, duration, (a, b, d) => {
        expect(addWorkingMs(a, d, always)).toBe(a + d);
        expect(workingMsBetween(a, b, always)).toBe(Math.max(0, b - a));
      }),
      RUNS,
    );
  });
});
