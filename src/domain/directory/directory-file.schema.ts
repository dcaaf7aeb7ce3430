/**
 * Zod schema of a directory file, version 1 (docs/directory-format.md): the raw document as an administrator
 * writes it. Each entry schema checks shape and value formats (strings stay strings, no unknown key) and maps
 * the entry to its domain type with the defaults applied. References, duplicates, cycles and `end` before
 * `start` are checked in `directory-checks.ts`, so that an entry with such a problem still has its references
 * checked.
 */
import { z } from 'zod';
import { LOCALES } from '../shared/locale';
import type {
  Contract,
  DeliveryModel,
  Organization,
  Person,
  Service,
  ServiceFamily,
  Sla,
  Subcategory,
  Team,
} from './directory.types';
import { calendarSchema } from './calendar-file.schema';
import {
  activeStatus,
  dateSchema,
  optionalText,
  requestType,
  serviceStatus,
  text,
  timeZoneSchema,
} from './directory-values.schema';

export { calendarSchema, formatInterval } from './calendar-file.schema';
export { timeZoneSchema } from './directory-values.schema';

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
    locale: z.enum(LOCALES).nullish(),
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
