/**
 * Zod schema of a calendar entry (docs/directory-format.md "Calendars"): `HH:MM-HH:MM` working hours per
 * weekday turned into minutes (`24:00` allowed as an end; no overlap), and holidays as `cn`, entries, or both.
 */
import { z } from 'zod';
import type { Calendar, DayIntervals, HolidayEntry, Weekday } from './directory.types';
import { WEEKDAYS } from './directory.types';
import { show } from './directory-issue';
import { activeStatus, dateSchema, orElse, text, timeZoneSchema } from './directory-values.schema';

const INTERVAL = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;
const minutes = (h: string, m: string): number | null => {
  const hh = Number(h);
  const mm = Number(m);
  return mm > 59 || hh > 24 || (hh === 24 && mm !== 0) ? null : hh * 60 + mm;
};

/** `"09:00-12:00"` → `[540, 720]`; `24:00` only as an end; start before end. */
const intervalSchema = text().transform((s, ctx): [number, number] => {
  const m = INTERVAL.exec(s);
  const start = m ? minutes(m[1], m[2]) : null;
  const end = m ? minutes(m[3], m[4]) : null;
  if (start === null || end === null || start === 1440) {
    ctx.addIssue({ code: 'custom', message: `malformed interval "${s}": expected HH:MM-HH:MM (00:00 to 24:00)` });
  } else if (start >= end) {
    ctx.addIssue({ code: 'custom', message: `interval "${s}" does not end after it starts` });
  }
  return [start ?? 0, end ?? 0];
});

const hhmm = (t: number): string => `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
export const formatInterval = ([start, end]: readonly [number, number]): string => `${hhmm(start)}-${hhmm(end)}`;

/** One day's intervals, sorted by start; overlapping intervals are refused (touching ones are fine). */
const dayHoursSchema = z
  .array(intervalSchema)
  .transform((list): DayIntervals => [...list].sort((a, b) => a[0] - b[0]))
  .superRefine((list, ctx) => {
    for (let i = 1; i < list.length; i++) {
      if (list[i][0] < list[i - 1][1]) {
        const [a, b] = [formatInterval(list[i - 1]), formatInterval(list[i])];
        ctx.addIssue({ code: 'custom', message: `intervals "${a}" and "${b}" overlap` });
      }
    }
  });

const hoursSchema = z
  .strictObject(
    Object.fromEntries(WEEKDAYS.map((d) => [d, dayHoursSchema.nullish()])) as Record<
      Weekday,
      z.ZodOptional<z.ZodNullable<typeof dayHoursSchema>>
    >,
  )
  .transform((h) => Object.fromEntries(WEEKDAYS.map((d) => [d, h[d] ?? []])) as Record<Weekday, DayIntervals>)
  .superRefine((h, ctx) => {
    if (WEEKDAYS.every((d) => h[d].length === 0)) {
      ctx.addIssue({ code: 'custom', message: 'no working time on any day: give some intervals, or leave hours out for 24×7' });
    }
  });

const holidayEntrySchema = z
  .strictObject({ date: dateSchema, name: text(), workday: z.boolean().nullish() })
  .transform((e): HolidayEntry => ({ date: e.date, name: e.name, workday: e.workday ?? false }));

const holidayItemSchema = z.union([z.literal('cn'), holidayEntrySchema], {
  error: (iss) => `expected cn or an entry {date, name, workday?}, got ${show(iss.input)}`,
});

/** `cn`, a list of entries, or both: `[cn, {date, name, workday?}]`. A date may appear once. */
const holidaysSchema = z
  .union([z.literal('cn'), z.array(holidayItemSchema)], {
    error: (iss) => `expected cn or a list of cn and {date, name, workday?} entries, got ${show(iss.input)}`,
  })
  .transform((h) => {
    const items = h === 'cn' ? ['cn' as const] : h;
    return {
      cnHolidays: items.includes('cn'),
      holidays: items.filter((i): i is HolidayEntry => i !== 'cn'),
      positions: items.map((i, n) => (i === 'cn' ? -1 : n)).filter((n) => n >= 0),
    };
  })
  .superRefine((h, ctx) => {
    const seen = new Set<string>();
    h.holidays.forEach((e, k) => {
      if (seen.has(e.date)) {
        ctx.addIssue({ code: 'custom', message: `date "${e.date}" is listed twice`, path: [h.positions[k], 'date'] });
      }
      seen.add(e.date);
    });
  })
  .transform(({ cnHolidays, holidays }) => ({ cnHolidays, holidays }));

export const calendarSchema = z
  .strictObject({
    code: text(),
    name: text(),
    hours: orElse(hoursSchema, null),
    holidays: holidaysSchema.nullish(),
    timezone: orElse(timeZoneSchema, null),
    status: orElse(activeStatus, 'active'),
  })
  .transform(
    ({ code, name, hours, holidays, timezone, status }): Calendar => ({
      code,
      name,
      hours,
      cnHolidays: holidays?.cnHolidays ?? false,
      holidays: holidays?.holidays ?? [],
      timezone,
      status,
    }),
  );
