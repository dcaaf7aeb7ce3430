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
  camelKeys,
  dateSchema,
  listOf,
  orElse,
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
    parent: orElse(text(), null),
    lead: orElse(text(), null),
    delivery_model: orElse(text(), null),
    status: orElse(activeStatus, 'active'),
    dingtalk_dept_id: text().optional(),
  })
  .transform(({ dingtalk_dept_id, ...o }): Organization => ({
    ...camelKeys(o),
    ...(dingtalk_dept_id === undefined ? {} : { dingtalkDeptId: dingtalk_dept_id }),
  }));

/** Profiles are plain strings here; known, inert and unknown profiles are told apart in the checks. */
export const personSchema = z
  .strictObject({
    id: text(),
    name: text(),
    org: text(),
    dingtalk_user_id: orElse(text(), null),
    mobile: orElse(text(), null),
    email: orElse(text(), null),
    status: orElse(activeStatus, 'active'),
    profiles: listOf(text()),
    timezone: orElse(timeZoneSchema, null),
    locale: orElse(z.enum(LOCALES), null),
  })
  .transform((p): Person => ({ ...camelKeys(p), profiles: p.profiles as Person['profiles'] }));

const teamMemberSchema = z.strictObject({ person: text(), role: z.enum(['lead', 'contact', 'member']) });

export const teamSchema = z
  .strictObject({
    code: text(),
    name: text(),
    org: text(),
    parent: orElse(text(), null),
    status: orElse(activeStatus, 'active'),
    members: listOf(teamMemberSchema),
  })
  .transform(({ status, ...t }): Team => ({ ...t, status })); // status last, as the domain type has it

export const serviceFamilySchema = z
  .strictObject({ code: text(), name: text(), status: orElse(activeStatus, 'active') })
  .transform((f): ServiceFamily => camelKeys(f));

const subcategorySchema = z
  .strictObject({
    code: text(),
    name: text(),
    request_type: requestType,
    keywords: listOf(text()),
    status: orElse(serviceStatus, 'production'),
  })
  .transform((s): Subcategory => camelKeys(s));

export const serviceSchema = z
  .strictObject({
    code: text(),
    name: text(),
    family: text(),
    provider: text(),
    team: text(),
    status: orElse(serviceStatus, 'production'),
    subcategories: listOf(subcategorySchema),
  })
  .transform((s): Service => camelKeys(s));

const slaTargetSchema = z.strictObject({
  metric: z.enum(['tto', 'ttr']),
  priority: z.number().superRefine((p, ctx) => {
    if (![1, 2, 3, 4].includes(p)) ctx.addIssue({ code: 'custom', message: `priority must be 1, 2, 3 or 4, got ${p}` });
  }),
  request_type: z.enum(['service_request', 'incident', 'problem', '*']),
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
    status: orElse(activeStatus, 'active'),
    targets: listOf(slaTargetSchema),
  })
  .transform(
    ({ status, ...s }): Sla => ({
      ...s,
      targets: s.targets.map((t) => ({ ...camelKeys(t), priority: t.priority as 1 | 2 | 3 | 4 })),
      status,
    }),
  );

/** `customer: CODE`, or `{org: CODE, include_descendants: true}` for the org and every descendant. */
const contractCustomerSchema = z.union([
  text(),
  z.strictObject({ org: text(), include_descendants: z.boolean().optional() }),
]);

export const contractSchema = z
  .strictObject({
    code: text(),
    customer: contractCustomerSchema,
    provider: text(),
    services: z.array(text()),
    sla: text(),
    status: z.enum(['production', 'implementation', 'obsolete']),
    start: dateSchema,
    end: dateSchema,
  })
  .transform(({ customer, ...c }): Contract => {
    const org = typeof customer === 'string' ? customer : customer.org;
    const tree = typeof customer !== 'string' && customer.include_descendants === true;
    return { ...c, customer: org, services: [...c.services], ...(tree ? { includeDescendants: true as const } : {}) };
  });

export const deliveryModelSchema = z
  .strictObject({ code: text(), name: text(), status: orElse(activeStatus, 'active'), teams: listOf(text()) })
  .transform(({ status, ...d }): DeliveryModel => ({ ...d, status }));

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
