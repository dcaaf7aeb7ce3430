/** fast-check generators of valid directory parts (calendars, people) for round-trip properties. */
import fc from 'fast-check';
import type { Calendar, DayIntervals, Person, Weekday } from '../../../../src/domain/directory/directory.types';
import { PROFILES, WEEKDAYS } from '../../../../src/domain/directory/directory.types';

/** Sorted, non-overlapping intervals: distinct boundaries paired in order. */
const dayIntervals: fc.Arbitrary<DayIntervals> = fc
  .uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 6 })
  .map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const pairs: DayIntervals = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) pairs.push([sorted[i], sorted[i + 1]]);
    return pairs;
  });

const hours = fc
  .record(Object.fromEntries(WEEKDAYS.map((d) => [d, dayIntervals])) as Record<Weekday, fc.Arbitrary<DayIntervals>>)
  .filter((h) => WEEKDAYS.some((d) => h[d].length > 0));

const isoDate = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** Any non-empty text, including values a YAML writer must quote ("null", "0100", "- x", " yes "). */
export const text = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }),
  fc.constantFrom('null', '~', 'true', 'no', '0100', '1e3', '- x', ' yes ', '#x', '*', 'a: b', '2026-01-01', '09:00'),
);

const zone = fc.constantFrom(null, 'Asia/Shanghai', 'Europe/Paris', 'UTC', 'America/New_York');
const status = fc.constantFrom('active' as const, 'inactive' as const);

export const calendar = (code: string): fc.Arbitrary<Calendar> =>
  fc.record({
    code: fc.constant(code),
    name: text,
    hours: fc.option(hours, { nil: null }),
    cnHolidays: fc.boolean(),
    holidays: fc.uniqueArray(fc.record({ date: isoDate, name: text, workday: fc.boolean() }), { selector: (h) => h.date, maxLength: 4 }),
    timezone: zone,
    status,
  });

/** People of the given organisations, with distinct ids and DingTalk user ids. */
export const people = (orgs: string[]): fc.Arbitrary<Person[]> =>
  fc
    .uniqueArray(
      fc.record({
        id: text,
        name: text,
        org: fc.constantFrom(...orgs),
        dingtalkUserId: fc.option(fc.stringMatching(/^0[0-9]{9}$/), { nil: null }),
        mobile: fc.option(fc.stringMatching(/^\+?[0-9]{11}$/), { nil: null }),
        email: fc.option(fc.emailAddress(), { nil: null }),
        status,
        profiles: fc.subarray([...PROFILES]),
        timezone: zone,
        locale: fc.constantFrom(null, 'zh-CN' as const, 'en' as const),
      }),
      { selector: (p) => p.id, maxLength: 5 },
    )
    .filter((list) => {
      const ids = list.map((p) => p.dingtalkUserId).filter((u) => u !== null);
      return new Set(ids).size === ids.length;
    });
