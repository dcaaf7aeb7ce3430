/**
 * `DirectoryData` → a plain object in the directory file format (docs/directory-format.md): keys in the format's
 * order, optional fields left out when null or at their default, so that exporting and importing again gives
 * back exactly the same `DirectoryData`. Pure; the YAML text is written by the adapter.
 */
import type { DirectoryFile, DirectoryListKey } from './directory-file.schema';
import { formatInterval } from './directory-file.schema';
import type { Calendar, DirectoryData, Service, Sla } from './directory.types';
import { WEEKDAYS } from './directory.types';

/** One entry of a top-level list, as written in the file. */
type FileEntry<K extends DirectoryListKey> = NonNullable<DirectoryFile[K]>[number];

/** Drops keys whose value is undefined, so that an absent optional field is absent from the output. */
const compact = <T extends object>(entry: T): T =>
  Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as T;

const unless = <T>(value: T, fallback: T | null): T | undefined => (value === fallback || value === null ? undefined : value);

const calendarEntry = (c: Calendar): FileEntry<'calendars'> => {
  const week = c.hours;
  // a day without hours is left out (absent means no working time that day)
  const days = week === null ? [] : WEEKDAYS.filter((d) => week[d].length > 0);
  const hours = week === null ? undefined : Object.fromEntries(days.map((d) => [d, week[d].map(formatInterval)]));
  const entries = c.holidays.map((h) => compact({ date: h.date, name: h.name, workday: h.workday ? true : undefined }));
  // `holidays: cn`, `[cn, {…}]`, `[{…}]`, or nothing
  const cn = c.cnHolidays ? ['cn' as const] : [];
  const holidays = entries.length === 0 ? (c.cnHolidays ? ('cn' as const) : undefined) : [...cn, ...entries];
  const timezone = unless(c.timezone, null);
  return compact({ code: c.code, name: c.name, hours, holidays, timezone, status: unless(c.status, 'active') });
};

const serviceEntry = (s: Service): FileEntry<'services'> =>
  compact({
    code: s.code,
    name: s.name,
    family: s.family,
    provider: s.provider,
    team: s.team,
    status: unless(s.status, 'production'),
    subcategories: s.subcategories.map((sub) =>
      compact({
        code: sub.code,
        name: sub.name,
        request_type: sub.requestType,
        keywords: sub.keywords.length > 0 ? [...sub.keywords] : undefined,
        status: unless(sub.status, 'production'),
      }),
    ),
  });

const slaEntry = (s: Sla): FileEntry<'slas'> =>
  compact({
    code: s.code,
    name: s.name,
    calendar: s.calendar,
    status: unless(s.status, 'active'),
    targets: s.targets.map((t) => ({
      metric: t.metric,
      priority: t.priority,
      request_type: t.requestType,
      value: t.value,
      unit: t.unit,
    })),
  });

export function serializeDirectory(data: DirectoryData): DirectoryFile {
  return {
    version: 1,
    timezone: data.timezone,
    calendars: data.calendars.map(calendarEntry),
    organizations: data.organizations.map((o) =>
      compact({
        code: o.code,
        name: o.name,
        parent: unless(o.parent, null),
        lead: unless(o.lead, null),
        delivery_model: unless(o.deliveryModel, null),
        status: unless(o.status, 'active'),
        dingtalk_dept_id: o.dingtalkDeptId,
      }),
    ),
    people: data.people.map((p) =>
      compact({
        id: p.id,
        name: p.name,
        org: p.org,
        dingtalk_user_id: unless(p.dingtalkUserId, null),
        mobile: unless(p.mobile, null),
        email: unless(p.email, null),
        status: unless(p.status, 'active'),
        profiles: [...p.profiles],
        timezone: unless(p.timezone, null),
        locale: unless(p.locale, null),
      }),
    ),
    teams: data.teams.map((t) =>
      compact({
        code: t.code,
        name: t.name,
        org: t.org,
        parent: unless(t.parent, null),
        status: unless(t.status, 'active'),
        members: t.members.map((m) => ({ person: m.person, role: m.role })),
      }),
    ),
    service_families: data.serviceFamilies.map((f) =>
      compact({ code: f.code, name: f.name, status: unless(f.status, 'active') }),
    ),
    services: data.services.map(serviceEntry),
    slas: data.slas.map(slaEntry),
    contracts: data.contracts.map((c) => ({
      code: c.code,
      customer: c.includeDescendants ? { org: c.customer, include_descendants: true } : c.customer,
      provider: c.provider,
      services: [...c.services],
      sla: c.sla,
      status: c.status,
      start: c.start,
      end: c.end,
    })),
    delivery_models: data.deliveryModels.map((d) =>
      compact({ code: d.code, name: d.name, status: unless(d.status, 'active'), teams: [...d.teams] }),
    ),
  };
}
