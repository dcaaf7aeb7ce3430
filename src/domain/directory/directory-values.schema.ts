/**
 * Zod schemas of the plain values of a directory file (docs/directory-format.md "Types"): non-empty strings
 * that refuse numbers (a leading zero would be lost), statuses, IANA time zones and `YYYY-MM-DD` dates.
 */
import { z } from 'zod';
import { IANAZone } from 'luxon';
import { show } from './directory-issue';

/** A non-empty string: ids, codes, names, user ids, mobiles, keywords. A number is refused (leading zeros). */
export const text = () => z.string().min(1, 'must not be empty');

/** An optional field of an entry: absent or null reads as `fallback` (null or a default status). */
export const orElse = <T extends z.ZodType, F extends z.output<T> | null>(schema: T, fallback: F) =>
  schema.nullish().transform((value): NonNullable<z.output<T>> | F => value ?? fallback);

/** An optional list: absent or null reads as a new empty list. */
export const listOf = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((list): Array<z.output<T>> => list ?? []);

type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
export type CamelKeys<T> = { [K in keyof T as K extends string ? CamelCase<K> : K]: T[K] };

/** An entry as written (`delivery_model`) → its domain type's keys (`deliveryModel`), in the same order. */
export const camelKeys = <T extends object>(entry: T): CamelKeys<T> =>
  Object.fromEntries(
    Object.entries(entry).map(([key, value]) => [key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), value]),
  ) as CamelKeys<T>;

export const activeStatus = z.enum(['active', 'inactive']);
export const serviceStatus = z.enum(['production', 'obsolete']);
export const requestType = z.enum(['service_request', 'incident']);

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
  .union([z.string(), z.date()], {
    error: (iss) => (iss.input === undefined ? 'is required' : `expected a date YYYY-MM-DD, got ${show(iss.input)}`),
  })
  .transform((value, ctx) => {
    const s = value instanceof Date ? (Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString().slice(0, 10)) : value;
    if (!isCalendarDate(s)) ctx.addIssue({ code: 'custom', message: `invalid date "${s}": expected YYYY-MM-DD` });
    return s;
  });
