/** Builders for calendar tests: directory calendars from readable `HH:MM-HH:MM` hours, instants from ISO text. */
import type { Calendar, DayIntervals, HolidayEntry, Weekday } from '../../../../src/domain/directory/directory.types';
import { WEEKDAYS } from '../../../../src/domain/directory/directory.types';

/** `"09:00-12:00"` → `[540, 720]`. */
export function interval(text: string): [number, number] {
  const [from, to] = text.split('-').map((hm) => {
    const [h, m] = hm.split(':').map(Number);
    return h * 60 + m;
  });
  return [from, to];
}

/** Weekly hours: the same intervals on each listed weekday, none on the others. */
export function weekly(days: readonly Weekday[], ...intervals: string[]): Record<Weekday, DayIntervals> {
  const hours = {} as Record<Weekday, DayIntervals>;
  for (const d of WEEKDAYS) hours[d] = days.includes(d) ? intervals.map(interval) : [];
  return hours;
}

export const WORKWEEK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

export function calendar(overrides: Partial<Calendar> = {}): Calendar {
  return {
    code: 'cal-test',
    name: 'Test calendar',
    hours: null,
    cnHolidays: false,
    holidays: [],
    timezone: null,
    status: 'active',
    ...overrides,
  };
}

/** The seed's office: 09:00–12:00 and 13:30–18:00, Monday to Friday, Shanghai, CN holidays. */
export function officeCalendar(overrides: Partial<Calendar> = {}): Calendar {
  return calendar({ hours: weekly(WORKWEEK, '09:00-12:00', '13:30-18:00'), cnHolidays: true, ...overrides });
}

export const holiday = (date: string, name = 'test'): HolidayEntry => ({ date, name, workday: false });
export const makeUpDay = (date: string, name = 'test'): HolidayEntry => ({ date, name, workday: true });

/** An instant from ISO text with an explicit offset, e.g. `2026-09-30T17:00+08:00`. */
export const at = (iso: string): Date => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`bad test instant ${iso}`);
  return d;
};

export const HOUR = 3_600;
