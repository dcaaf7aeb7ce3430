/**
 * Zod schema of a directory file, version 1 (spec/DIRECTORY-FORMAT.md): the raw document as an administrator
 * writes it. Each entry schema checks shape and value formats (strings stay strings, dates, `HH:MM-HH:MM`
 * intervals, time zones, no unknown key) and maps the entry to its domain type with the defaults applied.
 * References, duplicates, cycles and `end` before `start` are checked in `directory-checks.ts`, so that an
 * entry with such a problem still has its references checked.
 */
import { z } from 'zod';
import { IANAZone } from 'luxon';
import type {
  Calendar,
  Contract,
  DayIntervals,
  DeliveryModel,
  HolidayEntry,
  Organization,
  Person,
  Service,
  ServiceFamily,
  Sla,
  Subcategory,
  Team,
  Weekday,
} from './directory.types';
import { WEEKDAYS } from './directory.types';
import { show } from './directory-issue';

/** A non-empty string: ids, codes, names, user ids, mobiles, keywords. A number is refused (leading zeros). */
const text = () => z.string().min(1, 'must not be empty');
const optionalText = () => text().nullish();

const activeStatus = z.enum(['active', 'inactive']);
const serviceStatus = z.enum(['production', 'obsolete']);
const requestType = z.enum(['service_request', 'incident']);

export const isValidTimeZone = (name: string): boolean => IANAZone.isValidZone(name);

export const timeZoneSchema = text().superRefine((zone, ctx) => {
  if (!isValidTimeZone(zone)) ctx.addIssue({ code: 'custom', message: `unknown time zone "${zone}"` });
});

const isCalendarDate = (s: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};

/** `YYYY-MM-DD` as a string, or a Date from a YAML parser with timestamps (its UTC date). */
export const dateSchema = z
  .union([z.string(), z.date()], { error: (iss) => (iss.input === undefined ? 'is required' : `expected a date YYYY-MM-DD, got ${show(iss.input)}`) })
  .transform((value, ctx) => {
    const s = value instanceof Date ? (Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString().slice(0, 10)) : value;
    if (!isCalendarDate(s)) ctx.addIssue({ code: 'custom', message: `invalid date "${s}": expected YYYY-MM-DD` });
    return s;
  });

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
        ctx.addIssue({ code: 'custom', message: `intervals "${formatInterval(list[i - 1])}" and "${formatInterval(list[i])}" overlap` });
      }
    }
  });

const hoursSchema = z
  .strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, dayHoursSchema.nullish()])) as Record<Weekday, z.ZodOptional<z.ZodNullable<typeof dayHoursSchema>>>)
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
      if (seen.has(e.date)) ctx.addIssue({ code: 'custom', message: `date "${e.date}" is listed twice`, path: [h.positions[k], 'date'] });
      seen.add(e.date);
    });
  })
  .transform(({ cnHolidays, holidays }) => ({ cnHolidays, holidays }));

export const calendarSchema = z
  .strictObject({
    code: text(),
    name: text(),
    hours: hoursSchema.nullish(),
    holidays: holidaysSchema.nullish(),
    timezone: timeZoneSchema.nullish(),
    status: activeStatus.nullish(),
  })
  .transform(
    (c): Calendar => ({
      code: c.code,
      name: c.name,
      hours: c.hours ?? null,
      cnHolidays: c.holidays?.cnHolidays ?? false,
      holidays: c.holidays?.holidays ?? [],
      timezone: c.timezone ?? null,
      status: c.status ?? 'active',
    }),
  );

export const organizationSchema = z
  .strictObject({
    code: text(),
    name: text(),
    parent: optionalText(),
    lead: optionalText(),
    delivery_model: optionalText(),
    status: activeStatus.nullish(),
  })
  .transform(
    (o): Organization => ({
      code: o.code,
      name: o.name,
      parent: o.parent ?? null,
      lead: o.lead ?? null,
      deliveryModel: o.delivery_model ?? null,
      status: o.status ?? 'active',
    }),
  );

/** Profiles are plain strings here; known, inert and unknown profiles are told apart in the checks. */
export const personSchema = z
  .strictObject({
    id: text(),
    name: text(),
    org: text(),
    dingtalk_user_id: optionalText(),
    mobile: optionalText(),
    email: optionalText(),
    status: activeStatus.nullish(),
    profiles: z.array(text()).nullish(),
    timezone: timeZoneSchema.nullish(),
    locale: z.enum(['zh-CN', 'en']).nullish(),
  })
  .transform(
    (p): Person => ({
      id: p.id,
      name: p.name,
      org: p.org,
      dingtalkUserId: p.dingtalk_user_id ?? null,
      mobile: p.mobile ?? null,
      email: p.email ?? null,
      status: p.status ?? 'active',
      profiles: (p.profiles ?? []) as Person['profiles'],
      timezone: p.timezone ?? null,
      locale: p.locale ?? null,
    }),
  );

const teamMemberSchema = z.strictObject({ person: text(), role: z.enum(['lead', 'contact', 'member']) });

export const teamSchema = z
  .strictObject({
    code: text(),
    name: text(),
    org: text(),
    parent: optionalText(),
    status: activeStatus.nullish(),
    members: z.array(teamMemberSchema).nullish(),
  })
  .transform(
    (t): Team => ({
      code: t.code,
      name: t.name,
      org: t.org,
      parent: t.parent ?? null,
      members: (t.members ?? []).map((m) => ({ person: m.person, role: m.role })),
      status: t.status ?? 'active',
    }),
  );

export const serviceFamilySchema = z
  .strictObject({ code: text(), name: text(), status: activeStatus.nullish() })
  .transform((f): ServiceFamily => ({ code: f.code, name: f.name, status: f.status ?? 'active' }));

const subcategorySchema = z
  .strictObject({
    code: text(),
    name: text(),
    request_type: requestType,
    keywords: z.array(text()).nullish(),
    status: serviceStatus.nullish(),
  })
  .transform(
    (s): Subcategory => ({
      code: s.code,
      name: s.name,
      requestType: s.request_type,
      keywords: s.keywords ?? [],
      status: s.status ?? 'production',
    }),
  );

export const serviceSchema = z
  .strictObject({
    code: text(),
    name: text(),
    family: text(),
    provider: text(),
    team: text(),
    status: serviceStatus.nullish(),
    subcategories: z.array(subcategorySchema).nullish(),
  })
  .transform(
    (s): Service => ({
      code: s.code,
      name: s.name,
      family: s.family,
      provider: s.provider,
      team: s.team,
      status: s.status ?? 'production',
      subcategories: s.subcategories ?? [],
    }),
  );

const slaTargetSchema = z.strictObject({
  metric: z.enum(['tto', 'ttr']),
  priority: z.number().superRefine((p, ctx) => {
    if (![1, 2, 3, 4].includes(p)) ctx.addIssue({ code: 'custom', message: `priority must be 1, 2, 3 or 4, got ${p}` });
  }),
  request_type: z.enum(['service_request', 'incident', '*']),
  value: z.number().superRefine((v, ctx) => {
    if (!(v > 0) || !Number.isFinite(v)) ctx.addIssue({ code: 'custom', message: `value must be a positive number, got ${v}` });
  }),
  unit: z.enum(['seconds', 'minutes', 'hours', 'days']),
});

export const slaSchema = z
  .strictObject({
    code: text(),
    name: text(),
    calendar: text(),
    status: activeStatus.nullish(),
    targets: z.array(slaTargetSchema).nullish(),
  })
  .transform(
    (s): Sla => ({
      code: s.code,
      name: s.name,
      calendar: s.calendar,
      targets: (s.targets ?? []).map((t) => ({
        metric: t.metric,
        priority: t.priority as 1 | 2 | 3 | 4,
        requestType: t.request_type,
        value: t.value,
        unit: t.unit,
      })),
      status: s.status ?? 'active',
    }),
  );

export const contractSchema = z
  .strictObject({
    code: text(),
    customer: text(),
    provider: text(),
    services: z.array(text()),
    sla: text(),
    status: z.enum(['production', 'implementation', 'obsolete']),
    start: dateSchema,
    end: dateSchema,
  })
  .transform((c): Contract => ({ ...c, services: [...c.services] }));

export const deliveryModelSchema = z
  .strictObject({ code: text(), name: text(), status: activeStatus.nullish(), teams: z.array(text()).nullish() })
  .transform((d): DeliveryModel => ({ code: d.code, name: d.name, teams: d.teams ?? [], status: d.status ?? 'active' }));

export const versionSchema = z.literal(1);

/** Entry schemas by top-level list key, in the format's order. */
export const DIRECTORY_LISTS = {
  calendars: calendarSchema,
  organizations: organizationSchema,
  people: personSchema,
  teams: teamSchema,
  service_families: serviceFamilySchema,
  services: serviceSchema,
  slas: slaSchema,
  contracts: contractSchema,
  delivery_models: deliveryModelSchema,
} as const;
export type DirectoryListKey = keyof typeof DIRECTORY_LISTS;

export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

/** The whole document; the validator parses it entry by entry so that one bad entry hides no other problem. */
export const directoryFileSchema = z.strictObject({
  version: versionSchema,
  timezone: timeZoneSchema.nullish(),
  calendars: z.array(calendarSchema).nullish(),
  organizations: z.array(organizationSchema).nullish(),
  people: z.array(personSchema).nullish(),
  teams: z.array(teamSchema).nullish(),
  service_families: z.array(serviceFamilySchema).nullish(),
  services: z.array(serviceSchema).nullish(),
  slas: z.array(slaSchema).nullish(),
  contracts: z.array(contractSchema).nullish(),
  delivery_models: z.array(deliveryModelSchema).nullish(),
});

/** A directory file as written (the serialiser's output type). */
export type DirectoryFile = z.input<typeof directoryFileSchema>;
